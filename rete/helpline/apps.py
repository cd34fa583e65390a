from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelplineConfig(AppConfig):
    name = "rete.helpline"
    verbose_name = _("1522 helpline")
