"""The roles of DESIGN.md exist as groups after migrate, each with its declared permissions."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from rete.accounts import roles
from rete.accounts.roles import (
    DEPARTMENT_ADMIN,
    HELPLINE_CLASSIFICATION_MODELS,
    HELPLINE_SUPERVISOR,
    MONITORING_ANALYST,
    ROLES,
    RolePermissionMissing,
    roles_sync,
)

pytestmark = pytest.mark.django_db

DESIGN_ROLES = {
    "department_admin",
    "helpline_operator",
    "helpline_supervisor",
    "atr_referent",
    "network_operator",
    "monitoring_analyst",
    "steering_committee",
}


def group_permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def snapshot() -> dict[str, set[str]]:
    return {group.name: group_permissions(group.name) for group in Group.objects.all()}


def test_it_declares_the_roles_of_the_design() -> None:
    assert set(ROLES) == DESIGN_ROLES


def test_it_creates_every_role_on_migrate() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= DESIGN_ROLES


def test_it_gives_the_department_admin_every_directory_network_and_publication_model() -> None:
    expected = set()
    for app_label in ("directory", "network", "publications"):
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.model_name == "networkrevision":
                continue
            for action in ("add", "change", "delete", "view"):
                expected.add(f"{app_label}.{action}_{model._meta.model_name}")
    for model in apps.get_app_config("geography").get_models():
        expected.add(f"geography.view_{model._meta.model_name}")
    # Contact records are not the Department's: only the classification lists.
    expected |= {f"helpline.view_{name}" for name in HELPLINE_CLASSIFICATION_MODELS}
    expected.add("audit.view_auditentry")
    # Reserved documents are added only through the reserved area's checked upload.
    expected |= {f"reserved.{action}_reserveddocument" for action in ("view", "change", "delete")}

    assert group_permissions(DEPARTMENT_ADMIN) == expected


def test_it_keeps_the_network_revision_out_of_every_role() -> None:
    assert not Permission.objects.filter(
        group__name__in=ROLES, content_type__model="networkrevision"
    ).exists()


def test_it_lets_supervisors_and_analysts_read_the_classification_only() -> None:
    expected = {f"helpline.view_{name}" for name in HELPLINE_CLASSIFICATION_MODELS}

    assert group_permissions(HELPLINE_SUPERVISOR) == expected
    assert group_permissions(MONITORING_ANALYST) == expected


def test_it_gives_the_other_roles_no_permission_yet() -> None:
    for role in DESIGN_ROLES - {DEPARTMENT_ADMIN, HELPLINE_SUPERVISOR, MONITORING_ANALYST}:
        assert group_permissions(role) == set(), role


def test_it_changes_nothing_when_synced_twice() -> None:
    before = snapshot()

    assert roles_sync() == 0
    assert roles_sync() == 0
    assert snapshot() == before


def test_it_restores_a_permission_taken_away_by_hand() -> None:
    group = Group.objects.get(name=DEPARTMENT_ADMIN)
    group.permissions.remove(Permission.objects.get(codename="change_service"))

    assert roles_sync() == 1
    assert "directory.change_service" in group_permissions(DEPARTMENT_ADMIN)


def test_it_withdraws_a_permission_added_by_hand() -> None:
    group = Group.objects.get(name="helpline_operator")
    group.permissions.add(Permission.objects.get(codename="delete_territory"))

    assert roles_sync() == 1
    assert group_permissions("helpline_operator") == set()


def test_it_refuses_an_unknown_permission_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Group.objects.filter(name="steering_committee").delete()
    before = snapshot()
    declared = dict(roles.ROLE_PERMISSIONS)
    declared["steering_committee"] = frozenset({"directory.fly_service"})
    monkeypatch.setattr(roles, "ROLE_PERMISSIONS", declared)

    with pytest.raises(RolePermissionMissing, match=r"directory\.fly_service"):
        roles_sync()
    assert snapshot() == before


def test_it_syncs_again_on_every_migrate() -> None:
    Group.objects.filter(name__in=ROLES).delete()

    call_command("migrate", verbosity=0, interactive=False)

    assert set(Group.objects.values_list("name", flat=True)) >= DESIGN_ROLES
    assert "network.add_referral" in group_permissions(DEPARTMENT_ADMIN)
