"""Synthetic 1522 contacts for the demo and the benchmarks, marked `synthetic=True`.

They are made to look like the helpline's real traffic as ISTAT publishes it (figures and
sources in /work/shared/FACTS.md): about half of the contacts not valid (46.2% in
2012–2018), reasons as in Q1 2025, 60.6% of calls between 09:00 and 17:00, victims mostly
women, psychological violence and threats the most frequent types, 65.5% of victims who
have not reported to the police, 73.5% of victims referred (94.4% of them to an
anti-violence centre). What ISTAT does not publish (ages, the hours outside 09–17, the
share of each not-valid kind) is a plausible guess. Every share is in
rete.statistics.synthetic_shares; this module draws with them and writes the rows.

Each contact is routed by the real engine (rete.routing) at its own instant, over the
network in the database, so transfer vs out-of-hours follows the network's real hours and
protocols. The engine answers in tens of microseconds: a decision per contact costs a few
seconds per 100,000 contacts, so no cache (which would blur the schedules) is needed.

The same seed over the same network and classification gives the same contacts (their
instants, comuni, answers and decisions); only the public ids and the creation instants
differ. Nothing personal is made: no notes, no numbers, no call-backs. The rows are written
in batches (bulk_create; COPY on PostgreSQL), in one transaction with one audit entry per
run, not one per contact, and belong to an inactive account, "synthetic-data", that nobody
can sign in with.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.helpline.classification.lists import CALLER_TYPE, NOT_STATED, VALIDITY, VICTIM
from rete.helpline.classification.selectors import (
    ClassificationSnapshot,
    ClassificationUnavailable,
    classification_current,
    classification_validate,
)
from rete.helpline.contacts.models import (
    Contact,
    ContactChannel,
    ContactStatus,
    EmergencyRecord,
    TransferAttempt,
    TransferOutcome,
)
from rete.routing.engine import NetworkSnapshot, decide
from rete.routing.explain import explanation_text
from rete.routing.snapshot import routing_snapshot
from rete.statistics.synthetic_shares import (
    CALLER_BY_REASON,
    CAPITAL_WEIGHT,
    CHAT_SHARE,
    COVERED_SHARE,
    EMERGENCY_OUTCOME_SHARES,
    EMERGENCY_SHARE_OF_LOCATED_VALID,
    FIRST_ATTEMPT_SHARES,
    HOUR_WEIGHTS,
    LANGUAGE_SHARES,
    LOCATED_SHARES,
    MONTH_WEIGHTS,
    NEXT_ATTEMPT_ANSWERED,
    NOT_REFERRED_SHARES,
    OUTCOME_NOT_VALID,
    OUTCOME_OTHER,
    OUTCOME_VICTIM_ROUTED,
    OUTCOME_WRONG_NUMBER,
    POLICE_ACTIVATED,
    REASON_SHARES,
    REFERRAL_MAIN_SHARES,
    REFERRAL_SECOND_CHANCE,
    REFERRAL_SECOND_SHARES,
    REFERRED_SHARE,
    TRANSFER_TRY_CHANCE,
    TRANSFERRED,
    VALIDITY_SHARES,
    VICTIM_SHARES,
    VIOLENCE_TYPE_CHANCES,
    WEEKDAY_WEIGHTS,
    Shares,
)

ROME = ZoneInfo("Europe/Rome")
SYNTHETIC_USERNAME = "synthetic-data"
AUDIT_TARGET_TYPE = "helpline.contact"
AUDIT_TARGET_ID = "synthetic"
AUDIT_DELETE_ACTION = "contact.delete_synthetic"
BATCH_SIZE = 2_000
MAX_COUNT = 10_000_000
MAX_SEED = 2**53  # the audit log keeps integers up to 2**53
# Decisions are stored as the console stores them: explained in its language.
CONSOLE_LANGUAGE = "it"


class SyntheticDataError(ValueError):
    """Generation refused before anything is written; the message is for the person who ran it."""


# --- the plan of one run -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lists:
    """The shares restricted to the current classification's active answers."""

    validity: Shares
    reason: Shares
    caller_by_reason: Mapping[str, Shares]
    victim: Mapping[str, Shares]
    violence_types: tuple[tuple[str, float], ...]
    # None when the version has no referral list (or none of these answers).
    referral_main: Shares | None
    referral_second: Shares | None
    not_referred: Shares | None
    outcomes: Mapping[str, Shares]
    # Asked only when "not stated" can stand for a victim with no type drawn.
    has_violence_type: bool

    @classmethod
    def of(cls, snapshot: ClassificationSnapshot) -> _Lists:
        def active(key: str) -> set[str]:
            found = snapshot.lists.get(key)
            return {item.code for item in found.active_items} if found else set()

        def restricted(key: str, weights: Mapping[str, float]) -> Shares:
            shares = Shares.of(weights).restricted(active(key))
            if shares is None:
                raise SyntheticDataError(
                    _("The current classification has none of the answers %(codes)s.")
                    % {"codes": ", ".join(weights)}
                )
            return shares

        for required in (VALIDITY, CALLER_TYPE, "reason", "outcome"):
            if required not in snapshot.lists:
                raise SyntheticDataError(
                    _("The current classification has no list “%(key)s”.") % {"key": required}
                )
        reasons = restricted("reason", REASON_SHARES)
        outcomes = active("outcome")
        for outcome in (TRANSFERRED, POLICE_ACTIVATED):
            if outcome not in outcomes:
                raise SyntheticDataError(
                    _("The current classification has no outcome “%(code)s”.") % {"code": outcome}
                )
        violence = active("violence_type")
        referral = active("referral_kind")
        return cls(
            validity=restricted(VALIDITY, VALIDITY_SHARES),
            reason=reasons,
            caller_by_reason={
                reason: restricted(CALLER_TYPE, CALLER_BY_REASON.get(reason, {"other": 1.0}))
                for reason in reasons.codes
            },
            victim={
                key: restricted(key, weights)
                for key, weights in VICTIM_SHARES.items()
                if key in snapshot.lists
            },
            violence_types=tuple(
                (code, chance) for code, chance in VIOLENCE_TYPE_CHANCES.items() if code in violence
            ),
            referral_main=Shares.of(REFERRAL_MAIN_SHARES).restricted(referral),
            referral_second=Shares.of(REFERRAL_SECOND_SHARES).restricted(referral),
            not_referred=Shares.of(NOT_REFERRED_SHARES).restricted(referral),
            outcomes={
                name: restricted("outcome", weights)
                for name, weights in (
                    ("not_valid", OUTCOME_NOT_VALID),
                    ("wrong_number", OUTCOME_WRONG_NUMBER),
                    ("victim_routed", OUTCOME_VICTIM_ROUTED),
                    ("other", OUTCOME_OTHER),
                )
            },
            has_violence_type=NOT_STATED in violence,
        )


