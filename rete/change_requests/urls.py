from django.urls import path

from rete.change_requests import views

urlpatterns = [
    path("", views.change_request_list, name="change_requests"),
    path("nuova/", views.change_request_new, name="change_request_new"),
    path("nuova/<str:code>/<str:kind>/", views.change_request_create, name="change_request_create"),
    path("<int:pk>/", views.change_request_detail, name="change_request"),
    path("<int:pk>/accetta/", views.change_request_accept, name="change_request_accept"),
    path("<int:pk>/rifiuta/", views.change_request_reject, name="change_request_reject"),
    path("<int:pk>/ritira/", views.change_request_withdraw, name="change_request_withdraw"),
]
