"""The screens through the test client: who may open what, 404 across territories, bad
input re-rendered with what was typed and nothing changed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from rete.change_requests.kinds import Target
from rete.change_requests.models import ChangeKind, ChangeRequest, ChangeStatus
from rete.directory.models import Schedule
from tests.change_requests.conftest import HOURS_FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes(net, people, propose):
    """A pending hours change of A (Aurora) and a pending phones change of B (Betulla)."""
    a = propose(
        ChangeKind.SERVICE_HOURS,
        Target(territory=net.a, service=net.services["svc-aurora"]),
        HOURS_FORM,
    )
    b = propose(
        ChangeKind.SERVICE_PHONES,
        Target(territory=net.b, service=net.services["svc-betulla"]),
        {"phones": "051 5550199"},
        by=people.referent_b,
    )
    return {"a": a, "b": b}


def detail_url(change) -> str:
    return reverse("reserved:change_request", kwargs={"pk": change.pk})


def create_url(code: str, kind: str, query: str = "") -> str:
    url = reverse("reserved:change_request_create", kwargs={"code": code, "kind": kind})
    return f"{url}?{query}" if query else url


# --- list ------------------------------------------------------------------------------


def test_a_referent_lists_her_territory_s_changes_only(as_person, changes):
    response = as_person("referent_a").get(reverse("reserved:change_requests"))

    assert response.status_code == 200
    listed = [change.pk for change in response.context["page"]]
    assert listed == [changes["a"].pk]


def test_the_department_lists_every_change_pending_first_and_filters(as_person, changes, people):
    from rete.change_requests.services import change_request_withdraw

    change_request_withdraw(change_request=changes["b"], by=people.referent_b)
    client = as_person("admin")

    everything = client.get(reverse("reserved:change_requests"))
    pending = client.get(reverse("reserved:change_requests"), {"status": "pending"})
    of_b = client.get(reverse("reserved:change_requests"), {"territory": "ATR-BE"})

    assert [c.pk for c in everything.context["page"]] == [changes["a"].pk, changes["b"].pk]
    assert [c.pk for c in pending.context["page"]] == [changes["a"].pk]
    assert [c.pk for c in of_b.context["page"]] == [changes["b"].pk]


@pytest.mark.parametrize("name", ["netop_a", "operator", "supervisor", "analyst", "committee"])
def test_other_roles_do_not_use_the_screen(as_person, changes, name):
    client = as_person(name)

    assert client.get(reverse("reserved:change_requests")).status_code == 403
    assert client.get(detail_url(changes["a"])).status_code == 403


# --- proposing ---------------------------------------------------------------------------


def test_the_choice_page_offers_the_territory_s_services(as_person, net):
    response = as_person("referent_a").get(reverse("reserved:change_request_new"))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="svc-aurora"' in content
    assert 'value="svc-betulla"' not in content


def test_the_department_does_not_propose(as_person, net):
    assert as_person("admin").get(reverse("reserved:change_request_new")).status_code == 403
    url = create_url("ATR-AL", "service_new")
    assert as_person("admin").get(url).status_code == 403


def test_the_form_is_prefilled_with_the_current_hours(as_person, net):
    response = as_person("referent_a").get(
        create_url("ATR-AL", "service_hours", "service=svc-aurora")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form["rule_0_days"].value() == ["MO", "WE", "FR"]


def test_proposing_records_the_change_and_shows_it(as_person, net):
    client = as_person("referent_a")

    response = client.post(
        create_url("ATR-AL", "service_phones", "service=svc-aurora"),
        {"phones": "080 5550100\n080 5550101", "note": "Nuovo numero dal 1° dicembre."},
    )

    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(change)
    assert change.proposed == {"phones": ["+390805550100", "+390805550101"]}
    assert change.note == "Nuovo numero dal 1° dicembre."
    page = client.get(detail_url(change))
    rows = {row.key: row for row in page.context["rows"]}
    assert rows["phones"].changed
    assert [line.text for line in rows["phones"].proposed if line.changed] == ["080 555 0101"]


def test_bad_input_keeps_what_was_typed_and_changes_nothing(as_person, net):
    response = as_person("referent_a").post(
        create_url("ATR-AL", "service_phones", "service=svc-aurora"),
        {"phones": "080 5550100\nnon lo so", "note": "da verificare"},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "non lo so" in content
    assert "da verificare" in content
    assert 'data-testid="form-errors"' in content
    assert not ChangeRequest.objects.exists()


def test_bad_hours_keep_the_rows_typed(as_person, net):
    response = as_person("referent_a").post(
        create_url("ATR-AL", "service_hours", "service=svc-aurora"),
        {"rule_0_days": ["TU"], "rule_0_opens_at": "10:00"},
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form["rule_0_days"].value() == ["TU"]
    assert form["rule_0_opens_at"].value() == "10:00"
    assert form.row_errors[0]
    assert not ChangeRequest.objects.exists()


def test_a_proposal_equal_to_the_data_is_refused(as_person, net):
    response = as_person("referent_a").post(
        create_url("ATR-AL", "service_phones", "service=svc-aurora"), {"phones": "080 5550100"}
    )

    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        create_url("ATR-BE", "service_new"),  # another territory
        create_url("ATR-AL", "service_hours", "service=svc-betulla"),  # B's service
        create_url("ATR-AL", "service_hours", "service=svc-altrove"),  # nobody's service
        create_url("ATR-AL", "service_hours"),  # no service
        create_url("ATR-AL", "member_leave", "organization=org-betulla"),  # B's member
        create_url("ATR-AL", "nothing"),  # no such kind
    ],
)
def test_it_answers_not_found_outside_the_territory(as_person, net, url):
    assert as_person("referent_a").get(url).status_code == 404


# --- reading and deciding -------------------------------------------------------------------


def test_a_referent_of_another_territory_gets_not_found(as_person, changes):
    client = as_person("referent_b")

    assert client.get(detail_url(changes["a"])).status_code == 404
    withdraw = reverse("reserved:change_request_withdraw", kwargs={"pk": changes["a"].pk})
    assert client.post(withdraw).status_code == 404
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.PENDING


def test_a_referent_cannot_decide(as_person, changes):
    client = as_person("referent_a")
    pk = changes["a"].pk

    assert (
        client.post(reverse("reserved:change_request_accept", kwargs={"pk": pk})).status_code == 403
    )
    reject = reverse("reserved:change_request_reject", kwargs={"pk": pk})
    assert client.post(reject, {"reason": "no"}).status_code == 403
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.PENDING


def test_the_department_reads_the_difference_and_accepts(as_person, changes):
    client = as_person("admin")

    page = client.get(detail_url(changes["a"]))
    assert page.status_code == 200
    assert page.context["may_decide"] and not page.context["stale"]
    response = client.post(
        reverse("reserved:change_request_accept", kwargs={"pk": changes["a"].pk}), follow=True
    )

    assert response.redirect_chain[-1][0] == detail_url(changes["a"])
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.ACCEPTED
    assert Schedule.objects.get(service__ext_id="svc-aurora").byday == "MO,TU,WE,TH,FR,SA"


def test_the_department_is_warned_and_refused_when_the_data_changed(as_person, changes):
    Schedule.objects.filter(service__ext_id="svc-aurora").update(opens_at=datetime.time(8))
    client = as_person("admin")

    page = client.get(detail_url(changes["a"]))
    assert page.context["stale"]
    assert 'data-testid="stale-warning"' in page.content.decode()
    rows = {row.key: row for row in page.context["rows"]}
    assert rows["schedules"].moved
    response = client.post(
        reverse("reserved:change_request_accept", kwargs={"pk": changes["a"].pk}), follow=True
    )

    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.PENDING
    assert Schedule.objects.get(service__ext_id="svc-aurora").opens_at == datetime.time(8)


def test_an_empty_reason_is_refused_with_a_message(as_person, changes):
    response = as_person("admin").post(
        reverse("reserved:change_request_reject", kwargs={"pk": changes["a"].pk}),
        {"reason": "   "},
    )

    assert response.status_code == 400
    assert 'data-testid="error-reason"' in response.content.decode()
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.PENDING


def test_the_department_rejects_with_a_reason(as_person, changes):
    response = as_person("admin").post(
        reverse("reserved:change_request_reject", kwargs={"pk": changes["a"].pk}),
        {"reason": "Il centro non conferma."},
    )

    assert response.status_code == 302
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.REJECTED
    page = as_person("referent_a").get(detail_url(changes["a"]))
    assert "Il centro non conferma." in page.content.decode()


def test_the_referent_withdraws_a_pending_change_and_the_department_may_not(as_person, changes):
    url = reverse("reserved:change_request_withdraw", kwargs={"pk": changes["a"].pk})

    assert as_person("admin").post(url).status_code == 403
    assert as_person("referent_a").post(url).status_code == 302
    changes["a"].refresh_from_db()
    assert changes["a"].status == ChangeStatus.WITHDRAWN
    again = as_person("referent_a").post(url, follow=True)
    assert again.status_code == 200  # told it was already decided, nothing changes


def test_decision_urls_refuse_get(as_person, changes):
    url = reverse("reserved:change_request_accept", kwargs={"pk": changes["a"].pk})
    assert as_person("admin").get(url).status_code == 405
