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
    AUDIT_READ = "audit.read", _("Audit log read")
    AUDIT_EXPORT = "audit.export", _("Audit log exported")
    AUDIT_VERIFY = "audit.verify", _("Audit chain verified")
    # Signing in and out (rete.accounts).
    SIGN_IN = "auth.sign_in", _("Signed in")
    SIGN_IN_FAILED = "auth.sign_in_failed", _("Sign-in failed")
    LOCKED_OUT = "auth.locked_out", _("Locked out after repeated failures")
    SIGN_OUT = "auth.sign_out", _("Signed out")
    SECOND_FACTOR_FAILED = "auth.second_factor_failed", _("Wrong second-factor code")
    SECOND_FACTOR_ENROLLED = "auth.second_factor_enrolled", _("Second factor enrolled")
    RECOVERY_CODE_USED = "auth.recovery_code_used", _("Recovery code used")
    RECOVERY_CODES_RENEWED = "auth.recovery_codes_renewed", _("Recovery codes renewed")
    PASSWORD_SET = "auth.password_set", _("Password set")
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested", _("Password reset requested")
    SESSION_ENDED = "auth.session_ended", _("Session ended")
    SESSION_EXPIRED = "auth.session_expired", _("Session expired after inactivity")
    # Accounts, grants and access requests.
    ACCOUNT_CREATE = "account.create", _("Account created")
    ACCOUNT_RECONFIRM = "account.reconfirm", _("Access re-confirmed")
    ACCOUNT_DEACTIVATE = "account.deactivate", _("Account deactivated")
    ACCOUNT_REACTIVATE = "account.reactivate", _("Account reactivated")
    GRANT_CREATE = "grant.create", _("Role granted")
    GRANT_REVOKE = "grant.revoke", _("Role revoked")
    ACCESS_REQUEST_CREATE = "access_request.create", _("Access requested")
    ACCESS_REQUEST_VERIFY = "access_request.verify", _("Access request e-mail verified")
    ACCESS_REQUEST_APPROVE = "access_request.approve", _("Access request approved")
    ACCESS_REQUEST_REFUSE = "access_request.refuse", _("Access request refused")
    # The reserved area.
    RESERVED_READ = "reserved.read", _("Reserved data read")
    DOCUMENT_UPLOAD = "document.upload", _("Document uploaded")
    DOCUMENT_DOWNLOAD = "document.download", _("Document downloaded")
    DOCUMENT_DELETE = "document.delete", _("Document deleted")
    # Call-centre statistics: the release's steps, reserved tables read and downloaded.
    STATISTICS_RELEASE_REQUEST = "statistics.release_request", _("Statistics release requested")
    STATISTICS_RELEASE_COMPUTE = "statistics.release_compute", _("Statistics release computed")
    STATISTICS_RELEASE_PUBLISH = "statistics.release_publish", _("Statistics release published")
    STATISTICS_RELEASE_DISCARD = "statistics.release_discard", _("Statistics release discarded")
    STATISTICS_READ = "statistics.read", _("Reserved statistics read")
    STATISTICS_DOWNLOAD = "statistics.download", _("Reserved statistics downloaded")
    SYNTHETIC_CONTACTS_GENERATE = "contact.generate_synthetic", _("Synthetic contacts generated")
    # The territories' workflows.
    TERRITORY_SHEET_UPDATE = "territory_sheet.update", _("Territory sheet changed")
    CHANGE_REQUEST_CREATE = "change_request.create", _("Change to the network proposed")
    CHANGE_REQUEST_WITHDRAW = "change_request.withdraw", _("Proposed change withdrawn")
    CHANGE_REQUEST_ACCEPT = "change_request.accept", _("Proposed change accepted and applied")
    CHANGE_REQUEST_REJECT = "change_request.reject", _("Proposed change rejected")
    QUESTIONNAIRE_CREATE = "questionnaire.create", _("Questionnaire created")
    QUESTIONNAIRE_UPDATE = "questionnaire.update", _("Questionnaire draft changed")
    QUESTIONNAIRE_PUBLISH = "questionnaire.publish", _("Questionnaire version published")
    CAMPAIGN_CREATE = "campaign.create", _("Monitoring campaign created")
    CAMPAIGN_UPDATE = "campaign.update", _("Monitoring campaign changed")
    CAMPAIGN_LAUNCH = "campaign.launch", _("Monitoring campaign launched")
    CAMPAIGN_CLOSE = "campaign.close", _("Monitoring campaign closed")
    CAMPAIGN_REMIND = "campaign.remind", _("Monitoring campaign reminder sent")
    CAMPAIGN_RESULTS_EXPORT = "campaign.results_export", _("Monitoring results downloaded")
    RESPONSE_SAVE = "response.save", _("Questionnaire answers saved")
    RESPONSE_SUBMIT = "response.submit", _("Questionnaire answers submitted")
    RESPONSE_REOPEN_REQUEST = "response.reopen_request", _("Reopening of answers requested")
    RESPONSE_REOPEN = "response.reopen", _("Questionnaire answers reopened")
    RESPONSE_READ = "response.read", _("Questionnaire answers read")
    REPORT_TEMPLATE_CREATE = "report_template.create", _("Annual report template created")
    REPORT_TEMPLATE_DELETE = "report_template.delete", _("Annual report template deleted")
    REPORT_TEMPLATE_PUBLISH = "report_template.publish", _("Annual report template published")
    REPORT_TEMPLATE_UPDATE = "report_template.update", _("Annual report template changed")
    REPORT_EXPERT_ASSIGN = "annual_report.expert_assign", _("Expert assigned to a report")
    REPORT_CREATE = "annual_report.create", _("Annual report started")
    REPORT_REVIEW = "annual_report.review", _("Annual report review started")
    REPORT_SAVE = "annual_report.save", _("Annual report draft saved")
    REPORT_COMMENT = "annual_report.comment", _("Annual report commented")
    REPORT_SUBMIT = "annual_report.submit", _("Annual report submitted")
    REPORT_RETURN = "annual_report.return", _("Annual report returned")
    REPORT_ACCEPT = "annual_report.accept", _("Annual report accepted")
    REPORT_DOWNLOAD = "annual_report.download", _("Annual report downloaded")
    ASSISTANCE_CREATE = "assistance.create", _("Assistance request opened")
    ASSISTANCE_REPLY = "assistance.reply", _("Assistance request answered")
    ASSISTANCE_STATUS = "assistance.status", _("Assistance request status changed")
    ASSISTANCE_DOWNLOAD = "assistance.download", _("Assistance attachment downloaded")
    PRACTICE_CREATE = "practice.create", _("Good practice posted")
    PRACTICE_UPDATE = "practice.update", _("Good practice changed")
    PRACTICE_REPLY = "practice.reply", _("Good practice answered")
    PRACTICE_HIDE = "practice.hide", _("Good practice hidden by the Department")
    PRACTICE_RESTORE = "practice.restore", _("Good practice shown again")
    PRACTICE_DOWNLOAD = "practice.download", _("Good practice attachment downloaded")
    PROTOCOL_VERSION_CREATE = "protocol.version_create", _("Protocol renewal or amendment recorded")
    PROTOCOL_STATUS = "protocol.status", _("Protocol status changed")
    PROTOCOL_SUPERSEDE = "protocol.supersede", _("Protocol shortened by a newer version")
    PROTOCOL_DOCUMENT_UPLOAD = "protocol.document_upload", _("Protocol document uploaded")
    EVENT_SETTINGS_CHANGE = "event.settings_change", _("Event registration settings changed")
    EVENT_REGISTER = "event.register", _("Registered to an event")
    EVENT_UNREGISTER = "event.unregister", _("Registration to an event cancelled")
    EVENT_PARTICIPANTS_READ = "event.participants_read", _("Event participants read")
    EVENT_DOCUMENT_UPLOAD = "event.document_upload", _("Event document uploaded")
    # Changes made in the admin (from its own log, rete.audit.admin_changes).
    ADMIN_ADD = "admin.add", _("Added in the admin")
    ADMIN_CHANGE = "admin.change", _("Changed in the admin")
    ADMIN_DELETE = "admin.delete", _("Deleted in the admin")


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
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            # The audit viewer filters by action or by actor and pages newest first by
            # sequence (keyset): with the sequence in the index, a page is one backward
            # range scan of the index, however many millions of rows the log holds and
            # however common or rare the action or the actor is. The single-column
            # indexes order equal keys by physical position, not by sequence, so a common
            # value would mean sorting all its rows for every page. (migration 0003)
            models.Index(fields=["action", "sequence"], name="audit_action_seq_idx"),
            models.Index(fields=["actor", "sequence"], name="audit_actor_seq_idx"),
        ]

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


class AuditVerificationSource(models.TextChoices):
    COMMAND = "command", _("command line")
    WEB = "web", _("reserved area")


class AuditVerificationRun(models.Model):
    """The outcome of one verification of the whole chain (rete.audit.verification).

    The audit viewer shows the last one instead of recomputing millions of hashes on every
    page view. A run is a report, not evidence: the chain itself is the evidence, and a
    run can always be made again.
    """

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    intact = models.BooleanField(_("intact"))
    entries_verified = models.PositiveBigIntegerField(_("entries verified"))
    # The hash the last intact entry ends with, to note outside the database.
    last_hash = models.CharField(_("last hash"), max_length=64)
    break_sequence = models.PositiveBigIntegerField(_("first broken entry"), null=True, blank=True)
    break_reason = models.CharField(_("reason"), max_length=20, blank=True)
    break_message = models.CharField(_("explanation"), max_length=300, blank=True)
    source = models.CharField(_("run from"), max_length=10, choices=AuditVerificationSource.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-finished_at"]
        verbose_name = _("audit chain verification")
        verbose_name_plural = _("audit chain verifications")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["-finished_at"], name="audit_verification_last_idx")]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} {'intact' if self.intact else 'broken'}"
