"""Reads of a person's own account page: who they are, what they may do, their second
factor, when they next re-confirm, where they are signed in."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from rete.accounts.access_requests.limits import role_label
from rete.accounts.account_page.sessions import session_alive
from rete.accounts.models import Account, Grant, UserSession

# The notice on the account page starts this many days before the re-confirmation is due.
RECONFIRM_NOTICE_DAYS = 30
RECOVERY_DEVICE_NAME = "recovery"

# Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux".
_BROWSERS = (
    (re.compile(r"Edg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"OPR/|Opera"), "Opera"),
    (re.compile(r"Firefox/|FxiOS/"), "Firefox"),
    (re.compile(r"SamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"Chrom(e|ium)/|CriOS/"), "Chrome"),
    (re.compile(r"Safari/"), "Safari"),
)
_SYSTEMS = (
    (re.compile(r"Windows"), "Windows"),
    (re.compile(r"Android"), "Android"),
    (re.compile(r"iPhone|iPod"), "iOS"),
    (re.compile(r"iPad"), "iPadOS"),
    (re.compile(r"CrOS"), "ChromeOS"),
    (re.compile(r"Mac OS X|Macintosh"), "macOS"),
    (re.compile(r"Linux|X11"), "Linux"),
)


def browser_label(user_agent: str) -> str:
    """A short name for the browser of a session, e.g. "Chrome on Linux": enough for a
    person to recognise their own devices, without parsing every detail of the header."""
    browser = next((name for pattern, name in _BROWSERS if pattern.search(user_agent)), None)
    system = next((name for pattern, name in _SYSTEMS if pattern.search(user_agent)), None)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser or system:
        return browser or system or ""
    return _("Unknown browser")


@dataclass(frozen=True)
class SessionItem:
    row: UserSession
    browser: str
    is_current: bool


def user_open_sessions(user: AbstractBaseUser, *, current_key: str | None) -> list[SessionItem]:
    """The person's sessions not ended and still alive in the session store, this one
    first, then by last activity."""
    rows = UserSession.objects.filter(user=user, ended_at__isnull=True).order_by(
        "-last_seen_at", "-pk"
    )
    items = [
        SessionItem(
            row=row,
            browser=browser_label(row.user_agent),
            is_current=row.session_key == current_key,
        )
        for row in rows
        if session_alive(row.session_key, user.pk)
    ]
    return sorted(items, key=lambda item: not item.is_current)


def user_other_session(user: AbstractBaseUser, pk: int, *, current_key: str | None):
    """One of the person's other open sessions, or None (someone else's, this one, ended)."""
    row = UserSession.objects.filter(pk=pk, user=user, ended_at__isnull=True).first()
    if row is None or row.session_key == current_key:
        return None
    return row


@dataclass(frozen=True)
class GrantItem:
    grant: Grant
    role_label: str


def user_active_grants(user: AbstractBaseUser) -> list[GrantItem]:
    """The person's roles with their scope (territory, organisation)."""
    grants: QuerySet[Grant] = (
        Grant.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("territory", "organization")
        .order_by("role", "territory__name", "organization__name")
    )
    return [GrantItem(grant=grant, role_label=role_label(grant.role)) for grant in grants]


def reconfirmation_due_at(account: Account) -> datetime.datetime:
    """When the yearly re-confirmation falls due: a year after the last one (or after the
    account was created, for one never re-confirmed)."""
    last = account.reconfirmed_at or account.created_at
    return last + datetime.timedelta(days=settings.ACCOUNTS_RECONFIRM_DAYS)


def reconfirmation_notice(account: Account | None, now: datetime.datetime) -> str | None:
    """ "due" when it is due, "soon" within RECONFIRM_NOTICE_DAYS of it, else None."""
    if account is None:
        return None
    due_at = reconfirmation_due_at(account)
    if now >= due_at:
        return "due"
    if due_at - now <= datetime.timedelta(days=RECONFIRM_NOTICE_DAYS):
        return "soon"
    return None


@dataclass(frozen=True)
class SecondFactorStatus:
    confirmed: bool
    recovery_codes_left: int


def second_factor_status(user: AbstractBaseUser) -> SecondFactorStatus:
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return SecondFactorStatus(
        confirmed=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        recovery_codes_left=StaticToken.objects.filter(
            device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
        ).count(),
    )
