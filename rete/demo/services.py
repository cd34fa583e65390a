"""Writes of the demo: its network, and its accounts, one per role, all with the same
known password.

A known password is acceptable only on a developer's machine: the `demo` command refuses
to run with DEBUG off unless forced. The same goes for the second factor: every demo
account has an authenticator with one published key (DEMO_TOTP_KEY), so that a developer
adds it once to an authenticator app, or asks `rete demo-code` for the current code.
"""

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rete.accounts.models import Grant
from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, NETWORK_OPERATOR, ROLES
from rete.accounts.services import (
    account_ensure,
    grant_revoke,
    user_create_with_role,
    user_grant_role,
)
from rete.demo.network import demo_network
from rete.demo.seed_bari import BARI_TERRITORY, GIRAFFA_ORGANIZATION
from rete.directory.models import Organization, Service
from rete.network.models import EmergencyContact, Protocol, Referral, Territory
from rete.network.networkfile.importer import network_import

# Demo-only: printed on screen by `rete demo`, never to be used on a real installation.
DEMO_PASSWORD = "rete-demo-1522"  # noqa: S105  # nosec B105  # the published demo password
# Demo-only, published: the key (hex, as django-otp keeps it) of the authenticator of every
# demo account. Never on a real installation, like the password.
DEMO_TOTP_KEY = "5265746541766465d6f2d31353232d6b65792121"
DEMO_TOTP_DEVICE_NAME = "demo"
DEMO_TOTP_LABEL = "demo"
# .invalid is reserved (RFC 2606): no message can ever reach a real mailbox.
DEMO_EMAIL_DOMAIN = "demo.invalid"


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: str
    is_superuser: bool
    created: bool


def demo_network_load() -> dict[str, int]:
    """Import the demo network through the network-file importer (idempotent by id) and
    return how many records of each kind the database holds afterwards."""
    network_import(demo_network())
    return network_counts()


def network_counts() -> dict[str, int]:
    return {
        "territories": Territory.objects.count(),
        "protocols": Protocol.objects.count(),
        "organizations": Organization.objects.count(),
        "services": Service.objects.count(),
        "referrals": Referral.objects.count(),
        "emergency_contacts": EmergencyContact.objects.count(),
    }


def demo_username(role: str) -> str:
    return f"demo_{role}"


def demo_scope(role: str) -> tuple[Territory | None, Organization | None]:
    """Where a demo account works: the territorial roles in the seed's territory, Bari (the
    network operator at the GIRAFFA centre); the national roles nowhere in particular."""
    if role not in (ATR_REFERENT, NETWORK_OPERATOR):
        return None, None
    territory = Territory.objects.get(code=BARI_TERRITORY)
    organization = (
        Organization.objects.get(ext_id=GIRAFFA_ORGANIZATION) if role == NETWORK_OPERATOR else None
    )
    return territory, organization


@transaction.atomic
def demo_accounts_ensure(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """One active staff account per role, in the order of the roles.

    Idempotent: an account that exists keeps its id and gets its role back, its password
    reset to `password` and its flags restored. The department admin is also a superuser,
    so that the demo can show every page of the admin.
    """
    user_model = get_user_model()
    accounts = []
    for role in ROLES:
        username = demo_username(role)
        user = user_model.objects.filter(username=username).first()
        created = user is None
        territory, organization = demo_scope(role)
        if user is None:
            user = user_create_with_role(
                username=username,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                password=password,
                role=role,
                is_staff=True,
                territory=territory,
                organization=organization,
            )
        else:
            user.set_password(password)
            grant = user_grant_role(
                user=user, role=role, territory=territory, organization=organization
            )
            # Any other role the demo account was given since is taken back.
            for other in Grant.objects.filter(user=user, revoked_at__isnull=True).exclude(
                pk=grant.pk
            ):
                grant_revoke(grant=other, reason="demo reset")
        account = account_ensure(user)
        account.organization = organization
        account.deactivated_at = None
        account.deactivation_reason = ""
        account.reconfirmed_at = timezone.now()
        account.save(
            update_fields=[
                "organization",
                "deactivated_at",
                "deactivation_reason",
                "reconfirmed_at",
            ]
        )
        user.is_active = True
        user.is_staff = True
        user.is_superuser = role == DEPARTMENT_ADMIN
        user.save(update_fields=["password", "is_active", "is_staff", "is_superuser"])
        demo_second_factor_ensure(user)
        accounts.append(
            DemoAccount(
                username=username, role=role, is_superuser=user.is_superuser, created=created
            )
        )
    return accounts


def demo_second_factor_ensure(user) -> TOTPDevice:
    """The account's authenticator, on the published demo key, confirmed; any other
    authenticator of the account is removed so that the demo key is the one asked for."""
    device, _created = TOTPDevice.objects.update_or_create(
        user=user,
        name=DEMO_TOTP_DEVICE_NAME,
        defaults={
            "key": DEMO_TOTP_KEY,
            "confirmed": True,
            "drift": 0,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device


def demo_totp_secret() -> str:
    """The demo key in base32, as an authenticator app takes it by hand."""
    return base64.b32encode(binascii.unhexlify(DEMO_TOTP_KEY)).decode("ascii")


def demo_totp_uri() -> str:
    """The otpauth:// address of the demo key (one entry in the app for every account)."""
    issuer = quote(settings.OTP_TOTP_ISSUER.replace(":", ""))
    return (
        f"otpauth://totp/{issuer}:{DEMO_TOTP_LABEL}?secret={demo_totp_secret()}"
        f"&algorithm=SHA1&digits=6&period=30&issuer={issuer}"
    )


def demo_totp_code() -> str:
    """The code an authenticator app on the demo key shows now."""
    return f"{totp(binascii.unhexlify(DEMO_TOTP_KEY)):06d}"
