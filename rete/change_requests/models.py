"""Changes to the network's data proposed by a territory (the seed: each territory must
"communicate promptly every change"), decided by the Department.

A request keeps what the data were when it was proposed (`before`) and what the territory
proposes (`proposed`), both in the kind's own JSON shape (rete.change_requests.kinds): the
Department compares them with the data as they are now, and an accepted request is applied
in the same transaction that records the decision. Requests are never deleted: the list of
a territory's requests is its history of changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    SERVICE_HOURS = "service_hours", _("Opening hours of a service")
    SERVICE_PHONES = "service_phones", _("Phone numbers of a service")
    SERVICE_NEW = "service_new", _("New service")
    MEMBER_JOIN = "member_join", _("Member joining the network")
    MEMBER_LEAVE = "member_leave", _("Member leaving the network")
    REFERENT_NEW = "referent_new", _("New referent of the territory")


# Kinds about an existing service, and the kind whose acceptance makes one.
SERVICE_TARGET_KINDS = (ChangeKind.SERVICE_HOURS, ChangeKind.SERVICE_PHONES)
SERVICE_LINK_KINDS = (*SERVICE_TARGET_KINDS, ChangeKind.SERVICE_NEW)
ORGANIZATION_LINK_KINDS = (ChangeKind.MEMBER_LEAVE, ChangeKind.MEMBER_JOIN)


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the Department")
    ACCEPTED = "accepted", _("Accepted and applied")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ChangeRequest(models.Model):
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        related_name="change_requests",
        verbose_name=_("territory"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ChangeKind.choices)
    # The service the change is about (hours, phones), or the one an accepted "new service"
    # made. Set to null if the service is later removed from the directory (the request's
    # JSON still says what it was about; a pending one can then no longer be accepted).
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_requests",
        verbose_name=_("service"),
    )
    # The member leaving, or the one an accepted "member joining" made.
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_requests",
        verbose_name=_("organisation"),
    )
    before = models.JSONField(_("data when proposed"), default=dict, blank=True)
    proposed = models.JSONField(_("proposed data"), default=dict)
    # Ids of what the acceptance made (a service, an organisation, an account).
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    note = models.TextField(_("note of the proposer"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        indexes = [
            models.Index(fields=["territory", "status"], name="change_request_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="change_request_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ChangeStatus.values), name="change_request_status_known"
            ),
            # A decision (or a withdrawal) is dated; a pending request has none.
            models.CheckConstraint(
                condition=Q(status=ChangeStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=ChangeStatus.PENDING) & Q(decided_at__isnull=False)),
                name="change_request_decided_dated",
            ),
            # The proposer reads why: a rejection always says it.
            models.CheckConstraint(
                condition=~Q(status=ChangeStatus.REJECTED) | ~Q(decision_reason=""),
                name="change_request_rejected_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(service__isnull=True) | Q(kind__in=SERVICE_LINK_KINDS),
                name="change_request_service_kinds",
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=True) | Q(kind__in=ORGANIZATION_LINK_KINDS),
                name="change_request_organization_kinds",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.status}"

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeStatus.PENDING
