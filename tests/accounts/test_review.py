"""The daily review of accounts (`rete accounts-review`): a re-confirmation overdue beyond
the grace period deactivates the account; an organisation that leaves the network takes
with it the access given through it — at once when its protocol changes, or at the next
review."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rete.accounts.models import Account, DeactivationReason, Grant, UserSession
from rete.accounts.review import (
    ORGANIZATION_LEFT_REASON,
    account_deactivate,
    account_reactivate,
    accounts_review,
)
from rete.accounts.roles import ATR_REFERENT, HELPLINE_OPERATOR, NETWORK_OPERATOR
from rete.accounts.services import grant_create
from rete.audit.models import AuditEntry
from rete.directory.models import Organization
from rete.network.models import Protocol, ProtocolStatus, Territory
from tests.people import make_person

pytestmark = pytest.mark.django_db

RESERVED = "/area-riservata/"
TODAY = datetime.date.today()


def organization(ext_id: str, name: str) -> Organization:
    return Organization.objects.create(ext_id=ext_id, name=name, kind="association")


@pytest.fixture
def bari() -> Territory:
    return Territory.objects.create(code="ATR-BA", name="Provincia di Bari")


@pytest.fixture
def giraffa() -> Organization:
    return organization("org-giraffa", "Associazione GIRAFFA Onlus")


@pytest.fixture
def protocol(bari, giraffa) -> Protocol:
    """Bari's protocol in force, GIRAFFA one of its parties."""
    created = Protocol.objects.create(
        territory=bari,
        valid_from=TODAY - datetime.timedelta(days=400),
        valid_to=TODAY + datetime.timedelta(days=400),
        status=ProtocolStatus.ACTIVE,
    )
    created.parties.add(giraffa)
    return created


@pytest.fixture
def nadia(bari, giraffa):
    """Nadia works for GIRAFFA, as its operator in Bari."""
    user = make_person("nadia", NETWORK_OPERATOR, territory=bari, organization=giraffa)
    Account.objects.filter(user=user).update(organization=giraffa)
    return user


def reconfirmed_days_ago(user, days: int) -> None:
    Account.objects.filter(user=user).update(
        reconfirmed_at=timezone.now() - datetime.timedelta(days=days)
    )


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    assert browser.get("/accesso/il-mio-account/").status_code == 200
    return browser


def account_of(user) -> Account:
    return Account.objects.select_related("user").get(user=user)


# --- (a) the yearly re-confirmation ---------------------------------------------------------


def test_it_deactivates_an_account_overdue_beyond_the_grace(settings, nadia):
    settings.ACCOUNTS_RECONFIRM_DAYS = 365
    settings.ACCOUNTS_RECONFIRM_GRACE_DAYS = 30
    reconfirmed_days_ago(nadia, 396)
    browser = signed_in(nadia)

    result = accounts_review()

    assert result.counts["deactivated_not_reconfirmed"] == 1
    account = account_of(nadia)
    assert account.deactivated_at is not None
    assert account.deactivation_reason == DeactivationReason.NOT_RECONFIRMED
    assert account.user.is_active is False
    entry = AuditEntry.objects.get(action="account.deactivate")
    assert entry.actor_id is None
    assert entry.details == {"user_id": nadia.pk, "reason": "not_reconfirmed"}
    # Signed out at once, wherever she was signed in.
    assert browser.get(RESERVED).status_code == 302
    assert not UserSession.objects.filter(user=nadia, ended_at__isnull=True).exists()


def test_it_leaves_an_account_within_the_grace(settings, nadia):
    settings.ACCOUNTS_RECONFIRM_DAYS = 365
    settings.ACCOUNTS_RECONFIRM_GRACE_DAYS = 30
    reconfirmed_days_ago(nadia, 394)
    assert accounts_review().counts["deactivated_not_reconfirmed"] == 0
    assert account_of(nadia).deactivated_at is None


def test_a_second_review_changes_nothing(settings, nadia):
    reconfirmed_days_ago(nadia, 500)
    accounts_review()
    entries = AuditEntry.objects.count()
    assert accounts_review().counts == {
        "deactivated_not_reconfirmed": 0,
        "organizations_left": 0,
        "grants_revoked": 0,
        "deactivated_organization_left": 0,
    }
    assert AuditEntry.objects.count() == entries


# --- (b) organisations that leave the network ----------------------------------------------


def test_it_revokes_the_grants_of_an_organisation_that_left(protocol, nadia):
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)
    browser = signed_in(nadia)

    result = accounts_review()

    assert result.counts["organizations_left"] == 1
    assert result.counts["grants_revoked"] == 1
    assert result.counts["deactivated_organization_left"] == 1
    grant = Grant.objects.get(user=nadia)
    assert grant.revoked_at is not None
    assert grant.revocation_reason == ORGANIZATION_LEFT_REASON
    account = account_of(nadia)
    assert account.deactivation_reason == DeactivationReason.ORGANIZATION_LEFT
    assert account.user.is_active is False
    assert AuditEntry.objects.filter(action="grant.revoke", actor__isnull=True).count() == 1
    assert browser.get(RESERVED).status_code == 302


def test_it_counts_a_protocol_ended_by_its_date(protocol, nadia):
    Protocol.objects.filter(pk=protocol.pk).update(valid_to=TODAY - datetime.timedelta(days=1))
    accounts_review()
    assert account_of(nadia).deactivated_at is not None


def test_it_keeps_an_account_with_another_grant(protocol, nadia, bari):
    grant_create(user=nadia, role=ATR_REFERENT, territory=bari)
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)

    result = accounts_review()

    assert result.counts["grants_revoked"] == 1
    assert result.counts["deactivated_organization_left"] == 0
    assert account_of(nadia).deactivated_at is None
    assert list(
        Grant.objects.filter(user=nadia, revoked_at__isnull=True).values_list("role", flat=True)
    ) == [ATR_REFERENT]


