"""The tables of a release: what each one counts (its universe), by what (rows, columns),
and whether it is published or stays in the reserved area.

Shaped like ISTAT's tables on 1522, plus what only this platform knows (routing, transfers,
emergencies). Table ids are a contract: the API, the downloads and the stored releases use
them. Never rename one; add a new id instead.

Universes nest: every contact ⊇ valid contacts ⊇ victims (valid contacts where the caller is
the victim); routed contacts are those with a routing decision. A table's total is the count
of its universe in the area (for tables with several answers per victim, the count of
victims, not of answers), so tables of one universe share their total, and `LINKS` says
where a universe's count appears as a margin of another table: the disclosure control uses
both to keep a suppressed number from being recovered through another table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Universe(StrEnum):
    CONTACTS = "contacts"
    VALID = "valid"
    VICTIMS = "victims"
    ROUTED = "routed"
    # Reserved measures: one row per measure, not a distribution of a universe.
    MEASURES = "measures"


class Level(StrEnum):
    NATIONAL = "national"
    REGION = "region"
    PROVINCE = "province"
    TERRITORY = "territory"


PUBLIC_LEVELS = (Level.NATIONAL, Level.REGION, Level.TERRITORY)
RESERVED_LEVELS = (Level.NATIONAL, Level.REGION, Level.PROVINCE, Level.TERRITORY)
NATIONAL_CODE = "IT"


class Source(StrEnum):
    """Where a dimension's codes come from."""

    CLASSIFICATION = "classification"  # a list of the classification (key = list key)
    VALIDITY = "validity"  # the validity list, plus "unclassified"
    CHANNEL = "channel"
    WEEKDAY = "weekday"
    TIME_SLOT = "time_slot"
    ROUTING_MODE = "routing_mode"
    SINGLE = "single"  # one column: the count itself
    MEASURE = "measure"  # rows of a measures table


@dataclass(frozen=True)
class Dimension:
    source: Source
    key: str = ""  # the classification list key, for Source.CLASSIFICATION
    label: Promise | str = ""


UNCLASSIFIED = "unclassified"
NOT_ROUTED = "not_routed"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}
# Local wall-clock hours [from, to): ISTAT reports that 60.6% of calls fall 09:00–17:00.
TIME_SLOTS = (
    ("h00_09", 0, 9, _("00:00–08:59")),
    ("h09_13", 9, 13, _("09:00–12:59")),
    ("h13_17", 13, 17, _("13:00–16:59")),
    ("h17_21", 17, 21, _("17:00–20:59")),
    ("h21_24", 21, 24, _("21:00–23:59")),
)
ROUTING_MODES = ("transfer", "out_of_hours", "orientation", "emergency")
ROUTING_MODE_LABELS = {
    "transfer": _("Referral service open: transfer"),
    "out_of_hours": _("Referral service closed: out-of-hours information"),
    "orientation": _("Outside the network's territories: orientation"),
    "emergency": _("Emergency"),
}
SINGLE_COLUMN = "count"

# Rows of the reserved measures tables. Durations are in seconds, shares in percent.
TRANSFER_MEASURES = (
    ("routed_transfer", _("Contacts that found the referral service open")),
    ("routed_out_of_hours", _("Contacts that found the referral service closed")),
    ("out_of_hours_share", _("Share of contacts out of hours (%)")),
    ("transfer_attempts", _("Transfer attempts")),
    ("transfers_answered", _("Transfers answered by the service")),
    ("contacts_transferred", _("Contacts transferred")),
    ("transfer_success_share", _("Contacts routed to transfer that were transferred (%)")),
    ("time_to_transfer_median", _("Time from contact start to answered transfer, median (s)")),
    (
        "time_to_transfer_p90",
        _("Time from contact start to answered transfer, 90th percentile (s)"),
    ),
)
EMERGENCY_MEASURES = (
    ("emergencies", _("Emergencies")),
    ("police_activated", _("Emergencies with the police activated")),
    ("police_delay_median", _("Time from contact start to police activation, median (s)")),
    ("police_delay_p90", _("Time from contact start to police activation, 90th percentile (s)")),
    ("handed_over", _("Emergencies handed over to the police")),
)


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: Promise
    universe: Universe
    rows: Dimension
    columns: Dimension
    public: bool = True
    # Several answers per unit (violence types, referrals): cells do not add up to totals.
    multiple: bool = False
    measures: tuple[tuple[str, Promise], ...] = ()

    @property
    def is_measures(self) -> bool:
        return self.universe is Universe.MEASURES


