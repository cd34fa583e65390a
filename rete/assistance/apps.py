from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "rete.assistance"
    label = "assistance"
    verbose_name = _("Technical assistance and good practices")
