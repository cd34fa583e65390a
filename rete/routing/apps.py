from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "rete.routing"
    verbose_name = _("1522 routing")
