"""The public pages of the network's territories (ATR): the list and one territory."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from rete.portal.http import page_now, public_page
from rete.portal.service_page.views import not_found
from rete.portal.territories.selectors import territory_groups, territory_page_get
from rete.routing.snapshot import routing_snapshot


@public_page()
def territory_list(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "portal/territories/list.html", {"groups": territory_groups(now=page_now())}
    )


@public_page()
def territory_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = territory_page_get(code=code, snapshot=routing_snapshot(), now=page_now())
    if page is None:
        return not_found(request, _("No territory of the network has this address."))
    return TemplateResponse(request, "portal/territories/detail.html", {"page": page})
