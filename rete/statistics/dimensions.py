"""The codes of a table's rows and columns, in order, and their labels in the reader's
language. Classification codes come from the current published classification version,
every item of each list (deactivated ones too: a past quarter may use them)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rete.helpline.classification.lists import NOT_STATED, VALIDITY
from rete.helpline.classification.selectors import ClassificationSnapshot
from rete.helpline.contacts.models import ContactChannel
from rete.statistics.definitions import (
    ROUTING_MODE_LABELS,
    ROUTING_MODES,
    SINGLE_COLUMN,
    TIME_SLOTS,
    UNCLASSIFIED,
    WEEKDAY_LABELS,
    WEEKDAYS,
    Dimension,
    Source,
    TableSpec,
)


def dimension_codes(
    dimension: Dimension, snapshot: ClassificationSnapshot, spec: TableSpec | None = None
) -> list[str]:
    match dimension.source:
        case Source.CLASSIFICATION:
            return [item.code for item in snapshot.lists[dimension.key].items]
        case Source.VALIDITY:
            return [item.code for item in snapshot.lists[VALIDITY].items] + [UNCLASSIFIED]
        case Source.CHANNEL:
            return list(ContactChannel.values)
        case Source.WEEKDAY:
            return list(WEEKDAYS)
        case Source.TIME_SLOT:
            return [slot[0] for slot in TIME_SLOTS]
        case Source.ROUTING_MODE:
            return list(ROUTING_MODES)
        case Source.SINGLE:
            return [SINGLE_COLUMN]
        case Source.MEASURE:
            assert spec is not None, "a measures dimension needs its table"
            return [code for code, _label in spec.measures]
    raise ValueError(dimension.source)


def dimension_label(
    dimension: Dimension,
    code: str,
    snapshot: ClassificationSnapshot,
    spec: TableSpec | None = None,
) -> str:
    match dimension.source:
        case Source.CLASSIFICATION | Source.VALIDITY:
            if code == UNCLASSIFIED:
                return _("Not classified yet")
            key = dimension.key if dimension.source is Source.CLASSIFICATION else VALIDITY
            item = snapshot.lists[key].item(code)
            if item is not None:
                return item.label
            # The engine counts a missing answer of a list without "not stated" (the reason)
            # in a row of its own, so that the table adds up to its universe.
            return _("Not stated") if code == NOT_STATED else code
        case Source.CHANNEL:
            return str(ContactChannel(code).label) if code in ContactChannel.values else code
        case Source.WEEKDAY:
            return str(WEEKDAY_LABELS.get(code, code))
        case Source.TIME_SLOT:
            return next((str(slot[3]) for slot in TIME_SLOTS if slot[0] == code), code)
        case Source.ROUTING_MODE:
            return str(ROUTING_MODE_LABELS.get(code, code))
        case Source.SINGLE:
            return str(dimension.label)
        case Source.MEASURE:
            assert spec is not None
            return next((str(label) for c, label in spec.measures if c == code), code)
    return code


def dimension_title(dimension: Dimension, snapshot: ClassificationSnapshot) -> str:
    """The heading of the rows or columns: the list's name for a classification list."""
    if dimension.source is Source.CLASSIFICATION:
        return snapshot.lists[dimension.key].label
    if dimension.source is Source.VALIDITY:
        return snapshot.lists[VALIDITY].label
    return str(dimension.label)
