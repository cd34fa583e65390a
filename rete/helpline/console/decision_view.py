"""The routing decision stored on a contact, turned into what the operator reads and does.

Plain functions over the stored decision (the JSON kept on the contact), the transfer
attempts made so far and the instant: testable without HTTP. The decision itself is never
recomputed here; the hours and phrases come from the snapshot's network document and the
Italian phrasing of rete.directory.hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from rete.directory.hours import (
    format_phone,
    opening_phrase,
    out_of_hours_script,
    unanswered_script,
)
from rete.directory.service_hours import service_hours
from rete.helpline.contacts.models import TransferOutcome
from rete.routing.engine import NetworkSnapshot

ROME = ZoneInfo("Europe/Rome")

MODE_LABELS = {
    "transfer": _("Direct transfer"),
    "out_of_hours": _("Out of hours"),
    "orientation": _("Orientation"),
    "emergency": _("Emergency"),
}


@dataclass(frozen=True, slots=True)
class ServiceCard:
    service_id: str
    name: str
    phone: str | None
    phone_display: str
    open_now: bool
    opening: str  # "aperto ora", "apre venerdì alle 9:00"
    next_opening_local: str  # "2026-11-27T09:00" for a call-back form, or ""
    hours: list[str]
    exceptions: list[str]
    attempts: list[str]  # outcomes of the transfer attempts made on it, in order


@dataclass(frozen=True, slots=True)
class TransferState:
    """Where the transfer stands: done, the service to try now, or none left to try."""

    answered: ServiceCard | None
    next_service: ServiceCard | None
    exhausted: bool  # there were services to try and every one failed


@dataclass(frozen=True, slots=True)
class DecisionView:
    mode: str
    mode_label: str
    explanation: str
    comune_name: str
    province: str
    territory_name: str | None
    asked_at: datetime | None
    target: ServiceCard | None
    alternatives: list[ServiceCard]
    next_opening: str | None
    emergency_contacts: list[dict[str, str]]
    transfer: TransferState
    # What to read to the caller when no transfer is possible or none got through.
    script: str | None
    # Services open now besides the chain: round-the-clock lines above all.
    open_alternatives: list[ServiceCard] = field(default_factory=list)


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return datetime.fromisoformat(value)


def _card(
    raw: Mapping[str, Any],
    *,
    snapshot: NetworkSnapshot,
    now: datetime,
    attempts: Mapping[str, list[str]],
) -> ServiceCard:
    service_id = str(raw.get("service_id") or "")
    phone = raw.get("phone") or None
    next_opening = _instant(raw.get("next_opening"))
    open_now = bool(raw.get("open_now"))
    if next_opening is not None and next_opening < now:
        # A stored decision ages: what opened since then is described as open now.
        next_opening, open_now = None, True
    hours = service_hours(snapshot, service_id)
    today = now.astimezone(ROME).date()
    return ServiceCard(
        service_id=service_id,
        name=str(raw.get("name") or service_id),
        phone=phone,
        phone_display=format_phone(phone) if phone else "",
        open_now=open_now,
        opening=opening_phrase(open_now, next_opening, now=now),
        next_opening_local=(
            next_opening.astimezone(ROME).strftime("%Y-%m-%dT%H:%M") if next_opening else ""
        ),
        hours=hours.lines(on=today),
        exceptions=hours.exceptions(on=today),
        attempts=attempts.get(service_id, []),
    )


def _transfer_state(candidates: Sequence[ServiceCard]) -> TransferState:
    for card in candidates:
        if TransferOutcome.ANSWERED in card.attempts:
            return TransferState(answered=card, next_service=None, exhausted=False)
    for card in candidates:
        if not card.attempts:
            return TransferState(answered=None, next_service=card, exhausted=False)
    return TransferState(answered=None, next_service=None, exhausted=bool(candidates))


def decision_view(
    decision: Mapping[str, Any],
    *,
    attempts: Iterable[tuple[str, str]],
    snapshot: NetworkSnapshot,
    now: datetime,
) -> DecisionView:
    """The stored `decision` as the operator sees it at `now`, given the transfer attempts
    made so far as (service_id, outcome) pairs in order.

    Transfer candidates are the services open at the decision's instant: the target first,
    then the alternatives in the engine's order. A service whose attempt failed is not
    offered again; when every candidate has failed, the script to read is the unanswered
    one for the target; in out-of-hours, the out-of-hours script of the target.
    """
    by_service: dict[str, list[str]] = {}
    for service_id, outcome in attempts:
        by_service.setdefault(service_id, []).append(outcome)

    def card(raw: Mapping[str, Any]) -> ServiceCard:
        return _card(raw, snapshot=snapshot, now=now, attempts=by_service)

    mode = str(decision.get("mode") or "")
    target = card(decision["target"]) if decision.get("target") else None
    alternatives = [card(raw) for raw in decision.get("alternatives") or ()]
    # Only services open when the decision was taken are offered for a transfer.
    raw_candidates = [decision.get("target"), *(decision.get("alternatives") or ())]
    open_ids = {raw["service_id"] for raw in raw_candidates if raw and raw.get("open_now")}
    # Direct transfer is for the network's territories (and their round-the-clock
    # alternatives out of hours); orientation gives contacts, an emergency goes to the police.
    transferable = mode in ("transfer", "out_of_hours")
    candidates = [
        c
        for c in [target, *alternatives]
        if transferable and c is not None and c.service_id in open_ids
    ]
    transfer = _transfer_state(candidates)

    script = None
    top_next = _instant(decision.get("next_opening"))
    if top_next is not None and top_next < now:
        top_next = None
    if target is not None:
        rules = service_hours(snapshot, target.service_id).rules
        if mode == "out_of_hours":
            script = out_of_hours_script(
                service_name=target.name,
                phone=target.phone,
                rules=rules,
                next_opening=_instant(decision["target"].get("next_opening")) or top_next,
                now=now,
            )
        elif transfer.exhausted:
            script = unanswered_script(
                service_name=target.name, phone=target.phone, rules=rules, now=now
            )

    comune = decision.get("comune") or {}
    territory = decision.get("territory") or {}
    return DecisionView(
        mode=mode,
        mode_label=str(MODE_LABELS.get(mode, mode)),
        explanation=str(decision.get("explanation") or ""),
        comune_name=str(comune.get("name") or ""),
        province=str(comune.get("province") or ""),
        territory_name=territory.get("name"),
        asked_at=_instant(decision.get("asked_at")),
        target=target,
        alternatives=alternatives,
        next_opening=(opening_phrase(False, top_next, now=now) if top_next is not None else None),
        emergency_contacts=[
            {"name": item["name"], "phone": item["phone"], "display": format_phone(item["phone"])}
            for item in decision.get("emergency_contacts") or ()
        ],
        transfer=transfer,
        script=script,
        open_alternatives=[
            c
            for c in alternatives
            if c.open_now and c.service_id in open_ids and mode != "transfer"
        ],
    )
