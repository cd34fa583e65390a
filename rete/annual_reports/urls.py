"""The annual reports, in the reserved namespace (included at area-riservata/relazioni-annuali/)."""

from django.urls import path

from rete.annual_reports import template_views as templates
from rete.annual_reports import views

urlpatterns = [
    path("", views.report_list, name="annual_reports"),
    path("nuova/", views.report_create, name="annual_report_create"),
    path("<int:pk>/", views.report_detail, name="annual_report"),
    path("<int:pk>/modifica/", views.report_edit, name="annual_report_edit"),
    path("<int:pk>/invia/", views.report_submit, name="annual_report_submit"),
    path("<int:pk>/esame/", views.report_review, name="annual_report_review"),
    path("<int:pk>/restituisci/", views.report_return, name="annual_report_return"),
    path("<int:pk>/accetta/", views.report_accept, name="annual_report_accept"),
    path("<int:pk>/esperto/", views.report_expert, name="annual_report_expert"),
    path("<int:pk>/commenti/", views.report_comment, name="annual_report_comment"),
    path("<int:pk>/relazione.pdf", views.report_download, name="annual_report_pdf"),
    # The Department's yearly templates (the format), and the format's PDF for everybody.
    path("formati/nuovo/", templates.template_create, name="report_template_create"),
    path("formati/<int:pk>/", templates.template_detail, name="report_template"),
    path("formati/<int:pk>/modifica/", templates.template_edit, name="report_template_edit"),
    path("formati/<int:pk>/elimina/", templates.template_delete, name="report_template_delete"),
    path("formati/<int:pk>/pubblica/", templates.template_publish, name="report_template_publish"),
    path(
        "formati/<int:pk>/sezioni/nuova/",
        templates.section_add,
        name="report_template_section_add",
    ),
    path(
        "formati/<int:pk>/sezioni/<int:section_pk>/",
        templates.section_edit,
        name="report_template_section_edit",
    ),
    path(
        "formati/<int:pk>/sezioni/<int:section_pk>/elimina/",
        templates.section_delete,
        name="report_template_section_delete",
    ),
    path("formati/<int:pk>/dati/nuovo/", templates.figure_add, name="report_template_figure_add"),
    path(
        "formati/<int:pk>/dati/<int:figure_pk>/",
        templates.figure_edit,
        name="report_template_figure_edit",
    ),
    path(
        "formati/<int:pk>/dati/<int:figure_pk>/elimina/",
        templates.figure_delete,
        name="report_template_figure_delete",
    ),
    path("formati/<int:pk>/formato.pdf", templates.template_download, name="report_template_pdf"),
]
