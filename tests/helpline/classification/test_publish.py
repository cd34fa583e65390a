"""Publishing a draft makes it current; earlier versions keep their items and meaning."""

import pytest
from django.core.exceptions import ValidationError

from rete.helpline.classification.selectors import (
    classification_current,
    classification_snapshot,
    classification_validate,
)
from rete.helpline.classification.services import (
    classification_item_create,
    classification_item_update,
    classification_version_draft_from,
    classification_version_publish,
)
from rete.helpline.models import (
    ClassificationFrozen,
    ClassificationItem,
    ClassificationList,
    ClassificationStatus,
)

pytestmark = pytest.mark.django_db


def _edit(draft) -> None:
    """Version 2 renames a label, retires a code and adds one."""
    violence = ClassificationList.objects.get(version=draft, key="violence_type")
    classification_item_update(
        item=violence.items.get(code="psychological"), label_it="Violenza psicologica e verbale"
    )
    classification_item_update(item=violence.items.get(code="online"), active=False)
    classification_item_create(
        classification_list=violence,
        code="assisted",
        label_it="Violenza assistita",
        label_en="Witnessed violence",
    )


def test_it_makes_the_published_draft_current(version_1, draft):
    assert classification_current().number == 1

    classification_version_publish(version=draft)

    current = classification_current()
    assert current.number == 2
    assert current.status == ClassificationStatus.PUBLISHED
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_it_keeps_the_old_version_with_its_items(version_1, draft):
    _edit(draft)

    classification_version_publish(version=draft)

    old = classification_snapshot(version=version_1).lists["violence_type"]
    new = classification_current().lists["violence_type"]
    assert old.item("psychological").label_it == "Violenza psicologica"
    assert old.item("online").active
    assert old.item("assisted") is None
    assert new.item("psychological").label_it == "Violenza psicologica e verbale"
    assert not new.item("online").active
    assert new.item("assisted").label_it == "Violenza assistita"


def test_it_validates_old_records_against_their_own_version(version_1, draft):
    _edit(draft)
    classification_version_publish(version=draft)
    old_record = {"validity": "valid", "caller_type": "victim", "violence_type": ["online"]}

    assert classification_validate(version=version_1, answers=old_record) == old_record
    with pytest.raises(ValidationError) as caught:
        classification_validate(version=draft, answers=old_record)
    assert caught.value.message_dict == {"violence_type": ["“online” is no longer in use."]}


def test_it_freezes_the_published_draft(version_1, draft):
    classification_version_publish(version=draft)
    item = ClassificationItem.objects.get(list__version=draft, list__key="sex", code="male")

    with pytest.raises(ClassificationFrozen):
        classification_item_update(item=item, label_it="Maschio")


def test_it_refuses_to_publish_twice(version_1, draft):
    classification_version_publish(version=draft)

    with pytest.raises(ValidationError) as caught:
        classification_version_publish(version=draft)

    assert caught.value.code == "already_published"


def test_it_lets_the_next_draft_follow(version_1, draft):
    classification_version_publish(version=draft)

    third = classification_version_draft_from(version=draft)

    assert third.number == 3


def test_it_refuses_a_draft_without_the_validity_list(version_1, draft):
    ClassificationList.objects.get(version=draft, key="validity").delete()

    with pytest.raises(ValidationError) as caught:
        classification_version_publish(version=draft)

    assert [error.code for error in caught.value.error_list] == ["list_missing"]
    draft.refresh_from_db()
    assert draft.status == ClassificationStatus.DRAFT
    assert classification_current().number == 1


def test_it_refuses_a_draft_whose_caller_list_lost_the_victim(version_1, draft):
    victim = ClassificationItem.objects.get(
        list__version=draft, list__key="caller_type", code="victim"
    )
    classification_item_update(item=victim, active=False)

    with pytest.raises(ValidationError) as caught:
        classification_version_publish(version=draft)

    assert [error.code for error in caught.value.error_list] == ["no_victim_answer"]


def test_it_refuses_a_draft_with_no_valid_answer(version_1, draft):
    valid = ClassificationItem.objects.get(list__version=draft, list__key="validity", code="valid")
    classification_item_update(item=valid, active=False)

    with pytest.raises(ValidationError) as caught:
        classification_version_publish(version=draft)

    assert [error.code for error in caught.value.error_list] == ["no_valid_answer"]
