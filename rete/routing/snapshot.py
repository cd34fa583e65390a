"""The routing snapshot of this process: built from the database, refreshed when the network
changes, written to disk so that routing survives a database outage.

The engine (rete.routing.engine) decides over an immutable in-memory `NetworkSnapshot`.
Each process keeps one, in a module-level holder:

- `routing_snapshot()` returns it. At most every `ROUTING_SNAPSHOT_CHECK_SECONDS` seconds
  (0: on every call, as in the tests) it reads the network revision, one tiny query, and
  rebuilds the snapshot when the revision differs. Between checks it makes no query at all:
  this is the decision path of the 1522 console and of the public API.
- A rebuild runs under a lock, so threads that see a new revision at once build it once.
- After a rebuild the snapshot is written atomically to `ROUTING_SNAPSHOT_FILE` (if set).
- When the database is unreachable, the snapshot in memory keeps serving; a process that
  has none yet loads the file. With neither, `SnapshotUnavailable` (the API answers 503).
"""

from __future__ import annotations

import gc
import logging
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connections
from django.utils.translation import gettext as _

from rete.geography.models import Comune
from rete.network.networkfile.exporter import network_export
from rete.network.revision import network_revision_current
from rete.routing.engine import (
    ComuneInfo,
    NetworkSnapshot,
    snapshot_from_json,
    snapshot_from_network,
    snapshot_to_json,
)

logger = logging.getLogger(__name__)

# OperationalError is a DatabaseError; InterfaceError (a closed connection) is not.
DATABASE_ERRORS = (DatabaseError, InterfaceError)

Source = Literal["database", "file"]


class SnapshotUnavailable(RuntimeError):
    """Neither the database nor a snapshot file can give a routing snapshot."""


@dataclass(frozen=True, slots=True)
class SnapshotStatus:
    revision: int | None  # the network revision the snapshot was built at
    built_at: datetime
    source: Source


def routing_comuni() -> list[ComuneInfo]:
    """Every ISTAT comune as the engine needs it, in one query."""
    return [
        ComuneInfo(code=code, name=name, province=province, region=region, is_capital=is_capital)
        for code, name, province, region, is_capital in Comune.objects.order_by("code").values_list(
            "code", "name", "province_id", "province__region__name", "is_capital"
        )
    ]


def snapshot_build(*, revision: int) -> NetworkSnapshot:
    """A snapshot of the whole network as the database holds it now, labelled `revision`."""
    network = network_export()
    for service in network["services"]:
        if service["location"] is None:
            # The admin lets a service be saved without a location; the file format and the
            # engine need one. An unknown comune routes it with the national holidays only,
            # rather than letting one incomplete record stop routing for the whole country.
            logger.warning("Service %s has no location: routed without a comune.", service["id"])
            service["location"] = {"address": "", "comune": "", "confidential": True}
    return snapshot_from_network(network, routing_comuni(), version=str(revision))


def snapshot_write(snapshot: NetworkSnapshot, path: str | os.PathLike[str]) -> None:
    """Write the snapshot file atomically: readers see the old file or the new one, whole.

    The file may name shelters' comuni and their confidential addresses: it is created
    readable by its owner only (mkstemp's 0600).
    """
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(snapshot_to_json(snapshot))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def snapshot_read(path: str | os.PathLike[str]) -> NetworkSnapshot:
    """Load a snapshot file; OSError if it cannot be read, ValueError if it is not one."""
    return snapshot_from_json(Path(path).read_text(encoding="utf-8"))


_VERSION_RE = re.compile(rb'"version":\s*"([^"]*)"')


