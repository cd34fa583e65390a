"""POST data for admin change forms: the inline formsets' management fields."""

from typing import Any

# The inline prefixes of each admin change form (the related names of the inlines).
SERVICE_INLINES = ("location", "phones", "schedules", "closed_dates", "special_openings")
TERRITORY_INLINES = ("protocols", "referrals")
PROTOCOL_INLINES = ("documents",)


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def with_inlines(
    data: dict[str, Any], prefixes: tuple[str, ...], rows: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """`data` plus each inline's rows (`{"phones": [{"number": "…"}]}`) and management fields.

    A row with an "id" is an existing one and must come first, like Django renders them.
    """
    result = dict(data)
    for prefix in prefixes:
        inline_rows = rows.get(prefix, [])
        initial = sum(1 for row in inline_rows if row.get("id"))
        result.update(management(prefix, total=len(inline_rows), initial=initial))
        for index, row in enumerate(inline_rows):
            for name, value in row.items():
                result[f"{prefix}-{index}-{name}"] = value
    return result
