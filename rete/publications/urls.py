from django.urls import path

from rete.publications import views

urlpatterns = [
    path("notizie/", views.news_list, name="news_list"),
    path("notizie/<slug:slug>/", views.news_detail, name="news_detail"),
    path("agenda/", views.events, name="events"),
    path("agenda/<slug:slug>/", views.event, name="event"),
    path("documenti/", views.documents, name="documents"),
    path("documenti/<slug:slug>/", views.document, name="document"),
    path("documenti/<slug:slug>/file/", views.document_file, name="document_file"),
    path("campagne/", views.campaigns, name="campaigns"),
    path("campagne/<slug:slug>/", views.campaign, name="campaign"),
    path(
        "campagne/<slug:slug>/materiali/<int:pk>/",
        views.campaign_material,
        name="campaign_material",
    ),
    path("cerca/", views.search, name="search"),
]
