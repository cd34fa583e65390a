"""The geography of a release: the areas tables are computed for, each as a union of atoms.

An atom is the smallest piece of territory the engine counts contacts in: a province, except
the comuni that some territory (ATR) lists one by one (a city-level territory), which are
atoms of their own and are cut out of their province's atom; plus "unlocated", the contacts
with no comune, which only the national tables count. Every area (Italy, a region, a
province, a territory) is then an exact union of atoms, so that the engine counts each table
once per atom and adds atoms up, and the disclosure control can tell which areas overlap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rete.geography.models import Province, Region
from rete.network.models import Territory
from rete.statistics.definitions import NATIONAL_CODE, Level

UNLOCATED = "unlocated"
NATIONAL_NAME = "Italia"


def province_atom(sigla: str) -> str:
    return f"P:{sigla}"


def comune_atom(code: str) -> str:
    return f"C:{code}"


@dataclass(frozen=True)
class Area:
    level: str
    code: str
    name: str
    atoms: frozenset[str]


@dataclass(frozen=True)
class Geography:
    """The areas of a release in publication order (Italy, regions, provinces, territories,
    each by name) and the comuni that are atoms of their own."""

    areas: tuple[Area, ...]
    atoms: tuple[str, ...]  # every atom, in a fixed order
    city_comuni: frozenset[str]  # comune codes listed by some territory

    def atom_of(self, province: str | None, comune: str | None) -> str:
        """The atom of a contact from `comune` (in `province`); `comune` only when it is
        one of `city_comuni`, as the engine's queries return it."""
        if comune:
            return comune_atom(comune)
        if province:
            return province_atom(province)
        return UNLOCATED

    @property
    def area_atoms(self) -> dict[tuple[str, str], frozenset[str]]:
        return {(area.level, area.code): area.atoms for area in self.areas}


def release_geography() -> Geography:
    """Read regions, provinces, territories and their coverage: five small queries."""
    regions = list(Region.objects.order_by("name", "code").values_list("code", "name"))
    provinces = list(
        Province.objects.order_by("name", "sigla").values_list("sigla", "name", "region_id")
    )
    territories = list(Territory.objects.order_by("name", "code").values_list("pk", "code", "name"))
    covered_provinces: dict[int, set[str]] = defaultdict(set)
    for territory_id, sigla in Territory.provinces.through.objects.values_list(
        "territory_id", "province_id"
    ):
        covered_provinces[territory_id].add(sigla)
    covered_comuni: dict[int, set[str]] = defaultdict(set)
    city_province: dict[str, str] = {}
    for territory_id, code, sigla in Territory.comuni.through.objects.values_list(
        "territory_id", "comune_id", "comune__province_id"
    ):
        covered_comuni[territory_id].add(code)
        city_province[code] = sigla

    # A province's area: its own atom and the atoms of its comuni listed by a territory.
    province_atoms: dict[str, set[str]] = {sigla: {province_atom(sigla)} for sigla, *_ in provinces}
    for code, sigla in city_province.items():
        province_atoms[sigla].add(comune_atom(code))

    areas: list[Area] = []
    all_atoms = [*sorted({atom for atoms in province_atoms.values() for atom in atoms}), UNLOCATED]
    areas.append(Area(Level.NATIONAL, NATIONAL_CODE, NATIONAL_NAME, frozenset(all_atoms)))
    region_atoms: dict[str, set[str]] = defaultdict(set)
    for sigla, _name, region in provinces:
        region_atoms[region] |= province_atoms[sigla]
    for code, name in regions:
        areas.append(Area(Level.REGION, code, name, frozenset(region_atoms.get(code, ()))))
    for sigla, name, _region in provinces:
        areas.append(Area(Level.PROVINCE, sigla, name, frozenset(province_atoms[sigla])))
    for pk, code, name in territories:
        atoms: set[str] = set()
        for sigla in covered_provinces.get(pk, ()):
            atoms |= province_atoms[sigla]
        atoms |= {comune_atom(comune) for comune in covered_comuni.get(pk, ())}
        areas.append(Area(Level.TERRITORY, code, name, frozenset(atoms)))
    return Geography(
        areas=tuple(areas), atoms=tuple(all_atoms), city_comuni=frozenset(city_province)
    )
