"""Reads of the classification: a version as an immutable snapshot, the current version,
and the validation of a contact's answers against a version.

The console validates every contact it saves, so the current version is kept in memory:
`classification_current()` costs one small query (which version is the latest published)
and builds the snapshot only when that changes. A published version is frozen, so its
snapshot never goes stale; the cache is keyed by the version's id, number and publication
instant rather than the number alone, because numbers repeat in databases that are rolled
back and rebuilt (tests, restores), while the instant does not.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from rete.helpline.classification.lists import CALLER_TYPE, VALIDITY, VICTIM
from rete.helpline.models import (
    ClassificationItem,
    ClassificationList,
    ClassificationStatus,
    ClassificationVersion,
)

Answer = str | list[str]

# Published versions are few; the bound only keeps a long-lived process from growing
# if versions are published again and again (or a test suite rebuilds them).
_CACHE_LIMIT = 16


class ClassificationUnavailable(LookupError):
    """No classification version is published (the migration that loads version 1 has
    not run)."""


def _label(label_it: str, label_en: str) -> str:
    language = translation.get_language() or "it"
    return label_it if language.startswith("it") else label_en


@dataclass(frozen=True, slots=True)
class SnapshotItem:
    code: str
    label_it: str
    label_en: str
    position: int
    active: bool
    valid: bool | None
    exclusive: bool
    istat_code: str

    @property
    def label(self) -> str:
        """The label in the active language: Italian, or English for any other."""
        return _label(self.label_it, self.label_en)


@dataclass(frozen=True, slots=True)
class SnapshotList:
    key: str
    label_it: str
    label_en: str
    position: int
    multiple: bool
    applies_to_victims: bool
    items: tuple[SnapshotItem, ...]
    by_code: Mapping[str, SnapshotItem] = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        return _label(self.label_it, self.label_en)

    def item(self, code: str) -> SnapshotItem | None:
        return self.by_code.get(code)

    @property
    def active_items(self) -> tuple[SnapshotItem, ...]:
        """The items offered for a new contact."""
        return tuple(item for item in self.items if item.active)


@dataclass(frozen=True, slots=True)
class ClassificationSnapshot:
    """A version's lists as they are in the database, in memory and read-only."""

    version_id: int
    number: int
    status: str
    published_at: datetime | None
    lists: Mapping[str, SnapshotList]  # by key, in the lists' order

    def is_valid(self, validity_code: str) -> bool:
        """Whether the validity answer counts as a valid contact (False if unknown)."""
        validity = self.lists.get(VALIDITY)
        item = validity.item(validity_code) if validity else None
        return bool(item and item.valid)


def _snapshot_build(
    *, version_id: int, number: int, status: str, published_at: datetime | None
) -> ClassificationSnapshot:
    items_by_list: dict[int, list[SnapshotItem]] = {}
    rows = (
        ClassificationItem.objects.filter(list__version_id=version_id)
        .order_by("list_id", "position")
        .values_list(
            "list_id",
            "code",
            "label_it",
            "label_en",
            "position",
            "active",
            "valid",
            "exclusive",
            "istat_code",
        )
    )
    for list_id, *values in rows:
        items_by_list.setdefault(list_id, []).append(SnapshotItem(*values))
    lists: dict[str, SnapshotList] = {}
    for row in (
        ClassificationList.objects.filter(version_id=version_id)
        .order_by("position")
        .values("pk", "key", "label_it", "label_en", "position", "multiple", "applies_to_victims")
    ):
        items = tuple(items_by_list.get(row.pop("pk"), ()))
        lists[row["key"]] = SnapshotList(
            **row, items=items, by_code=MappingProxyType({item.code: item for item in items})
        )
    return ClassificationSnapshot(
        version_id=version_id,
        number=number,
        status=status,
        published_at=published_at,
        lists=MappingProxyType(lists),
    )


_lock = threading.Lock()
_published: dict[tuple[int, int, datetime], ClassificationSnapshot] = {}


def classification_cache_clear() -> None:
    """Forget the snapshots of this process (after a publication, and between tests)."""
    with _lock:
        _published.clear()


def _published_snapshot(
    *, version_id: int, number: int, published_at: datetime
) -> ClassificationSnapshot:
    key = (version_id, number, published_at)
    snapshot = _published.get(key)
    if snapshot is not None:
        return snapshot
    snapshot = _snapshot_build(
        version_id=version_id,
        number=number,
        status=ClassificationStatus.PUBLISHED,
        published_at=published_at,
    )
    with _lock:
        if len(_published) >= _CACHE_LIMIT:
            _published.clear()
        _published[key] = snapshot
    return snapshot


def classification_snapshot(*, version: ClassificationVersion) -> ClassificationSnapshot:
    """The snapshot of a given version: cached when published (it cannot change), read
    afresh for a draft."""
    if version.is_published and version.published_at is not None:
        return _published_snapshot(
            version_id=version.pk, number=version.number, published_at=version.published_at
        )
    return _snapshot_build(
        version_id=version.pk,
        number=version.number,
        status=version.status,
        published_at=version.published_at,
    )


