"""What the supervisor's live board shows, computed from the contact records in two queries.

The board is for running the shift, not for reading records: it carries the operator, the
elapsed time, the routing mode, the territory and the comune's name of each contact in
progress, the emergencies with the time since their start, and today's transfer attempts per
territory. Never a note, a number or a classification answer: the queries below select only
the columns the board shows (`values()`), so nothing else ever leaves the database. No audit
entry is written: nobody opens a record here; opening one goes through
rete.helpline.contacts.access.contact_get_for_user.

Territory, mode and comune come from `Contact.decision`, the decision as the operator saw it
(null until the contact is routed). "Today" is the Europe/Rome calendar day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.fields.json import KT, KeyTextTransform, KeyTransform
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rete.helpline.contacts.models import (
    Contact,
    ContactStatus,
    TransferAttempt,
    TransferOutcome,
)

ROME = ZoneInfo("Europe/Rome")
StrOrPromise = str | Promise

NOT_ROUTED = "not_routed"
# The same words as the console's and the records', so that the screens read alike.
MODE_LABELS = {
    "transfer": _("Direct transfer"),
    "out_of_hours": _("Out of hours"),
    "orientation": _("Orientation"),
    "emergency": _("Emergency"),
}
NOT_ROUTED_LABEL = _("Not routed yet")
NO_TERRITORY_LABEL = _("No territory")

# The step of the emergency procedure reached last, latest first.
EMERGENCY_STEP_LABELS = (
    ("outcome_at", pgettext_lazy("emergency step", "Outcome recorded")),
    ("handed_over_at", pgettext_lazy("emergency step", "Handed over to the police")),
    ("police_activated_at", pgettext_lazy("emergency step", "Police activated")),
    ("started_at", pgettext_lazy("emergency step", "Procedure started")),
)


@dataclass(frozen=True, slots=True)
class BoardContact:
    """One contact in progress, as the board shows it."""

    public_id: UUID
    operator: str
    started_at: datetime
    elapsed_seconds: int
    mode: str  # a key of MODE_LABELS, or NOT_ROUTED
    # Labels stay lazy: one board is rendered in every language of the interface.
    mode_label: StrOrPromise
    territory_code: str | None
    territory_name: str | None
    comune_name: str | None
    emergency: bool
    emergency_started_at: datetime | None
    emergency_elapsed_seconds: int | None
    emergency_step: StrOrPromise | None

    @property
    def elapsed(self) -> str:
        return elapsed_text(self.elapsed_seconds)

    @property
    def started_iso(self) -> str:
        return iso_instant(self.started_at)

    @property
    def emergency_started_iso(self) -> str:
        return iso_instant(self.emergency_started_at) if self.emergency_started_at else ""

    @property
    def emergency_elapsed(self) -> str:
        if self.emergency_elapsed_seconds is None:
            return ""
        return elapsed_text(self.emergency_elapsed_seconds)


@dataclass(frozen=True, slots=True)
class TerritoryTransfers:
    """Today's transfer attempts of the contacts routed to one territory (code None: the
    contacts whose decision named no territory)."""

    code: str | None
    territory_name: str | None
    attempts: int
    answered: int

    @property
    def name(self) -> StrOrPromise:
        return self.territory_name or self.code or NO_TERRITORY_LABEL

    @property
    def success_rate(self) -> int:
        """Answered attempts out of all attempts, as a whole percentage."""
        return round(100 * self.answered / self.attempts) if self.attempts else 0


@dataclass(frozen=True, slots=True)
class BoardState:
    now: datetime
    day: date
    contacts: tuple[BoardContact, ...]
    transfers: tuple[TerritoryTransfers, ...]

    @property
    def now_iso(self) -> str:
        return iso_instant(self.now)

    @property
    def emergencies(self) -> tuple[BoardContact, ...]:
        return tuple(contact for contact in self.contacts if contact.emergency)

    @property
    def transfer_attempts(self) -> int:
        return sum(row.attempts for row in self.transfers)

    @property
    def transfers_answered(self) -> int:
        return sum(row.answered for row in self.transfers)

    @property
    def transfer_success_rate(self) -> int:
        attempts = self.transfer_attempts
        return round(100 * self.transfers_answered / attempts) if attempts else 0


def elapsed_text(seconds: int) -> str:
    """A stopwatch reading: "4:05" under an hour, "1:04:05" from an hour on."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def iso_instant(value: datetime) -> str:
    """An instant for the browser's clock: ISO 8601 with its offset, to the millisecond."""
    return value.isoformat(timespec="milliseconds")


