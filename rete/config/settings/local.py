"""Development and the embedded default (`make run`): SQLite, DEBUG on, a throwaway key."""

from rete.config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# Not a secret: this key only ever signs cookies of a development server.
SECRET_KEY = env_str("SECRET_KEY") or "local-development-only-not-a-secret"
