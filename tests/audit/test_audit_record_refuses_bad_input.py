"""audit_record refuses a malformed entry with a clear error and writes nothing."""

import pytest
from django.contrib.auth import get_user_model

from rete.audit.models import AuditChainHead, AuditEntry
from rete.audit.services import AuditEntryInvalid, audit_record

pytestmark = pytest.mark.django_db

GOOD = {"action": "contact.read", "target_type": "helpline.contact", "target_id": 41}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"action": "read"}, "action: expected a lower-case code such as 'contact.read'"),
        ({"action": "Contact.Read"}, "action: expected a lower-case code"),
        ({"action": "contact." + "x" * 60}, "action: expected a lower-case code"),
        ({"target_type": "Helpline Contact"}, "target_type: expected a lower-case code"),
        ({"target_id": ""}, "target_id: expected 1 to 64 characters."),
        ({"target_id": "x" * 65}, "target_id: expected 1 to 64 characters."),
        ({"target_id": "4\n1"}, "target_id: control characters are not allowed."),
        ({"target_id": None}, "target_id: expected text or an integer."),
        ({"target_id": True}, "target_id: expected text or an integer."),
        ({"details": ["a"]}, "details: expected a mapping of names to values."),
        ({"details": {"Caller Name": "x"}}, "details: the name 'Caller Name' must be lower-case"),
        (
            {"details": {"score": 1.5}},
            "details.score: expected text, an integer, true/false or null, not float.",
        ),
        (
            {"details": {"nested": {"a": 1}}},
            "details.nested: expected text, an integer, true/false or null, not dict.",
        ),
        ({"details": {"fields": ["a", {"b": 1}]}}, "details.fields[1]: expected text"),
        ({"details": {"fields": ["a"] * 51}}, "details.fields: at most 50 items in a list."),
        ({"details": {"text": "x" * 201}}, "details.text: text is limited to 200 characters."),
        ({"details": {"text": "a\x00b"}}, "details.text: control characters are not allowed."),
        ({"details": {"count": 2**60}}, "details.count: integers are limited to ±2**53."),
        ({"details": {f"k{i}": i for i in range(21)}}, "details: at most 20 names."),
        ({"ip_address": "999.1.1.1"}, "ip_address: not an IPv4 or IPv6 address."),
    ],
)
def test_it_refuses_a_malformed_entry(olga, change: dict, message: str) -> None:
    with pytest.raises(AuditEntryInvalid) as error:
        audit_record(actor=olga, **{**GOOD, **change})

    assert str(error.value).startswith(message)
    assert not AuditEntry.objects.exists()
    assert not AuditChainHead.objects.exists()


def test_it_refuses_an_unsaved_user() -> None:
    with pytest.raises(AuditEntryInvalid, match="actor: expected a saved user"):
        audit_record(actor=get_user_model()(username="ghost"), **GOOD)

    assert not AuditEntry.objects.exists()


def test_it_refuses_something_that_is_not_a_user() -> None:
    with pytest.raises(AuditEntryInvalid, match="actor: expected a saved user"):
        audit_record(actor="olga", **GOOD)  # type: ignore[arg-type]
