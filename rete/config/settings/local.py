"""Development and the embedded default (`make run`): SQLite, DEBUG on, a throwaway key."""

from rete.config.env import env_bool, env_list, env_str
from rete.privacy.devkeys import DEVELOPMENT_FIELD_ENCRYPTION_KEY, DEVELOPMENT_PHONE_HASH_KEY

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# Not a secret: this key only ever signs cookies of a development server.
SECRET_KEY = env_str("SECRET_KEY") or "local-development-only-not-a-secret"

# Field encryption and phone hashing (rete.privacy). The development keys are published
# in rete/privacy/devkeys.py and protect nothing; set the variables to try real ones.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [DEVELOPMENT_FIELD_ENCRYPTION_KEY]
PHONE_HASH_KEY = env_str("PHONE_HASH_KEY") or DEVELOPMENT_PHONE_HASH_KEY
