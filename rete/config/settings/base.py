"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from rete.config.env import env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = PACKAGE_DIR.parent

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # First, so that `rete runserver` (and `make run`) is daphne's: one process serving
    # HTTP and the WebSockets of the live boards over ASGI (rete.config.asgi).
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Serves the API docs (Swagger UI) from our own static files instead of a CDN.
    "ninja",
    "channels",
    "rete.accounts",
    "rete.geography",
    "rete.directory",
    "rete.network",
    "rete.routing",
    "rete.privacy",
    "rete.audit",
    "rete.helpline",
    "rete.portal",
    "rete.publications",
    "rete.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rete.portal.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "rete.config.urls"
WSGI_APPLICATION = "rete.config.wsgi.application"
ASGI_APPLICATION = "rete.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "rete.portal.context.portal",
            ],
        },
    },
]


def _database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE avoids the
        # "database is locked" upgrade deadlock under concurrent writers.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["CONN_MAX_AGE"] = 0
    else:
        config["CONN_HEALTH_CHECKS"] = True
        # An unreachable database must fail fast: routing then serves its snapshot.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return config


DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{Path.cwd() / 'rete.sqlite3'}"
DATABASES = {"default": _database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "console:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Italian is the language of the interface; English is available. The public portal
# also speaks French, Spanish and Arabic on the pages a woman looking for help needs
# (finder, service pages, safety page): its URLs carry the language (/en/, /fr/, ...),
# Italian has none, so an anonymous visitor's choice needs no cookie.
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", _("Italian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
# Pages whose whole content is translated only into these (news, documents, ...).
PORTAL_CONTENT_LANGUAGES = ["it", "en"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "rete",
    }
}
if redis_url := env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
    }

# Django Channels: live boards (rete.helpline.board). A change saved by any process must
# reach the boards held open by every ASGI process, so with REDIS_URL the layer is Redis;
# the in-memory layer reaches only the boards of the process that saved the change, which is
# enough for the embedded default (`make run`: one process) and for tests.
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
if channels_redis_url := env_str("REDIS_URL"):
    CHANNEL_LAYERS["default"] = {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [channels_redis_url]},
    }

# The routing snapshot: how often a worker checks whether the network changed,
# and where the last good snapshot is written so that routing survives a
# database outage (see rete.routing.snapshot).
ROUTING_SNAPSHOT_CHECK_SECONDS = env_int("ROUTING_SNAPSHOT_CHECK_SECONDS", 2)
# How far back an operator's contact list reaches: one shift.
HELPLINE_SHIFT_HOURS = env_int("HELPLINE_SHIFT_HOURS", 12)
ROUTING_SNAPSHOT_FILE = env_str("ROUTING_SNAPSHOT_FILE") or str(
    Path.cwd() / "routing-snapshot.json"
)

# The public portal (rete.portal).
# Where the quick exit leaves to: a neutral site that raises no question on a shared phone.
PORTAL_QUICK_EXIT_URL = env_str("PORTAL_QUICK_EXIT_URL") or "https://www.google.it/"
# Map tiles: only from the tile server configured here (e.g. one's own), never a third
# party by default: with no URL the finder shows its list and no map.
PORTAL_MAP_TILE_URL = env_str("PORTAL_MAP_TILE_URL") or ""
PORTAL_MAP_ATTRIBUTION = env_str("PORTAL_MAP_ATTRIBUTION") or "© OpenStreetMap contributors"
# The largest file the Department may upload as a document or campaign material.
PUBLICATIONS_MAX_UPLOAD_MB = env_int("PUBLICATIONS_MAX_UPLOAD_MB", 20)
# How long browsers and shared caches may keep a public page (0: no page cache at all).
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 60)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# "no-referrer" would make Chromium send "Origin: null" on form posts, which the CSRF
# check refuses; "same-origin" still gives other sites no referrer.
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Nothing personal in logs: request bodies and query strings are never logged
# by the application; errors are logged without local variables.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
