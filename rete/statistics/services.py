"""The life of a quarterly release: requested by the Department, computed in the background,
reviewed, then published or discarded. A published release never changes: a correction is
a new release of the same period, with a note that says why.

Every write is audited in the transaction that makes it, with the release's row locked, so
that two people (or a person and a worker) acting at once cannot both win.

The computation itself (rete.statistics.compute) and the disclosure control
(rete.statistics.disclosure) are imported when a release is computed: they are heavy and
this module is imported by every screen of the reserved statistics.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.portal.http import content_changed
from rete.statistics.definitions import PUBLIC_LEVELS, TABLES, TABLES_BY_ID
from rete.statistics.models import (
    Audience,
    Release,
    ReleaseStatus,
    ReleaseTable,
)
from rete.statistics.periods import Period, PeriodError

logger = logging.getLogger(__name__)

TARGET_TYPE = "statistics.release"
# A period has at most one release in the making or waiting for review.
OPEN_STATUSES = (ReleaseStatus.COMPUTING, ReleaseStatus.READY)
# The engine's share of the progress bar; the disclosure control takes most of the rest.
COMPUTE_SHARE = 90
DISCLOSURE_START = 90
DISCLOSURE_DONE = 99
ERROR_MAX_LENGTH = 300
CODE_MAX = 64
POSITIONS = {spec.id: position for position, spec in enumerate(TABLES)}


def _audit(
    release: Release, action: str, *, actor: AbstractBaseUser | None = None, **details: Any
) -> None:
    """The release's audit entry: always its period and number, then the step's details."""
    audit_record(
        actor=actor,
        action=action,
        target_type=TARGET_TYPE,
        target_id=release.pk,
        details={"period": release.period, "number": release.number, **details},
    )


def _period(period: Period | str) -> Period:
    if isinstance(period, Period):
        return period
    try:
        return Period.parse(period)
    except PeriodError as error:
        raise ValidationError(str(error), code="period") from None


def release_request(
    *,
    period: Period | str,
    actor: AbstractBaseUser | None,
    notes: str = "",
    today: date | None = None,
    enqueue: bool = True,
) -> Release:
    """Create the next release of `period` and enqueue its computation (once committed;
    `enqueue=False` leaves it to the caller: the command computes it in its own process).

    Refused, with nothing written: a period that is not over; a period with a release
    already computing or waiting for review; a correction of a published period without a
    note saying why.
    """
    period = _period(period)
    today = today or timezone.localdate()
    notes = notes.strip()
    if not period.is_closed(today):
        raise ValidationError(
            _("%(period)s is not over yet: it can be released from %(date)s.")
            % {"period": period.label, "date": date_format(period.end, "SHORT_DATE_FORMAT")},
            code="not_closed",
        )
    try:
        with transaction.atomic():
            releases = list(
                Release.objects.select_for_update().filter(period=period.code).order_by("number")
            )
            if any(release.status in OPEN_STATUSES for release in releases):
                raise ValidationError(
                    _(
                        "%(period)s already has a release being computed or waiting for "
                        "review: publish or discard it first."
                    )
                    % {"period": period.label},
                    code="open_release",
                )
            published = [r for r in releases if r.status == ReleaseStatus.PUBLISHED]
            corrects = published[-1] if published else None
            if corrects is not None and not notes:
                raise ValidationError(
                    _(
                        "%(period)s is already published: a new release corrects it, so "
                        "write a note saying why."
                    )
                    % {"period": period.label},
                    code="correction_note",
                )
            number = (max((r.number for r in releases), default=0)) + 1
            release = Release.objects.create(
                period=period.code,
                number=number,
                status=ReleaseStatus.COMPUTING,
                threshold=settings.STATISTICS_SUPPRESSION_THRESHOLD,
                progress=0,
                progress_note=_("Waiting for a worker"),
                notes=notes,
                corrects=corrects,
                requested_by=actor,
                requested_at=timezone.now(),
            )
            _audit(
                release,
                AuditAction.STATISTICS_RELEASE_REQUEST,
                actor=actor,
                corrects=corrects.pk if corrects else None,
            )
            if enqueue:
                release_pk = release.pk
                transaction.on_commit(lambda: _compute_enqueue(release_pk))
    except IntegrityError:
        # Another request of the same period committed first (the unique number).
        raise ValidationError(
            _("%(period)s already has a release being computed or waiting for review.")
            % {"period": period.label},
            code="open_release",
        ) from None
    return release


def _compute_enqueue(release_pk: int) -> None:
    """Hand the computation to the task backend and keep the task's id. A backend that
    cannot take it leaves the release failed, not computing for ever."""
    from rete.statistics.tasks import compute_release

    try:
        result = compute_release.enqueue(release_pk)
    except Exception as error:  # any backend failure ends the same way
        logger.exception("Could not enqueue the computation of release %s", release_pk)
        _fail(release_pk, error)
        return
    Release.objects.filter(pk=release_pk).update(task_id=str(result.id)[:64])


class _Progress:
    """The engine's progress callback: the bar on the Department's screen.

    A poller must see each step at once, but the engine reads inside one transaction (a
    consistent snapshot). On PostgreSQL the step is then written through a connection of
    its own, committed at once; elsewhere (SQLite, the embedded default) on the same
    connection, seen when the computation commits."""

    def __init__(self, release_pk: int, echo: Callable[[int, str], None] | None = None) -> None:
        self.release_pk = release_pk
        self.echo = echo
        self.last: tuple[int, str] | None = None
        self._aside: BaseDatabaseWrapper | None = None

    def __call__(self, percent: int, note: Any = "") -> None:
        scaled = max(0, min(COMPUTE_SHARE, int(percent) * COMPUTE_SHARE // 100))
        if (scaled, str(note)[:200]) != self.last:
            self.set(scaled, note)

    def set(self, percent: int, note: Any) -> None:
        text = str(note)[:200]
        self.last = (percent, text)
        if not self._write_aside(percent, text):
            Release.objects.filter(pk=self.release_pk, status=ReleaseStatus.COMPUTING).update(
                progress=percent, progress_note=text
            )
        if self.echo is not None:
            self.echo(percent, text)

    def _write_aside(self, percent: int, text: str) -> bool:
        """Write through a connection of our own when the default one is inside a
        transaction on PostgreSQL; False when that did not happen (or found no row: the
        release is not committed yet, as in a test's transaction)."""
        if not (connection.vendor == "postgresql" and connection.in_atomic_block):
            return False
        if self._aside is None:
            self._aside = connections.create_connection(DEFAULT_DB_ALIAS)
        table = Release._meta.db_table
        with self._aside.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET progress = %s, progress_note = %s "  # noqa: S608  # nosec B608  # our table
                "WHERE id = %s AND status = %s",
                [percent, text, self.release_pk, ReleaseStatus.COMPUTING.value],
            )
            return cursor.rowcount > 0

    def close(self) -> None:
        if self._aside is not None:
            self._aside.close()
            self._aside = None