def test_it_keeps_an_organisation_still_party_of_a_protocol_in_force(protocol, nadia, giraffa):
    taranto = Territory.objects.create(code="ATR-TA", name="Provincia di Taranto")
    other = Protocol.objects.create(
        territory=taranto,
        valid_from=TODAY - datetime.timedelta(days=10),
        valid_to=None,
        status=ProtocolStatus.ACTIVE,
    )
    other.parties.add(giraffa)
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)
    assert accounts_review().counts["organizations_left"] == 0
    assert account_of(nadia).deactivated_at is None


def test_it_leaves_alone_an_organisation_never_party_of_a_protocol(nadia):
    # Many members take part through their services, never as signatories of a protocol.
    assert accounts_review().counts["organizations_left"] == 0
    assert account_of(nadia).deactivated_at is None
    assert Grant.objects.get(user=nadia).revoked_at is None


def test_it_leaves_alone_the_people_of_other_organisations(protocol, nadia):
    olga = make_person("olga", HELPLINE_OPERATOR)
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)
    accounts_review()
    assert account_of(olga).deactivated_at is None
    assert Grant.objects.get(user=olga).revoked_at is None


def test_terminating_the_protocol_ends_the_access_at_once(
    protocol, nadia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        protocol.status = ProtocolStatus.TERMINATED
        protocol.save()
    assert account_of(nadia).deactivation_reason == DeactivationReason.ORGANIZATION_LEFT


def test_removing_the_party_ends_the_access_at_once(
    protocol, nadia, giraffa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        protocol.parties.remove(giraffa)
    assert Grant.objects.get(user=nadia).revoked_at is not None


def test_clearing_the_parties_ends_the_access_at_once(
    protocol, nadia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        protocol.parties.clear()
    assert Grant.objects.get(user=nadia).revoked_at is not None


def test_deleting_the_protocol_ends_the_access_at_once(
    protocol, nadia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        protocol.delete()
    assert Grant.objects.get(user=nadia).revoked_at is not None


def test_leaving_from_the_organisation_side_ends_the_access_at_once(
    protocol, nadia, giraffa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        giraffa.protocols.remove(protocol)
    assert Grant.objects.get(user=nadia).revoked_at is not None


def test_a_draft_protocol_changes_nobody(bari, nadia, giraffa, django_capture_on_commit_callbacks):
    # A protocol being prepared has never been in force: joining or leaving it is no event.
    draft = Protocol.objects.create(territory=bari, valid_from=TODAY, status=ProtocolStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        draft.parties.add(giraffa)
        draft.save()
        draft.parties.remove(giraffa)
    assert Grant.objects.get(user=nadia).revoked_at is None
    assert account_of(nadia).deactivated_at is None


def test_a_change_that_keeps_the_protocol_in_force_changes_nobody(
    protocol, nadia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        protocol.title = "Protocollo rinnovato"
        protocol.save()
    assert account_of(nadia).deactivated_at is None


# --- the command ------------------------------------------------------------------------------


def test_the_command_prints_what_it_did(protocol, nadia):
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)
    out = StringIO()
    call_command("accounts-review", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.rsplit(": ", 1)[1] for line in lines] == ["0", "1", "1", "1"]
    assert account_of(nadia).deactivated_at is not None


def test_the_dry_run_changes_nothing(protocol, nadia):
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)
    entries = AuditEntry.objects.count()
    out = StringIO()

    call_command("accounts-review", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert f"{nadia.account.personal_code}" in printed
    assert [line.rsplit(": ", 1)[1] for line in printed.splitlines()[-4:]] == ["0", "1", "1", "1"]
    assert account_of(nadia).deactivated_at is None
    assert Grant.objects.get(user=nadia).revoked_at is None
    assert AuditEntry.objects.count() == entries


def test_the_dry_run_counts_an_account_once(settings, protocol, nadia):
    reconfirmed_days_ago(nadia, 500)
    Protocol.objects.filter(pk=protocol.pk).update(status=ProtocolStatus.TERMINATED)
    dry = accounts_review(dry_run=True).counts
    assert dry == accounts_review().counts
    assert dry["deactivated_not_reconfirmed"] == 1
    assert dry["deactivated_organization_left"] == 0


# --- for the reviewers --------------------------------------------------------------------


def test_a_reviewer_deactivates_and_reactivates(nadia):
    diana = make_person("diana", "department_admin")
    account = account_of(nadia)

    assert account_deactivate(
        account=account, by=diana, reason=DeactivationReason.BY_REVIEWER, ip_address="192.0.2.1"
    )
    assert not account_deactivate(account=account, by=diana, reason=DeactivationReason.BY_REVIEWER)
    assert account_of(nadia).user.is_active is False

    assert account_reactivate(account=account, by=diana, ip_address="192.0.2.1")
    account = account_of(nadia)
    assert account.deactivated_at is None
    assert account.deactivation_reason == ""
    assert account.user.is_active is True
    assert timezone.now() - account.reconfirmed_at < datetime.timedelta(minutes=1)
    entry = AuditEntry.objects.get(action="account.reactivate")
    assert entry.actor_id == diana.pk
    assert entry.details == {"user_id": nadia.pk, "previous_reason": "by_reviewer"}
    assert signed_in(nadia).get(RESERVED).status_code == 200


def test_it_refuses_an_unknown_reason(nadia):
    with pytest.raises(ValueError):
        account_deactivate(account=account_of(nadia), by=None, reason="bored")
    assert account_of(nadia).deactivated_at is None
