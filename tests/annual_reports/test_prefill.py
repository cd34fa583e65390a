"""The figures pre-filled from the published call-centre statistics of the territory's year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rete.annual_reports.sources import FigureSource, prefill_for
from rete.statistics.models import Audience, ReleaseStatus, ReleaseTable
from tests.statistics.factories import payload_make, release_make

pytestmark = pytest.mark.django_db

ALFA = (("territory", "ATR-AL", "Ambito Alfa"),)
SOURCES = [
    FigureSource.VALID_CONTACTS,
    FigureSource.VICTIMS,
    FigureSource.ROUTED_TRANSFER,
    FigureSource.CONTACTS_TRANSFERRED,
]


def expected(fill: int) -> dict[str, Decimal]:
    validity = payload_make("contacts_validity_channel", fill)
    routed = payload_make("routed_mode_channel", fill)
    transfers = payload_make("transfers", fill)
    return {
        FigureSource.VALID_CONTACTS: Decimal(
            validity["row_totals"][validity["row_codes"].index("valid")]
        ),
        FigureSource.VICTIMS: Decimal(payload_make("victims_relationship", fill)["total"]),
        FigureSource.ROUTED_TRANSFER: Decimal(
            routed["row_totals"][routed["row_codes"].index("transfer")]
        ),
        FigureSource.CONTACTS_TRANSFERRED: Decimal(
            transfers["cells"][transfers["row_codes"].index("contacts_transferred")][0]
        ),
    }


def test_it_reads_the_yearly_release_of_the_territory() -> None:
    release_make("2025", areas=ALFA, fill=7)

    prefill = prefill_for("ATR-AL", 2025, SOURCES)

    assert prefill.values == expected(7)
    assert prefill.releases == ("2025 #1",)
    assert prefill.complete


def test_it_prefers_the_yearly_release_to_the_quarters() -> None:
    release_make("2025Q1", areas=ALFA, fill=3)
    release_make("2025", areas=ALFA, fill=7)

    assert prefill_for("ATR-AL", 2025, SOURCES).values == expected(7)


def test_it_sums_the_four_quarters_when_there_is_no_yearly_release() -> None:
    for quarter, fill in zip(range(1, 5), (5, 6, 7, 8), strict=True):
        release_make(f"2025Q{quarter}", areas=ALFA, fill=fill)

    prefill = prefill_for("ATR-AL", 2025, SOURCES)

    sums = {source: sum(expected(fill)[source] for fill in (5, 6, 7, 8)) for source in SOURCES}
    assert prefill.values == sums
    assert prefill.complete
    assert prefill.releases == ("2025Q1 #1", "2025Q2 #1", "2025Q3 #1", "2025Q4 #1")


def test_it_says_when_only_some_quarters_are_published() -> None:
    release_make("2025Q1", areas=ALFA, fill=5)
    release_make("2025Q2", areas=ALFA, fill=6)
    release_make("2025Q3", areas=ALFA, fill=9, status=ReleaseStatus.READY)  # not published

    prefill = prefill_for("ATR-AL", 2025, SOURCES)

    assert prefill.releases == ("2025Q1 #1", "2025Q2 #1")
    assert not prefill.complete
    victims = FigureSource.VICTIMS
    assert prefill.values[victims] == expected(5)[victims] + expected(6)[victims]


def test_it_reads_the_latest_correction_of_a_period() -> None:
    release_make("2025", areas=ALFA, fill=7)
    release_make("2025", areas=ALFA, fill=9, number=2)

    prefill = prefill_for("ATR-AL", 2025, SOURCES)

    assert prefill.values == expected(9)
    assert prefill.releases == ("2025 #2",)


def test_it_leaves_the_figures_empty_without_a_published_release() -> None:
    release_make("2025", areas=ALFA, status=ReleaseStatus.READY)
    release_make("2024", areas=ALFA)

    prefill = prefill_for("ATR-AL", 2025, SOURCES)

    assert prefill.values == dict.fromkeys(SOURCES)
    assert prefill.releases == ()
    assert not prefill.complete


def test_it_leaves_them_empty_when_the_release_has_no_table_of_the_territory() -> None:
    release_make("2025", areas=(("territory", "ATR-BE", "Ambito Beta"),))

    prefill = prefill_for("ATR-AL", 2025, SOURCES)

    assert prefill.values == dict.fromkeys(SOURCES)
    assert prefill.releases == ()


def test_it_reads_the_reserved_table_before_the_public_one() -> None:
    release = release_make("2025", areas=ALFA, fill=7)
    # Written past the model (a published release is frozen): a public table that differs.
    ReleaseTable.objects.filter(
        release=release, audience=Audience.PUBLIC, table_id="victims_relationship"
    ).update(payload=payload_make("victims_relationship", 50))

    prefill = prefill_for("ATR-AL", 2025, [FigureSource.VICTIMS])

    assert prefill.values[FigureSource.VICTIMS] == expected(7)[FigureSource.VICTIMS]


def test_a_suppressed_public_value_without_a_reserved_table_stays_empty() -> None:
    release = release_make("2025", areas=ALFA, reserved_areas=(), fill=7)
    ReleaseTable.objects.filter(
        release=release, audience=Audience.PUBLIC, table_id="victims_relationship"
    ).update(payload=payload_make("victims_relationship", 7, suppress=((0, 0),)))

    prefill = prefill_for(
        "ATR-AL",
        2025,
        [FigureSource.VICTIMS, FigureSource.VALID_CONTACTS, FigureSource.EMERGENCIES],
    )

    assert prefill.values[FigureSource.VICTIMS] is None
    # Public tables have what they have; the measures are reserved only.
    assert prefill.values[FigureSource.VALID_CONTACTS] == expected(7)[FigureSource.VALID_CONTACTS]
    assert prefill.values[FigureSource.EMERGENCIES] is None


def test_a_value_missing_in_one_quarter_leaves_the_year_unknown() -> None:
    release_make("2025Q1", areas=ALFA, fill=5)
    second = release_make("2025Q2", areas=ALFA, reserved_areas=(), fill=6)
    ReleaseTable.objects.filter(release=second, table_id="victims_relationship").update(
        payload=payload_make("victims_relationship", 6, suppress=((0, 0),))
    )

    prefill = prefill_for("ATR-AL", 2025, [FigureSource.VICTIMS])

    assert prefill.values[FigureSource.VICTIMS] is None
