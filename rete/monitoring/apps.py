from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "rete.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring questionnaires")

    def ready(self) -> None:
        # Registers the campaigns' daily reminder job (rete.notices.reminders).
        from rete.monitoring import reminders  # noqa: F401
