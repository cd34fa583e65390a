"""Which language a request is served in.

The public portal carries its language in the URL (/, /en/, /fr/, /es/, /ar/): a visitor's
choice needs no cookie, and a page's address says what it shows. The reserved screens (the
1522 console, the admin) have no language in their URLs: they follow the browser's preferred
language between Italian and English, as they did before the portal existed.
"""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation

RESERVED_SCREEN_LANGUAGES = ("it", "en")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if _is_portal(request.path_info):
            super().process_request(request)
            return
        language = translation.get_language_from_request(request)
        if language not in RESERVED_SCREEN_LANGUAGES:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _is_portal(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return True  # an unknown address gets the portal's page not found, in its language
    return "portal" in match.namespaces
