"""Writes on the classification: a new version is a draft copied from a published one,
edited, then published; from then on it is frozen and becomes the current version.

Codes are stable across versions: an item is never renamed to another code nor removed
from a later version — it is deactivated, so that every code ever used keeps a label.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.helpline.classification.lists import CALLER_TYPE, VALIDITY, VICTIM
from rete.helpline.classification.selectors import classification_cache_clear
from rete.helpline.models import (
    ClassificationFrozen,
    ClassificationItem,
    ClassificationList,
    ClassificationStatus,
    ClassificationVersion,
)


def _locked(version: ClassificationVersion) -> ClassificationVersion:
    """The version as the database holds it now, locked until the end of the transaction."""
    return ClassificationVersion.objects.select_for_update().get(pk=version.pk)


def _refuse_unless_draft(version: ClassificationVersion) -> None:
    if version.status != ClassificationStatus.DRAFT:
        raise ClassificationFrozen()


@transaction.atomic
def classification_version_draft_from(
    *, version: ClassificationVersion, notes: str = ""
) -> ClassificationVersion:
    """A new draft version, numbered after the highest one, with a copy of every list and
    item of the published `version` (usually the current one).

    Refused when `version` is a draft, or when a draft already exists: there is one
    draft at a time, so that "the next version" is never ambiguous.
    """
    source = _locked(version)
    if source.status != ClassificationStatus.PUBLISHED:
        raise ValidationError(
            _("Only a published version can be copied into a new draft."), code="not_published"
        )
    existing = ClassificationVersion.objects.filter(status=ClassificationStatus.DRAFT).first()
    if existing is not None:
        raise ValidationError(
            _("Version %(number)s is already a draft: publish or discard it first."),
            code="draft_exists",
            params={"number": existing.number},
        )
    number = (ClassificationVersion.objects.aggregate(highest=Max("number"))["highest"] or 0) + 1
    try:
        with transaction.atomic():
            draft = ClassificationVersion.objects.create(number=number, notes=notes)
    except IntegrityError as error:
        # Another draft was made at the same moment (one-draft and unique-number constraints).
        raise ValidationError(
            _("Another draft was just made: publish or discard it first."), code="draft_exists"
        ) from error
    items_by_list: dict[int, list[ClassificationItem]] = {}
    for item in ClassificationItem.objects.filter(list__version=source).order_by("position"):
        items_by_list.setdefault(item.list_id, []).append(item)
    copies: list[ClassificationItem] = []
    for source_list in ClassificationList.objects.filter(version=source).order_by("position"):
        draft_list = ClassificationList.objects.create(
            version=draft,
            key=source_list.key,
            label_it=source_list.label_it,
            label_en=source_list.label_en,
            position=source_list.position,
            multiple=source_list.multiple,
            applies_to_victims=source_list.applies_to_victims,
        )
        copies.extend(
            ClassificationItem(
                list=draft_list,
                code=item.code,
                label_it=item.label_it,
                label_en=item.label_en,
                position=item.position,
                active=item.active,
                valid=item.valid,
                exclusive=item.exclusive,
                istat_code=item.istat_code,
            )
            for item in items_by_list.get(source_list.pk, [])
        )
    ClassificationItem.objects.bulk_create(copies)
    return draft


def _publication_problems(version: ClassificationVersion) -> list[ValidationError]:
    """What in a draft would break the console or the statistics once it is current."""
    problems: list[ValidationError] = []
    lists = {entry.key: entry for entry in ClassificationList.objects.filter(version=version)}
    items = list(ClassificationItem.objects.filter(list__version=version).select_related("list"))
    for key in (VALIDITY, CALLER_TYPE):
        classification_list = lists.get(key)
        if classification_list is None:
            problems.append(
                ValidationError(
                    _("The list “%(key)s” is missing."), code="list_missing", params={"key": key}
                )
            )
        elif classification_list.multiple or classification_list.applies_to_victims:
            problems.append(
                ValidationError(
                    _("The list “%(key)s” must have one answer and be asked of every contact."),
                    code="list_shape",
                    params={"key": key},
                )
            )
    for key in lists:
        if not any(item.active and item.list.key == key for item in items):
            problems.append(
                ValidationError(
                    _("The list “%(key)s” has no active answer."),
                    code="list_empty",
                    params={"key": key},
                )
            )
    if VALIDITY in lists and not any(
        item.active and item.valid and item.list.key == VALIDITY for item in items
    ):
        problems.append(
            ValidationError(
                _("The validity list has no active answer that counts as valid."),
                code="no_valid_answer",
            )
        )
    if any(classification_list.applies_to_victims for classification_list in lists.values()) and (
        not any(
            item.active and item.code == VICTIM and item.list.key == CALLER_TYPE for item in items
        )
    ):
        problems.append(
            ValidationError(
                _("Questions are asked of victims only, but the caller list has no “%(code)s”."),
                code="no_victim_answer",
                params={"code": VICTIM},
            )
        )
    return problems


@transaction.atomic
def classification_version_publish(*, version: ClassificationVersion) -> ClassificationVersion:
    """Publish a draft: it is frozen from now on and becomes the current version (every
    process sees it at its next `classification_current()`). Earlier versions keep their
    lists and items, so contacts made with them keep their meaning."""
    locked = _locked(version)
    if locked.status != ClassificationStatus.DRAFT:
        raise ValidationError(_("This version is already published."), code="already_published")
    problems = _publication_problems(locked)
    if problems:
        raise ValidationError(problems)
    highest = ClassificationVersion.objects.filter(status=ClassificationStatus.PUBLISHED).aggregate(
        highest=Max("number")
    )["highest"]
    if highest is not None and locked.number <= highest:
        raise ValidationError(
            _("Version %(number)s would not be the latest: version %(highest)s is published."),
            code="not_latest",
            params={"number": locked.number, "highest": highest},
        )
    locked.status = ClassificationStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    transaction.on_commit(classification_cache_clear)
    version.status, version.published_at = locked.status, locked.published_at
    return locked


@transaction.atomic
def classification_version_discard(*, version: ClassificationVersion) -> None:
    """Delete a draft with its lists and items. A published version is never deleted."""
    locked = _locked(version)
    _refuse_unless_draft(locked)
    locked.delete()


@transaction.atomic
def classification_item_create(
    *,
    classification_list: ClassificationList,
    code: str,
    label_it: str,
    label_en: str,
    valid: bool | None = None,
    exclusive: bool = False,
    istat_code: str = "",
) -> ClassificationItem:
    """Add an answer at the end of a draft's list. The code must be new to the list."""
    _refuse_unless_draft(_locked(classification_list.version))
    highest = ClassificationItem.objects.filter(list=classification_list).aggregate(
        highest=Max("position")
    )["highest"]
    item = ClassificationItem(
        list=classification_list,
        code=code,
        label_it=label_it,
        label_en=label_en,
        position=(highest or 0) + 1,
        valid=valid,
        exclusive=exclusive,
        istat_code=istat_code,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def classification_item_update(
    *,
    item: ClassificationItem,
    label_it: str | None = None,
    label_en: str | None = None,
    active: bool | None = None,
    istat_code: str | None = None,
) -> ClassificationItem:
    """Change the labels, the ISTAT code or the activity of a draft's item (None: leave as
    is). Its code never changes: it is what records and statistics refer to."""
    _refuse_unless_draft(_locked(item.list.version))
    changes = {
        "label_it": label_it,
        "label_en": label_en,
        "active": active,
        "istat_code": istat_code,
    }
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(item, name, changes[name])
    item.full_clean()
    if fields:
        item.save(update_fields=fields)
    return item
