"""The current version is kept in memory, checked with one query, replaced on publication."""

import dataclasses

import pytest
from django.utils import translation

from rete.helpline.classification.selectors import (
    ClassificationUnavailable,
    classification_current,
)
from rete.helpline.classification.services import classification_version_publish
from rete.helpline.models import ClassificationItem, ClassificationList, ClassificationVersion

pytestmark = pytest.mark.django_db


def test_it_costs_one_query_once_in_memory(version_1, django_assert_num_queries):
    first = classification_current()

    with django_assert_num_queries(1):
        again = classification_current()

    assert again is first


def test_it_sees_a_publication_at_the_next_call(version_1, draft):
    before = classification_current()

    classification_version_publish(version=draft)

    assert before.number == 1
    assert classification_current().number == 2


def test_it_is_immutable(version_1):
    snapshot = classification_current()

    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.number = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        snapshot.lists["sex"] = snapshot.lists["citizenship"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.lists["sex"].items[0].label_it = "x"  # type: ignore[misc]


def test_it_labels_in_the_active_language(version_1):
    item = classification_current().lists["violence_type"].item("physical")

    with translation.override("it"):
        assert item.label == "Violenza fisica"
    with translation.override("en"):
        assert item.label == "Physical violence"


def test_it_says_when_nothing_is_published(db):
    # Only raw SQL gets past the freeze: a database where the migration's version is gone.
    for model in (ClassificationItem, ClassificationList, ClassificationVersion):
        model.objects.all()._raw_delete(model.objects.db)

    with pytest.raises(ClassificationUnavailable):
        classification_current()
