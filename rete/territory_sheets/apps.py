from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritorySheetsConfig(AppConfig):
    name = "rete.territory_sheets"
    label = "territory_sheets"
    verbose_name = _("Territory sheets")
