"""The roles of the platform (DESIGN.md, "Who uses it") as Django groups.

ROLE_PERMISSIONS is the single declaration of what each role may do through model
permissions. `roles_sync()` makes the groups in the database match it exactly: it runs
after every `migrate`, so a permission added to a group by hand in the admin is taken
away again at the next deployment — change the declaration instead, where it is reviewed.
"""

import logging
from collections.abc import Iterable, Mapping

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

DEPARTMENT_ADMIN = "department_admin"
HELPLINE_OPERATOR = "helpline_operator"
HELPLINE_SUPERVISOR = "helpline_supervisor"
ATR_REFERENT = "atr_referent"
NETWORK_OPERATOR = "network_operator"
MONITORING_ANALYST = "monitoring_analyst"
STEERING_COMMITTEE = "steering_committee"

_ALL_ACTIONS = ("add", "change", "delete", "view")


def _perms(
    app_label: str, models: Iterable[str], actions: Iterable[str] = _ALL_ACTIONS
) -> frozenset[str]:
    return frozenset(f"{app_label}.{action}_{model}" for model in models for action in actions)


DIRECTORY_MODELS = (
    "language",
    "organization",
    "service",
    "location",
    "phone",
    "schedule",
    "closeddate",
    "specialopening",
)
# NetworkRevision is internal bookkeeping of the routing snapshot: nobody edits it.
NETWORK_MODELS = (
    "territory",
    "protocol",
    "protocoldocument",
    "referral",
    "emergencycontact",
)
GEOGRAPHY_MODELS = ("region", "province", "comune")
PUBLICATION_MODELS = ("newsitem", "event", "document", "campaign", "campaignmaterial")
# Versioned data changed only through its services (a published version is frozen).
HELPLINE_CLASSIFICATION_MODELS = (
    "classificationversion",
    "classificationlist",
    "classificationitem",
)

# Role name -> "app_label.codename" of every permission the role's group holds.
ROLE_PERMISSIONS: Mapping[str, frozenset[str]] = {
    # The Department maintains the mapping: territories, protocols, services.
    # Geography comes from ISTAT and is only read (autocomplete of provinces and comuni).
    DEPARTMENT_ADMIN: (
        _perms("directory", DIRECTORY_MODELS)
        | _perms("network", NETWORK_MODELS)
        | _perms("geography", GEOGRAPHY_MODELS, actions=("view",))
        | _perms("helpline", HELPLINE_CLASSIFICATION_MODELS, actions=("view",))
        # The audit log is only ever read; the Department reviews it.
        | _perms("audit", ("auditentry",), actions=("view",))
        # The Department publishes the portal's news, agenda, documents and campaigns.
        | _perms("publications", PUBLICATION_MODELS)
        # Reserved documents are added only through the reserved area's checked upload;
        # the admin may correct their titles or remove them.
        | _perms("reserved", ("reserveddocument",), actions=("view", "change", "delete"))
    ),
    HELPLINE_OPERATOR: frozenset(),
    HELPLINE_SUPERVISOR: _perms("helpline", HELPLINE_CLASSIFICATION_MODELS, actions=("view",)),
    ATR_REFERENT: frozenset(),
    NETWORK_OPERATOR: frozenset(),
    MONITORING_ANALYST: _perms("helpline", HELPLINE_CLASSIFICATION_MODELS, actions=("view",)),
    STEERING_COMMITTEE: frozenset(),
}
ROLES: tuple[str, ...] = tuple(ROLE_PERMISSIONS)

# Roles that work for the whole country: granted with no territory and no organisation.
NATIONAL_ROLES = frozenset(
    {
        DEPARTMENT_ADMIN,
        HELPLINE_OPERATOR,
        HELPLINE_SUPERVISOR,
        MONITORING_ANALYST,
        STEERING_COMMITTEE,
    }
)
# Roles bound to one territory (and, for network operators, to their organisation).
TERRITORY_ROLES = frozenset({ATR_REFERENT, NETWORK_OPERATOR})
# Every role of the platform can read personal or confidential data (contact records,
# shelters' addresses, detailed figures of a territory), so every account signs in with a
# second factor. Listed here so that a future role without such reach can be left out.
SECOND_FACTOR_ROLES = frozenset(ROLES)


class RolePermissionMissing(LookupError):
    """A declared permission does not exist in the database (its app is not migrated)."""


def _permission_ids(names: Iterable[str], *, using: str) -> dict[str, int]:
    wanted = set(names)
    by_app: dict[str, set[str]] = {}
    for name in wanted:
        app_label, codename = name.split(".", 1)
        by_app.setdefault(app_label, set()).add(codename)
    found: dict[str, int] = {}
    for app_label, codenames in by_app.items():
        rows = Permission.objects.using(using).filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        for pk, codename in rows.values_list("pk", "codename"):
            found[f"{app_label}.{codename}"] = pk
    missing = sorted(wanted - found.keys())
    if missing:
        raise RolePermissionMissing(", ".join(missing))
    return found


def roles_sync(*, using: str = DEFAULT_DB_ALIAS) -> int:
    """Create the role groups and give each exactly its declared permissions.

    Returns the number of changes made (groups created, permissions granted or
    withdrawn): 0 when the database already matches the declaration.
    Raises RolePermissionMissing, changing nothing, if a declared permission does not exist.
    """
    ids = _permission_ids(
        (name for names in ROLE_PERMISSIONS.values() for name in names), using=using
    )
    changes = 0
    with transaction.atomic(using=using):
        for role, names in ROLE_PERMISSIONS.items():
            group, created = Group.objects.using(using).get_or_create(name=role)
            changes += int(created)
            wanted = {ids[name] for name in names}
            current = set(group.permissions.values_list("pk", flat=True))
            if to_add := wanted - current:
                group.permissions.add(*to_add)
            if to_remove := current - wanted:
                group.permissions.remove(*to_remove)
            changes += len(to_add) + len(to_remove)
    return changes


def roles_sync_after_migrate(
    sender: object, *, using: str = DEFAULT_DB_ALIAS, apps: Apps = global_apps, **kwargs: object
) -> None:
    """post_migrate receiver, connected for the accounts app only.

    Django sends post_migrate once per app, in INSTALLED_APPS order, and the permissions of
    an app are created by its own signal: accounts comes before the apps whose permissions
    the roles hold, so create every app's permissions first (create_permissions is
    idempotent), then sync.
    """
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, interactive=False, using=using, apps=apps)
    try:
        changes = roles_sync(using=using)
    except RolePermissionMissing as error:
        # A partial migrate (e.g. `migrate network 0001`) may leave models out: the next
        # full migrate syncs the roles.
        logger.warning("Roles not synced, permissions missing: %s", error)
        return
    if changes:
        logger.info("Roles synced: %d changes", changes)
