"""Figures of an annual report that come from the published call-centre statistics.

A template's figure may name a source: when a territory starts its report, the figure is
filled in from the published releases of the year (rete.statistics): the yearly release
("2025") when there is one, otherwise the sum of the published quarters ("2025Q1"…), with a
note when fewer than four are published. The territory's own tables are read from the
reserved audience (the report is reserved: no suppression) and, failing that, from the
public one, where a suppressed value leaves the figure empty. Only counts are summed over
quarters: medians and shares do not add up, so no source is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from rete.statistics.definitions import Level
from rete.statistics.models import Audience, Release, ReleaseTable
from rete.statistics.selectors import release_published_latest


class FigureSource(models.TextChoices):
    VALID_CONTACTS = "valid_contacts", _("Valid contacts with the 1522 helpline")
    VICTIMS = "victims", _("Victims who contacted the 1522 helpline")
    ROUTED_CONTACTS = "routed_contacts", _("Contacts routed to the territory")
    ROUTED_TRANSFER = "routed_transfer", _("Contacts routed while a service was open (transfer)")
    ROUTED_OUT_OF_HOURS = (
        "routed_out_of_hours",
        _("Contacts routed while the services were closed (out of hours)"),
    )
    CONTACTS_TRANSFERRED = "contacts_transferred", _("Contacts transferred to the services")
    EMERGENCIES = "emergencies", _("Emergencies")


@dataclass(frozen=True)
class _Read:
    """Where a source's number is in a stored table: the table, and the row whose total (or,
    for a measures table, whose single value) it is; no row: the table's total."""

    table_id: str
    row: str | None = None
    measure: bool = False


READS: dict[str, _Read] = {
    FigureSource.VALID_CONTACTS: _Read("contacts_validity_channel", row="valid"),
    # The relationship table has one answer per victim: its total counts victims.
    FigureSource.VICTIMS: _Read("victims_relationship"),
    FigureSource.ROUTED_CONTACTS: _Read("routed_mode_channel"),
    FigureSource.ROUTED_TRANSFER: _Read("routed_mode_channel", row="transfer"),
    FigureSource.ROUTED_OUT_OF_HOURS: _Read("routed_mode_channel", row="out_of_hours"),
    FigureSource.CONTACTS_TRANSFERRED: _Read("transfers", row="contacts_transferred", measure=True),
    FigureSource.EMERGENCIES: _Read("emergencies", row="emergencies", measure=True),
}


@dataclass(frozen=True)
class Prefill:
    """The figures of a territory's year: by source, None when not known. `releases` names
    the releases read ("2025Q1 #1"), empty when none of the year has the territory."""

    values: dict[str, Decimal | None]
    releases: tuple[str, ...]
    complete: bool


def _number(payload: dict, read: _Read) -> Decimal | None:
    if read.row is None:
        value = payload.get("total")
    else:
        try:
            index = list(payload["row_codes"]).index(read.row)
        except ValueError:
            return None
        if read.measure:
            value = payload["cells"][index][0] if payload["cells"][index] else None
        else:
            totals = payload.get("row_totals") or []
            value = totals[index] if index < len(totals) else None
    if value is None or isinstance(value, bool):
        return None
    return Decimal(str(value))


def _release_values(
    release: Release, territory_code: str, sources: Iterable[str]
) -> dict[str, Decimal | None] | None:
    """The sources' values in one release; None when it has no table of the territory."""
    wanted = {READS[source].table_id for source in sources}
    tables = ReleaseTable.objects.filter(
        release=release,
        level=Level.TERRITORY,
        area_code=territory_code,
        table_id__in=wanted,
    ).values_list("audience", "table_id", "payload")
    payloads: dict[str, dict] = {}
    for audience, table_id, payload in tables:
        # The reserved table wins over the public one (no value suppressed there).
        if audience == Audience.RESERVED or table_id not in payloads:
            payloads[table_id] = payload
    if not payloads:
        return None
    return {
        source: _number(payloads[READS[source].table_id], READS[source])
        if READS[source].table_id in payloads
        else None
        for source in sources
    }


def _releases_of_year(year: int) -> tuple[list[Release], bool]:
    yearly = release_published_latest(str(year))
    if yearly is not None:
        return [yearly], True
    quarters = [release_published_latest(f"{year}Q{quarter}") for quarter in range(1, 5)]
    found = [release for release in quarters if release is not None]
    return found, len(found) == 4


def prefill_for(territory_code: str, year: int, sources: Iterable[str]) -> Prefill:
    """The published figures of the territory's year for `sources` (codes of FigureSource)."""
    sources = [source for source in dict.fromkeys(sources) if source in READS]
    if not sources:
        return Prefill(values={}, releases=(), complete=False)
    releases, complete = _releases_of_year(year)
    totals: dict[str, Decimal | None] = dict.fromkeys(sources, Decimal(0))
    used: list[str] = []
    for release in releases:
        values = _release_values(release, territory_code, sources)
        if values is None:
            complete = False
            continue
        used.append(f"{release.period} #{release.number}")
        for source in sources:
            value = values.get(source)
            current = totals[source]
            # A value missing in one quarter leaves the year's figure unknown.
            totals[source] = None if value is None or current is None else current + value
    if not used:
        return Prefill(values=dict.fromkeys(sources), releases=(), complete=False)
    return Prefill(values=totals, releases=tuple(used), complete=complete)
