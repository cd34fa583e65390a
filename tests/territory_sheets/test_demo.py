"""The demo's sheets: a first version for Bari and two other pilot territories, loaded once,
marked as examples, their members taken from the directory where it has them."""

from __future__ import annotations

import pytest

from rete.demo.services import demo_network_load
from rete.territory_sheets.demo import DEMO_AREA_PREFIX, demo_territory_sheets_load
from rete.territory_sheets.models import TerritorySheetVersion

pytestmark = pytest.mark.django_db


def test_it_loads_one_first_version_per_territory_once() -> None:
    demo_network_load()

    first = demo_territory_sheets_load()
    second = demo_territory_sheets_load()

    assert first == second == 3
    assert TerritorySheetVersion.objects.count() == 3
    assert set(TerritorySheetVersion.objects.values_list("number", flat=True)) == {1}
    for version in TerritorySheetVersion.objects.all():
        assert version.area_notes.startswith(DEMO_AREA_PREFIX)
        assert "esempio" in version.note


def test_bari_s_members_are_the_seed_s_from_the_directory() -> None:
    demo_network_load()
    demo_territory_sheets_load()

    bari = TerritorySheetVersion.objects.get(territory__code="ATR-BA")
    members = list(bari.members.all())
    assert members[0].organization.ext_id == "org-provincia-bari"
    assert members[1].organization.ext_id == "org-giraffa"
    # Only the one member outside the directory has no organisation.
    assert [m.name for m in members if m.organization_id is None] == [
        "Istituti scolastici della provincia (esempio)"
    ]
    assert bari.office_phone.startswith("+39080")


def test_without_the_demo_network_it_writes_nothing() -> None:
    assert demo_territory_sheets_load() == 0


def test_after_the_demo_accounts_the_sheets_are_credited_to_them() -> None:
    from rete.demo.services import demo_accounts_ensure

    demo_network_load()
    demo_accounts_ensure()
    demo_territory_sheets_load()

    authors = dict(
        TerritorySheetVersion.objects.values_list("territory__code", "created_by__username")
    )
    assert authors == {
        "ATR-BA": "demo_atr_referent",
        "ATR-C-BOLOGNA": "demo_department_admin",
        "ATR-AN": "demo_department_admin",
    }
