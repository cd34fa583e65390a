"""The classification lists of 1522 contacts, as versioned data.

A contact is classified against one `ClassificationVersion` and records it, so that its
codes keep the meaning they had when it was made. A published version is frozen: its
lists and items are never changed, added to or deleted — a change is a new version, made
by copying the current one (rete.helpline.classification.services).

The freeze is enforced here, below the services, so that no path (admin, shell, a bulk
update) can rewrite what old records mean: `save()` and `delete()` of each model, and the
`update()`, `delete()` and `bulk_create()` of their querysets, refuse to touch a published
version. The check reads the version's status from the database under a row lock, not
from the instance in memory, which may be stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rete.helpline.classification.lists import VALIDITY

CODE_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{0,39}\Z",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class ClassificationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ClassificationFrozen(ValidationError):
    """A write that would change a published classification version."""

    def __init__(self) -> None:
        super().__init__(
            _("A published classification version is frozen: make a new version instead."),
            code="frozen",
        )


def _refuse_if_published(version_ids: Iterable[int]) -> None:
    """Raise ClassificationFrozen if any of the versions is published, locking the rows so
    that a concurrent publication waits for the write that checked them (PostgreSQL; SQLite
    serialises writers anyway)."""
    ids = {pk for pk in version_ids if pk is not None}
    if not ids:
        return
    published = (
        ClassificationVersion.objects.select_for_update()
        .filter(pk__in=ids, status=ClassificationStatus.PUBLISHED)
        .exists()
    )
    if published:
        raise ClassificationFrozen()


class ClassificationVersionQuerySet(models.QuerySet["ClassificationVersion"]):
    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            _refuse_if_published(self.values_list("pk", flat=True))
            return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db):
            _refuse_if_published(self.values_list("pk", flat=True))
            return super().delete()


class ClassificationVersion(models.Model):
    """One edition of the classification lists. Numbers grow by one per new version; the
    current version is the published one with the highest number."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClassificationStatus.choices,
        default=ClassificationStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ClassificationVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("classification version")
        verbose_name_plural = _("classification versions")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1), name="classification_version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ClassificationStatus]),
                name="classification_version_status_known",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ClassificationStatus.PUBLISHED, published_at__isnull=False)
                    | Q(status=ClassificationStatus.DRAFT, published_at__isnull=True)
                ),
                name="classification_version_published_at_iff_published",
            ),
            # One draft at a time: two drafts racing to be published would make
            # "the next version" ambiguous.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=ClassificationStatus.DRAFT),
                name="classification_version_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is None and self.status == ClassificationStatus.PUBLISHED:
            # A version is born a draft: only publishing checks that it is complete.
            raise ValidationError(
                _("A new version starts as a draft; publish it when it is complete."),
                code="born_published",
            )
        with transaction.atomic():
            if self.pk is not None:
                _refuse_if_published([self.pk])
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            _refuse_if_published([self.pk])
            return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == ClassificationStatus.PUBLISHED


class ClassificationListQuerySet(models.QuerySet["ClassificationList"]):
    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            _refuse_if_published(self.values_list("version_id", flat=True))
            if "version" in kwargs or "version_id" in kwargs:
                value = kwargs.get("version_id", kwargs.get("version"))
                target = getattr(value, "pk", value)
                _refuse_if_published([target])
            return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db):
            _refuse_if_published(self.values_list("version_id", flat=True))
            return super().delete()

    def bulk_create(self, objs: Iterable[ClassificationList], *args: Any, **kwargs: Any) -> Any:
        objs = list(objs)
        with transaction.atomic(using=self.db):
            _refuse_if_published(obj.version_id for obj in objs)
            return super().bulk_create(objs, *args, **kwargs)


