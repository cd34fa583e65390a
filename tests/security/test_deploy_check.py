"""Production settings pass Django's deployment checklist (`rete check --deploy`) with no
warning at all, and refuse to start without their secrets.

The check runs in a subprocess, as an operator would run it: RETE_ENV=production picks
rete.config.settings.production (rete/manage.py), every secret comes from the environment.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def _production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # The test run's own settings and database must not leak into the subprocess.
        if name not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "RETE_ENV", "REDIS_URL"}
    }
    env.update(
        RETE_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="rete.example.org",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        PHONE_HASH_KEY=secrets.token_urlsafe(40),
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        RESERVED_MEDIA_ROOT=str(tmp_path / "reserved"),
        ROUTING_SNAPSHOT_FILE=str(tmp_path / "snapshot.json"),
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _rete(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rete.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_the_deployment_checklist_with_no_warning(tmp_path: Path) -> None:
    result = _rete(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    output = result.stdout + result.stderr
    assert "WARNINGS" not in output, output
    assert "ERRORS" not in output, output
    assert result.returncode == 0, output


def test_it_reports_a_weak_secret_key(tmp_path: Path) -> None:
    # The same command notices a weak setting: the check above is not passing by accident.
    env = _production_env(tmp_path, SECRET_KEY="short-and-guessable")

    result = _rete(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_it_refuses_to_start_without_its_secrets(tmp_path: Path) -> None:
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS", "PHONE_HASH_KEY"):
        result = _rete(_production_env(tmp_path, **{missing: None}), "check")

        assert result.returncode != 0, missing
        assert missing in result.stderr, (missing, result.stderr[-2000:])
