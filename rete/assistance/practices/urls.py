"""Good practices, in the reserved area (included at area-riservata/buone-pratiche/)."""

from django.urls import path

from rete.assistance.practices import views

urlpatterns = [
    path("", views.practice_list, name="practices"),
    path("nuova/", views.practice_create_view, name="practice_create"),
    path("<int:pk>/", views.practice_detail, name="practice"),
    path("<int:pk>/modifica/", views.practice_edit, name="practice_edit"),
    path("<int:pk>/rispondi/", views.practice_answer_view, name="practice_answer"),
    path("<int:pk>/nascondi/", views.practice_hide_view, name="practice_hide"),
    path("<int:pk>/ripristina/", views.practice_restore_view, name="practice_restore"),
    path(
        "<int:pk>/allegati/<int:attachment_pk>/",
        views.practice_attachment,
        name="practice_attachment",
    ),
]
