"""Under /area-riservata/dati/ (namespace "reserved"). `level` is a Level value (national,
region, province, territory), `code` the area's code as stored in the release."""

from django.urls import path

from rete.statistics.reserved import views

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("<int:pk>/", views.statistics_release, name="statistics_release"),
    path("<int:pk>/<str:level>/<str:code>/", views.statistics_area, name="statistics_area"),
    path(
        "<int:pk>/<str:level>/<str:code>/tabelle.<str:fmt>",
        views.statistics_download,
        name="statistics_download",
    ),
]
