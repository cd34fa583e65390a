"""Loads regions, provinces and comuni from the ISTAT file into the database."""

from rete.geography.istat import read_comuni
from rete.geography.text import fold


def load_geography(region_model, province_model, comune_model) -> int:
    """Insert or update every region, province and comune; return the number of comuni.

    Takes the model classes so that a data migration can pass its historical models.
    """
    rows = list(read_comuni())
    regions = {r.region_code: r.region_name for r in rows}
    provinces = {r.province_sigla: r for r in rows}
    region_model.objects.bulk_create(
        [region_model(code=code, name=name) for code, name in regions.items()],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name"],
    )
    province_model.objects.bulk_create(
        [
            province_model(
                sigla=sigla, code=r.province_code, name=r.province_name, region_id=r.region_code
            )
            for sigla, r in provinces.items()
        ],
        update_conflicts=True,
        unique_fields=["sigla"],
        update_fields=["code", "name", "region"],
    )
    comune_model.objects.bulk_create(
        [
            comune_model(
                code=r.code,
                name=r.name,
                name_other=r.name_other,
                search_name=fold(f"{r.name} {r.name_other}".strip()),
                province_id=r.province_sigla,
                is_capital=r.is_capital,
            )
            for r in rows
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "name_other", "search_name", "province", "is_capital"],
        batch_size=1000,
    )
    return len(rows)