def snapshot_file_version(path: str | os.PathLike[str]) -> str | None:
    """The network revision a snapshot file holds, read from its first bytes (the version is
    written near the start), or None if the file is missing or does not say."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(256)
    except OSError:
        return None
    found = _VERSION_RE.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


def _revision_of(snapshot: NetworkSnapshot) -> int | None:
    try:
        return int(snapshot.version)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Current:
    snapshot: NetworkSnapshot
    revision: int | None
    source: Source


class SnapshotHolder:
    """One process's routing snapshot. `file` and `check_seconds` default to the settings,
    read at each use so that tests can override them."""

    def __init__(self, *, file: str | None = None, check_seconds: float | None = None) -> None:
        self._file = file
        self._check_seconds = check_seconds
        self._lock = threading.Lock()
        # Snapshot, revision and source change together: one immutable object, swapped whole.
        self._current: _Current | None = None
        self._checked_at = float("-inf")
        self._degraded = False  # an outage or a failed build is under way (logged once)

    @property
    def file(self) -> str:
        return self._file if self._file is not None else (settings.ROUTING_SNAPSHOT_FILE or "")

    @property
    def check_seconds(self) -> float:
        if self._check_seconds is not None:
            return self._check_seconds
        return settings.ROUTING_SNAPSHOT_CHECK_SECONDS

    def get(self) -> NetworkSnapshot:
        current = self._current
        if current is not None and time.monotonic() - self._checked_at < self.check_seconds:
            return current.snapshot
        return self._refresh().snapshot

    def status(self) -> SnapshotStatus:
        current = self._current
        if current is None or time.monotonic() - self._checked_at >= self.check_seconds:
            current = self._refresh()
        return SnapshotStatus(
            revision=current.revision, built_at=current.snapshot.built_at, source=current.source
        )

    def reset(self) -> None:
        """Forget the snapshot: the next call builds a new one (tests, after a restore)."""
        with self._lock:
            self._current = None
            self._checked_at = float("-inf")
            self._degraded = False

    @staticmethod
    def _is_up_to_date(current: _Current | None, revision: int) -> bool:
        # A snapshot loaded from the file is replaced as soon as the database answers.
        return current is not None and current.source == "database" and current.revision == revision

    def _refresh(self) -> _Current:
        try:
            revision = network_revision_current()
        except DATABASE_ERRORS as error:
            return self._fallback(f"database unreachable ({type(error).__name__})")
        if self._degraded:
            self._degraded = False
            logger.warning("Database reachable again: routing snapshot checks resume.")
        current = self._current
        if self._is_up_to_date(current, revision):
            self._checked_at = time.monotonic()
            return current
        if current is not None:
            # A thread is already rebuilding: serve the snapshot in hand rather than wait.
            if not self._lock.acquire(blocking=False):
                return current
        else:
            self._lock.acquire()
        try:
            current = self._current
            if self._is_up_to_date(current, revision):
                return current
            try:
                snapshot = snapshot_build(revision=revision)
            except DATABASE_ERRORS as error:
                return self._fallback(f"database unreachable ({type(error).__name__})", locked=True)
            except Exception:
                # A record the engine cannot compile must not stop routing: the snapshot in
                # hand (or the file) keeps serving, and the traceback says what to fix.
                logger.exception("Routing snapshot build failed at network revision %s.", revision)
                return self._fallback("snapshot build failed", locked=True)
            current = _Current(snapshot=snapshot, revision=revision, source="database")
            self._current = current
            self._checked_at = time.monotonic()
            logger.info("Routing snapshot built at network revision %s.", revision)
            self._write(snapshot)
            return current
        finally:
            self._lock.release()

    def _write(self, snapshot: NetworkSnapshot) -> None:
        if not self.file:
            return
        if snapshot.version and snapshot_file_version(self.file) == snapshot.version:
            # Another worker (or this one before a restart) already wrote this revision:
            # writing 5 MB again at every worker start would only cost time.
            return
        try:
            snapshot_write(snapshot, self.file)
        except OSError as error:
            # Routing goes on from memory; only the outage fallback is missing.
            logger.warning("Routing snapshot not written to its file (%s).", type(error).__name__)

    def _fallback(self, reason: str, *, locked: bool = False) -> _Current:
        """The snapshot in memory, else the file's, when no new one can be built.

        `reason` names the failure by its kind only: an error's text may carry connection
        details (hosts, users), which stay out of the logs. The next attempt waits for the
        next check, so that an outage does not cost a failing query on every request.
        """
        current = self._current
        if current is not None:
            self._checked_at = time.monotonic()
            if not self._degraded:
                self._degraded = True
                logger.warning(
                    "Routing snapshot not refreshed (%s): routing goes on with the snapshot of "
                    "revision %s built at %s.",
                    reason,
                    current.revision,
                    current.snapshot.built_at.isoformat(),
                )
            return current
        if locked:
            return self._load_file(reason)
        with self._lock:
            current = self._current
            return current if current is not None else self._load_file(reason)

    def _load_file(self, reason: str) -> _Current:
        path = self.file
        if not path or not os.path.exists(path):
            logger.warning("Routing snapshot unavailable (%s) and no snapshot file.", reason)
            raise SnapshotUnavailable(_unavailable_message())
        try:
            snapshot = snapshot_read(path)
        except (OSError, ValueError) as error:
            logger.warning(
                "Routing snapshot unavailable (%s) and the snapshot file is unreadable (%s).",
                reason,
                type(error).__name__,
            )
            raise SnapshotUnavailable(_unavailable_message()) from None
        current = _Current(snapshot=snapshot, revision=_revision_of(snapshot), source="file")
        self._current = current
        self._checked_at = time.monotonic()
        self._degraded = True
        logger.warning(
            "Routing from the snapshot file (%s): revision %s built at %s.",
            reason,
            current.revision,
            snapshot.built_at.isoformat(),
        )
        return current


def _unavailable_message() -> str:
    # Translated at raise time, in the language of the request.
    return _("Routing is unavailable: the database cannot be reached and no saved snapshot exists.")


_holder = SnapshotHolder()


def routing_snapshot() -> NetworkSnapshot:
    """The current routing snapshot of this process (see the module docstring)."""
    return _holder.get()


def routing_snapshot_status() -> SnapshotStatus:
    """Revision, build instant and source ("database" or "file") of the current snapshot."""
    return _holder.status()


def routing_snapshot_reset() -> None:
    """Drop this process's snapshot; the next `routing_snapshot()` rebuilds it."""
    _holder.reset()


def routing_snapshot_preload() -> None:
    """Build the snapshot now and close the database connections.

    For a server that loads the application before forking its workers (gunicorn
    `--preload`): every worker then starts with the snapshot, instead of each building its
    own on its first request (an export and a compile, most of a second on a national
    network, again after every `--max-requests` restart). The connections are closed because
    forked workers must not share them. A database outage here is not fatal: the workers
    fall back as `routing_snapshot()` does.
    """
    try:
        snapshot = routing_snapshot()
    except SnapshotUnavailable:
        logger.warning("No routing snapshot at start-up: the workers will retry.")
    else:
        # The per-comune list of services covering it is memoised on first use; filled here
        # once, the workers inherit it instead of each filling its own.
        for comune in snapshot.comuni.values():
            snapshot.area_services(comune)
        # The snapshot is hundreds of thousands of long-lived objects: frozen out of the
        # cyclic garbage collector, they are not traversed again by every full collection
        # in the workers, nor touched (and so copied) by it after the fork.
        gc.collect()
        gc.freeze()
    finally:
        connections.close_all()
