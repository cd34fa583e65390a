from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelplineConfig(AppConfig):
    name = "rete.helpline"
    verbose_name = _("1522 helpline")

    def ready(self) -> None:
        # The live board's receivers: every process that saves contacts must broadcast,
        # not only one that has loaded the URLconf.
        from rete.helpline.board import signals  # noqa: F401
