"""Writes on 1522 contact records. Each one is atomic: the change, then its audit entry as
the transaction's last statement, so that both commit or neither does.

One writer: a contact in progress is locked to the operator who handles it; every write by
anyone else is refused (PermissionDenied), except `contact_take_over` by a supervisor.
Bad input raises ValidationError with a clear message and writes nothing. Audit details
hold codes, counts and field names, never a number, a note or an answer given by a caller.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.accounts.roles import HELPLINE_SUPERVISOR
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.geography.models import Comune
from rete.helpline.caller_phone import caller_comune_suggestion
from rete.helpline.classification.selectors import (
    classification_current,
    classification_snapshot,
    classification_validate,
)
from rete.helpline.contacts.models import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    Callback,
    Contact,
    ContactChannel,
    ContactStatus,
    EmergencyOutcome,
    EmergencyRecord,
    NuisanceFlag,
    NuisanceReason,
    TransferAttempt,
    TransferOutcome,
)
from rete.helpline.contacts.selectors import nuisance_flag_active, user_helpline_role
from rete.privacy.hashing import phone_digest, phone_normalize
from rete.routing.engine import UnknownComune, decide
from rete.routing.explain import explanation_text
from rete.routing.snapshot import routing_snapshot

CONTACT = "helpline.contact"
CALLBACK = "helpline.callback"
NUISANCE_FLAG = "helpline.nuisanceflag"
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?\Z")
# A call-back not made within this time after it was due is dropped, and its number erased.
CALLBACK_EXPIRES_AFTER = timedelta(days=3)
NUISANCE_MAX_DAYS = 365
EMERGENCY_STEPS = ("started", "police_activated", "handed_over", "outcome")


class IdempotencyConflict(Exception):
    """The idempotency key was already used for a different start (another channel,
    language or operator): the retry is not the same request."""


@dataclass(frozen=True, slots=True)
class ContactStartResult:
    contact: Contact
    created: bool
    # From the caller's number, never stored: a suggestion for the operator to confirm,
    # and a warning (never a block) when the number is on the nuisance list.
    comune_suggestion: Comune | None
    nuisance_flag: NuisanceFlag | None


def _now_or(at: datetime | None, *, field: str) -> datetime:
    if at is None:
        return timezone.now()
    if not isinstance(at, datetime) or timezone.is_naive(at):
        raise ValidationError(
            {field: _("Give an instant with its UTC offset.")}, code="naive_instant"
        )
    return at


def _require_helpline_role(user: AbstractBaseUser) -> str:
    role = user_helpline_role(user)
    if role is None:
        raise PermissionDenied(_("Only 1522 operators and supervisors may do this."))
    return role


def _contact_for_write(*, contact: Contact, actor: AbstractBaseUser) -> Contact:
    """The contact's row, locked until the end of the transaction, after checking that the
    actor is its one writer and that it is still in progress. The caller's instance may be
    stale (another tab, a take-over), so the check reads the database. An unsaved instance
    carrying only the public id (a view that has nothing else) is looked up by that id;
    Contact.DoesNotExist when there is no such contact."""
    _require_helpline_role(actor)
    contacts = Contact.objects.select_for_update()
    if contact.pk is None:
        fresh = contacts.get(public_id=contact.public_id)
    else:
        fresh = contacts.get(pk=contact.pk)
    if fresh.locked_by_id != actor.pk:
        raise PermissionDenied(_("This contact is being handled by someone else."))
    if fresh.status != ContactStatus.IN_PROGRESS:
        raise ValidationError(_("This contact is closed: it can no longer be changed."), "closed")
    return fresh


def _refresh(target: Contact, source: Contact) -> None:
    """Bring the caller's instance up to date with what was saved."""
    for field in Contact._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _audit_update(
    *, actor: AbstractBaseUser, contact: Contact, action: str, details: Mapping[str, Any]
) -> None:
    audit_record(
        actor=actor, action=action, target_type=CONTACT, target_id=contact.pk, details=details
    )


# --- starting a contact


