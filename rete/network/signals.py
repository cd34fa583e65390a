"""Bump the network revision on every change that can alter a routing decision."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from rete.directory import models as directory
from rete.network import models as network
from rete.network.revision import network_revision_bump

TRACKED = (
    directory.Organization,
    directory.Service,
    directory.Location,
    directory.Phone,
    directory.Schedule,
    directory.ClosedDate,
    directory.SpecialOpening,
    network.Territory,
    network.Protocol,
    network.Referral,
    network.EmergencyContact,
)
TRACKED_M2M = (
    directory.Service.languages.through,
    directory.Service.area_provinces.through,
    directory.Service.area_comuni.through,
    network.Territory.provinces.through,
    network.Territory.comuni.through,
)


def _bump(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    network_revision_bump()


def _bump_m2m(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        network_revision_bump()


def connect() -> None:
    for model in TRACKED:
        post_save.connect(_bump, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"revision-delete-{model.__name__}")
    for through in TRACKED_M2M:
        m2m_changed.connect(
            _bump_m2m, sender=through, dispatch_uid=f"revision-m2m-{through.__name__}"
        )
