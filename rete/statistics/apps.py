from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "rete.statistics"
    label = "statistics"
    verbose_name = _("Call-centre statistics")

    def ready(self) -> None:
        # Published and discarded releases never change (rete.statistics.signals).
        from rete.statistics.signals import release_guards_connect

        release_guards_connect()
