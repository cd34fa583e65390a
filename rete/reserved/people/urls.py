"""The reviewers' screens, included by rete/reserved/urls.py in the "reserved" namespace
(no app_name here)."""

from django.urls import path

from rete.reserved.people import views

urlpatterns = [
    path("richieste/", views.access_request_list, name="access_requests"),
    path("richieste/<int:pk>/", views.access_request_detail, name="access_request"),
    path(
        "richieste/<int:pk>/approva/",
        views.access_request_approve_view,
        name="access_request_approve",
    ),
    path(
        "richieste/<int:pk>/rifiuta/",
        views.access_request_refuse_view,
        name="access_request_refuse",
    ),
    path("account/", views.account_list, name="accounts"),
    path("account/<str:personal_code>/", views.account_detail, name="account"),
    path(
        "account/<str:personal_code>/ruoli/", views.account_grant_add_view, name="account_grant_add"
    ),
    path(
        "account/<str:personal_code>/ruoli/<int:grant_pk>/revoca/",
        views.account_grant_revoke_view,
        name="account_grant_revoke",
    ),
    path(
        "account/<str:personal_code>/disattiva/",
        views.account_deactivate_view,
        name="account_deactivate",
    ),
    path(
        "account/<str:personal_code>/riattiva/",
        views.account_reactivate_view,
        name="account_reactivate",
    ),
]
