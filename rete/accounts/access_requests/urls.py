"""The public addresses of the procedure, added to the "accounts" namespace by
rete/accounts/urls.py (`urlpatterns += access_request_urlpatterns`)."""

from django.urls import path

from rete.accounts.access_requests import views

access_request_urlpatterns = [
    path("accesso/richiesta/", views.access_request, name="access_request"),
    path("accesso/richiesta/inviata/", views.access_request_sent, name="access_request_sent"),
    path(
        "accesso/richiesta/verifica/<str:token>/",
        views.access_request_verify_view,
        name="access_request_verify",
    ),
]
