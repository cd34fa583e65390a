"""The protocols' lifecycle, in the reserved namespace under area-riservata/protocolli/
(protocolli/documenti/<pk>/file/ is the territory page's download: reserved:protocol_document)."""

from django.urls import path

from rete.network.lifecycle import views

urlpatterns = [
    path("territorio/<str:code>/", views.protocol_history, name="protocol_history"),
    path(
        "<int:pk>/nuova-versione/",
        views.protocol_version_create_view,
        name="protocol_version_create",
    ),
    path("<int:pk>/stato/", views.protocol_status_view, name="protocol_status"),
    path("<int:pk>/documenti/", views.protocol_document_upload, name="protocol_document_upload"),
]
