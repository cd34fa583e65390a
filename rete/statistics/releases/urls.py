"""The Department's release screens, included by the lead under /area-riservata/dati/ in
the "reserved" namespace (no namespace of their own)."""

from django.urls import path

from rete.statistics.releases import views

urlpatterns = [
    path("nuovo/", views.statistics_request, name="statistics_request"),
    path("<int:pk>/avanzamento/", views.statistics_progress, name="statistics_progress"),
    path("<int:pk>/pubblica/", views.statistics_publish, name="statistics_publish"),
    path("<int:pk>/scarta/", views.statistics_discard, name="statistics_discard"),
    path(
        "<int:pk>/anteprima/<str:level>/<str:code>/",
        views.statistics_preview,
        name="statistics_preview",
    ),
]
