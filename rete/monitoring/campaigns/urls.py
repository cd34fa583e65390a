from django.urls import path

from rete.monitoring.campaigns import views

urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("nuova/", views.campaign_create_view, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign"),
    path("<int:pk>/modifica/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/avvia/", views.campaign_launch_view, name="campaign_launch"),
    path("<int:pk>/chiudi/", views.campaign_close_view, name="campaign_close"),
    path("<int:pk>/sollecita/", views.campaign_remind_view, name="campaign_remind"),
    path("<int:pk>/risultati/", views.campaign_results, name="campaign_results"),
    path(
        "<int:pk>/risultati/scarica/",
        views.campaign_results_export,
        name="campaign_results_export",
    ),
    path("risposte/<int:pk>/riapri/", views.response_reopen_view, name="response_reopen"),
]
