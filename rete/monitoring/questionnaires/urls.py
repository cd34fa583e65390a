"""The monitoring questionnaires in the reserved area (included at questionari/): the
landing page, the builder, and the services' answers. The campaigns are at
questionari/campagne/ (rete.monitoring.campaigns.urls)."""

from django.urls import path

from rete.monitoring.questionnaires import answer_views, views

urlpatterns = [
    path("", views.questionnaire_list, name="questionnaires"),
    path("nuovo/", views.questionnaire_create_view, name="questionnaire_create"),
    path("<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    # A version: its page (the form as the services see it) and, while a draft, its editor.
    path("versioni/<int:pk>/", views.version_detail, name="questionnaire_version"),
    path("versioni/<int:pk>/modifica/", views.version_edit, name="questionnaire_edit"),
    path(
        "versioni/<int:pk>/sezioni/aggiungi/",
        views.section_add,
        name="questionnaire_section_add",
    ),
    path(
        "versioni/<int:pk>/sezioni/<str:key>/modifica/",
        views.section_update,
        name="questionnaire_section_update",
    ),
    path(
        "versioni/<int:pk>/sezioni/<str:key>/elimina/",
        views.section_delete,
        name="questionnaire_section_delete",
    ),
    path(
        "versioni/<int:pk>/sezioni/<str:key>/sposta/",
        views.section_move,
        name="questionnaire_section_move",
    ),
    path(
        "versioni/<int:pk>/sezioni/<str:key>/domande/aggiungi/",
        views.question_add,
        name="questionnaire_question_add",
    ),
    path(
        "versioni/<int:pk>/domande/<str:key>/modifica/",
        views.question_update,
        name="questionnaire_question_update",
    ),
    path(
        "versioni/<int:pk>/domande/<str:key>/elimina/",
        views.question_delete,
        name="questionnaire_question_delete",
    ),
    path(
        "versioni/<int:pk>/domande/<str:key>/sposta/",
        views.question_move,
        name="questionnaire_question_move",
    ),
    path("versioni/<int:pk>/pubblica/", views.version_publish_view, name="questionnaire_publish"),
    path(
        "versioni/<int:pk>/nuova-versione/",
        views.version_new_view,
        name="questionnaire_new_version",
    ),
    # A service's answers to a campaign (the target: one service asked).
    path("risposte/<int:target_pk>/", answer_views.response_view, name="response"),
    path(
        "risposte/<int:target_pk>/invia/",
        answer_views.response_submit_view,
        name="response_submit",
    ),
    path(
        "risposte/<int:target_pk>/riapertura/",
        answer_views.response_reopen_request_view,
        name="response_reopen_request",
    ),
]
