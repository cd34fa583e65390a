"""The network's events in the reserved namespace, under area-riservata/eventi/."""

from django.urls import path

from rete.events import views

urlpatterns = [
    path("", views.event_list, name="events"),
    path("<int:pk>/", views.event_registration, name="event_registration"),
    path("<int:pk>/cancella/", views.event_unregister_view, name="event_unregister"),
    path("<int:pk>/impostazioni/", views.event_settings, name="event_settings"),
    path("<int:pk>/partecipanti/", views.event_participants, name="event_participants"),
    path(
        "<int:pk>/partecipanti.csv",
        views.event_participants_export,
        name="event_participants_export",
    ),
    path("<int:pk>/documenti/", views.event_documents_view, name="event_documents"),
]
