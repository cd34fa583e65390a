from django.db.models import Case, IntegerField, QuerySet, Value, When

from rete.geography.models import Comune
from rete.geography.text import fold

AUTOCOMPLETE_LIMIT = 20


def comune_search(*, query: str, limit: int = AUTOCOMPLETE_LIMIT) -> QuerySet[Comune]:
    """Comuni whose name contains the query, accent- and case-insensitive.

    Names that start with the query come first ("bari" puts Bari before
    Mola di Bari), then alphabetical order.
    """
    needle = fold(query)
    return (
        Comune.objects.filter(search_name__contains=needle)
        .annotate(
            starts=Case(
                When(search_name__startswith=needle, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "name", "code")[:limit]
    )
