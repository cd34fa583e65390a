from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "rete.network"
    verbose_name = _("Network registry")

    def ready(self) -> None:
        from rete.network import signals
        from rete.network.lifecycle import reminders  # noqa: F401 - registers its job

        signals.connect()
