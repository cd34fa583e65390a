from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeRequestsConfig(AppConfig):
    name = "rete.change_requests"
    label = "change_requests"
    verbose_name = _("Changes proposed by the territories")
