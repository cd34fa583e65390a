"""People of the audit viewer's tests, and a small log.

Dora works at the Department and reviews the log; Olga answers 1522 and has no access to
it; Sara leads a shift.
"""

from collections.abc import Iterator

import pytest
from django.contrib.auth.base_user import AbstractBaseUser

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.audit.models import AuditEntry
from rete.audit.services import audit_record
from tests.people import make_person


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    return make_person("dora", DEPARTMENT_ADMIN)


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    return make_person("olga", HELPLINE_OPERATOR)


@pytest.fixture
def sara(db: None) -> AbstractBaseUser:
    return make_person("sara", HELPLINE_SUPERVISOR)


@pytest.fixture
def log(olga: AbstractBaseUser, sara: AbstractBaseUser) -> list[AuditEntry]:
    """Olga reads and changes contact 41; Sara reads it and exports."""
    return [
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


@pytest.fixture(autouse=True)
def _italian() -> Iterator[None]:
    from django.utils import translation

    with translation.override("it"):
        yield
