"""Each kind of change: its form refuses bad input with a message, and its acceptance
writes exactly the proposed data (through the plain services, no HTTP)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import translation

from rete.accounts.models import AccessRequest, AccessRequestStatus, Grant
from rete.accounts.roles import ATR_REFERENT
from rete.accounts.scopes import user_scope
from rete.change_requests.kinds import Target
from rete.change_requests.models import ChangeKind
from rete.change_requests.services import change_request_accept
from rete.directory.models import Location, Organization, Phone, Schedule, Service
from rete.network.models import Protocol, Referral
from tests.change_requests.conftest import HOURS_FORM, form_for

pytestmark = pytest.mark.django_db


def accept(change_request, people):
    return change_request_accept(
        change_request=change_request, by=people.admin, scope=user_scope(people.admin)
    )


def aurora(net) -> Target:
    return Target(territory=net.a, service=net.services["svc-aurora"])


# --- 1. opening hours ------------------------------------------------------------------


def test_hours_form_reads_the_rows_as_rules(net):
    form = form_for(
        ChangeKind.SERVICE_HOURS,
        aurora(net),
        {
            **HOURS_FORM,
            "rule_3_days": ["SU"],
            "rule_3_opens_at": "20:00",
            "rule_3_closes_at": "08:00",
            "rule_3_valid_from": "2027-01-01",
        },
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["schedules"] == [
        {
            "byday": "MO,TU,WE,TH,FR,SA",
            "opens_at": "09:00",
            "closes_at": "13:00",
            "valid_from": None,
            "valid_to": None,
        },
        {
            "byday": "SU",
            "opens_at": "20:00",
            "closes_at": "08:00",
            "valid_from": "2027-01-01",
            "valid_to": None,
        },
    ]


@pytest.mark.parametrize(
    "row",
    [
        {"rule_0_days": ["MO"], "rule_0_opens_at": "09:00"},  # no closing time
        {"rule_0_opens_at": "09:00", "rule_0_closes_at": "13:00"},  # no day
        {"rule_0_days": ["MO"], "rule_0_opens_at": "9 in the morning", "rule_0_closes_at": "13:00"},
        {
            "rule_0_days": ["MO"],
            "rule_0_opens_at": "09:00",
            "rule_0_closes_at": "13:00",
            "rule_0_valid_from": "2027-02-01",
            "rule_0_valid_to": "2027-01-01",
        },
        {"rule_0_days": ["XX"], "rule_0_opens_at": "09:00", "rule_0_closes_at": "13:00"},
    ],
)
def test_hours_form_refuses_an_incomplete_or_wrong_row(net, row):
    form = form_for(ChangeKind.SERVICE_HOURS, aurora(net), row)

    assert not form.is_valid()
    assert form.non_field_errors()


def test_hours_form_refuses_no_opening_at_all(net):
    form = form_for(ChangeKind.SERVICE_HOURS, aurora(net), {})

    with translation.override("en"):
        assert not form.is_valid()
        assert "at least one weekly opening" in " ".join(form.non_field_errors())


def test_hours_form_is_prefilled_with_the_service_s_hours(net):
    from rete.change_requests.kinds import KINDS

    spec = KINDS[ChangeKind.SERVICE_HOURS]
    form = spec.form_class(initial=spec.initial(spec.current(aurora(net))), target=aurora(net))

    assert form["rule_0_days"].value() == ["MO", "WE", "FR"]
    assert form["rule_0_opens_at"].value() == "09:00"
    assert form["rule_1_days"].value() in (None, [])


def test_hours_apply_replaces_the_weekly_schedule(net, people, propose):
    change = propose(ChangeKind.SERVICE_HOURS, aurora(net), HOURS_FORM)

    accept(change, people)

    rules = list(
        Schedule.objects.filter(service__ext_id="svc-aurora").values_list(
            "byday", "opens_at", "closes_at"
        )
    )
    assert rules == [("MO,TU,WE,TH,FR,SA", datetime.time(9), datetime.time(13))]


# --- 2. phones ---------------------------------------------------------------------------


def test_phones_form_normalises_each_number(net):
    form = form_for(
        ChangeKind.SERVICE_PHONES,
        aurora(net),
        {"phones": "080 574 1461\n\n +39 080 5550101 "},
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phones"] == ["+390805741461", "+390805550101"]


@pytest.mark.parametrize("text", ["", "12", "080 574 1461\n0805741461", "chiamare"])
def test_phones_form_refuses_bad_numbers(net, text):
    form = form_for(ChangeKind.SERVICE_PHONES, aurora(net), {"phones": text})

    assert not form.is_valid()
    assert form.errors["phones"]


def test_phones_apply_writes_the_numbers_in_order(net, people, propose):
    change = propose(
        ChangeKind.SERVICE_PHONES, aurora(net), {"phones": "080 574 1461\n080 5550101"}
    )

    accept(change, people)

    assert list(
        Phone.objects.filter(service__ext_id="svc-aurora").values_list("number", flat=True)
    ) == ["+390805741461", "+390805550101"]


# --- 3. a new service ----------------------------------------------------------------------

NEW_SERVICE = {
    "organization": "org-aurora",
    "name": "Sportello Aurora Altamura",
    "kind": "counselling",
    "address": "Via Roma 1, Altamura",
    "comune": "072004",  # Altamura, province of Bari
    "phones": "080 3140000",
    **HOURS_FORM,
    "chain": "on",
}


def test_new_service_form_refuses_a_comune_outside_the_territory(net):
    form = form_for(
        ChangeKind.SERVICE_NEW, Target(territory=net.a), {**NEW_SERVICE, "comune": "037006"}
    )

    assert not form.is_valid()
    assert form.errors["comune"]


def test_new_service_form_wants_a_shelter_confidential(net):
    form = form_for(
        ChangeKind.SERVICE_NEW, Target(territory=net.a), {**NEW_SERVICE, "kind": "shelter"}
    )

    assert not form.is_valid()
    assert form.errors["confidential"]


def test_new_service_apply_makes_the_service_and_appends_it_to_the_chain(net, people, propose):
    change = propose(ChangeKind.SERVICE_NEW, Target(territory=net.a), NEW_SERVICE)

    change = accept(change, people)

    service = Service.objects.get(ext_id="svc-sportello-aurora-altamura")
    assert change.service == service
    assert change.outcome == {"service": service.ext_id, "chain_priority": 2}
    assert service.organization.ext_id == "org-aurora"
    assert Location.objects.get(service=service).comune_id == "072004"
    assert list(service.phones.values_list("number", flat=True)) == ["+390803140000"]
    assert service.schedules.get().byday == "MO,TU,WE,TH,FR,SA"
    assert list(service.area_provinces.values_list("sigla", flat=True)) == ["BA"]
    assert list(
        Referral.objects.filter(territory=net.a).values_list("service__ext_id", "priority")
    ) == [("svc-aurora", 1), (service.ext_id, 2)]


# --- 4. a member joining ---------------------------------------------------------------------

NEW_MEMBER = {
    "name": "Associazione GIRAFFA Onlus",
    "kind": "association",
    "tax_id": "01429080425",
    "email": "info@giraffa.example.org",
    "website": "giraffa.example.org",
}


@pytest.mark.parametrize("tax_id", ["01429080426", "ABC"])
def test_member_join_form_refuses_a_wrong_fiscal_code(net, tax_id):
    form = form_for(
        ChangeKind.MEMBER_JOIN, Target(territory=net.a), {**NEW_MEMBER, "tax_id": tax_id}
    )

    assert not form.is_valid()
    assert form.errors["tax_id"]


def test_member_join_form_refuses_a_code_already_in_the_directory(net):
    Organization.objects.filter(ext_id="org-betulla").update(tax_id="01429080425")

    form = form_for(ChangeKind.MEMBER_JOIN, Target(territory=net.a), NEW_MEMBER)

    assert not form.is_valid()
    assert "Associazione Betulla" in form.errors["tax_id"][0]


def test_member_join_form_refuses_a_territory_without_protocol_in_force(net):
    Protocol.objects.filter(territory=net.a).update(status="terminated")

    form = form_for(ChangeKind.MEMBER_JOIN, Target(territory=net.a), NEW_MEMBER)

    assert not form.is_valid()
    assert "no protocol in force" in " ".join(form.non_field_errors())


def test_member_join_apply_makes_the_organisation_a_party(net, people, propose):
    change = propose(ChangeKind.MEMBER_JOIN, Target(territory=net.a), NEW_MEMBER)

    change = accept(change, people)

    member = Organization.objects.get(tax_id="01429080425")
    assert change.organization == member
    assert member.website == "https://giraffa.example.org"
    assert Protocol.objects.get(territory=net.a).parties.filter(pk=member.pk).exists()


# --- 5. a member leaving -----------------------------------------------------------------------


def test_member_leave_apply_removes_party_and_chain_and_keeps_the_services(net, people, propose):
    aurora_org = Organization.objects.get(ext_id="org-aurora")
    change = propose(ChangeKind.MEMBER_LEAVE, Target(territory=net.a, organization=aurora_org), {})
    assert change.before == {
        "party": True,
        "chain": [{"service": "svc-aurora", "name": "CAV Aurora"}],
    }

    change = accept(change, people)

    assert not Protocol.objects.get(territory=net.a).parties.filter(pk=aurora_org.pk).exists()
    assert not Referral.objects.filter(territory=net.a).exists()
    assert Service.objects.filter(ext_id="svc-aurora").exists()
    assert change.outcome["chain_removed"] == ["svc-aurora"]


# --- 6. a new referent --------------------------------------------------------------------------

NEW_REFERENT = {
    "full_name": "Carla Conte",
    "email": "carla.conte@example.org",
    "organization": "org-aurora",
}


def test_referent_form_refuses_a_person_already_referent(net, people):
    form = form_for(
        ChangeKind.REFERENT_NEW,
        Target(territory=net.a),
        {**NEW_REFERENT, "email": "REFERENT_A@example.org"},
    )

    assert not form.is_valid()
    assert form.errors["email"]


def test_referent_apply_gives_an_account_and_the_role_through_an_approved_request(
    net, people, propose, django_capture_on_commit_callbacks
):
    change = propose(ChangeKind.REFERENT_NEW, Target(territory=net.a), NEW_REFERENT)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change = accept(change, people)

    access_request = AccessRequest.objects.get(email="carla.conte@example.org")
    assert access_request.status == AccessRequestStatus.APPROVED
    assert access_request.reviewed_by == people.admin
    grant = Grant.objects.get(user=access_request.account, role=ATR_REFERENT)
    assert grant.territory == net.a
    assert change.outcome == {"access_request": access_request.pk, "user_id": grant.user_id}
    sent = [message for message in mail.outbox if message.to == ["carla.conte@example.org"]]
    assert len(sent) == 1
    assert "/accesso/" in sent[0].body  # the link to choose a password


def test_referent_apply_adds_the_role_to_an_existing_account(net, people, propose):
    change = propose(
        ChangeKind.REFERENT_NEW,
        Target(territory=net.a),
        {**NEW_REFERENT, "email": "netop_a@example.org"},
    )

    accept(change, people)

    assert Grant.objects.filter(
        user=people.netop_a, role=ATR_REFERENT, territory=net.a, revoked_at__isnull=True
    ).exists()
