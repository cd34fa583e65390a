"""The release the platform really publishes, from contact records through the engine, the
disclosure control and the stored rows: nothing from 1 to the threshold is published, and
linear programming over everything published finds every hidden value's range wider than
the threshold (rete.statistics.disclosure.suppression_ranges)."""

from __future__ import annotations

from datetime import date

import pytest

from rete.demo.services import demo_network_load
from rete.statistics.areas import release_geography
from rete.statistics.definitions import PUBLIC_LEVELS, TABLES_BY_ID
from rete.statistics.disclosure import payload_values, suppression_ranges
from rete.statistics.models import Audience, ReleaseStatus, ReleaseTable
from rete.statistics.services import release_compute, release_request
from rete.statistics.synthetic import synthetic_contacts_generate

pytestmark = pytest.mark.django_db
THRESHOLD = 5


def test_the_stored_public_tables_pass_the_linear_programming_check(settings) -> None:
    settings.STATISTICS_SUPPRESSION_THRESHOLD = THRESHOLD
    demo_network_load()
    synthetic_contacts_generate(count=3_000, seed=6, start=date(2026, 1, 1), end=date(2026, 4, 1))
    release = release_request(period="2026Q1", actor=None, enqueue=False, today=date(2026, 4, 2))
    release = release_compute(release.pk)
    assert release.status == ReleaseStatus.READY, release.error

    stored = ReleaseTable.objects.filter(release=release)
    public = {
        (t.level, t.area_code, t.table_id): t for t in stored.filter(audience=Audience.PUBLIC)
    }
    # The reserved rows hold the full counts of the same tables and areas.
    full = [
        t
        for t in stored.filter(audience=Audience.RESERVED, level__in=list(PUBLIC_LEVELS))
        if TABLES_BY_ID[t.table_id].public
    ]
    assert len(full) == len(public) > 0
    payloads = [public[(t.level, t.area_code, t.table_id)].payload for t in full]

    published = [
        value
        for payload in payloads
        for _kind, _row, _column, value in payload_values(payload)
        if value is not None
    ]
    assert not [value for value in published if 1 <= value <= THRESHOLD]

    ranges = suppression_ranges(
        full, release_geography().area_atoms, payloads, THRESHOLD, exact=False
    )
    hidden = [r for r in ranges if not r.derived]
    assert hidden, "a quarter this small must hide something"
    assert len(hidden) == sum(
        value is None
        for payload in payloads
        for _kind, _row, _column, value in payload_values(payload)
    )
    too_narrow = [r for r in ranges if not r.width > THRESHOLD]
    assert not too_narrow
    assert release.disclosure["min_width"] > THRESHOLD
