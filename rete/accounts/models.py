"""Accounts use django.contrib.auth's User; roles are groups (see roles.py).

Personal API tokens let a program act as a person (the PBX of the 1522 helpline as its
operators): only a SHA-256 digest of each token is stored, so a copy of the database gives
no usable token; the token itself is shown once, when it is created.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    # The first characters, kept in clear so that a person can tell their tokens apart.
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class DeactivationReason(models.TextChoices):
    ORGANIZATION_LEFT = "organization_left", _("The organisation left the network")
    NOT_RECONFIRMED = "not_reconfirmed", _("The yearly re-confirmation was not given")
    BY_REVIEWER = "by_reviewer", _("Deactivated by the Department or the territory's referent")


class Account(models.Model):
    """What the reserved area knows of a person beyond django.contrib.auth's User.

    The personal identification code (RAV-000123) is what the seed calls the "codice
    identificativo personale": it is given on approval of an access request and is one of
    the names a person can sign in with. It is never reused.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account",
        verbose_name=_("user"),
    )
    personal_code = models.CharField(
        _("personal identification code"), max_length=16, unique=True, editable=False
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("organisation"),
    )
    # The requester's own words when the organisation is not a member of the network.
    organization_other = models.CharField(_("other organisation"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The holder confirms once a year that they still need the access they have.
    reconfirmed_at = models.DateTimeField(_("last re-confirmation"), null=True, blank=True)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    deactivation_reason = models.CharField(
        _("reason of deactivation"), max_length=30, choices=DeactivationReason.choices, blank=True
    )

    class Meta:
        ordering = ["personal_code"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.personal_code


class Grant(models.Model):
    """One role given to one person, bound to a territory and/or an organisation.

    National roles (the Department, the helpline, the monitoring company, the steering
    committee) are granted with neither. A territory's referent is bound to the territory; a
    network operator to their organisation and the territory it works in. A revoked grant
    is kept, with who revoked it and why: the history of who could see what is evidence.
    The role groups of django.contrib.auth follow the active grants (accounts.services).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=40)
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("territory"),
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("organisation"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.CharField(_("reason of revocation"), max_length=300, blank=True)

    class Meta:
        ordering = ["user", "role", "-granted_at"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_grant_active_idx")]

    def __str__(self) -> str:
        return self.role

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AccessRequestStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for e-mail verification")
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", pgettext_lazy("access request", "Approved")
    REFUSED = "refused", pgettext_lazy("access request", "Refused")


class AccessRequest(models.Model):
    """A request for an account of the reserved area, made on the public portal.

    Every step is dated: made, e-mail verified, reviewed (approved or refused, by whom and
    why). A request is never deleted; an approved one names the account it created.
    """

    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("work e-mail"))
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("organisation"),
    )
    organization_other = models.CharField(_("other organisation"), max_length=300, blank=True)
    role = models.CharField(_("role requested"), max_length=40)
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("territory"),
    )
    reason = models.TextField(_("reason"))
    # The language the requester used: the e-mails about the request are written in it.
    language = models.CharField(_("language"), max_length=8, default="it")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccessRequestStatus.choices,
        default=AccessRequestStatus.UNVERIFIED,
    )
    # SHA-256 of the token sent by e-mail: the token itself is never stored.
    verification_digest = models.CharField(max_length=64, unique=True, editable=False)
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("account created"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [models.Index(fields=["status", "territory"], name="accounts_request_queue_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"


class UserSession(models.Model):
    """A signed-in session of a person, so that they can see where they are signed in and
    end a session they do not recognise. The session itself lives in Django's session
    store; ending one here deletes it there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signed_in_sessions",
        verbose_name=_("user"),
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("signed in"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last activity"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["user", "ended_at"], name="accounts_session_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
