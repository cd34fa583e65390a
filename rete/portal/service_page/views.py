"""The public page of one service of the network."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from rete.portal.freshness import valid_until
from rete.portal.http import page_now, page_valid_until, public_page
from rete.portal.service_page.selectors import service_page_get
from rete.routing.snapshot import routing_snapshot


@public_page()
def service_detail(request: HttpRequest, service_id: str) -> HttpResponse:
    snapshot, now = routing_snapshot(), page_now()
    page = service_page_get(service_id=service_id, snapshot=snapshot, now=now)
    if page is None:
        return not_found(request, _("No service of the network has this address."))
    response = TemplateResponse(request, "portal/service_page/service.html", {"page": page})
    return page_valid_until(response, valid_until(snapshot, [page.service_id], now))


def not_found(request: HttpRequest, message: str) -> HttpResponse:
    """A 404 in the portal's look, with the way on: the finder and 1522."""
    return TemplateResponse(
        request, "portal/service_page/not_found.html", {"message": message}, status=404
    )
