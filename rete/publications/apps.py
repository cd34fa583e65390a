from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "rete.publications"
    verbose_name = _("Publications")

    def ready(self) -> None:
        from rete.publications import signals

        signals.connect()
