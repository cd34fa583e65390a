"""Repeated wrong passwords lock the account out from that address for a while."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.audit.models import AuditEntry
from tests.accounts.test_sign_in import it, post_password
from tests.people import make_person, second_factor_device

pytestmark = pytest.mark.django_db

WRONG = "wrong-password-2026"


@pytest.fixture
def olga(db: None):
    user = make_person("olga", HELPLINE_OPERATOR)
    second_factor_device(user)
    return user


def fail_until_locked(client: Client, identifier: str = "olga"):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_password(client, identifier, WRONG).status_code == 200
    return post_password(client, identifier, WRONG)


def test_it_locks_out_after_the_failure_limit(client: Client, olga) -> None:
    response = fail_until_locked(client)

    assert response.status_code == 429
    page = response.content.decode()
    assert 'data-testid="sign-in-locked-out"' in page
    assert str(settings.AXES_COOLOFF_MINUTES) in page
    assert 'href="/accesso/password/"' in page
    assert response["Retry-After"] == str(settings.AXES_COOLOFF_MINUTES * 60)


def test_it_refuses_the_right_password_while_locked_out(client: Client, olga) -> None:
    fail_until_locked(client)

    response = post_password(client, "olga")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "rete_sign_in_pending" not in client.session


def test_every_name_of_the_account_counts_together(client: Client, olga) -> None:
    names = ["olga", olga.account.personal_code, "olga@example.org"]
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        post_password(client, names[attempt % len(names)], WRONG)

    response = post_password(client, "olga@example.org", WRONG)

    assert response.status_code == 429


def test_it_audits_the_lockout_naming_the_account_not_what_was_typed(client: Client, olga) -> None:
    fail_until_locked(client, olga.account.personal_code.lower())

    entry = AuditEntry.objects.filter(action="auth.locked_out").latest("sequence")
    assert (entry.target_type, entry.target_id) == ("auth.user", str(olga.pk))
    assert olga.account.personal_code.lower() not in str(entry.details)
    assert entry.details == {"cooloff_minutes": settings.AXES_COOLOFF_MINUTES}
    failures = AuditEntry.objects.filter(action="auth.sign_in_failed").order_by("sequence")
    assert failures.count() == settings.AXES_FAILURE_LIMIT
    assert failures.last().details == {"locked_out": True}


def test_an_unknown_name_is_locked_out_as_unknown(client: Client, db: None) -> None:
    response = fail_until_locked(client, "nobody-here")

    assert response.status_code == 429
    entry = AuditEntry.objects.get(action="auth.locked_out")
    assert (entry.target_type, entry.target_id) == ("auth.user", "unknown")
    assert "nobody-here" not in str(entry.details)


def test_the_lockout_message_is_in_italian(client: Client, olga) -> None:
    response = fail_until_locked(client)

    assert it("I forgot my password") in response.content.decode()


def test_another_account_is_not_locked_out(client: Client, olga) -> None:
    make_person("ornella", HELPLINE_OPERATOR)
    fail_until_locked(client)

    response = post_password(client, "ornella")

    assert response.status_code == 302
