"""A new version is a draft copied from a published one, editable until it is published."""

import pytest
from django.core.exceptions import ValidationError

from rete.helpline.classification.selectors import classification_snapshot
from rete.helpline.classification.services import (
    classification_item_create,
    classification_item_update,
    classification_version_discard,
    classification_version_draft_from,
)
from rete.helpline.models import (
    ClassificationItem,
    ClassificationList,
    ClassificationStatus,
    ClassificationVersion,
)

pytestmark = pytest.mark.django_db


def test_it_copies_every_list_and_item(version_1, draft):
    original = classification_snapshot(version=version_1)
    copy = classification_snapshot(version=draft)

    assert draft.number == 2
    assert draft.status == ClassificationStatus.DRAFT
    assert draft.published_at is None
    assert draft.notes == "Seconda versione"
    assert copy.lists == original.lists


def test_it_leaves_the_source_as_it_was(version_1, draft):
    assert ClassificationList.objects.filter(version=version_1).count() == 14
    assert ClassificationList.objects.filter(version=draft).count() == 14
    assert (
        ClassificationItem.objects.filter(list__version=version_1).count()
        == ClassificationItem.objects.filter(list__version=draft).count()
    )


def test_it_lets_the_draft_be_edited(draft):
    violence = ClassificationList.objects.get(version=draft, key="violence_type")
    psychological = ClassificationItem.objects.get(list=violence, code="psychological")

    added = classification_item_create(
        classification_list=violence,
        code="assisted",
        label_it="Violenza assistita",
        label_en="Witnessed violence",
    )
    classification_item_update(item=psychological, label_en="Psychological abuse", active=False)

    assert added.position == violence.items.count()
    psychological.refresh_from_db()
    assert (psychological.label_en, psychological.active) == ("Psychological abuse", False)


def test_it_refuses_an_item_with_a_code_already_in_the_list(draft):
    violence = ClassificationList.objects.get(version=draft, key="violence_type")

    with pytest.raises(ValidationError) as caught:
        classification_item_create(
            classification_list=violence, code="physical", label_it="x", label_en="x"
        )

    assert "__all__" in caught.value.message_dict
    assert violence.items.filter(code="physical").count() == 1


def test_it_refuses_a_valid_flag_outside_the_validity_list(draft):
    sex = ClassificationList.objects.get(version=draft, key="sex")

    with pytest.raises(ValidationError) as caught:
        classification_item_create(
            classification_list=sex, code="other", label_it="Altro", label_en="Other", valid=True
        )

    assert "valid" in caught.value.message_dict
    assert not sex.items.filter(code="other").exists()


def test_it_requires_the_valid_flag_in_the_validity_list(draft):
    validity = ClassificationList.objects.get(version=draft, key="validity")

    with pytest.raises(ValidationError) as caught:
        classification_item_create(
            classification_list=validity, code="test_call", label_it="Prova", label_en="Test"
        )

    assert "valid" in caught.value.message_dict


def test_it_refuses_a_second_draft(version_1, draft):
    with pytest.raises(ValidationError) as caught:
        classification_version_draft_from(version=version_1)

    assert caught.value.code == "draft_exists"
    assert ClassificationVersion.objects.count() == 2


def test_it_refuses_to_copy_a_draft(draft):
    with pytest.raises(ValidationError) as caught:
        classification_version_draft_from(version=draft)

    assert caught.value.code == "not_published"


def test_it_discards_a_draft_with_its_lists(version_1, draft):
    classification_version_discard(version=draft)

    assert list(ClassificationVersion.objects.values_list("number", flat=True)) == [1]
    assert not ClassificationList.objects.filter(version_id=draft.pk).exists()
    assert classification_version_draft_from(version=version_1).number == 2
