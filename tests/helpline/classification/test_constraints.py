"""The database keeps keys, codes and positions unique, and one draft at a time."""

import pytest
from django.db import IntegrityError, transaction

from rete.helpline.models import ClassificationItem, ClassificationList, ClassificationVersion

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_list_with_the_same_key(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClassificationList.objects.create(
            version=draft, key="sex", label_it="Genere", label_en="Gender", position=99
        )


def test_it_refuses_two_lists_at_the_same_position(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClassificationList.objects.create(
            version=draft, key="place", label_it="Luogo", label_en="Place", position=1
        )


def test_it_refuses_a_second_item_with_the_same_code(draft):
    sex = ClassificationList.objects.get(version=draft, key="sex")

    with pytest.raises(IntegrityError), transaction.atomic():
        ClassificationItem.objects.create(
            list=sex, code="female", label_it="Donna", label_en="Woman", position=99
        )


def test_it_refuses_two_items_at_the_same_position(draft):
    sex = ClassificationList.objects.get(version=draft, key="sex")

    with pytest.raises(IntegrityError), transaction.atomic():
        ClassificationItem.objects.create(
            list=sex, code="other", label_it="Altro", label_en="Other", position=1
        )


def test_it_allows_the_same_code_in_another_version(version_1, draft):
    assert ClassificationItem.objects.filter(list__key="sex", code="female").count() == 2


def test_it_refuses_a_second_draft_in_the_database(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClassificationVersion.objects.create(number=3)