def _classification(key: str) -> Dimension:
    return Dimension(Source.CLASSIFICATION, key)


_CHANNEL = Dimension(Source.CHANNEL, label=_("Channel"))
_SINGLE_CONTACTS = Dimension(Source.SINGLE, label=_("Contacts"))
_SINGLE_VICTIMS = Dimension(Source.SINGLE, label=_("Victims"))
_VALUE = Dimension(Source.SINGLE, label=_("Value"))

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "contacts_validity_channel",
        _("Contacts by validity and channel"),
        Universe.CONTACTS,
        Dimension(Source.VALIDITY, label=_("Validity")),
        _CHANNEL,
    ),
    TableSpec(
        "routed_mode_channel",
        _("Routed contacts by routing outcome and channel"),
        Universe.ROUTED,
        Dimension(Source.ROUTING_MODE, label=_("Routing")),
        _CHANNEL,
    ),
    TableSpec(
        "valid_reason_caller",
        _("Valid contacts by reason and caller"),
        Universe.VALID,
        _classification("reason"),
        _classification("caller_type"),
    ),
    TableSpec(
        "valid_weekday_slot",
        _("Valid contacts by day of the week and time slot"),
        Universe.VALID,
        Dimension(Source.WEEKDAY, label=_("Day")),
        Dimension(Source.TIME_SLOT, label=_("Time slot")),
    ),
    TableSpec(
        "victims_violence_type",
        _("Victims by type of violence (several per victim)"),
        Universe.VICTIMS,
        _classification("violence_type"),
        _SINGLE_VICTIMS,
        multiple=True,
    ),
    TableSpec(
        "victims_relationship",
        _("Victims by relationship to the perpetrator"),
        Universe.VICTIMS,
        _classification("perpetrator_relationship"),
        _SINGLE_VICTIMS,
    ),
    TableSpec(
        "victims_age_sex",
        _("Victims by age class and sex"),
        Universe.VICTIMS,
        _classification("age_class"),
        _classification("sex"),
    ),
    TableSpec(
        "victims_citizenship",
        _("Victims by citizenship"),
        Universe.VICTIMS,
        _classification("citizenship"),
        _SINGLE_VICTIMS,
    ),
    TableSpec(
        "victims_children_witnessing",
        _("Victims by children witnessing the violence"),
        Universe.VICTIMS,
        _classification("children_witnessing"),
        _SINGLE_VICTIMS,
    ),
    TableSpec(
        "victims_reported_to_police",
        _("Victims by report to the police"),
        Universe.VICTIMS,
        _classification("reported_to_police"),
        _SINGLE_VICTIMS,
    ),
    TableSpec(
        "victims_heard_of_1522",
        _("Victims by how they heard of 1522"),
        Universe.VICTIMS,
        _classification("heard_of_1522"),
        _SINGLE_VICTIMS,
    ),
    TableSpec(
        "victims_referral_kind",
        _("Victims by kind of service they were referred to (several per victim)"),
        Universe.VICTIMS,
        _classification("referral_kind"),
        _SINGLE_VICTIMS,
        multiple=True,
    ),
    TableSpec(
        "transfers",
        _("Routing and transfers to the territory's services"),
        Universe.MEASURES,
        Dimension(Source.MEASURE),
        _VALUE,
        public=False,
        measures=TRANSFER_MEASURES,
    ),
    TableSpec(
        "emergencies",
        _("Emergencies and police activation"),
        Universe.MEASURES,
        Dimension(Source.MEASURE),
        _VALUE,
        public=False,
        measures=EMERGENCY_MEASURES,
    ),
)

TABLES_BY_ID = {spec.id: spec for spec in TABLES}
PUBLIC_TABLES = tuple(spec for spec in TABLES if spec.public)


@dataclass(frozen=True)
class Link:
    """The count of `universe` in an area equals a margin of another table in that area:
    the row total of `row` (or the column total of `column`) of `table`."""

    universe: Universe
    table: str
    row: str | None = None
    column: str | None = None


LINKS: tuple[Link, ...] = (
    # The valid row of the validity table is the count of valid contacts…
    Link(Universe.VALID, "contacts_validity_channel", row="valid"),
    # …and the victims are the valid contacts whose caller is the victim.
    Link(Universe.VICTIMS, "valid_reason_caller", column="victim"),
)
