"""A published version is frozen: no path changes, adds or deletes its lists and items."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rete.helpline.classification.lists import VERSION_1
from rete.helpline.classification.services import (
    classification_item_create,
    classification_item_update,
    classification_version_discard,
)
from rete.helpline.models import (
    ClassificationFrozen,
    ClassificationItem,
    ClassificationList,
    ClassificationStatus,
    ClassificationVersion,
)

pytestmark = pytest.mark.django_db


def _psychological(version: ClassificationVersion) -> ClassificationItem:
    return ClassificationItem.objects.get(
        list__version=version, list__key="violence_type", code="psychological"
    )


def test_it_refuses_to_change_an_item(version_1):
    item = _psychological(version_1)
    item.label_it = "Violenza morale"

    with pytest.raises(ClassificationFrozen):
        item.save()

    assert _psychological(version_1).label_it == "Violenza psicologica"


def test_it_refuses_to_delete_an_item(version_1):
    with pytest.raises(ClassificationFrozen):
        _psychological(version_1).delete()

    assert _psychological(version_1)


def test_it_refuses_to_add_an_item(version_1):
    violence = ClassificationList.objects.get(version=version_1, key="violence_type")

    with pytest.raises(ClassificationFrozen):
        ClassificationItem.objects.create(
            list=violence, code="spiritual", label_it="x", label_en="x", position=99
        )
    with pytest.raises(ClassificationFrozen):
        ClassificationItem.objects.bulk_create(
            [
                ClassificationItem(
                    list=violence, code="spiritual", label_it="x", label_en="x", position=99
                )
            ]
        )

    assert not ClassificationItem.objects.filter(code="spiritual").exists()


def test_it_refuses_bulk_updates_and_deletes_of_items(version_1):
    items = ClassificationItem.objects.filter(list__version=version_1)

    with pytest.raises(ClassificationFrozen):
        items.update(label_en="changed")
    with pytest.raises(ClassificationFrozen):
        items.filter(code="psychological").delete()

    assert not items.filter(label_en="changed").exists()
    assert _psychological(version_1)


def test_it_refuses_to_move_a_draft_item_into_a_published_list(version_1, draft):
    published_list = ClassificationList.objects.get(version=version_1, key="sex")
    draft_item = ClassificationItem.objects.get(list__version=draft, list__key="sex", code="male")

    with pytest.raises(ClassificationFrozen):
        ClassificationItem.objects.filter(pk=draft_item.pk).update(list=published_list)

    assert ClassificationItem.objects.get(pk=draft_item.pk).list.version == draft


def test_it_refuses_to_change_add_or_delete_a_list(version_1):
    sex = ClassificationList.objects.get(version=version_1, key="sex")
    sex.multiple = True

    with pytest.raises(ClassificationFrozen):
        sex.save()
    with pytest.raises(ClassificationFrozen):
        sex.delete()
    with pytest.raises(ClassificationFrozen):
        ClassificationList.objects.filter(version=version_1).update(multiple=True)
    with pytest.raises(ClassificationFrozen):
        ClassificationList.objects.filter(version=version_1, key="sex").delete()
    with pytest.raises(ClassificationFrozen):
        ClassificationList.objects.create(
            version=version_1, key="place", label_it="Luogo", label_en="Place", position=99
        )

    assert ClassificationList.objects.filter(version=version_1).count() == 14
    assert (
        not ClassificationList.objects.filter(version=version_1, multiple=True)
        .exclude(key__in=["violence_type", "referral_kind"])
        .exists()
    )


def test_it_refuses_to_change_or_delete_the_version(version_1):
    version_1.notes = "rewritten"

    with pytest.raises(ClassificationFrozen):
        version_1.save()
    with pytest.raises(ClassificationFrozen):
        version_1.delete()
    with pytest.raises(ClassificationFrozen):
        ClassificationVersion.objects.filter(pk=version_1.pk).update(
            status=ClassificationStatus.DRAFT, published_at=None
        )
    with pytest.raises(ClassificationFrozen):
        ClassificationVersion.objects.filter(pk=version_1.pk).delete()
    with pytest.raises(ClassificationFrozen):
        classification_version_discard(version=version_1)

    version_1.refresh_from_db()
    assert version_1.status == ClassificationStatus.PUBLISHED
    assert version_1.notes != "rewritten"
    assert ClassificationItem.objects.filter(list__version=version_1).count() == sum(
        len(spec["items"]) for spec in VERSION_1
    )


def test_it_refuses_the_draft_services_on_a_published_version(version_1):
    violence = ClassificationList.objects.get(version=version_1, key="violence_type")

    with pytest.raises(ClassificationFrozen):
        classification_item_create(
            classification_list=violence, code="spiritual", label_it="x", label_en="x"
        )
    with pytest.raises(ClassificationFrozen):
        classification_item_update(item=_psychological(version_1), active=False)

    assert _psychological(version_1).active


def test_it_refuses_a_version_created_already_published(version_1):
    with pytest.raises(ValidationError) as caught:
        ClassificationVersion.objects.create(
            number=7, status=ClassificationStatus.PUBLISHED, published_at=timezone.now()
        )

    assert caught.value.code == "born_published"
    assert not ClassificationVersion.objects.filter(number=7).exists()
