"""The portal's own pages: the home page and the safety page. The finder, the service and
territory pages and the Department's publications have their own folders."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from rete.portal.http import public_page
from rete.publications.selectors import home_highlights


@public_page()
def home(request: HttpRequest) -> HttpResponse:
    context = {"highlights": home_highlights(language=get_language())}
    return TemplateResponse(request, "portal/home.html", context)


@public_page()
def safety(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "portal/safety.html", {"quick_exit_host": _host(settings.PORTAL_QUICK_EXIT_URL)}
    )


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0]
