"""Fixtures of the audit tests: named users, a short log, and raw-SQL tampering that
gets past the model and the database trigger (as an owner of the database could)."""

from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.management import ManagementUtility
from django.db import connection, connections

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.accounts.services import user_create_with_role
from rete.audit.models import AuditEntry
from rete.audit.services import audit_record

PASSWORD = "Sirena-di-Bari-2026"
TABLE = AuditEntry._meta.db_table


def person(username: str, role: str) -> AbstractBaseUser:
    """A user with the role, made without writing to the audit log: the people are the
    setting of these tests, and the tests count entries from the first one (granting the
    role is audited, and tested, in rete.accounts)."""
    with mock.patch("rete.accounts.services.audit_record"):
        return user_create_with_role(
            username=username, email=f"{username}@example.org", password=PASSWORD, role=role
        )


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    """Olga answers 1522 and opens contact records."""
    return person("olga", HELPLINE_OPERATOR)


@pytest.fixture
def sara(db: None) -> AbstractBaseUser:
    """Sara leads a 1522 shift and reviews records."""
    return person("sara", HELPLINE_SUPERVISOR)


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    """Dora works at the Department."""
    return person("dora", DEPARTMENT_ADMIN)


@pytest.fixture
def log(olga: AbstractBaseUser, sara: AbstractBaseUser) -> list[AuditEntry]:
    """Five entries: Olga creates, reads and changes contact 41; Sara reads and exports."""
    return [
        audit_record(
            actor=olga, action="contact.create", target_type="helpline.contact", target_id=41
        ),
        audit_record(
            actor=olga, action="contact.read", target_type="helpline.contact", target_id=41
        ),
        audit_record(
            actor=olga,
            action="contact.update",
            target_type="helpline.contact",
            target_id=41,
            details={"fields": ["outcome", "classification"]},
            ip_address="10.0.0.7",
        ),
        audit_record(
            actor=sara, action="contact.read", target_type="helpline.contact", target_id=41
        ),
        audit_record(
            actor=sara,
            action="contact.export",
            target_type="helpline.contact",
            target_id="query",
            details={"rows": 1, "format": "csv"},
        ),
    ]


@pytest.fixture
def raw_sql(db: None) -> Iterator[Callable[..., int]]:
    """Run raw SQL with the append-only trigger out of the way; return the rows touched.

    The trigger is dropped inside the test's transaction, which is rolled back at the
    end of the test, trigger included (DDL is transactional on both databases).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_auditentry_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_auditentry_append_only")

    def run(sql: str, params: list | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])
            return cursor.rowcount

    yield run


def rete(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    """Run `rete ARGV...` as the console script does; return its exit code."""
    # A command run from the command line closes the database connections at its end,
    # which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    try:
        ManagementUtility(["rete", *argv, "--skip-checks"]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read messages as written in the source (English); the Italian
    catalogue is exercised where the interface shows it."""
    from django.utils import translation

    with translation.override("en"):
        yield
