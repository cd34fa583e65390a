"""A notice: something a person of the reserved area should know or do (a change to review,
an answer to a request, a deadline coming), shown in the reserved area and sent by e-mail.

A notice has a `key` naming the event it tells of ("protocol.12.ends_in_60", ...): one person
gets one notice per key, so a reminder job run twice, or by two workers, sends nothing twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    key = models.CharField(_("key"), max_length=120)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    # A path inside the site (never an outside address): where to act on the notice.
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notice_once_per_key"),
            models.CheckConstraint(
                condition=models.Q(url="") | models.Q(url__startswith="/"),
                name="notice_url_local",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return self.subject
