"""gunicorn's master (rete/config/gunicorn.py) loads before forking what a worker would
otherwise load on its first request: the URLconf with every API module behind it."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from unittest import mock

    import django

    django.setup()
    import rete.routing.snapshot
    from rete.config import gunicorn

    before = "rete.config.urls" in sys.modules
    # The routing snapshot needs a database; its preload has tests of its own.
    with mock.patch.object(rete.routing.snapshot, "routing_snapshot_preload") as preload:
        gunicorn.when_ready(None)
    print(before, "rete.config.urls" in sys.modules, "rete.helpline.api" in sys.modules,
          preload.called)
    """
)


def test_the_master_imports_the_urlconf_before_forking() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rete.config.settings.test"}
    env.pop("DATABASE_URL", None)

    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.split() == ["False", "True", "True", "True"]
