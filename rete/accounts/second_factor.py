"""The second factor: an authenticator app (TOTP) and single-use recovery codes.

Every person of the reserved area signs in with a password and then a 6-digit code from
an authenticator app (django-otp's TOTPDevice). On enrolment they also receive
RECOVERY_CODE_COUNT recovery codes (django-otp's StaticDevice named "recovery"), each good
for one sign-in when the phone is lost; they are shown once and can be renewed.

Wrong codes slow down: django-otp doubles the wait after each failure (1, 2, 4, ... seconds)
per device, so that six digits cannot be guessed by trying.
"""

from __future__ import annotations

import base64
import datetime
import io
import re
from dataclasses import dataclass

import segno
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rete.audit.models import AuditAction
from rete.audit.services import audit_record

RECOVERY_DEVICE_NAME = "recovery"
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_CODE_COUNT = 10
METHOD_TOTP = "totp"
METHOD_RECOVERY_CODE = "recovery_code"
# A code from the app: the digits, whatever the person put between them.
TOTP_CODE_RE = re.compile(r"\d{6}\Z")
SEPARATORS_RE = re.compile(r"[\s-]+")


def totp_device_for(user: AbstractBaseUser) -> TOTPDevice | None:
    """The person's confirmed authenticator, or None when they have not enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_device_for(user: AbstractBaseUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()


def recovery_codes_remaining(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
    ).count()


# --- Enrolment -------------------------------------------------------------------------


def totp_enrolment_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator the person is setting up: the same one (same secret)
    each time the page is opened until they confirm it, so that a reload does not make the
    QR code they already scanned useless."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME)
        .order_by("-pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_groups(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG in a data: URI (an <img> the page's
    Content-Security-Policy allows without any script or remote request)."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=4, dark="#000", light="#fff", xmldecl=False
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass(frozen=True, slots=True)
class Verification:
    """What checking a code gave: the device that accepted it, or why none did."""

    device: Device | None
    method: str
    # Too many wrong codes in a row: no check was made; try again at this instant.
    throttled_until: datetime.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None

    def wait_seconds(self) -> int:
        if self.throttled_until is None:
            return 0
        return max(1, int((self.throttled_until - timezone.now()).total_seconds() + 0.999))


def _throttled_until(device: Device) -> datetime.datetime | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    return (data or {}).get("locked_until") or timezone.now() + datetime.timedelta(seconds=1)


def _checked(device: Device, token: str, method: str) -> Verification:
    """device.verify_token under a row lock, so that two requests cannot both spend the
    same code or slip past the throttling together."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        until = _throttled_until(locked)
        if until is not None:
            return Verification(device=None, method=method, throttled_until=until)
        if locked.verify_token(token):
            return Verification(device=locked, method=method)
    return Verification(device=None, method=method)


def recovery_code_normalize(typed: str) -> str:
    return SEPARATORS_RE.sub("", typed).lower()


def second_factor_check(
    *, user: AbstractBaseUser, token: str, ip_address: str | None
) -> Verification:
    """Check a code typed at sign-in: six digits go to the authenticator, anything else is
    tried as a recovery code (which is then spent). A wrong code is audited."""
    compact = SEPARATORS_RE.sub("", token)
    if TOTP_CODE_RE.match(compact):
        device = totp_device_for(user)
        method = METHOD_TOTP
        result = (
            _checked(device, compact, method)
            if device
            else Verification(device=None, method=method)
        )
    else:
        device = recovery_device_for(user)
        method = METHOD_RECOVERY_CODE
        code = recovery_code_normalize(token)
        result = (
            _checked(device, code, method)
            if device and code
            else Verification(device=None, method=method)
        )
    if result.ok and method == METHOD_RECOVERY_CODE:
        audit_record(
            actor=user,
            action=AuditAction.RECOVERY_CODE_USED,
            target_type="auth.user",
            target_id=user.pk,
            details={"remaining": recovery_codes_remaining(user)},
            ip_address=ip_address,
        )
    elif not result.ok and result.throttled_until is None:
        audit_record(
            actor=user,
            action=AuditAction.SECOND_FACTOR_FAILED,
            target_type="auth.user",
            target_id=user.pk,
            details={"method": method},
            ip_address=ip_address,
        )
    return result


@transaction.atomic
def totp_enrolment_confirm(
    *, user: AbstractBaseUser, device: TOTPDevice, token: str, ip_address: str | None
) -> tuple[Verification, list[str]]:
    """Confirm the authenticator being set up with a code it shows. On success the device
    is confirmed (any other unfinished one is dropped), fresh recovery codes are made and
    returned (to be shown once), and the enrolment is audited."""
    if device.user_id != user.pk or device.confirmed:
        return Verification(device=None, method=METHOD_TOTP), []
    compact = SEPARATORS_RE.sub("", token)
    if not TOTP_CODE_RE.match(compact):
        return Verification(device=None, method=METHOD_TOTP), []
    result = _checked(device, compact, METHOD_TOTP)
    if not result.ok:
        return result, []
    confirmed = result.device
    confirmed.confirmed = True
    confirmed.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _recovery_codes_replace(user)
    audit_record(
        actor=user,
        action=AuditAction.SECOND_FACTOR_ENROLLED,
        target_type="auth.user",
        target_id=user.pk,
        details={"method": METHOD_TOTP, "recovery_codes": len(codes)},
        ip_address=ip_address,
    )
    return result, codes


# --- Recovery codes --------------------------------------------------------------------


def _recovery_codes_replace(user: AbstractBaseUser) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: AbstractBaseUser, ip_address: str | None) -> list[str]:
    """New recovery codes in place of the old ones (which stop working), audited."""
    codes = _recovery_codes_replace(user)
    audit_record(
        actor=user,
        action=AuditAction.RECOVERY_CODES_RENEWED,
        target_type="auth.user",
        target_id=user.pk,
        details={"count": len(codes)},
        ip_address=ip_address,
    )
    return codes


def recovery_code_display(code: str) -> str:
    """'abcdefgh' -> 'abcd-efgh': easier to copy by hand; the dash is ignored when typed."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code
