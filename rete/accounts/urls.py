"""Signing in and out, the second factor and passwords (rete.accounts.views)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from rete.accounts import views
from rete.accounts.access_requests.urls import access_request_urlpatterns
from rete.accounts.account_page.urls import urlpatterns as account_page_urlpatterns

app_name = "accounts"

urlpatterns = [
    path("accesso/", views.sign_in, name="login"),
    path("accesso/secondo-fattore/", views.second_factor, name="second_factor"),
    path("accesso/codici-di-recupero/", views.recovery_codes, name="recovery_codes"),
    path("accesso/password/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accesso/password/inviata/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accesso/password/modifica/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accesso/password/<uidb64>/<token>/",
        views.PasswordSetView.as_view(),
        name="password_set",
    ),
    path("uscita/", auth_views.LogoutView.as_view(), name="logout"),
]
# The person's own account (sessions, yearly re-confirmation) and the access request
# procedure live in their own packages, in this namespace.
urlpatterns += account_page_urlpatterns + access_request_urlpatterns