def _checked_start_input(
    *, channel: object, language: object, idempotency_key: object
) -> tuple[str, str, str | None]:
    errors: dict[str, Any] = {}
    if channel not in ContactChannel.values:
        errors["channel"] = _("Choose the channel: phone or chat.")
    if not isinstance(language, str) or not LANGUAGE_RE.match(language):
        errors["language"] = _("Give the language as a code such as “it” or “en”.")
    if idempotency_key is not None and (
        not isinstance(idempotency_key, str)
        or not 1 <= len(idempotency_key) <= IDEMPOTENCY_KEY_MAX_LENGTH
        or any(ord(char) < 32 or ord(char) == 127 for char in idempotency_key)
    ):
        errors["idempotency_key"] = _(
            "The idempotency key must be 1 to %(max)d printable characters."
        ) % {"max": IDEMPOTENCY_KEY_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    return str(channel), str(language), idempotency_key  # type: ignore[return-value]


def _same_start(
    contact: Contact, *, operator: AbstractBaseUser, channel: str, language: str
) -> Contact:
    if (contact.operator_id, contact.channel, contact.language) != (
        operator.pk,
        channel,
        language,
    ):
        raise IdempotencyConflict(
            "This idempotency key was already used for a different contact start."
        )
    return contact


def contact_start(
    *,
    operator: AbstractBaseUser,
    channel: str,
    language: str,
    idempotency_key: str | None = None,
    caller_number: str | None = None,
) -> ContactStartResult:
    """Open a contact handled (and locked) by `operator`.

    With an `idempotency_key`, a retry returns the contact the first call made (created
    False), even when the two race; a key used for a different start raises
    IdempotencyConflict. `caller_number` only suggests the comune and looks the number up
    in the nuisance list: it is never stored.
    """
    _require_helpline_role(operator)
    channel, language, idempotency_key = _checked_start_input(
        channel=channel, language=language, idempotency_key=idempotency_key
    )
    now = timezone.now()
    suggestion = caller_comune_suggestion(caller_number) if caller_number else None
    flag = nuisance_flag_active(number=caller_number, at=now) if caller_number else None

    def result(contact: Contact, created: bool) -> ContactStartResult:
        return ContactStartResult(
            contact=contact, created=created, comune_suggestion=suggestion, nuisance_flag=flag
        )

    # No look-up of the key first: a new key (nearly every call) then costs no query, and a
    # key already used fails the insert on the unique constraint, below.
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                idempotency_key=idempotency_key,
                channel=channel,
                language=language,
                operator=operator,
                locked_by=operator,
                started_at=now,
            )
            audit_record(
                actor=operator,
                action=AuditAction.CONTACT_CREATE,
                target_type=CONTACT,
                target_id=contact.pk,
                details={"channel": channel, "language": language},
            )
    except IntegrityError:
        # The key was used before (a retry), or a concurrent start with the same key
        # committed first: its contact is the answer.
        existing = (
            Contact.objects.filter(idempotency_key=idempotency_key).first()
            if idempotency_key is not None
            else None
        )
        if existing is None:
            raise
        _same_start(existing, operator=operator, channel=channel, language=language)
        # The same user as the key's contact (checked above): no query to load it again.
        existing.operator = operator
        return result(existing, False)
    return result(contact, True)


# --- routing, transfers, emergency


def contact_route(
    *,
    contact: Contact,
    actor: AbstractBaseUser,
    comune_code: str,
    emergency: bool = False,
    at: datetime | None = None,
) -> Contact:
    """Route the contact from `comune_code` at `at` (now) and keep the decision as it was:
    the engine's answer, its explanation in the active language, and the instant asked.
    A contact that is an emergency (now, or already before) gets an emergency decision."""
    at = _now_or(at, field="at")
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        # The snapshot holds every comune of the geography tables: no query needed to know
        # the code, and the decision is taken on the same data.
        network = routing_snapshot()
        if not isinstance(comune_code, str) or comune_code not in network.comuni:
            raise ValidationError({"comune": _("Unknown comune.")}, code="unknown_comune")
        try:
            # Once an emergency, always an emergency: the police contacts stay in view.
            decision = decide(network, comune_code, at, fresh.emergency or bool(emergency))
        except UnknownComune:
            raise ValidationError(
                {"comune": _("This comune is not in the routing data.")}, code="unknown_comune"
            ) from None
        snapshot = decision.to_dict()
        snapshot["explanation"] = explanation_text(decision)
        snapshot["asked_at"] = at.isoformat()
        fresh.comune_id = comune_code
        fresh.emergency = fresh.emergency or bool(emergency)
        fresh.decision = snapshot
        fresh.save(update_fields=["comune", "emergency", "decision", "updated_at"])
        _audit_update(
            actor=actor,
            contact=fresh,
            action=AuditAction.CONTACT_UPDATE,
            details={"fields": ["comune", "emergency", "decision"], "mode": decision.mode},
        )
    _refresh(contact, fresh)
    return contact


