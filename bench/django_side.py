"""The Django side of the benchmark: the database that holds the national network, and the
per-process routing snapshot built from it (export from the database, then compile).

The bench process configures Django with the same production environment gunicorn gets, so
that both see one database: by default a fresh SQLite file in the bench's temporary
directory, or the database of `BENCH_DATABASE_URL` (a scratch database: the network is imported
into it, on top of whatever it holds, and left there).
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.in_process import Timing, time_runs

SETTINGS_MODULE = "rete.config.settings.production"


def production_env(*, database_url: str, workdir: Path) -> dict[str, str]:
    """The environment of a production process (README, "How production serves it"), local:
    a random secret key, loopback hosts only, no HTTPS redirect (there is no TLS proxy in
    front), and every file it writes inside `workdir`."""
    env = dict(os.environ)
    env.update(
        RETE_ENV="production",
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        PHONE_HASH_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        DATABASE_URL=database_url,
        ROUTING_SNAPSHOT_FILE=str(workdir / "routing-snapshot.json"),
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    (workdir / "static").mkdir(exist_ok=True)
    (workdir / "media").mkdir(exist_ok=True)
    return env


def django_start(env: Mapping[str, str]) -> None:
    """Set up Django in this process with `env` (the bench imports Django only from here)."""
    for name in (
        "RETE_ENV",
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "FIELD_ENCRYPTION_KEYS",
        "PHONE_HASH_KEY",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "DEBUG",
        "DATABASE_URL",
        "ROUTING_SNAPSHOT_FILE",
        "STATIC_ROOT",
        "MEDIA_ROOT",
    ):
        os.environ[name] = env[name]
    import django

    django.setup()


def database_prepare(network: dict[str, Any]) -> dict[str, float]:
    """Migrate the database and import the network; the seconds each took."""
    from django.core.management import call_command

    from rete.network.networkfile.importer import network_import

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, stdout=sys.stderr)
    migrated = time.perf_counter()
    network_import(network)
    imported = time.perf_counter()
    return {"migrate_s": round(migrated - started, 2), "import_s": round(imported - migrated, 2)}


def database_vendor() -> str:
    from django.db import connection

    return connection.vendor


def time_django_snapshot(runs: int) -> dict[str, Timing]:
    """`rete.routing.snapshot.snapshot_build` (what a worker does when the network changed),
    and its two halves: exporting the network from the database, and the comuni."""
    from rete.network.networkfile.exporter import network_export
    from rete.network.revision import network_revision_current
    from rete.routing.snapshot import routing_comuni, snapshot_build

    revision = network_revision_current()
    return {
        "build": time_runs(lambda: snapshot_build(revision=revision), runs),
        "export": time_runs(network_export, runs),
        "comuni": time_runs(routing_comuni, runs),
    }


def django_stop() -> None:
    """Close this process's database connections before the server and the clean-up."""
    from django.db import connections

    connections.close_all()
