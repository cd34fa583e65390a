"""JSON API of 1522 contacts, for the telephony integration (the PBX acts as an operator
through the operator's personal token).

`POST /contacts` starts a contact; the `Idempotency-Key` header is required, so that the
PBX can retry a start it is unsure about: the same key returns the same contact (200), a
different body with the same key is a conflict (409). `GET /contacts/{id}` is an audited
read. Answers never carry the notes nor any call-back number: the PBX does not need them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field, StrictStr

from rete.accounts.tokens import BearerTokenAuth
from rete.audit.http import client_ip
from rete.config.api_errors import ErrorOut
from rete.helpline.contacts.access import contact_get_for_user
from rete.helpline.contacts.models import IDEMPOTENCY_KEY_MAX_LENGTH, Contact
from rete.helpline.contacts.services import IdempotencyConflict, contact_start

router = Router(auth=BearerTokenAuth(), tags=["contacts"])

IDEMPOTENCY_HEADER = "Idempotency-Key"


class ContactStartIn(Schema):
    model_config = ConfigDict(extra="forbid")

    channel: Literal["phone", "chat"]
    language: StrictStr = Field(
        pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$", examples=["it"], max_length=20
    )
    caller_number: StrictStr | None = Field(
        default=None,
        max_length=40,
        description="Used only to suggest the comune and to warn of a flagged number; "
        "never stored.",
    )


class ComuneOut(Schema):
    code: str
    name: str


class TransferAttemptOut(Schema):
    position: int
    service_id: str
    service_name: str
    service_phone: str
    attempted_at: datetime
    outcome: str


class EmergencyOut(Schema):
    started_at: datetime
    police_activated_at: datetime | None
    handed_over_at: datetime | None
    outcome_at: datetime | None
    outcome: str


class ContactOut(Schema):
    id: str
    status: Literal["in_progress", "closed"]
    channel: Literal["phone", "chat"]
    language: str
    operator: str
    started_at: datetime
    ended_at: datetime | None
    comune: ComuneOut | None
    emergency: bool
    decision: dict[str, Any] | None
    classification_version: int | None
    classification: dict[str, Any]
    outcome: str
    transfer_attempts: list[TransferAttemptOut]
    emergency_record: EmergencyOut | None


class ContactStartOut(ContactOut):
    comune_suggestion: ComuneOut | None = Field(
        description="The comune the caller's landline prefix suggests, to be confirmed."
    )
    nuisance_flagged: bool = Field(
        description="The caller's number is on the nuisance list: a warning, never a block."
    )


def contact_out(contact: Contact, *, just_created: bool = False) -> dict[str, Any]:
    """A contact as the API shows it: no notes, no call-back number.

    `just_created`: the contact was made by this request, so it has no transfer attempt
    and no emergency record yet; saying so spares two queries on the busiest call of the
    telephony API."""
    record = None if just_created else getattr(contact, "emergency_record", None)
    return {
        "id": str(contact.public_id),
        "status": contact.status,
        "channel": contact.channel,
        "language": contact.language,
        "operator": contact.operator.get_username(),
        "started_at": contact.started_at,
        "ended_at": contact.ended_at,
        "comune": (
            {"code": contact.comune.code, "name": contact.comune.name} if contact.comune else None
        ),
        "emergency": contact.emergency,
        "decision": contact.decision,
        "classification_version": (
            contact.classification_version.number if contact.classification_version else None
        ),
        "classification": contact.classification,
        "outcome": contact.outcome,
        "transfer_attempts": [] if just_created else list(contact.transfer_attempts.all()),
        "emergency_record": record,
    }


@router.post(
    "",
    response={
        200: ContactStartOut,
        201: ContactStartOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        409: ErrorOut,
    },
    summary="Start a contact",
)
def contacts_start(request: HttpRequest, payload: ContactStartIn) -> Status:
    """Start a contact handled by the token's user (a 1522 operator or supervisor).

    The `Idempotency-Key` header (1 to 100 characters) is required: a retry with the same
    key and body returns the contact of the first call with 200; the same key with a
    different body is refused with 409. Use a random value (a UUID), never anything about
    the caller: the key is stored with the contact, and the database server's log names it
    when a retry repeats it."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH:
        raise HttpError(
            400,
            _("The %(header)s header is required: 1 to %(max)d characters.")
            % {"header": IDEMPOTENCY_HEADER, "max": IDEMPOTENCY_KEY_MAX_LENGTH},
        )
    # contact_start checks the role itself (PermissionDenied below): checking it here too
    # would cost a query more on every call.
    try:
        result = contact_start(
            operator=request.auth,  # type: ignore[attr-defined]
            channel=payload.channel,
            language=payload.language,
            idempotency_key=key,
            caller_number=payload.caller_number,
        )
    except IdempotencyConflict:
        raise HttpError(
            409,
            _("This %(header)s was already used for a different request.")
            % {"header": IDEMPOTENCY_HEADER},
        ) from None
    except PermissionDenied:
        raise HttpError(403, _("Only 1522 operators and supervisors may start contacts.")) from None
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    body = contact_out(result.contact, just_created=result.created)
    suggestion = result.comune_suggestion
    body["comune_suggestion"] = (
        {"code": suggestion.code, "name": suggestion.name} if suggestion else None
    )
    body["nuisance_flagged"] = result.nuisance_flag is not None
    return Status(201 if result.created else 200, body)


@router.get(
    "/{contact_id}",
    response={200: ContactOut, 401: ErrorOut, 404: ErrorOut},
    summary="Read a contact",
)
def contacts_read(request: HttpRequest, contact_id: str) -> dict[str, Any]:
    """A contact the token's user may read (an operator her own, a supervisor any); the
    read is written to the audit log. Anything else is 404, as for an unknown id."""
    contact = contact_get_for_user(
        user=request.auth,  # type: ignore[attr-defined]
        public_id=contact_id,
        ip_address=client_ip(request),
    )
    return contact_out(contact)
