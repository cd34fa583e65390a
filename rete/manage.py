"""The `rete` console script: the project's manage.py.

`RETE_ENV` picks the settings module (local by default, `production`, `test`)
unless DJANGO_SETTINGS_MODULE is already set.
"""

import os
import sys


def main() -> None:
    env = os.environ.get("RETE_ENV", "local")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"rete.config.settings.{env}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
