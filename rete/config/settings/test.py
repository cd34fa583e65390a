"""Test settings: the suite runs on SQLite by default, on PostgreSQL when DATABASE_URL says so."""

from rete.privacy.devkeys import DEVELOPMENT_FIELD_ENCRYPTION_KEY, DEVELOPMENT_PHONE_HASH_KEY

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-a-secret"  # noqa: S105  # nosec B105  # the test settings only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "reserved": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROUTING_SNAPSHOT_CHECK_SECONDS = 0
ROUTING_SNAPSHOT_FILE = ""
FIELD_ENCRYPTION_KEYS = [DEVELOPMENT_FIELD_ENCRYPTION_KEY]
PHONE_HASH_KEY = DEVELOPMENT_PHONE_HASH_KEY
# Tasks run at once, in the test's own transaction (a test of the worker itself enqueues on
# the database backend explicitly).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