def _decision_service(decision: Mapping[str, Any] | None, service_id: str) -> Mapping[str, Any]:
    if not decision:
        raise ValidationError(_("Route the contact before transferring it."), code="not_routed")
    candidates = [decision.get("target"), *decision.get("alternatives", [])]
    for candidate in candidates:
        if candidate and candidate.get("service_id") == service_id:
            return candidate
    raise ValidationError(
        {"service_id": _("This service is not among the ones the routing decision offered.")},
        code="unknown_service",
    )


def contact_record_transfer_attempt(
    *,
    contact: Contact,
    actor: AbstractBaseUser,
    service_id: str,
    outcome: str,
    at: datetime | None = None,
) -> TransferAttempt:
    """Record one attempt to transfer the call to a service of the stored decision, with
    the service's name and phone as the operator saw them."""
    at = _now_or(at, field="at")
    if outcome not in TransferOutcome.values:
        raise ValidationError(
            {"outcome": _("Choose the outcome: answered, no answer, busy or refused.")},
            code="unknown_outcome",
        )
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        service = _decision_service(fresh.decision, service_id)
        position = fresh.transfer_attempts.count() + 1
        attempt = TransferAttempt.objects.create(
            contact=fresh,
            position=position,
            service_id=service_id,
            service_name=str(service.get("name") or ""),
            service_phone=str(service.get("phone") or ""),
            attempted_at=at,
            outcome=outcome,
        )
        _audit_update(
            actor=actor,
            contact=fresh,
            action="contact.transfer_attempt",
            details={"position": position, "outcome": outcome},
        )
    _refresh(contact, fresh)
    return attempt


def contact_emergency_mark(
    *,
    contact: Contact,
    actor: AbstractBaseUser,
    step: str,
    at: datetime | None = None,
    outcome: str | None = None,
) -> EmergencyRecord:
    """Mark one step of the emergency procedure at `at` (now), kept to the microsecond.

    Steps come in order — started, police_activated, handed_over, outcome — each once,
    each no earlier than the one before; the outcome step needs an outcome code.
    """
    at = _now_or(at, field="at")
    if step not in EMERGENCY_STEPS:
        raise ValidationError(
            {"step": _("Unknown step of the emergency procedure.")}, code="unknown_step"
        )
    if step == "outcome" and outcome not in EmergencyOutcome.values:
        raise ValidationError(
            {"outcome": _("Choose the outcome of the emergency.")}, code="unknown_outcome"
        )
    if step != "outcome" and outcome is not None:
        raise ValidationError(
            {"outcome": _("An outcome is given only with the outcome step.")},
            code="outcome_not_allowed",
        )
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        record = EmergencyRecord.objects.select_for_update().filter(contact=fresh).first()
        if step == "started":
            if record is not None:
                raise ValidationError(
                    _("The emergency procedure has already started."), code="step_repeated"
                )
            decision = fresh.decision or {}
            record = EmergencyRecord.objects.create(
                contact=fresh,
                started_at=at,
                contacts_shown=list(decision.get("emergency_contacts", [])),
            )
            fresh.emergency = True
            fresh.save(update_fields=["emergency", "updated_at"])
        else:
            if record is None:
                raise ValidationError(
                    _("Start the emergency procedure first."), code="step_out_of_order"
                )
            index = EMERGENCY_STEPS.index(step)
            field = f"{step}_at"
            if getattr(record, field) is not None:
                raise ValidationError(
                    _("This step of the emergency procedure is already marked."),
                    code="step_repeated",
                )
            previous = EMERGENCY_STEPS[index - 1]
            previous_at = getattr(record, f"{previous}_at")
            if previous_at is None:
                raise ValidationError(
                    _("Mark the steps of the emergency procedure in order."),
                    code="step_out_of_order",
                )
            if at < previous_at:
                raise ValidationError(
                    {"at": _("A step cannot come before the one that precedes it.")},
                    code="step_before_previous",
                )
            setattr(record, field, at)
            update_fields = [field]
            if step == "outcome":
                record.outcome = str(outcome)
                update_fields.append("outcome")
            record.save(update_fields=update_fields)
        _audit_update(
            actor=actor,
            contact=fresh,
            action="contact.emergency",
            details={"step": step, "outcome": outcome},
        )
    _refresh(contact, fresh)
    return record


