"""The model-level guard of published and discarded releases: whatever code runs (a
service, the admin, a shell), saving or deleting such a release or one of its tables raises
ReleaseFrozen (a queryset's `delete` sends the signals too). `update` and `bulk_create` do
not send them: the services check the status themselves before using those."""

from __future__ import annotations

from typing import Any

from rete.statistics.models import Release, ReleaseFrozen, ReleaseStatus, ReleaseTable

FROZEN = (ReleaseStatus.PUBLISHED, ReleaseStatus.DISCARDED)


def _stored_status(pk: int | None) -> str | None:
    if pk is None:
        return None
    return Release.objects.filter(pk=pk).values_list("status", flat=True).first()


def _refuse(pk: int | None, status: str | None) -> None:
    if status in FROZEN:
        raise ReleaseFrozen(f"Release {pk} is {status}: it never changes; request a new one.")


def release_pre_save(sender: Any, instance: Release, raw: bool = False, **kwargs: Any) -> None:
    # A new release may be created in any status (fixtures, tests); a stored one that is
    # published or discarded may not be saved again.
    if raw:
        return
    _refuse(instance.pk, _stored_status(instance.pk))


def release_pre_delete(sender: Any, instance: Release, **kwargs: Any) -> None:
    _refuse(instance.pk, _stored_status(instance.pk))


def release_table_pre_save(
    sender: Any, instance: ReleaseTable, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    _refuse(instance.release_id, _stored_status(instance.release_id))


def release_table_pre_delete(sender: Any, instance: ReleaseTable, **kwargs: Any) -> None:
    _refuse(instance.release_id, _stored_status(instance.release_id))


def release_guards_connect() -> None:
    from django.db.models.signals import pre_delete, pre_save

    pre_save.connect(release_pre_save, sender=Release, dispatch_uid="release_frozen_save")
    pre_delete.connect(release_pre_delete, sender=Release, dispatch_uid="release_frozen_delete")
    pre_save.connect(
        release_table_pre_save, sender=ReleaseTable, dispatch_uid="release_table_frozen_save"
    )
    pre_delete.connect(
        release_table_pre_delete, sender=ReleaseTable, dispatch_uid="release_table_frozen_delete"
    )
