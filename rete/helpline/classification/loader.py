"""Writes a version's lists from plain data (the shape of `lists.VERSION_1`).

It takes the model classes as arguments so that a migration can pass its historical
models: the migration must load version 1 as it was, whatever the models become.
"""

from datetime import datetime
from typing import Any


def classification_load(
    version_model: Any,
    list_model: Any,
    item_model: Any,
    *,
    number: int,
    lists: list[dict],
    notes: str,
    published_at: datetime,
) -> Any:
    """Create version `number`, published at `published_at`, with `lists` in their order.

    Positions are the 1-based order of lists and of items within each list.
    """
    version = version_model.objects.create(
        number=number, status="published", published_at=published_at, notes=notes
    )
    for list_position, spec in enumerate(lists, start=1):
        classification_list = list_model.objects.create(
            version=version,
            key=spec["key"],
            label_it=spec["label_it"],
            label_en=spec["label_en"],
            position=list_position,
            multiple=spec["multiple"],
            applies_to_victims=spec["applies_to_victims"],
        )
        item_model.objects.bulk_create(
            item_model(
                list=classification_list,
                code=item["code"],
                label_it=item["label_it"],
                label_en=item["label_en"],
                position=item_position,
                active=item.get("active", True),
                valid=item.get("valid"),
                exclusive=item.get("exclusive", False),
                istat_code=item.get("istat_code", ""),
            )
            for item_position, item in enumerate(spec["items"], start=1)
        )
    return version