# --- classification, notes, closing


def contact_classify(
    *, contact: Contact, actor: AbstractBaseUser, answers: Mapping[str, object]
) -> Contact:
    """Classify the contact against the current classification version, recording the
    version so that the codes keep their meaning when the lists change."""
    snapshot = classification_current()
    cleaned = classification_validate(version=snapshot, answers=answers)
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        fresh.classification_version_id = snapshot.version_id
        fresh.classification = cleaned
        fresh.save(update_fields=["classification_version", "classification", "updated_at"])
        _audit_update(
            actor=actor,
            contact=fresh,
            action=AuditAction.CONTACT_UPDATE,
            details={"fields": ["classification"], "classification_version": snapshot.number},
        )
    _refresh(contact, fresh)
    return contact


def contact_notes_set(*, contact: Contact, actor: AbstractBaseUser, notes: str) -> Contact:
    """Replace the contact's free-text notes (encrypted at rest)."""
    if not isinstance(notes, str):
        raise ValidationError({"notes": _("Notes must be text.")}, code="invalid_notes")
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        fresh.notes = notes
        fresh.save(update_fields=["notes", "updated_at"])
        _audit_update(
            actor=actor,
            contact=fresh,
            action=AuditAction.CONTACT_UPDATE,
            details={"fields": ["notes"]},
        )
    _refresh(contact, fresh)
    return contact


def contact_close(*, contact: Contact, actor: AbstractBaseUser, outcome: str) -> Contact:
    """Close the contact with an outcome of its classification version's outcome list (the
    current version when it is not classified yet), and release its lock."""
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        snapshot = (
            classification_snapshot(version=fresh.classification_version)
            if fresh.classification_version_id is not None
            else classification_current()
        )
        outcomes = snapshot.lists.get("outcome")
        item = outcomes.item(outcome) if outcomes and isinstance(outcome, str) else None
        if item is None or not item.active:
            raise ValidationError(
                {"outcome": _("Choose an outcome of the list.")}, code="unknown_outcome"
            )
        fresh.status = ContactStatus.CLOSED
        fresh.ended_at = max(timezone.now(), fresh.started_at)
        fresh.outcome = outcome
        fresh.locked_by = None
        fresh.save(update_fields=["status", "ended_at", "outcome", "locked_by", "updated_at"])
        _audit_update(
            actor=actor,
            contact=fresh,
            action="contact.close",
            details={"outcome": outcome},
        )
    _refresh(contact, fresh)
    return contact


def contact_take_over(*, contact: Contact, supervisor: AbstractBaseUser) -> Contact:
    """A supervisor becomes the contact's one writer (an operator who left, a difficult call)."""
    if _require_helpline_role(supervisor) != HELPLINE_SUPERVISOR:
        raise PermissionDenied(_("Only a supervisor can take over a contact."))
    with transaction.atomic():
        fresh = Contact.objects.select_for_update().get(pk=contact.pk)
        if fresh.status != ContactStatus.IN_PROGRESS:
            raise ValidationError(
                _("This contact is closed: it can no longer be changed."), "closed"
            )
        previous = fresh.locked_by_id
        fresh.locked_by = supervisor
        fresh.save(update_fields=["locked_by", "updated_at"])
        _audit_update(
            actor=supervisor,
            contact=fresh,
            action="contact.take_over",
            details={"previous_writer_id": previous},
        )
    _refresh(contact, fresh)
    return contact


