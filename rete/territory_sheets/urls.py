"""The territory sheet, under a territory's address in the reserved area
(/area-riservata/territori/<code>/scheda/...). Included in the reserved namespace."""

from django.urls import path

from rete.territory_sheets import views

urlpatterns = [
    path("<str:code>/scheda/", views.territory_sheet, name="territory_sheet"),
    path("<str:code>/scheda/modifica/", views.territory_sheet_edit, name="territory_sheet_edit"),
    path(
        "<str:code>/scheda/versioni/", views.territory_sheet_history, name="territory_sheet_history"
    ),
    path(
        "<str:code>/scheda/versioni/<int:number>/",
        views.territory_sheet_version,
        name="territory_sheet_version",
    ),
]
