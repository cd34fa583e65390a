"""Every kind's form page opens prefilled for the referent, and every kind's request shows
the Department its proposed values side by side, before and after the decision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rete.change_requests.kinds import Target
from rete.change_requests.models import ChangeKind
from rete.directory.models import Organization
from tests.change_requests.test_kinds import NEW_MEMBER, NEW_REFERENT, NEW_SERVICE

pytestmark = pytest.mark.django_db

FORMS = [
    ("service_hours", "service=svc-aurora"),
    ("service_phones", "service=svc-aurora"),
    ("service_new", ""),
    ("member_join", ""),
    ("member_leave", "organization=org-aurora"),
    ("referent_new", ""),
]


@pytest.mark.parametrize(("kind", "query"), FORMS)
def test_every_kind_s_form_opens(as_person, net, kind, query):
    url = reverse("reserved:change_request_create", kwargs={"code": "ATR-AL", "kind": kind})

    response = as_person("referent_a").get(f"{url}?{query}")

    assert response.status_code == 200
    assert 'data-testid="change-form"' in response.content.decode()


def _target(net, kind):
    if kind == ChangeKind.MEMBER_LEAVE:
        return Target(territory=net.a, organization=Organization.objects.get(ext_id="org-aurora"))
    return Target(territory=net.a)


@pytest.mark.parametrize(
    ("kind", "data", "shown"),
    [
        (ChangeKind.SERVICE_NEW, NEW_SERVICE, "Sportello Aurora Altamura"),
        (ChangeKind.MEMBER_JOIN, NEW_MEMBER, "01429080425"),
        (ChangeKind.MEMBER_LEAVE, {}, "CAV Aurora"),
        (ChangeKind.REFERENT_NEW, NEW_REFERENT, "carla.conte@example.org"),
    ],
)
def test_every_kind_s_request_shows_the_proposal_before_and_after_the_decision(
    as_person, net, propose, kind, data, shown
):
    change = propose(kind, _target(net, kind), data)
    client = as_person("admin")
    url = reverse("reserved:change_request", kwargs={"pk": change.pk})

    pending = client.get(url)
    client.post(reverse("reserved:change_request_accept", kwargs={"pk": change.pk}))
    decided = client.get(url)

    assert pending.status_code == 200
    assert shown in pending.content.decode()
    assert any(row.changed for row in pending.context["rows"])
    change.refresh_from_db()
    assert change.status == "accepted", [str(m) for m in decided.context["messages"]]
    assert decided.status_code == 200
    assert 'data-testid="decision"' in decided.content.decode()
