"""The audit log: who did what to which record, when — append-only and hash-chained.

An entry names its action by a code ("contact.read", "contact.update", "contact.export";
later sign-ins, grants, downloads, admin changes), its actor (a user, or nobody for the
system and for anonymous requests), its target by type and id as text, a few non-personal
details and the request's IP address. The people behind the records are at risk: nothing
about a caller ever goes into an entry — no name, number, note or place; the target's id
is enough to find the record, and the record's own access rules then apply.

Entries are written only by `rete.audit.services.audit_record`. They are never changed or
deleted: the model and its queryset refuse it, and a database trigger refuses it too
(migration 0002). Someone who gets past both still cannot hide it from
`rete verify-audit`, which recomputes the chain (see rete.audit.chain).
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rete.audit.chain import GENESIS_HASH


class AuditLogIsAppendOnly(RuntimeError):
    """An attempt to change or delete audit entries, or to add them around the chain."""


def _refuse(what: str) -> NoReturn:
    raise AuditLogIsAppendOnly(
        f"The audit log is append-only: {what} is refused. Use audit_record() to add an entry."
    )


class AuditAction(models.TextChoices):
    """The action codes in use. The field takes any code of the form "entity.verb", so a
    new kind of entry needs no migration; this list gives the known ones their labels."""

    CONTACT_CREATE = "contact.create", _("Contact created")
    CONTACT_READ = "contact.read", _("Contact read")
    CONTACT_UPDATE = "contact.update", _("Contact changed")
    CONTACT_EXPORT = "contact.export", _("Contacts exported")
    CHAIN_HEAD_REBUILT = "audit.chain_head_rebuilt", _("Audit chain head rebuilt")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("update")

    def delete(self) -> NoReturn:
        _refuse("delete")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("bulk_update")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        # Rows inserted in bulk would bypass the chain head and its lock.
        _refuse("bulk_create")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("update_or_create")


class AuditEntry(models.Model):
    # The primary key is the position in the chain: assigned under the chain head's lock,
    # so it grows by one with every committed entry, without gaps.
    sequence = models.PositiveBigIntegerField(_("sequence"), primary_key=True)
    created_at = models.DateTimeField(_("instant"), db_index=True)
    # No database constraint and no cascade: deleting an account must neither delete nor
    # change its entries (that would break the chain), so the id may outlive the account;
    # actor_username keeps the name it had when it acted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(_("actor's username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("target type"), max_length=64)
    target_id = models.CharField(_("target id"), max_length=64)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        # Nobody may add, change or delete entries through the admin or the permission
        # system: only "view" exists.
        default_permissions = ("view",)
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_type}:{self.target_id}"

    def save(self, **kwargs: Any) -> None:
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            _refuse("changing an entry")
        kwargs["force_insert"] = True
        super().save(**kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("deleting an entry")

    @property
    def action_label(self) -> str:
        try:
            return str(AuditAction(self.action).label)
        except ValueError:
            return self.action


class AuditChainHead(models.Model):
    """The single row that holds the end of the chain: the last sequence and its hash.

    Appending locks this row, so concurrent writers take turns and the chain cannot fork.
    It also makes a removed tail visible: the chain alone cannot tell that its last
    entries were deleted, but the head still names them.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"audit chain head at {self.last_sequence}"
