"""The public statistics pages, under the portal (namespace `portal`): /dati/ in Italian,
/en/dati/ in English. Include from rete/portal/urls.py with
`path("", include("rete.statistics.public.urls"))`."""

from django.urls import path

from rete.statistics.public import views

urlpatterns = [
    path("dati/", views.statistics, name="statistics"),
    path("dati/<str:period>/", views.statistics_period, name="statistics_period"),
    path(
        "dati/<str:period>/<str:level>/<str:code>/", views.statistics_area, name="statistics_area"
    ),
    path(
        "dati/<str:period>/<str:level>/<str:code>/tabelle.<str:fmt>",
        views.statistics_download,
        name="statistics_download",
    ),
]
