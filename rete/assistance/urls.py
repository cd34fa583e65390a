"""Technical assistance, in the reserved area (included at area-riservata/assistenza/)."""

from django.urls import path

from rete.assistance import views

urlpatterns = [
    path("", views.request_list, name="assistance"),
    path("nuova/", views.request_create, name="assistance_create"),
    path("<int:pk>/", views.request_detail, name="assistance_request"),
    path("<int:pk>/rispondi/", views.request_reply, name="assistance_reply"),
    path("<int:pk>/stato/", views.request_status, name="assistance_status"),
    path(
        "<int:pk>/allegati/<int:attachment_pk>/",
        views.attachment_download,
        name="assistance_attachment",
    ),
]
