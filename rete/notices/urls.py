from django.urls import path

from rete.notices import views

urlpatterns = [
    path("", views.notice_list, name="notices"),
    path("<int:pk>/apri/", views.notice_open, name="notice_open"),
    path("letti/", views.notices_read_all, name="notices_read_all"),
]
