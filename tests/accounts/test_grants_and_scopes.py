"""Grants bind a role to a territory or organisation; the scope read from them is what every
reserved query filters by; the role groups and the audit log follow every change."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from rete.accounts.models import Account, Grant
from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    NETWORK_OPERATOR,
    STEERING_COMMITTEE,
)
from rete.accounts.scopes import user_scope
from rete.accounts.services import grant_create, grant_revoke, personal_code_for
from rete.audit.models import AuditEntry
from rete.network.models import Territory
from tests.people import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def bari() -> Territory:
    return Territory.objects.create(code="ATR-BA", name="Provincia di Bari")


@pytest.fixture
def bologna() -> Territory:
    return Territory.objects.create(code="ATR-BO", name="Città metropolitana di Bologna")


def fresh(user):
    """The user as the next request loads it (the scope is read once per user object)."""
    return type(user).objects.get(pk=user.pk)


def test_each_person_gets_a_personal_code_that_follows_the_account_number() -> None:
    first = make_person("anna", HELPLINE_OPERATOR)
    second = make_person("bea", HELPLINE_OPERATOR)
    codes = [first.account.personal_code, second.account.personal_code]
    assert codes == [personal_code_for(first.account.pk), personal_code_for(second.account.pk)]
    assert all(code.startswith("RAV-") and len(code) == 10 for code in codes)
    assert Account.objects.filter(personal_code__in=codes).count() == 2


def test_a_referent_sees_her_territory_and_not_another(bari, bologna) -> None:
    referent = make_person("rita", ATR_REFERENT, territory=bari)
    scope = user_scope(referent)
    assert scope.has_role(ATR_REFERENT) and not scope.is_national
    assert scope.covers_territory(bari.pk)
    assert not scope.covers_territory(bologna.pk)
    assert scope.territories_for(ATR_REFERENT) == frozenset({bari.pk})


def test_a_national_role_sees_every_territory(bari, bologna) -> None:
    committee = make_person("carla", STEERING_COMMITTEE)
    scope = user_scope(committee)
    assert scope.is_national
    assert scope.covers_territory(bari.pk) and scope.covers_territory(bologna.pk)
    assert scope.territories_for() is None


def test_a_territory_role_without_territory_sees_nothing(bari) -> None:
    operator = make_person("nina", NETWORK_OPERATOR)
    scope = user_scope(operator)
    assert scope.has_role(NETWORK_OPERATOR)
    assert not scope.covers_territory(bari.pk)
    assert scope.territories_for() == frozenset()


def test_scope_is_per_role(bari, bologna) -> None:
    """A referent of Bari who is also a network operator in Bologna refers only for Bari."""
    person = make_person("gaia", ATR_REFERENT, territory=bari)
    grant_create(user=person, role=NETWORK_OPERATOR, territory=bologna)
    scope = user_scope(fresh(person))
    assert scope.covers_territory(bologna.pk)
    assert not scope.covers_territory(bologna.pk, ATR_REFERENT)
    assert scope.territories_for(ATR_REFERENT) == frozenset({bari.pk})


def test_a_national_role_cannot_be_bound_to_a_territory(bari) -> None:
    person = make_person("dora", DEPARTMENT_ADMIN)
    with pytest.raises(ValidationError) as error:
        grant_create(user=person, role=HELPLINE_OPERATOR, territory=bari)
    assert "territory" in error.value.message_dict
    assert not Grant.objects.filter(user=person, role=HELPLINE_OPERATOR).exists()


def test_an_unknown_role_is_refused_and_nothing_is_written() -> None:
    person = make_person("dora", DEPARTMENT_ADMIN)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        grant_create(user=person, role="superhero")
    assert Grant.objects.filter(user=person).count() == 1
    assert AuditEntry.objects.count() == before


def test_revoking_takes_the_role_away_at_the_next_request_and_is_audited(bari) -> None:
    dora = make_person("dora", DEPARTMENT_ADMIN)
    referent = make_person("rita", ATR_REFERENT, territory=bari)
    grant = Grant.objects.get(user=referent)
    assert Group.objects.get(name=ATR_REFERENT).user_set.filter(pk=referent.pk).exists()

    grant_revoke(grant=grant, by=dora, reason="left the job")

    referent = fresh(referent)
    assert user_scope(referent).is_empty
    assert not referent.groups.filter(name=ATR_REFERENT).exists()
    grant.refresh_from_db()
    assert grant.revoked_by == dora and grant.revocation_reason == "left the job"
    entry = AuditEntry.objects.filter(action="grant.revoke").get()
    assert entry.actor_id == dora.pk and entry.target_id == str(grant.pk)
    assert entry.details == {"user_id": referent.pk, "role": ATR_REFERENT}


def test_granting_twice_keeps_one_grant_and_one_entry(bari) -> None:
    referent = make_person("rita", ATR_REFERENT, territory=bari)
    again = grant_create(user=referent, role=ATR_REFERENT, territory=bari)
    assert Grant.objects.filter(user=referent).count() == 1
    assert again == Grant.objects.get(user=referent)
    assert AuditEntry.objects.filter(action="grant.create").count() == 1


def test_a_revoked_grant_stays_as_history_and_a_new_one_can_follow(bari) -> None:
    referent = make_person("rita", ATR_REFERENT, territory=bari)
    grant_revoke(grant=Grant.objects.get(user=referent))
    grant_create(user=referent, role=ATR_REFERENT, territory=bari)
    assert Grant.objects.filter(user=referent).count() == 2
    assert user_scope(fresh(referent)).covers_territory(bari.pk)


def test_a_deactivated_account_has_no_scope(bari) -> None:
    referent = make_person("rita", ATR_REFERENT, territory=bari)
    Account.objects.filter(user=referent).update(deactivated_at="2026-01-01T00:00:00Z")
    assert user_scope(fresh(referent)).is_empty


def test_a_superuser_counts_as_the_department() -> None:
    person = make_person("root", STEERING_COMMITTEE)
    person.is_superuser = True
    person.save()
    scope = user_scope(fresh(person))
    assert scope.has_role(DEPARTMENT_ADMIN) and scope.is_national
