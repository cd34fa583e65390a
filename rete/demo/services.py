"""Writes of the demo: its network, and its accounts, one per role, all with the same
known password.

A known password is acceptable only on a developer's machine: the `demo` command refuses
to run with DEBUG off unless forced.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from rete.accounts.roles import DEPARTMENT_ADMIN, ROLES
from rete.accounts.services import user_create_with_role, user_grant_role
from rete.demo.network import demo_network
from rete.directory.models import Organization, Service
from rete.network.models import EmergencyContact, Protocol, Referral, Territory
from rete.network.networkfile.importer import network_import

# Demo-only: printed on screen by `rete demo`, never to be used on a real installation.
DEMO_PASSWORD = "rete-demo-1522"  # noqa: S105
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
        if user is None:
            user = user_create_with_role(
                username=username,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                password=password,
                role=role,
                is_staff=True,
            )
        else:
            user.set_password(password)
            user_grant_role(user=user, role=role)
        user.is_active = True
        user.is_staff = True
        user.is_superuser = role == DEPARTMENT_ADMIN
        user.save(update_fields=["password", "is_active", "is_staff", "is_superuser"])
        accounts.append(
            DemoAccount(
                username=username, role=role, is_superuser=user.is_superuser, created=created
            )
        )
    return accounts
