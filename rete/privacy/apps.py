from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "rete.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        # Registers the deployment checks of the privacy keys.
        from rete.privacy import checks  # noqa: F401