class ClassificationList(models.Model):
    """One question of the classification (validity, caller type, violence types, …)."""

    version = models.ForeignKey(
        ClassificationVersion,
        on_delete=models.CASCADE,
        related_name="lists",
        verbose_name=_("version"),
    )
    key = models.CharField(_("key"), max_length=40, validators=[CODE_VALIDATOR])
    label_it = models.CharField(_("Italian label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)
    position = models.PositiveIntegerField(_("position"), validators=[MinValueValidator(1)])
    multiple = models.BooleanField(
        _("several answers"), default=False, help_text=_("Several items may be chosen at once.")
    )
    applies_to_victims = models.BooleanField(
        _("asked of victims only"),
        default=False,
        help_text=_("Answered only when the caller is the victim."),
    )

    objects = ClassificationListQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("classification list")
        verbose_name_plural = _("classification lists")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="classification_list_unique_key"
            ),
            models.UniqueConstraint(
                fields=["version", "position"], name="classification_list_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="classification_list_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} (v{self.version.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            _refuse_if_published([self.version_id])
            if self.pk is not None:
                # Moving a list out of a published version is changing that version too.
                previous = (
                    ClassificationList.objects.filter(pk=self.pk)
                    .values_list("version_id", flat=True)
                    .first()
                )
                _refuse_if_published([previous] if previous is not None else [])
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            _refuse_if_published([self.version_id])
            return super().delete(*args, **kwargs)


class ClassificationItemQuerySet(models.QuerySet["ClassificationItem"]):
    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            _refuse_if_published(self.values_list("list__version_id", flat=True))
            if "list" in kwargs or "list_id" in kwargs:
                value = kwargs.get("list_id", kwargs.get("list"))
                target = getattr(value, "pk", value)
                _refuse_if_published(
                    ClassificationList.objects.filter(pk=target).values_list(
                        "version_id", flat=True
                    )
                )
            return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db):
            _refuse_if_published(self.values_list("list__version_id", flat=True))
            return super().delete()

    def bulk_create(self, objs: Iterable[ClassificationItem], *args: Any, **kwargs: Any) -> Any:
        objs = list(objs)
        with transaction.atomic(using=self.db):
            _refuse_if_published(
                ClassificationList.objects.filter(pk__in={obj.list_id for obj in objs}).values_list(
                    "version_id", flat=True
                )
            )
            return super().bulk_create(objs, *args, **kwargs)


class ClassificationItem(models.Model):
    """One answer of a list. Its code is stable across versions: the same code means the
    same thing in every version, so statistics can span versions."""

    list = models.ForeignKey(
        ClassificationList,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("list"),
    )
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    label_it = models.CharField(_("Italian label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)
    position = models.PositiveIntegerField(_("position"), validators=[MinValueValidator(1)])
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive items keep their meaning but are not offered for new contacts."),
    )
    valid = models.BooleanField(
        _("counts as a valid contact"),
        null=True,
        blank=True,
        help_text=_("Validity list only: whether this answer makes the contact a valid one."),
    )
    exclusive = models.BooleanField(
        _("exclusive"),
        default=False,
        help_text=_("In a list with several answers, this one cannot be combined with others."),
    )
    istat_code = models.CharField(
        _("ISTAT code"),
        max_length=40,
        blank=True,
        help_text=_("The matching category of ISTAT's tables, where one is known."),
    )

    objects = ClassificationItemQuerySet.as_manager()

    class Meta:
        ordering = ["list", "position"]
        verbose_name = _("classification item")
        verbose_name_plural = _("classification items")
        constraints = [
            models.UniqueConstraint(
                fields=["list", "code"], name="classification_item_unique_code"
            ),
            models.UniqueConstraint(
                fields=["list", "position"], name="classification_item_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="classification_item_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.label_it}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            versions = list(
                ClassificationList.objects.filter(pk=self.list_id).values_list(
                    "version_id", flat=True
                )
            )
            if self.pk is not None:
                versions += ClassificationItem.objects.filter(pk=self.pk).values_list(
                    "list__version_id", flat=True
                )
            _refuse_if_published(versions)
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            _refuse_if_published(
                ClassificationList.objects.filter(pk=self.list_id).values_list(
                    "version_id", flat=True
                )
            )
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.list_id is None:
            return
        # Only the validity list says which answers count as valid contacts; elsewhere the
        # flag would be meaningless and misleading.
        is_validity = self.list.key == VALIDITY
        if is_validity and self.valid is None:
            raise ValidationError(
                {"valid": _("Say whether this answer counts as a valid contact.")},
                code="valid_required",
            )
        if not is_validity and self.valid is not None:
            raise ValidationError(
                {"valid": _("Only answers of the validity list say whether a contact is valid.")},
                code="valid_not_allowed",
            )


from rete.helpline.contacts.models import (  # noqa: E402, F401 - the app's models live here too
    Callback,
    Contact,
    EmergencyRecord,
    NuisanceFlag,
    TransferAttempt,
)
