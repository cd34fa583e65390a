"""The public portal. Mounted under i18n_patterns: Italian at /, the other languages at
/en/, /fr/, /es/, /ar/ — the language lives in the URL, never in a cookie."""

from django.urls import include, path

from rete.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sicurezza/", views.safety, name="safety"),
    path("", include("rete.portal.finder.urls")),
    path("", include("rete.portal.service_page.urls")),
    path("", include("rete.portal.territories.urls")),
    path("", include("rete.publications.urls")),
    path("", include("rete.statistics.public.urls")),
]
