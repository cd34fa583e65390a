"""The person's own account page, their sessions and the yearly re-confirmation.

No app_name: these patterns are included into the "accounts" namespace."""

from django.urls import path

from rete.accounts.account_page import views

urlpatterns = [
    path("accesso/il-mio-account/", views.security, name="security"),
    path(
        "accesso/il-mio-account/sessioni/<int:pk>/termina/",
        views.session_end,
        name="session_end",
    ),
    path(
        "accesso/il-mio-account/sessioni/termina-le-altre/",
        views.sessions_end_others,
        name="sessions_end_others",
    ),
    path("accesso/conferma-annuale/", views.reconfirm, name="reconfirm"),
]
