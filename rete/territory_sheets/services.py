"""Saving a territory sheet: one new numbered version per save, never a change to an old one.

Two people may edit the same sheet at once. Each edit starts from a version (its number
travels with the form); a save whose starting version is no longer the current one is
refused with SheetStale, so that nobody silently loses the other's work. Saves of one
territory take turns on the territory's row; the unique (territory, number) is the backstop
where the database cannot lock rows (SQLite, which runs one writer at a time anyway).
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.directory.validators import normalize_phone
from rete.network.models import Territory
from rete.notices.recipients import people_with_role
from rete.notices.services import notify
from rete.territory_sheets.content import (
    FIELD_LABELS,
    AgreementRow,
    MemberRow,
    SheetContent,
    changed_fields,
    content_of,
)
from rete.territory_sheets.models import SheetAgreement, SheetMember, TerritorySheetVersion
from rete.territory_sheets.rules import sheet_edit_is_the_territory_s, sheet_may_edit
from rete.territory_sheets.selectors import sheet_current, sheet_current_number

TARGET_TYPE = "network.territory"


class SheetStale(Exception):
    """The edit started from a version that is no longer the current one."""

    def __init__(self, current_number: int) -> None:
        super().__init__(current_number)
        self.current_number = current_number


class SheetUnchanged(Exception):
    """Nothing differs from the current version: no new version is written."""


def _text(value: str) -> str:
    # Browsers send CRLF from text areas: the same text typed twice must compare equal.
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def sheet_content_normalized(content: SheetContent) -> SheetContent:
    """The content as it is stored: texts trimmed with plain line ends, the phone in
    international form (ValidationError if it is not a phone number)."""
    return replace(
        content,
        area_notes=_text(content.area_notes),
        staff_and_funding=_text(content.staff_and_funding),
        critical_issues=_text(content.critical_issues),
        office_email=content.office_email.strip(),
        office_phone=normalize_phone(content.office_phone) if content.office_phone.strip() else "",
        members=tuple(
            MemberRow(name=_text(m.name), role=_text(m.role), organization_id=m.organization_id)
            for m in content.members
        ),
        agreements=tuple(
            AgreementRow(title=_text(a.title), signed_on=a.signed_on, parties=_text(a.parties))
            for a in content.agreements
        ),
    )


def _write(
    *,
    territory: Territory,
    actor: AbstractBaseUser | None,
    number: int,
    content: SheetContent,
    changed: list[str],
    note: str,
) -> TerritorySheetVersion:
    version = TerritorySheetVersion(
        territory=territory,
        number=number,
        created_by=actor,
        note=_text(note),
        changed_fields=changed,
        population_served=content.population_served,
        area_notes=content.area_notes,
        staff_and_funding=content.staff_and_funding,
        yearly_budget=content.yearly_budget,
        critical_issues=content.critical_issues,
        office_email=content.office_email,
        office_phone=content.office_phone,
    )
    # The unique number is checked by the database (a race is SheetStale, below).
    version.full_clean(validate_constraints=False)
    version.save()
    members = [
        SheetMember(
            version=version,
            position=position,
            organization_id=row.organization_id,
            name=row.name,
            role=row.role,
        )
        for position, row in enumerate(content.members, start=1)
    ]
    agreements = [
        SheetAgreement(
            version=version,
            position=position,
            title=row.title,
            signed_on=row.signed_on,
            parties=row.parties,
        )
        for position, row in enumerate(content.agreements, start=1)
    ]
    for row in (*members, *agreements):
        row.clean_fields(exclude=["version"])
    SheetMember.objects.bulk_create(members)
    SheetAgreement.objects.bulk_create(agreements)
    return version


def _tell_the_department(
    *, territory: Territory, actor: AbstractBaseUser, version: TerritorySheetVersion
) -> None:
    fields = ", ".join(str(FIELD_LABELS[name]) for name in version.changed_fields)
    notify(
        people_with_role(DEPARTMENT_ADMIN).exclude(pk=actor.pk),
        key=f"territory_sheet.{territory.pk}.{version.number}",
        subject=_("Territory sheet of %(territory)s: version %(number)d")
        % {"territory": territory.name, "number": version.number},
        body=_("The territory saved version %(number)d of its sheet. Changed: %(fields)s.")
        % {"number": version.number, "fields": fields},
        url=reverse(
            "reserved:territory_sheet_version",
            kwargs={"code": territory.code, "number": version.number},
        ),
    )


def territory_sheet_save(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    territory: Territory,
    base_number: int,
    content: SheetContent,
    note: str = "",
    ip_address: str | None = None,
) -> TerritorySheetVersion:
    """Write the next version of `territory`'s sheet, edited from version `base_number`
    (0: there was no sheet). Raises PermissionDenied (not the Department nor the territory's
    referent), SheetStale (a newer version exists), SheetUnchanged, ValidationError."""
    if not sheet_may_edit(scope, territory):
        raise PermissionDenied
    content = sheet_content_normalized(content)
    current_number = None
    try:
        with transaction.atomic():
            # Saves of this territory's sheet take turns from here to the commit.
            list(Territory.objects.select_for_update().filter(pk=territory.pk).values("pk"))
            current = sheet_current(territory)
            current_number = current.number if current else 0
            if base_number != current_number:
                raise SheetStale(current_number)
            changed = changed_fields(content_of(current) if current else None, content)
            if not changed:
                raise SheetUnchanged
            version = _write(
                territory=territory,
                actor=actor,
                number=current_number + 1,
                content=content,
                changed=changed,
                note=note,
            )
            if sheet_edit_is_the_territory_s(scope, territory):
                _tell_the_department(territory=territory, actor=actor, version=version)
            audit_record(
                actor=actor,
                action=AuditAction.TERRITORY_SHEET_UPDATE,
                target_type=TARGET_TYPE,
                target_id=territory.code,
                details={"version": version.number, "fields": changed},
                ip_address=ip_address,
            )
    except IntegrityError:
        # Another save wrote the same number between our read and our write; any other
        # integrity error is not a race and goes up as it is.
        latest = sheet_current_number(territory)
        if current_number is None or latest == current_number:
            raise
        raise SheetStale(latest) from None
    return version


def sheet_first_version_write(
    *,
    territory: Territory,
    actor: AbstractBaseUser | None,
    content: SheetContent,
    note: str = "",
) -> TerritorySheetVersion | None:
    """Version 1 of `territory`'s sheet, unless it has a sheet already (then None).

    For data loaded by a command (the demo), not typed by a person: no permission check,
    no notice and no audit entry, as for the demo's other records.
    """
    content = sheet_content_normalized(content)
    with transaction.atomic():
        list(Territory.objects.select_for_update().filter(pk=territory.pk).values("pk"))
        if sheet_current_number(territory):
            return None
        return _write(
            territory=territory,
            actor=actor,
            number=1,
            content=content,
            changed=changed_fields(None, content),
            note=note,
        )