def release_compute(
    release_id: int, *, on_progress: Callable[[int, str], None] | None = None
) -> Release:
    """The task's body: compute every table of the release's period, protect the public
    ones, store them and mark the release ready for review.

    A release that is not computing (already ready, failed, published, discarded) is left
    as it is: running the task twice changes nothing. On any error the release is marked
    failed with a message that names the error, never a record's content, and no table is
    left behind.
    """
    release = Release.objects.get(pk=release_id)
    if release.status != ReleaseStatus.COMPUTING:
        return release
    progress = _Progress(release.pk, on_progress)
    try:
        progress.set(0, _("Reading the contacts"))
        rows, contacts_count, report = _tables_computed(release, progress)
        return _tables_store(release.pk, rows, contacts_count, report)
    except Exception as error:  # whatever went wrong, the release fails
        logger.exception("The computation of release %s failed", release.pk)
        return _fail(release.pk, error, where=progress.last)
    finally:
        progress.close()


def _tables_computed(
    release: Release, progress: _Progress
) -> tuple[list[ReleaseTable], int, dict[str, Any]]:
    from rete.statistics.compute import release_compute_tables
    from rete.statistics.disclosure import protect_release

    period = Period.parse(release.period)
    computed = release_compute_tables(period, progress=progress)
    public = [
        table
        for table in computed.tables
        if TABLES_BY_ID[table.table_id].public and table.level in PUBLIC_LEVELS
    ]
    progress.set(DISCLOSURE_START, _("Disclosure control of the public tables"))
    protected, report = protect_release(public, computed.area_atoms, release.threshold)
    if len(protected) != len(public):
        raise RuntimeError("The disclosure control returned a different number of tables.")
    progress.set(DISCLOSURE_DONE, _("Saving the tables"))
    rows = [
        _row(release, Audience.PUBLIC, table, payload)
        for table, payload in zip(public, protected, strict=True)
    ]
    rows += [_row(release, Audience.RESERVED, table, table.payload) for table in computed.tables]
    return rows, computed.contacts_count, dict(report)


