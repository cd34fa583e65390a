"""Writes of the protocols' lifecycle, by the Department: a new version (renewal or
amendment) with its documents, a status change (a draft activated, a protocol terminated),
documents added to a version. Each is one transaction with its audit entries; the territory's
referents are told by a notice and an e-mail after it commits.

The territory's row is locked for the transaction, so that two activations at the same time
cannot both pass the one-version-in-force rule (rete.network.lifecycle.rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.directory.models import Organization
from rete.network.lifecycle.notifications import referents_tell
from rete.network.lifecycle.rules import (
    amendment_end,
    superseded_ends,
    terminated_end,
    termination_error,
    version_dates_errors,
)
from rete.network.lifecycle.selectors import active_windows, window_of
from rete.network.models import (
    Protocol,
    ProtocolDocument,
    ProtocolKind,
    ProtocolStatus,
    Territory,
)
from rete.reserved.documents.services import document_file_check

TARGET_TYPE = "network.protocol"
PROTOCOL_SUPERSEDE = AuditAction.PROTOCOL_SUPERSEDE
VERSION_KINDS = (ProtocolKind.RENEWAL, ProtocolKind.AMENDMENT)
MAX_TITLE = 300


def _as_field_errors(errors: dict[str, str]) -> dict[str, list[str]]:
    return {(field or NON_FIELD_ERRORS): [message] for field, message in errors.items()}


def _lock_territory(territory_id: int) -> Territory:
    return Territory.objects.select_for_update().get(pk=territory_id)


def _supersede(protocol: Protocol) -> list[tuple[Protocol, date | None]]:
    """Apply the one-version-in-force rule for `protocol` becoming active: shorten the
    versions it supersedes. Returns them with their previous end, for the audit."""
    ends = superseded_ends(
        window_of(protocol), active_windows(protocol.territory_id, exclude_pk=protocol.pk)
    )
    changed = []
    for other in Protocol.objects.filter(pk__in=ends).order_by("pk"):
        before = other.valid_to
        other.valid_to = ends[other.pk]
        other.save(update_fields=["valid_to"])  # the routing snapshot follows (signals)
        changed.append((other, before))
    return changed


def _audit_superseded(
    changed: list[tuple[Protocol, date | None]],
    *,
    by: Protocol,
    actor: AbstractBaseUser,
    ip_address: str | None,
) -> None:
    for other, before in changed:
        audit_record(
            actor=actor,
            action=PROTOCOL_SUPERSEDE,
            target_type=TARGET_TYPE,
            target_id=other.pk,
            details={
                "territory": other.territory.code,
                "superseded_by": by.pk,
                "valid_to_before": before.isoformat() if before else None,
                "valid_to_after": other.valid_to.isoformat() if other.valid_to else None,
            },
            ip_address=ip_address,
        )


def _base_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "documento"


def _documents_store(
    protocol: Protocol, *, title: str, files: Sequence[File]
) -> list[ProtocolDocument]:
    """Store the files as the version's documents (ProtocolDocument's own storage). With
    several files each title says which file it is."""
    stored = []
    for file in files:
        name = _base_name(file.name or "")
        document_title = title if len(files) == 1 else f"{title} – {name}"
        document = ProtocolDocument(protocol=protocol, title=document_title[:MAX_TITLE])
        stored.append(document)
        document.file.save(name, file, save=False)
        document.full_clean()
        document.save()
    return stored


def _files_check(files: Sequence[File]) -> list[str]:
    """Every file's format, or ValidationError on the first refused (nothing stored yet)."""
    formats = []
    for file in files:
        try:
            formats.append(document_file_check(file).key)
        except ValidationError as error:
            raise ValidationError({"documents": error.messages}) from None
    return formats


def _forget_files(documents: list[ProtocolDocument]) -> None:
    for document in documents:
        if document.file.name:
            document.file.storage.delete(document.file.name)


