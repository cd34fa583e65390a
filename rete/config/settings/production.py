"""Production: every secret from the environment; the process refuses to start without them."""

from rete.config.env import env_bool, env_int, env_list, env_required

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Cookies stay with our own pages: a cross-site POST carries neither the session nor the
# CSRF token (Lax still lets a link from an e-mail open a page signed in).
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A window opened from another site gets no handle on ours (and ours none on it).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Static files are served by the app servers themselves (compressed, cached forever
# by hashed names); development and tests use Django's own static handler.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "reserved": STORAGES["reserved"],  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Fernet keys, comma-separated, newest first: new values use the first, reads accept any.
# Rotate: put the new key first, deploy, run `rete rotate-encryption-key`, then drop the old one.
FIELD_ENCRYPTION_KEYS = [
    key.strip() for key in env_required("FIELD_ENCRYPTION_KEYS").split(",") if key.strip()
]
# HMAC key of the nuisance-number digests: at least 32 characters.
PHONE_HASH_KEY = env_required("PHONE_HASH_KEY")
