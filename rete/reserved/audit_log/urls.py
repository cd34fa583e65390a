"""The audit viewer's URLs, included by rete.reserved.urls under registro/: the names
are in the "reserved" namespace (reserved:audit, ...)."""

from django.urls import path

from rete.reserved.audit_log import views

urlpatterns = [
    path("", views.audit_log, name="audit"),
    path("esporta/", views.audit_export, name="audit_export"),
    path("verifica/", views.audit_verify, name="audit_verify"),
    path("<int:sequence>/", views.audit_entry, name="audit_entry"),
]
