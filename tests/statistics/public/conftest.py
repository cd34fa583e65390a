"""Releases for the public statistics tests, made straight in the database
(tests/statistics/factories.py): every cell of row i of a table is `fill` + i.

With fill 7 the validity table (rows: valid, four kinds of not valid, not classified yet;
columns: phone, chat) has rows 14, 16, … 24 in total, 57 per channel and 114 contacts in
all; 14 of them valid. The caller table's victim column (8 reasons, 7 + i each) sums to 84.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rete.statistics.models import Release, ReleaseTable
from tests.statistics.factories import payload_make, release_make

ROME = ZoneInfo("Europe/Rome")
PUBLISHED_AT = datetime(2026, 4, 20, 10, 0, tzinfo=ROME)


def translated(msgid: str, language: str = "it") -> str:
    """A msgid as the catalogue of `language` has it (the statistics strings may not be
    translated yet: the tests follow the catalogue, not a copy of it)."""
    with translation.override(language):
        return gettext(msgid)


def suppress(
    release: Release, table_id: str, area_code: str, cells: tuple[tuple[int, int], ...]
) -> None:
    """Hide `cells` of a public table of the release (and, for a one-column table, the
    totals that would give them away), as the disclosure control would."""
    ReleaseTable.objects.filter(
        release=release, audience="public", area_code=area_code, table_id=table_id
    ).update(payload=payload_make(table_id, 7, suppress=cells))


def published_on(release: Release, instant: datetime) -> Release:
    Release.objects.filter(pk=release.pk).update(published_at=instant)
    release.refresh_from_db()
    return release


@pytest.fixture
def release(db: None) -> Release:
    return published_on(release_make("2026Q1", fill=7), PUBLISHED_AT)
