from django.urls import path

from rete.portal.service_page import views

urlpatterns = [path("servizi/<str:service_id>/", views.service_detail, name="service")]
