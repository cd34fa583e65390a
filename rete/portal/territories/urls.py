from django.urls import path

from rete.portal.territories import views

urlpatterns = [
    path("territori/", views.territory_list, name="territories"),
    path("territori/<str:code>/", views.territory_detail, name="territory"),
]