@dataclass(slots=True)
class _Counts:
    contacts: int = 0
    valid: int = 0
    victims: int = 0
    routed: int = 0
    attempts: int = 0
    emergencies: int = 0


@dataclass(slots=True)
class _Made:
    contact: Contact
    attempts: list[TransferAttempt] = field(default_factory=list)
    emergency: EmergencyRecord | None = None


class _Generator:
    def __init__(
        self,
        *,
        rng: random.Random,
        network: NetworkSnapshot,
        snapshot: ClassificationSnapshot,
        operator: AbstractBaseUser,
    ) -> None:
        self.rng = rng
        self.network = network
        self.snapshot = snapshot
        self.operator = operator
        self.lists = _Lists.of(snapshot)
        self.languages = Shares.of(LANGUAGE_SHARES)
        self.first_attempt = Shares.of(FIRST_ATTEMPT_SHARES)
        self.emergency_outcome = Shares.of(EMERGENCY_OUTCOME_SHARES)
        self.covered, self.elsewhere = _comune_pickers(network)
        self.counts = _Counts()
        # A silent call is a phone call: the others make up for it to keep CHAT_SHARE overall.
        self.chat_chance = CHAT_SHARE / (1 - _share(VALIDITY_SHARES, "silent"))

    # -- where and when

    def comune(self, validity: str) -> str | None:
        rng = self.rng
        if rng.random() >= LOCATED_SHARES.get(validity, 0.5):
            return None
        covered = rng.random() < COVERED_SHARE
        picker = (self.covered if covered else self.elsewhere) or self.covered or self.elsewhere
        return picker.pick(rng) if picker is not None else None

    # -- one contact

    def make(self, started_at: datetime) -> _Made:
        rng = self.rng
        lists = self.lists
        validity = lists.validity.pick(rng)
        valid = self.snapshot.is_valid(validity)
        comune = self.comune(validity)
        emergency = valid and comune is not None and rng.random() < EMERGENCY_SHARE_OF_LOCATED_VALID
        channel = (
            ContactChannel.CHAT
            if validity != "silent" and rng.random() < self.chat_chance
            else ContactChannel.PHONE
        )
        answers: dict[str, Any] = {VALIDITY: validity}
        if valid:
            reason = "help_request" if emergency else lists.reason.pick(rng)
            if reason not in lists.caller_by_reason:
                reason = lists.reason.pick(rng)
            answers["reason"] = reason
            caller = lists.caller_by_reason[reason].pick(rng)
            answers[CALLER_TYPE] = caller
            if caller == VICTIM:
                answers.update(self.victim_answers())
        cleaned = classification_validate(version=self.snapshot, answers=answers)
        contact = Contact(
            channel=channel,
            language=self.languages.pick(rng),
            operator=self.operator,
            status=ContactStatus.CLOSED,
            started_at=started_at,
            comune_id=comune,
            emergency=emergency,
            classification_version_id=self.snapshot.version_id,
            classification=cleaned,
            synthetic=True,
        )
        made = _Made(contact)
        counts = self.counts
        counts.contacts += 1
        counts.valid += valid
        counts.victims += cleaned.get(CALLER_TYPE) == VICTIM
        end = started_at + timedelta(seconds=self.duration(validity, channel))
        decision = None
        if comune is not None:
            asked_at = started_at + timedelta(seconds=rng.randint(15, 90))
            decision = self.route(comune, asked_at, emergency)
            contact.decision = decision
            counts.routed += 1
            end = max(end, asked_at + timedelta(seconds=30))
        if emergency:
            end = self.emergency(made, decision or {}, started_at)
            outcome = POLICE_ACTIVATED
        elif not valid:
            outcome = lists.outcomes[
                "wrong_number" if validity == "wrong_number" else "not_valid"
            ].pick(rng)
        else:
            outcome, end = self.transfer(made, decision, cleaned, end)
        contact.outcome = outcome
        contact.ended_at = end
        return made

    def victim_answers(self) -> dict[str, Any]:
        rng = self.rng
        lists = self.lists
        answers: dict[str, Any] = {key: shares.pick(rng) for key, shares in lists.victim.items()}
        if lists.has_violence_type:
            types = [code for code, chance in lists.violence_types if rng.random() < chance]
            answers["violence_type"] = types or [NOT_STATED]
        if lists.referral_main is not None and rng.random() < REFERRED_SHARE:
            kinds = [lists.referral_main.pick(rng)]
            if lists.referral_second is not None and rng.random() < REFERRAL_SECOND_CHANCE:
                second = lists.referral_second.pick(rng)
                if second not in kinds:
                    kinds.append(second)
            answers["referral_kind"] = kinds
        elif lists.not_referred is not None:
            answers["referral_kind"] = [lists.not_referred.pick(rng)]
        return answers

    def duration(self, validity: str, channel: str) -> int:
        """Seconds: a few for a silent call, minutes for a conversation, longer in chat."""
        rng = self.rng
        if validity == "silent":
            return rng.randint(5, 40)
        if validity == "wrong_number":
            return rng.randint(10, 60)
        if validity in ("nuisance", "prank"):
            return rng.randint(20, 300)
        seconds = rng.lognormvariate(math.log(480), 0.6)
        if channel == ContactChannel.CHAT:
            seconds *= 1.6
        return int(min(max(seconds, 60), 5400))

    def route(self, comune: str, at: datetime, emergency: bool) -> dict[str, Any]:
        # What contact_route stores: the engine's answer, explained, and the instant asked.
        decision = decide(self.network, comune, at, emergency)
        stored = decision.to_dict()
        stored["explanation"] = explanation_text(decision)
        stored["asked_at"] = at.isoformat()
        return stored

    def transfer(
        self,
        made: _Made,
        decision: Mapping[str, Any] | None,
        answers: Mapping[str, Any],
        end: datetime,
    ) -> tuple[str, datetime]:
        """The outcome of a valid contact, with the transfer attempts when one is tried."""
        rng = self.rng
        victim = answers.get(CALLER_TYPE) == VICTIM
        mode = decision.get("mode") if decision else None
        wants_centre = "anti_violence_centre" in answers.get("referral_kind", ())
        if (
            mode == "transfer"
            and victim
            and wants_centre
            and decision
            and decision.get("target")
            and rng.random() < TRANSFER_TRY_CHANCE
        ):
            services = [decision["target"], *decision.get("alternatives", [])]
            at = datetime.fromisoformat(decision["asked_at"]) + timedelta(
                seconds=rng.randint(60, 420)
            )
            outcome = self.first_attempt.pick(rng)
            made.attempts.append(self.attempt(services[0], 1, at, outcome))
            if outcome != TransferOutcome.ANSWERED:
                # The next service of the chain, or the same one once more.
                service = services[1] if len(services) > 1 else services[0]
                at += timedelta(seconds=rng.randint(40, 150))
                outcome = (
                    TransferOutcome.ANSWERED
                    if rng.random() < NEXT_ATTEMPT_ANSWERED
                    else TransferOutcome.NO_ANSWER
                )
                made.attempts.append(self.attempt(service, 2, at, outcome))
            self.counts.attempts += len(made.attempts)
            end = max(end, at + timedelta(seconds=rng.randint(20, 90)))
            if outcome == TransferOutcome.ANSWERED:
                return TRANSFERRED, end
        group = "victim_routed" if victim and mode in ("transfer", "out_of_hours") else "other"
        return self.lists.outcomes[group].pick(rng), end

    @staticmethod
    def attempt(
        service: Mapping[str, Any], position: int, at: datetime, outcome: str
    ) -> TransferAttempt:
        return TransferAttempt(
            position=position,
            service_id=str(service.get("service_id") or ""),
            service_name=str(service.get("name") or "")[:200],
            service_phone=str(service.get("phone") or "")[:40],
            attempted_at=at,
            outcome=outcome,
        )

    def emergency(self, made: _Made, decision: Mapping[str, Any], started_at: datetime) -> datetime:
        """The emergency procedure: started at once, the police activated a few minutes after
        the contact's start, the call handed over, an outcome. Returns the contact's end."""
        rng = self.rng
        begun = started_at + timedelta(seconds=rng.randint(30, 90))
        police = begun + timedelta(seconds=rng.randint(60, 400))
        handed = police + timedelta(seconds=rng.randint(30, 300))
        outcome_at = handed + timedelta(seconds=rng.randint(30, 600))
        made.emergency = EmergencyRecord(
            started_at=begun,
            police_activated_at=police,
            handed_over_at=handed,
            outcome_at=outcome_at,
            outcome=self.emergency_outcome.pick(rng),
            contacts_shown=list(decision.get("emergency_contacts", [])),
        )
        self.counts.emergencies += 1
        return outcome_at + timedelta(seconds=rng.randint(10, 120))


