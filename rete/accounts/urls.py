"""Provisional sign-in with Django's auth and the role groups; the reserved area's accounts
(personal ID code, second factor) replace it in a later issue."""

from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"

urlpatterns = [
    path(
        "accesso/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uscita/", auth_views.LogoutView.as_view(), name="logout"),
]
