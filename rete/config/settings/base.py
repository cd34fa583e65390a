"""Settings shared by every environment. Everything that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from rete.config.env import env_bool, env_int, env_list, env_str

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
    # Second factor (TOTP and single-use recovery codes) and the lockout of repeated
    # failed sign-ins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
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
    "rete.reserved",
    "rete.statistics",
    "rete.notices",
    "rete.monitoring",
    "rete.territory_sheets",
    "rete.change_requests",
    "rete.annual_reports",
    "rete.assistance",
    "rete.events",
    # Background tasks (the statistics releases) in the database: `rete db_worker` runs them.
    "django_tasks",
    "django_tasks_db",
    "rete.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy of every page that sets none itself.
    "rete.config.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rete.portal.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The request's address for audit entries written outside a view (admin changes).
    "rete.audit.http.RequestAddressMiddleware",
    # Marks request.user as verified when the session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Ends sessions idle for too long, keeps the list of a person's sessions, and sends a
    # signed-in person who still owes the second factor (or the yearly re-confirmation)
    # to the page that asks for it (rete.accounts.middleware).
    "rete.accounts.middleware.AccountSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it answers a locked-out sign-in with our page (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
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
LOGIN_REDIRECT_URL = "reserved:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Axes first: it refuses a locked-out sign-in before any password is checked. Then the
# platform's backend, which takes the personal code (RAV-000123), the username or the
# e-mail address. Another way to sign in (SPID, CIE through OIDC or SAML) is one more
# backend here: see the README, "Signing in".
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rete.accounts.backends.PersonalCodeBackend",
]
# Argon2id for new and changed passwords; older hashes are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from
# one address, that pair is refused for AXES_COOLOFF_MINUTES; the page says so and when.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rete.accounts.views.lockout_response"
AXES_USERNAME_CALLABLE = "rete.accounts.backends.axes_username"
# Sign-ins and failures go to the audit log. Axes keeps only its failure counters: no log
# of its own (AXES_DISABLE_ACCESS_LOG), no name typed or password in the request data it
# stores (AXES_SENSITIVE_PARAMETERS masks them), nothing in the application's log.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "password", "code", "token", "email"]

# Sessions: a browser session cookie that also ends after inactivity, shorter in the
# 1522 console (a shared workstation in a call centre) than in the reserved area.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 12 * 3600
ACCOUNTS_IDLE_MINUTES = env_int("ACCOUNTS_IDLE_MINUTES", 30)
ACCOUNTS_CONSOLE_IDLE_MINUTES = env_int("ACCOUNTS_CONSOLE_IDLE_MINUTES", 15)
# Every account confirms once a year that it still needs its access; 30 days after the
# date it is deactivated (`rete accounts-review`, daily).
ACCOUNTS_RECONFIRM_DAYS = env_int("ACCOUNTS_RECONFIRM_DAYS", 365)
ACCOUNTS_RECONFIRM_GRACE_DAYS = env_int("ACCOUNTS_RECONFIRM_GRACE_DAYS", 30)
# How long the links sent by e-mail work: e-mail verification, setting a password.
ACCOUNTS_LINK_HOURS = env_int("ACCOUNTS_LINK_HOURS", 72)
PASSWORD_RESET_TIMEOUT = ACCOUNTS_LINK_HOURS * 3600
# The name the authenticator app shows next to the codes.
OTP_TOTP_ISSUER = "Rete Antiviolenza"

# E-mail: the console in development (make run prints the messages), SMTP in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "Rete Antiviolenza <noreply@localhost>"
# The address the links in e-mails start with (no request at hand in a background task).
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

# Reserved documents: outside the web root (nothing serves this folder), each file given
# only by a view that checks the reader's scope first.
RESERVED_MEDIA_ROOT = Path(env_str("RESERVED_MEDIA_ROOT") or BASE_DIR / "reserved-media")
RESERVED_MAX_UPLOAD_MB = env_int("RESERVED_MAX_UPLOAD_MB", 20)

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
    "reserved": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": RESERVED_MEDIA_ROOT, "base_url": None},
    },
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

# Background tasks go to the database; `rete db_worker` (any number of them, on any machine)
# runs them. `rete demo` starts one beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Public statistics never show a count from 1 to this threshold, nor one that could be
# derived from what is shown (rete.statistics.disclosure).
STATISTICS_SUPPRESSION_THRESHOLD = env_int("STATISTICS_SUPPRESSION_THRESHOLD", 5)

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
        # Axes writes the address and the name typed at INFO level.
        "axes": {"level": "WARNING"},
    },
}
