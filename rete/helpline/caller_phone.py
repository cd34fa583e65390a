"""The comune a caller's landline suggests, from its prefix (080 → Bari).

Only a suggestion for the operator, who confirms the comune with the caller: a landline
prefix names the district's main town, not where the caller is, and mobile numbers say
nothing. The number is used for this lookup and never stored or logged here (a call-back
number is kept only with consent, encrypted, elsewhere).
"""

import phonenumbers
from django.db.models import Q
from phonenumbers import geocoder

from rete.geography.models import Comune
from rete.geography.text import fold


def caller_comune_suggestion(number: str) -> Comune | None:
    """The comune named by the prefix of an Italian landline, or None (mobile, foreign,
    invalid, or a place name that is no comune)."""
    try:
        parsed = phonenumbers.parse(number, "IT")
    except phonenumbers.NumberParseException:
        return None
    if parsed.country_code != 39 or not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.FIXED_LINE:
        return None
    place = geocoder.description_for_number(parsed, "it")
    if not place:
        return None
    # Several comuni can share a name; the district's main town is the provincial capital
    # when one of them is.
    return (
        # The Italian name, or the folded search name for spellings without accents; a
        # bilingual comune's search name also holds its other name ("bolzano bozen").
        Comune.objects.filter(Q(name__iexact=place) | Q(search_name=fold(place)))
        .select_related("province")
        .order_by("-is_capital", "code")
        .first()
    )
