"""Fixtures of the classification tests: version 1 as the migration loads it, a draft
copied from it, and a fresh in-memory cache for each test."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from rete.helpline.classification.selectors import classification_cache_clear
from rete.helpline.classification.services import classification_version_draft_from
from rete.helpline.models import ClassificationVersion


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English, the language of the source strings."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    classification_cache_clear()
    yield
    classification_cache_clear()


@pytest.fixture
def version_1(db: None) -> ClassificationVersion:
    return ClassificationVersion.objects.get(number=1)


@pytest.fixture
def draft(version_1: ClassificationVersion) -> ClassificationVersion:
    return classification_version_draft_from(version=version_1, notes="Seconda versione")