def _share(weights: Mapping[str, float], code: str) -> float:
    return weights.get(code, 0.0) / sum(weights.values())


def _comune_pickers(network: NetworkSnapshot) -> tuple[Shares | None, Shares | None]:
    """Comuni covered by a territory of the network, and the others (None when there are
    none); capitals weigh more."""

    def picker(codes: Sequence[str]) -> Shares | None:
        if not codes:
            return None
        return Shares.of(
            {code: CAPITAL_WEIGHT if network.comuni[code].is_capital else 1.0 for code in codes}
        )

    covered = sorted(code for code in network.coverage if code in network.comuni)
    covered_set = set(covered)
    elsewhere = sorted(code for code in network.comuni if code not in covered_set)
    return picker(covered), picker(elsewhere)


def _instants(rng: random.Random, *, count: int, start: date, end: date) -> list[datetime]:
    """`count` local instants in [start, end), by day (weekday, month) and hour weights,
    sorted. A wall-clock time that DST skips lands an hour off, on the same date."""
    days = [start + timedelta(days=offset) for offset in range((end - start).days)]
    total = 0.0
    cumulative = []
    for day in days:
        total += WEEKDAY_WEIGHTS[day.weekday()] * MONTH_WEIGHTS.get(day.month, 1.0)
        cumulative.append(total)
    hours = Shares.of({str(hour): weight for hour, weight in enumerate(HOUR_WEIGHTS)})
    instants = []
    for _index in range(count):
        day = days[bisect_right(cumulative, rng.random() * total)]
        hour = int(hours.pick(rng))
        seconds = rng.randrange(3600)
        local = datetime.combine(day, time(hour, seconds // 60, seconds % 60), tzinfo=ROME)
        # In UTC from here on: adding seconds to a Rome datetime adds wall-clock time, which
        # around a DST change can end a call before it started.
        instants.append(local.astimezone(UTC))
    instants.sort()
    return instants


# --- the operator, the checks ----------------------------------------------------------------


def synthetic_operator() -> AbstractBaseUser:
    """The account synthetic contacts belong to: inactive, with no usable password and no
    role, so that nobody can sign in as it. Created when missing."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=SYNTHETIC_USERNAME).first()
    if user is None:
        user = user_model(username=SYNTHETIC_USERNAME, is_active=False)
        user.set_unusable_password()
        user.save()
    return user


def _checked(*, count: object, seed: object, start: object, end: object) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise SyntheticDataError(
            _("The number of contacts must be a whole number from 1 to %(max)s.")
            % {"max": f"{MAX_COUNT:,}".replace(",", ".")}
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < MAX_SEED:
        raise SyntheticDataError(
            _("The seed must be a whole number from 0 to %(max)s.") % {"max": MAX_SEED - 1}
        )
    if not isinstance(start, date) or not isinstance(end, date):
        raise SyntheticDataError(_("Give the period as two dates."))
    if isinstance(start, datetime) or isinstance(end, datetime):
        raise SyntheticDataError(_("Give the period as two dates, without a time."))
    if end <= start:
        raise SyntheticDataError(_("The end of the period must come after its start."))


def _network() -> NetworkSnapshot:
    network = routing_snapshot()
    if not network.territories:
        raise SyntheticDataError(
            _(
                "No network is loaded: import one first (rete import-network FILE), "
                "or load the demo (rete demo)."
            )
        )
    return network


def _classification() -> ClassificationSnapshot:
    try:
        return classification_current()
    except ClassificationUnavailable:
        raise SyntheticDataError(
            _("No classification version is published: run the migrations first.")
        ) from None


# --- writing ---------------------------------------------------------------------------------


def _batches(items: Iterator[_Made], size: int) -> Iterator[list[_Made]]:
    batch: list[_Made] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _contacts_copy(contacts: list[Contact]) -> None:
    """Insert the contacts with PostgreSQL's COPY, their ids taken from the table's sequence
    first: several times faster than bulk_create, whose client-side quoting of arrays of
    JSON text dominates the run."""
    from psycopg import sql as pg_sql  # here: SQLite installations need no PostgreSQL driver

    meta = Contact._meta
    fields = meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(contacts)],
        )
        for contact, (pk,) in zip(contacts, cursor.fetchall(), strict=True):
            contact.pk = pk
        statement = pg_sql.SQL("COPY {} ({}) FROM STDIN").format(
            pg_sql.Identifier(meta.db_table),
            pg_sql.SQL(", ").join(pg_sql.Identifier(field.column) for field in fields),
        )
        with cursor.cursor.copy(statement) as copy:
            for contact in contacts:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(contact, True), connection)
                        for field in fields
                    ]
                )
    for contact in contacts:
        contact._state.adding = False
        contact._state.db = connection.alias


def _write(batch: list[_Made]) -> None:
    contacts = [made.contact for made in batch]
    if connection.vendor == "postgresql":
        _contacts_copy(contacts)
    else:
        Contact.objects.bulk_create(contacts)
    attempts: list[TransferAttempt] = []
    records: list[EmergencyRecord] = []
    for made, contact in zip(batch, contacts, strict=True):
        for attempt in made.attempts:
            attempt.contact = contact
            attempts.append(attempt)
        if made.emergency is not None:
            made.emergency.contact = contact
            records.append(made.emergency)
    if attempts:
        TransferAttempt.objects.bulk_create(attempts)
    if records:
        EmergencyRecord.objects.bulk_create(records)


def synthetic_contacts_check(
    *, count: object, seed: object, start: object, end: object
) -> tuple[NetworkSnapshot, ClassificationSnapshot]:
    """Raise SyntheticDataError when generation would be refused; otherwise the network and
    classification it would use. Writes nothing."""
    _checked(count=count, seed=seed, start=start, end=end)
    network = _network()
    snapshot = _classification()
    _Lists.of(snapshot)
    return network, snapshot


def synthetic_contacts_generate(
    *,
    count: int,
    seed: int,
    start: date,
    end: date,
    operator: AbstractBaseUser | None = None,
) -> int:
    """Make `count` synthetic contacts started in [start, end) local time (Europe/Rome) over
    the network in the database; return how many were made.

    The same seed, network and classification give the same contacts. Raises
    SyntheticDataError, writing nothing, for a count or seed out of range, an empty period,
    no network loaded or no classification published. One audit entry records the run.
    """
    return synthetic_contacts_make(
        count=count, seed=seed, start=start, end=end, operator=operator
    ).contacts


@dataclass(frozen=True, slots=True)
class SyntheticSummary:
    contacts: int
    valid: int
    victims: int
    routed: int
    transfer_attempts: int
    emergencies: int


def synthetic_contacts_make(
    *,
    count: int,
    seed: int,
    start: date,
    end: date,
    operator: AbstractBaseUser | None = None,
) -> SyntheticSummary:
    """As synthetic_contacts_generate, returning what was made in more detail."""
    network, snapshot = synthetic_contacts_check(count=count, seed=seed, start=start, end=end)
    # Reproducible synthetic data, not a secret: a seeded generator is the point.
    rng = random.Random(seed)  # nosec B311
    with transaction.atomic():
        generator = _Generator(
            rng=rng,
            network=network,
            snapshot=snapshot,
            operator=operator if operator is not None else synthetic_operator(),
        )
        instants = _instants(rng, count=count, start=start, end=end)
        with translation.override(CONSOLE_LANGUAGE):
            made = (generator.make(instant) for instant in instants)
            for batch in _batches(made, BATCH_SIZE):
                _write(batch)
        counts = generator.counts
        audit_record(
            actor=None,
            action=AuditAction.SYNTHETIC_CONTACTS_GENERATE,
            target_type=AUDIT_TARGET_TYPE,
            target_id=AUDIT_TARGET_ID,
            details={
                "count": counts.contacts,
                "seed": seed,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "emergencies": counts.emergencies,
                "transfer_attempts": counts.attempts,
            },
        )
    return SyntheticSummary(
        contacts=counts.contacts,
        valid=counts.valid,
        victims=counts.victims,
        routed=counts.routed,
        transfer_attempts=counts.attempts,
        emergencies=counts.emergencies,
    )


def synthetic_contacts_delete() -> int:
    """Delete every synthetic contact with its transfer attempts and emergency record, and
    nothing else; return how many contacts were deleted. Audited once when any were."""
    synthetic = Contact.objects.filter(synthetic=True)
    with transaction.atomic():
        TransferAttempt.objects.filter(contact__synthetic=True).delete()
        EmergencyRecord.objects.filter(contact__synthetic=True).delete()
        # Straight DELETE: Django's cascade collector would load every contact first, and
        # synthetic contacts have nothing else pointing at them (no call-backs are made).
        deleted = synthetic._raw_delete(synthetic.db)
        if deleted:
            audit_record(
                actor=None,
                action=AUDIT_DELETE_ACTION,
                target_type=AUDIT_TARGET_TYPE,
                target_id=AUDIT_TARGET_ID,
                details={"count": deleted},
            )
    return deleted