# --- call-backs and the nuisance list


def callback_create(
    *,
    contact: Contact,
    actor: AbstractBaseUser,
    number: str,
    consent: bool,
    due_at: datetime,
) -> Callback:
    """A call-back to `number` at `due_at`, only with the caller's consent, recorded now.
    The number is kept encrypted and erased when the call-back is done or expires."""
    if consent is not True:
        raise ValidationError(
            {"consent": _("A call-back needs the caller's consent to keep her number.")},
            code="consent_required",
        )
    if due_at is None:
        raise ValidationError({"due_at": _("Say when to call back.")}, code="required")
    due_at = _now_or(due_at, field="due_at")
    try:
        normalized = phone_normalize(number)
    except ValueError as error:
        raise ValidationError({"number": str(error)}, code="invalid_number") from None
    with transaction.atomic():
        fresh = _contact_for_write(contact=contact, actor=actor)
        callback = Callback.objects.create(
            contact=fresh,
            consent_at=timezone.now(),
            number=normalized,
            due_at=due_at,
            expires_at=due_at + CALLBACK_EXPIRES_AFTER,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="callback.create",
            target_type=CALLBACK,
            target_id=callback.pk,
            details={"contact_id": fresh.pk},
        )
    return callback


def _erase(callback: Callback, *, at: datetime) -> None:
    callback.number = None
    callback.erased_at = at


def callback_done(*, callback: Callback, actor: AbstractBaseUser) -> Callback:
    """The call-back was made: mark it done and erase the number."""
    _require_helpline_role(actor)
    with transaction.atomic():
        fresh = Callback.objects.select_for_update().get(pk=callback.pk)
        if fresh.done_at is not None or fresh.erased_at is not None:
            raise ValidationError(
                _("This call-back is already done or expired."), code="callback_closed"
            )
        now = timezone.now()
        fresh.done_at = now
        _erase(fresh, at=now)
        fresh.save(update_fields=["done_at", "number", "erased_at"])
        audit_record(
            actor=actor,
            action="callback.done",
            target_type=CALLBACK,
            target_id=fresh.pk,
            details={"contact_id": fresh.contact_id},
        )
    callback.done_at, callback.number, callback.erased_at = (
        fresh.done_at,
        fresh.number,
        fresh.erased_at,
    )
    return callback


def callback_erase_expired(*, now: datetime) -> int:
    """Erase the numbers of call-backs expired at `now` (a periodic task); returns how many."""
    now = _now_or(now, field="now")
    erased = 0
    with transaction.atomic():
        expired = Callback.objects.select_for_update().filter(
            erased_at__isnull=True, expires_at__lte=now
        )
        for callback in expired:
            _erase(callback, at=now)
            callback.save(update_fields=["number", "erased_at"])
            erased += 1
            audit_record(
                actor=None,
                action="callback.expire",
                target_type=CALLBACK,
                target_id=callback.pk,
                details={"contact_id": callback.contact_id},
            )
    return erased


def nuisance_flag_create(
    *, number: str, actor: AbstractBaseUser, reason: str, days: int
) -> NuisanceFlag:
    """Flag a number for `days` days, kept only as its keyed hash."""
    _require_helpline_role(actor)
    errors: dict[str, Any] = {}
    if reason not in NuisanceReason.values:
        errors["reason"] = _("Choose the reason of the flag.")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= NUISANCE_MAX_DAYS:
        errors["days"] = _("The period is 1 to %(max)d days.") % {"max": NUISANCE_MAX_DAYS}
    digest = None
    try:
        digest = phone_digest(number)
    except ValueError as error:
        errors["number"] = str(error)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        flag = NuisanceFlag.objects.create(
            number_digest=digest,
            flagged_by=actor,
            reason=reason,
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        audit_record(
            actor=actor,
            action="nuisance_flag.create",
            target_type=NUISANCE_FLAG,
            target_id=flag.pk,
            details={"reason": reason, "days": days},
        )
    return flag
