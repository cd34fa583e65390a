"""Provinces and comuni in words, for a service's area and a territory's coverage:
"the province of Bari (BA)", "the comuni of Faenza and Ravenna"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import ngettext, pgettext

from rete.geography.models import Comune, Province


def places_describe(*, provinces: Sequence[Province], comuni: Sequence[Comune]) -> list[str]:
    """One phrase for the provinces, one for the comuni listed by name (none if empty)."""
    phrases = []
    if provinces:
        names = join(f"{province.name} ({province.sigla})" for province in provinces)
        phrases.append(
            ngettext("the province of %(names)s", "the provinces of %(names)s", len(provinces))
            % {"names": names}
        )
    if comuni:
        names = join(f"{comune.name} ({comune.province_id})" for comune in comuni)
        phrases.append(
            ngettext("the comune of %(names)s", "the comuni of %(names)s", len(comuni))
            % {"names": names}
        )
    return phrases


def join(items: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c" — the catalogue's entry shared with rete.directory.hours."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return pgettext("end of a list", "%(items)s and %(last)s") % {
        "items": ", ".join(listed[:-1]),
        "last": listed[-1],
    }
