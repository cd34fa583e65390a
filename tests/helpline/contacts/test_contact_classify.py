"""Classification: validated against the current version, which the contact records."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rete.helpline.contacts.models import ContactStatus
from rete.helpline.contacts.services import contact_classify, contact_close
from rete.helpline.models import ClassificationVersion

pytestmark = pytest.mark.django_db

ANSWERS = {
    "validity": "valid",
    "caller_type": "victim",
    "reason": "help_request",
    "violence_type": ["physical", "psychological"],
}


def test_it_stores_the_version_and_the_cleaned_answers(contact, olga) -> None:
    contact_classify(contact=contact, actor=olga, answers=ANSWERS)

    contact.refresh_from_db()
    assert contact.classification_version == ClassificationVersion.objects.get(number=1)
    assert contact.classification["validity"] == "valid"
    assert sorted(contact.classification["violence_type"]) == ["physical", "psychological"]


def test_it_refuses_bad_answers_and_writes_nothing(contact, olga) -> None:
    with pytest.raises(ValidationError):
        contact_classify(
            contact=contact, actor=olga, answers={"validity": "valid", "caller_type": "alien"}
        )

    contact.refresh_from_db()
    assert contact.classification == {} and contact.classification_version is None


def test_it_closes_with_an_outcome_of_the_list(contact, olga) -> None:
    contact_close(contact=contact, actor=olga, outcome="information_given")

    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert contact.ended_at >= contact.started_at
    assert contact.locked_by is None


def test_it_refuses_an_unknown_outcome_and_stays_open(contact, olga) -> None:
    with pytest.raises(ValidationError):
        contact_close(contact=contact, actor=olga, outcome="vanished")

    contact.refresh_from_db()
    assert contact.status == ContactStatus.IN_PROGRESS


def test_it_refuses_changes_once_closed(contact, olga) -> None:
    contact_close(contact=contact, actor=olga, outcome="information_given")

    # Closing releases the lock: nobody writes a closed record any more.
    with pytest.raises(PermissionDenied):
        contact_classify(contact=contact, actor=olga, answers=ANSWERS)