def classification_current() -> ClassificationSnapshot:
    """The latest published version. One query when it is already in memory."""
    row = (
        ClassificationVersion.objects.filter(status=ClassificationStatus.PUBLISHED)
        .order_by("-number")
        .values_list("pk", "number", "published_at")
        .first()
    )
    if row is None:
        raise ClassificationUnavailable("No classification version is published.")
    version_id, number, published_at = row
    return _published_snapshot(version_id=version_id, number=number, published_at=published_at)


def _codes(value: object) -> list[str] | None:
    """The codes of one answer, or None when the answer is neither a code nor a list of codes."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Sequence) and all(isinstance(code, str) for code in value):
        return [code for code in value if code]
    return None


def _clean_answer(
    classification_list: SnapshotList, value: object
) -> tuple[Answer | None, list[ValidationError]]:
    codes = _codes(value)
    if codes is None:
        return None, [ValidationError(_("Give a code, or a list of codes."), code="invalid_type")]
    codes = list(dict.fromkeys(codes))  # a repeated code is one answer
    if not codes:
        return None, []
    if not classification_list.multiple and len(codes) > 1:
        return None, [ValidationError(_("Choose one answer only."), code="several_codes")]
    errors: list[ValidationError] = []
    items: list[SnapshotItem] = []
    for code in codes:
        item = classification_list.item(code)
        if item is None:
            errors.append(
                ValidationError(
                    _("“%(code)s” is not an answer of this list."),
                    code="unknown_code",
                    params={"code": code},
                )
            )
        elif not item.active:
            errors.append(
                ValidationError(
                    _("“%(code)s” is no longer in use."),
                    code="inactive_code",
                    params={"code": code},
                )
            )
        else:
            items.append(item)
    if errors:
        return None, errors
    if not classification_list.multiple:
        return items[0].code, []
    exclusive = [item for item in items if item.exclusive]
    if exclusive and len(items) > 1:
        return None, [
            ValidationError(
                _("“%(label)s” cannot be combined with other answers."),
                code="exclusive_combined",
                params={"label": exclusive[0].label},
            )
        ]
    return [item.code for item in sorted(items, key=lambda item: item.position)], []


def classification_validate(
    *, version: ClassificationSnapshot | ClassificationVersion, answers: Mapping[str, object]
) -> dict[str, Answer]:
    """Check a contact's answers (list key -> code, or list of codes where several are
    allowed) against a version, and return them cleaned: empty answers dropped, codes
    of a multiple list without repeats and in the list's order.

    Raises ValidationError with messages by list key, changing nothing, when a key is not a
    list of the version, a code is not an active answer of its list, a single-choice list
    has several answers, an exclusive answer ("not stated", "no referral") is combined with
    others, validity is missing, a contact that is not valid has other answers, a valid
    contact does not say who is calling, or a question asked of victims only is answered
    when the caller is not the victim.
    """
    snapshot = (
        version
        if isinstance(version, ClassificationSnapshot)
        else classification_snapshot(version=version)
    )
    if not isinstance(answers, Mapping):
        raise ValidationError(
            _("The answers must map each list to its answer."), code="invalid_answers"
        )
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, Answer] = {}
    for key, value in answers.items():
        classification_list = snapshot.lists.get(key) if isinstance(key, str) else None
        if classification_list is None:
            errors[str(key)] = [
                ValidationError(
                    _("“%(key)s” is not a list of classification version %(number)s."),
                    code="unknown_list",
                    params={"key": key, "number": snapshot.number},
                )
            ]
            continue
        answer, problems = _clean_answer(classification_list, value)
        if problems:
            errors[key] = problems
        elif answer is not None:
            cleaned[key] = answer

    validity = cleaned.get(VALIDITY)
    if validity is None:
        if VALIDITY not in errors:
            errors[VALIDITY] = [
                ValidationError(_("Say whether the contact is valid."), code="required")
            ]
    elif not snapshot.is_valid(str(validity)):
        # A nuisance call, a prank, a wrong number: counted, and nothing else recorded.
        for key in cleaned:
            if key != VALIDITY:
                errors.setdefault(key, []).append(
                    ValidationError(
                        _("A contact that is not valid has no other classification."),
                        code="not_valid_contact",
                    )
                )
    else:
        caller = cleaned.get(CALLER_TYPE)
        if caller is None:
            if CALLER_TYPE not in errors:
                errors[CALLER_TYPE] = [ValidationError(_("Say who is calling."), code="required")]
        elif caller != VICTIM:
            for key in cleaned:
                if snapshot.lists[key].applies_to_victims:
                    errors.setdefault(key, []).append(
                        ValidationError(
                            _("This is asked only when the caller is the victim."),
                            code="victims_only",
                        )
                    )
    if errors:
        raise ValidationError(errors)
    return cleaned
