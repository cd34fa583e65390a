from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rete.accounts.models import Grant
from rete.reserved.http import reserved_view
from rete.reserved.navigation import nav_for
from rete.reserved.territories.cards import territory_cards


@reserved_view()
def home(request: HttpRequest) -> HttpResponse:
    grants = (
        Grant.objects.filter(user=request.user, revoked_at__isnull=True)
        .select_related("territory", "organization")
        .order_by("role")
    )
    return render(
        request,
        "reserved/home.html",
        {
            "grants": grants,
            "nav": nav_for(request.scope),
            "account": getattr(request.user, "account", None),
            # A person of the territories sees theirs first; national roles see the nav.
            "territory_cards": territory_cards(request.scope, today=timezone.localdate()),
        },
    )
