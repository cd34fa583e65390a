from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReservedConfig(AppConfig):
    name = "rete.reserved"
    verbose_name = _("Reserved area")
