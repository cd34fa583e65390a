"""The geography of a release: every region, province and territory is an area, each the
union of atoms (provinces, and the comuni territories list one by one)."""

from rete.geography.models import Province, Region
from rete.network.models import Territory
from rete.statistics.areas import UNLOCATED, release_geography
from rete.statistics.definitions import Level


def test_without_territories_every_province_is_one_atom(db):
    geography = release_geography()
    provinces = set(Province.objects.values_list("sigla", flat=True))
    assert geography.city_comuni == frozenset()
    assert set(geography.atoms) == {f"P:{sigla}" for sigla in provinces} | {UNLOCATED}
    levels = [area.level for area in geography.areas]
    assert levels.count(Level.NATIONAL) == 1
    assert levels.count(Level.REGION) == Region.objects.count() == 20
    assert levels.count(Level.PROVINCE) == len(provinces)
    assert levels.count(Level.TERRITORY) == 0
    national = geography.areas[0]
    assert (national.level, national.code, national.name) == (Level.NATIONAL, "IT", "Italia")
    assert national.atoms == frozenset(geography.atoms)
    puglia = next(a for a in geography.areas if (a.level, a.code) == (Level.REGION, "16"))
    assert puglia.name == "Puglia"
    assert puglia.atoms == {"P:BA", "P:BT", "P:BR", "P:FG", "P:LE", "P:TA"}


def test_listed_comuni_are_cut_out_of_their_province(db):
    city = Territory.objects.create(code="ATR-BARI", name="Città di Bari")
    city.comuni.set(["072006"])
    province = Territory.objects.create(code="ATR-BA", name="Provincia di Bari")
    province.provinces.set(["BA"])
    Territory.objects.create(code="ATR-VUOTO", name="Ambito senza copertura")
    areas = release_geography().area_atoms
    assert areas[(Level.TERRITORY, "ATR-BARI")] == {"C:072006"}
    # A province-level territory covers its provinces whole, city comuni included.
    assert areas[(Level.TERRITORY, "ATR-BA")] == {"P:BA", "C:072006"}
    assert areas[(Level.PROVINCE, "BA")] == {"P:BA", "C:072006"}
    # A territory with nothing to cover is still an area: its tables are all zeros.
    assert areas[(Level.TERRITORY, "ATR-VUOTO")] == frozenset()
    # The contacts with no comune count only nationally.
    assert UNLOCATED in areas[(Level.NATIONAL, "IT")]
    assert all(
        UNLOCATED not in atoms for (level, _c), atoms in areas.items() if level != "national"
    )
