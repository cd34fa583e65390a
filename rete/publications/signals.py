"""Published content changed: cached public pages must be rendered again, and a deleted
item's file goes with it."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from rete.portal.http import content_changed
from rete.publications.models import Campaign, CampaignMaterial, Document, Event, NewsItem

TRACKED = (NewsItem, Event, Document, Campaign, CampaignMaterial)
WITH_FILES = (Document, CampaignMaterial)


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    # Now, so that this process shows the change at once, and again after commit: a page
    # rendered by another request between the save and the commit was cached under the
    # first new generation while still showing the old content.
    content_changed()
    transaction.on_commit(content_changed)


def _file_delete(sender, instance, **kwargs) -> None:
    if instance.file and instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    for model in TRACKED:
        name = model.__name__
        post_save.connect(_changed, sender=model, dispatch_uid=f"publications-save-{name}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"publications-delete-{name}")
    for model in WITH_FILES:
        post_delete.connect(
            _file_delete, sender=model, dispatch_uid=f"publications-file-{model.__name__}"
        )
