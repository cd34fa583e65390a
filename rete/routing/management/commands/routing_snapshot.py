"""`rete routing_snapshot --write FILE` / `--check FILE`.

--write builds the routing snapshot from the database and writes it atomically to FILE: the
file the console falls back on when the database is unreachable (ROUTING_SNAPSHOT_FILE), to
prepare it before the first start or on a machine that does not serve requests.
--check reads FILE as the processes would, and fails (exit status 1) when it is unreadable or
older than the network in the database, so that monitoring can watch it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rete.network.revision import network_revision_current
from rete.routing.snapshot import DATABASE_ERRORS, snapshot_build, snapshot_read, snapshot_write


class Command(BaseCommand):
    help = "Write the routing snapshot of the network to a file, or check such a file."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--write", metavar="FILE", help="build from the database and write")
        action.add_argument("--check", metavar="FILE", help="read and compare with the database")

    def handle(self, *args: Any, write: str | None, check: str | None, **options: Any) -> None:
        if write:
            self._write(write)
        else:
            assert check is not None
            self._check(check)

    def _write(self, path: str) -> None:
        try:
            revision = network_revision_current()
            snapshot = snapshot_build(revision=revision)
        except DATABASE_ERRORS as error:
            raise CommandError(f"The database is unreachable ({type(error).__name__}).") from None
        try:
            snapshot_write(snapshot, path)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from None
        self.stdout.write(
            f"Routing snapshot of network revision {revision} written to {path} "
            f"({len(snapshot.services)} services, {len(snapshot.territories)} territories)."
        )

    def _check(self, path: str) -> None:
        try:
            snapshot = snapshot_read(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
        except ValueError as error:
            raise CommandError(f"{path} is not a routing snapshot: {error}") from None
        self.stdout.write(
            f"{path}: network revision {snapshot.version or '?'}, built at "
            f"{snapshot.built_at.isoformat()}, {len(snapshot.services)} services, "
            f"{len(snapshot.territories)} territories, {len(snapshot.comuni)} comuni."
        )
        try:
            current = network_revision_current()
        except DATABASE_ERRORS as error:
            self.stdout.write(
                f"The database is unreachable ({type(error).__name__}): this file is what "
                "routing would use."
            )
            return
        if snapshot.version != str(current):
            raise CommandError(
                f"{path} is stale: it holds revision {snapshot.version or '?'}, "
                f"the database is at revision {current}."
            )
        self.stdout.write("It is up to date with the database.")