def _row(release: Release, audience: str, table: Any, payload: dict) -> ReleaseTable:
    return ReleaseTable(
        release_id=release.pk,
        audience=audience,
        level=str(table.level),
        area_code=table.area_code,
        area_name=table.area_name,
        table_id=table.table_id,
        position=POSITIONS[table.table_id],
        payload=payload,
    )


def _tables_store(
    release_pk: int, rows: list[ReleaseTable], contacts_count: int, report: dict[str, Any]
) -> Release:
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release_pk)
        if release.status != ReleaseStatus.COMPUTING:
            return release
        # Tables of an earlier attempt that died half-way.
        ReleaseTable.objects.filter(release=release).delete()
        ReleaseTable.objects.bulk_create(rows, batch_size=500)
        release.status = ReleaseStatus.READY
        release.progress = 100
        release.progress_note = ""
        release.error = ""
        release.contacts_count = contacts_count
        release.disclosure = report
        release.computed_at = timezone.now()
        release.save()
        _audit(
            release,
            AuditAction.STATISTICS_RELEASE_COMPUTE,
            outcome="ready",
            tables=len(rows),
            contacts=contacts_count,
            primary=_count(report.get("primary")),
            secondary=_count(report.get("secondary")),
        )
    return release


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _error_text(error: BaseException, where: tuple[int, str] | None) -> str:
    """What the Department reads: the kind of error and the last step reached. Never the
    exception's own message, which might quote a record."""
    text = type(error).__name__
    if where is not None:
        percent, note = where
        text += f" at {percent}%" + (f" ({note})" if note else "")
    return text[:ERROR_MAX_LENGTH]


def _fail(
    release_pk: int, error: BaseException, *, where: tuple[int, str] | None = None
) -> Release:
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release_pk)
        if release.status != ReleaseStatus.COMPUTING:
            return release
        ReleaseTable.objects.filter(release=release).delete()
        release.status = ReleaseStatus.FAILED
        release.error = _error_text(error, where)
        release.save()
        _audit(
            release,
            AuditAction.STATISTICS_RELEASE_COMPUTE,
            outcome="failed",
            error=type(error).__name__[:CODE_MAX],
        )
    return release


def disclosure_check_failed(release: Release) -> bool:
    """True when the linear-programming check found a suppressed value that could be
    narrowed down to a range no wider than the threshold: such tables must not go out."""
    width = (release.disclosure or {}).get("min_width")
    return isinstance(width, int | float) and width <= release.threshold


def _locked(release: Release) -> Release:
    return Release.objects.select_for_update().get(pk=release.pk)


def release_publish(*, release: Release, actor: AbstractBaseUser | None) -> Release:
    """Publish a release ready for review. An earlier published release of the period stays
    published (its history) but the new one, with the higher number, is what the public
    reads from now on."""
    with transaction.atomic():
        locked = _locked(release)
        if locked.status != ReleaseStatus.READY:
            raise ValidationError(
                _("Only a release ready for review can be published; this one is %(status)s.")
                % {"status": locked.get_status_display().lower()},
                code="not_ready",
            )
        if disclosure_check_failed(locked):
            raise ValidationError(
                _(
                    "The disclosure check failed: a hidden value could be worked out from "
                    "the published ones. Discard this release."
                ),
                code="disclosure",
            )
        locked.status = ReleaseStatus.PUBLISHED
        locked.published_by = actor
        locked.published_at = timezone.now()
        locked.save()
        _audit(
            locked, AuditAction.STATISTICS_RELEASE_PUBLISH, actor=actor, corrects=locked.corrects_id
        )
        # The portal's cached pages show the new figures at once.
        transaction.on_commit(content_changed)
    return locked


def release_discard(*, release: Release, actor: AbstractBaseUser | None, reason: str) -> Release:
    """Set aside a release ready for review or failed, saying why. Its tables are kept, as
    reviewed, and the period may be requested again."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Say why the release is discarded."), code="reason")
    with transaction.atomic():
        locked = _locked(release)
        if locked.status not in (ReleaseStatus.READY, ReleaseStatus.FAILED):
            raise ValidationError(
                _(
                    "Only a release ready for review or failed can be discarded; this one is "
                    "%(status)s."
                )
                % {"status": locked.get_status_display().lower()},
                code="not_discardable",
            )
        locked.status = ReleaseStatus.DISCARDED
        locked.discard_reason = reason
        locked.save()
        # The reason is free text typed by a person: the log keeps only its length.
        _audit(
            locked, AuditAction.STATISTICS_RELEASE_DISCARD, actor=actor, reason_length=len(reason)
        )
    return locked
