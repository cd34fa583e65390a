"""A realistic release (the synthetic one of bench.disclosure: simulated contacts over
regions, provinces and territories, every public table at every public level) goes
through protect_release and passes the LP check."""

from __future__ import annotations

from bench.disclosure import synthetic_release
from rete.statistics.disclosure import payload_values, protect_release, suppression_ranges

THRESHOLD = 5


def test_a_realistic_release_is_protected_and_passes_the_lp_check():
    tables, areas = synthetic_release(3, regions=6, territories=8, contacts_per_region=1500)
    payloads, report = protect_release(tables, areas, THRESHOLD)

    shown_small = []
    changed = []
    hidden_zeros = []
    hidden = 0
    for table, payload in zip(tables, payloads, strict=True):
        truth = payload_values(table.payload)
        for (kind, r, c, true), (_k, _r, _c, shown) in zip(
            truth, payload_values(payload), strict=True
        ):
            if shown is None:
                hidden += 1
                if true == 0:
                    hidden_zeros.append((table.area_code, table.table_id, kind, r, c))
            elif 1 <= shown <= THRESHOLD:
                shown_small.append((table.area_code, table.table_id, kind, r, c))
            elif shown != true:
                changed.append((table.area_code, table.table_id, kind, r, c))
    assert shown_small == []
    assert changed == []
    assert hidden_zeros == []
    assert report["suppressed"] == hidden
    assert report["primary"] > 0
    assert report["secondary"] > 0
    assert report["min_width"] > THRESHOLD

    ranges = suppression_ranges(tables, areas, payloads, THRESHOLD, exact=False)
    assert len(ranges) == report["lp_checked"]
    assert [r for r in ranges if r.width <= THRESHOLD] == []
    assert sum(not r.derived for r in ranges) == hidden
    assert sum(r.derived for r in ranges) == report["rests_protected"]