def rome_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants [start, end) of a Europe/Rome calendar day (23 or 25 hours on DST days)."""
    start = datetime.combine(day, time.min, tzinfo=ROME)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=ROME)
    return start, end


def _seconds_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds()))


def _operator_name(first_name: str, last_name: str, username: str) -> str:
    full_name = f"{first_name} {last_name}".strip()
    return full_name or username


def _emergency_step(row: dict) -> StrOrPromise | None:
    for field, label in EMERGENCY_STEP_LABELS:
        if row[f"emergency_record__{field}"] is not None:
            return label
    return None


def board_contacts(*, now: datetime) -> tuple[BoardContact, ...]:
    """The contacts in progress: emergencies first (the earliest started first), then the
    others from the longest running."""
    rows = Contact.objects.filter(status=ContactStatus.IN_PROGRESS).values(
        "public_id",
        "started_at",
        "emergency",
        "operator__first_name",
        "operator__last_name",
        "operator__username",
        "emergency_record__started_at",
        "emergency_record__police_activated_at",
        "emergency_record__handed_over_at",
        "emergency_record__outcome_at",
        mode=KT("decision__mode"),
        territory_code=KT("decision__territory__code"),
        territory_name=KT("decision__territory__name"),
        comune_name=KT("decision__comune__name"),
    )
    contacts = []
    for row in rows:
        mode = row["mode"] if row["mode"] in MODE_LABELS else NOT_ROUTED
        emergency_started_at = row["emergency_record__started_at"]
        contacts.append(
            BoardContact(
                public_id=row["public_id"],
                operator=_operator_name(
                    row["operator__first_name"],
                    row["operator__last_name"],
                    row["operator__username"],
                ),
                started_at=row["started_at"],
                elapsed_seconds=_seconds_between(row["started_at"], now),
                mode=mode,
                mode_label=MODE_LABELS.get(mode, NOT_ROUTED_LABEL),
                territory_code=row["territory_code"],
                territory_name=row["territory_name"],
                comune_name=row["comune_name"],
                emergency=emergency_started_at is not None or row["emergency"],
                emergency_started_at=emergency_started_at,
                emergency_elapsed_seconds=(
                    _seconds_between(emergency_started_at, now)
                    if emergency_started_at is not None
                    else None
                ),
                emergency_step=_emergency_step(row),
            )
        )
    contacts.sort(
        key=lambda contact: (
            not contact.emergency,
            contact.emergency_started_at or contact.started_at,
            contact.started_at,
        )
    )
    return tuple(contacts)


def board_transfers(*, day: date) -> tuple[TerritoryTransfers, ...]:
    """The transfer attempts made on `day` (Europe/Rome) and how many were answered, per
    territory of the contact's decision; by territory name, "no territory" last."""
    start, end = rome_day_bounds(day)
    rows = (
        TransferAttempt.objects.filter(attempted_at__gte=start, attempted_at__lt=end)
        .values(
            # KT() does not follow relations: the contact's decision is reached explicitly.
            code=KeyTextTransform("code", KeyTransform("territory", "contact__decision")),
            name=KeyTextTransform("name", KeyTransform("territory", "contact__decision")),
        )
        .annotate(
            attempts=Count("pk"),
            answered=Count("pk", filter=Q(outcome=TransferOutcome.ANSWERED)),
        )
        .order_by()
    )
    transfers = [
        TerritoryTransfers(
            code=row["code"],
            territory_name=row["name"],
            attempts=row["attempts"],
            answered=row["answered"],
        )
        for row in rows
    ]
    transfers.sort(key=lambda row: (row.code is None, str(row.name).casefold(), row.code or ""))
    return tuple(transfers)


def board_state(*, now: datetime | None = None) -> BoardState:
    """The whole board at `now` (the current instant when not given)."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("The board needs an instant with its UTC offset.")
    day = now.astimezone(ROME).date()
    return BoardState(
        now=now,
        day=day,
        contacts=board_contacts(now=now),
        transfers=board_transfers(day=day),
    )
