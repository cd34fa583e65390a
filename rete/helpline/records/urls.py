"""The contact records screens under /console/registro/."""

from django.urls import path

from rete.helpline.records import views

app_name = "records"

urlpatterns = [
    path("", views.contact_list_view, name="list"),
    path("esporta/", views.contact_export_view, name="export"),
    path("richiamate/", views.callback_list_view, name="callbacks"),
    path("richiamate/<int:pk>/numero/", views.callback_reveal_view, name="callback_reveal"),
    path("richiamate/<int:pk>/fatta/", views.callback_done_view, name="callback_done"),
    path("<uuid:public_id>/", views.contact_detail_view, name="detail"),
    path("<uuid:public_id>/subentro/", views.contact_take_over_view, name="take_over"),
]