def protocol_version_create(
    *,
    actor: AbstractBaseUser,
    previous: Protocol,
    kind: str,
    title: str,
    signatories: str,
    signed_on: date | None,
    valid_from: date,
    valid_to: date | None,
    parties: Sequence[Organization],
    status: str,
    document_title: str,
    files: Sequence[File],
    ip_address: str | None = None,
) -> Protocol:
    """Record a renewal or an amendment of `previous`, as a draft or active at once.
    Raises ValidationError (field -> messages) and writes nothing when the dates break the
    rules or a file is refused."""
    if kind not in VERSION_KINDS:
        raise ValidationError({"kind": [_("Choose a renewal or an amendment.")]})
    if status not in (ProtocolStatus.DRAFT, ProtocolStatus.ACTIVE):
        raise ValidationError({"status": [_("A new version is a draft or active.")]})
    errors = version_dates_errors(
        kind=kind,
        previous=window_of(previous),
        previous_status=previous.status,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if errors:
        raise ValidationError(_as_field_errors(errors))
    if files and not document_title.strip():
        raise ValidationError({"document_title": [_("Give the documents a title.")]})
    formats = _files_check(files)
    if kind == ProtocolKind.AMENDMENT:
        valid_to = amendment_end(window_of(previous), valid_to)

    documents: list[ProtocolDocument] = []
    try:
        with transaction.atomic():
            territory = _lock_territory(previous.territory_id)
            protocol = Protocol(
                territory=territory,
                title=title,
                kind=kind,
                previous=previous,
                signatories=signatories,
                signed_on=signed_on,
                valid_from=valid_from,
                valid_to=valid_to,
                status=status,
            )
            protocol.full_clean()
            changed = []
            if status == ProtocolStatus.ACTIVE:
                # Before the save: a conflict refuses the whole version.
                superseded_ends(window_of(protocol), active_windows(territory.pk))
            protocol.save()
            protocol.parties.set(parties)
            if status == ProtocolStatus.ACTIVE:
                changed = _supersede(protocol)
            documents = _documents_store(protocol, title=document_title.strip(), files=files)
            referents_tell(
                protocol,
                key=f"protocol.{protocol.pk}.version_created",
                subject=_("%(territory)s: a new version of the protocol was recorded")
                % {"territory": territory.name},
                body=_(
                    "The Department recorded a %(kind)s of the protocol, valid from %(start)s "
                    "(%(status)s)."
                )
                % {
                    "kind": protocol.get_kind_display().lower(),
                    "start": valid_from.isoformat(),
                    "status": protocol.get_status_display().lower(),
                },
            )
            _audit_superseded(changed, by=protocol, actor=actor, ip_address=ip_address)
            audit_record(
                actor=actor,
                action=AuditAction.PROTOCOL_VERSION_CREATE,
                target_type=TARGET_TYPE,
                target_id=protocol.pk,
                details={
                    "territory": territory.code,
                    "kind": kind,
                    "previous": previous.pk,
                    "status": status,
                    "valid_from": valid_from.isoformat(),
                    "valid_to": valid_to.isoformat() if valid_to else None,
                    "parties": len(parties),
                    "documents": len(documents),
                    "formats": formats,
                    "superseded": [other.pk for other, _before in changed],
                },
                ip_address=ip_address,
            )
    except BaseException:
        _forget_files(documents)
        raise
    return protocol


def protocol_activate(
    *, actor: AbstractBaseUser, protocol: Protocol, ip_address: str | None = None
) -> Protocol:
    """A draft becomes active; the versions it supersedes are shortened."""
    with transaction.atomic():
        _lock_territory(protocol.territory_id)
        protocol = Protocol.objects.select_related("territory").get(pk=protocol.pk)
        if protocol.status != ProtocolStatus.DRAFT:
            raise ValidationError(_("Only a draft can be activated."), code="not_draft")
        protocol.status = ProtocolStatus.ACTIVE
        superseded_ends(
            window_of(protocol), active_windows(protocol.territory_id, exclude_pk=protocol.pk)
        )
        protocol.save(update_fields=["status"])
        changed = _supersede(protocol)
        referents_tell(
            protocol,
            key=f"protocol.{protocol.pk}.status.active",
            subject=_("%(territory)s: a version of the protocol is now active")
            % {"territory": protocol.territory.name},
            body=_("The version valid from %(start)s was activated by the Department.")
            % {"start": protocol.valid_from.isoformat()},
        )
        _audit_superseded(changed, by=protocol, actor=actor, ip_address=ip_address)
        audit_record(
            actor=actor,
            action=AuditAction.PROTOCOL_STATUS,
            target_type=TARGET_TYPE,
            target_id=protocol.pk,
            details={
                "territory": protocol.territory.code,
                "from": ProtocolStatus.DRAFT.value,
                "to": ProtocolStatus.ACTIVE.value,
                "superseded": [other.pk for other, _before in changed],
            },
            ip_address=ip_address,
        )
    return protocol


def protocol_terminate(
    *,
    actor: AbstractBaseUser,
    protocol: Protocol,
    effective: date,
    today: date,
    ip_address: str | None = None,
) -> Protocol:
    """An active protocol stops being in force from `effective` (today or earlier)."""
    error = termination_error(effective=effective, today=today)
    if error:
        raise ValidationError({"effective": [error]})
    with transaction.atomic():
        _lock_territory(protocol.territory_id)
        protocol = Protocol.objects.select_related("territory").get(pk=protocol.pk)
        if protocol.status != ProtocolStatus.ACTIVE:
            raise ValidationError(
                _("Only an active protocol can be terminated."), code="not_active"
            )
        before = protocol.valid_to
        protocol.valid_to = terminated_end(window_of(protocol), effective)
        protocol.status = ProtocolStatus.TERMINATED
        protocol.save(update_fields=["status", "valid_to"])
        referents_tell(
            protocol,
            key=f"protocol.{protocol.pk}.status.terminated",
            subject=_("%(territory)s: the protocol was terminated")
            % {"territory": protocol.territory.name},
            body=_("The Department recorded the termination of the protocol from %(day)s.")
            % {"day": effective.isoformat()},
        )
        audit_record(
            actor=actor,
            action=AuditAction.PROTOCOL_STATUS,
            target_type=TARGET_TYPE,
            target_id=protocol.pk,
            details={
                "territory": protocol.territory.code,
                "from": ProtocolStatus.ACTIVE.value,
                "to": ProtocolStatus.TERMINATED.value,
                "effective": effective.isoformat(),
                "valid_to_before": before.isoformat() if before else None,
                "valid_to_after": protocol.valid_to.isoformat() if protocol.valid_to else None,
            },
            ip_address=ip_address,
        )
    return protocol


def protocol_documents_add(
    *,
    actor: AbstractBaseUser,
    protocol: Protocol,
    title: str,
    files: Sequence[File],
    ip_address: str | None = None,
) -> list[ProtocolDocument]:
    """Add documents (the signed text, annexes, the operational plan) to a version."""
    if not files:
        raise ValidationError({"documents": [_("Choose at least one file.")]})
    if not title.strip():
        raise ValidationError({"document_title": [_("Give the documents a title.")]})
    formats = _files_check(files)
    documents: list[ProtocolDocument] = []
    try:
        with transaction.atomic():
            documents = _documents_store(protocol, title=title.strip(), files=files)
            referents_tell(
                protocol,
                key=f"protocol.{protocol.pk}.documents.{documents[0].pk}",
                subject=_("%(territory)s: documents added to the protocol")
                % {"territory": protocol.territory.name},
                body=_(
                    "The Department added %(count)d document(s) to the version valid from %(start)s."
                )
                % {"count": len(documents), "start": protocol.valid_from.isoformat()},
            )
            audit_record(
                actor=actor,
                action=AuditAction.PROTOCOL_DOCUMENT_UPLOAD,
                target_type=TARGET_TYPE,
                target_id=protocol.pk,
                details={
                    "territory": protocol.territory.code,
                    "documents": [document.pk for document in documents],
                    "formats": formats,
                },
                ip_address=ip_address,
            )
    except BaseException:
        _forget_files(documents)
        raise
    return documents
