from django.urls import path

from rete.portal.finder import views

urlpatterns = [
    path("trova/", views.finder, name="finder"),
    path("trova/posizione/", views.finder_position, name="finder_position"),
]
