"""One env-driven settings module; every variable is documented in docs/configuration.md."""

import json
import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


DATA_DIR = Path(os.environ.get("LAGESBILD_DATA_DIR", Path.cwd() / "var")).resolve()
DEBUG = env_bool("LAGESBILD_DEBUG")
# Production mode turns the secure defaults on and refuses an unsafe configuration at start.
PRODUCTION = env_bool("LAGESBILD_PRODUCTION")
DEFAULT_SECRET_KEY = "insecure-development-key-change-me"
SECRET_KEY = os.environ.get("LAGESBILD_SECRET_KEY", DEFAULT_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "LAGESBILD_PRODUCTION is on but LAGESBILD_SECRET_KEY is the development default or "
        "shorter than 50 characters; set a long random key (see docs/production.md)."
    )
if PRODUCTION and DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LAGESBILD_DEBUG must be off when LAGESBILD_PRODUCTION is on.")

# Files the app creates (the SQLite database, uploads, the mailbox) are readable by its own
# user only: they hold personal data. Set here so every entry point (CLI, WSGI, tests) gets it.
if env_bool("LAGESBILD_PRIVATE_FILES", True):
    os.umask(0o077)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("LAGESBILD_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("LAGESBILD_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Absolute address of the app, used in e-mails and feeds where no request is at hand.
SITE_URL = os.environ.get("LAGESBILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # django.contrib.admin with a site that audits every change (accounts/admin_site.py).
    "lagesbild.accounts.admin_config.AuditedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "lagesbild.accounts",
    "lagesbild.staff",
    "lagesbild.communications",
    "lagesbild.reports",
    "lagesbild.distribution",
    "lagesbild.experiences",
    "lagesbild.themes",
    "lagesbild.lessons",
    "lagesbild.decisions",
    "lagesbild.journal",
    "lagesbild.search",
    "lagesbild.demo",
    "lagesbild.notifications",
    "lagesbild.records",
    "lagesbild.maintenance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lagesbild.lib.limits.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lagesbild.lib.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lagesbild.urls"
WSGI_APPLICATION = "lagesbild.wsgi.application"

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
                "lagesbild.accounts.context_processors.role",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(os.environ.get("LAGESBILD_DB_CONN_MAX_AGE", "60"))
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "lagesbild.sqlite3"),
            "OPTIONS": {
                # WAL lets readers run while one writer writes; writers queue instead of failing.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "timeout": int(os.environ.get("LAGESBILD_SQLITE_TIMEOUT", "20")),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the web question's rate-limit counters. With several web processes or
# machines it must be shared, so on PostgreSQL it lives in the database by default
# (`lagesbild createcachetable`; serve and serve-production create it). "memory" keeps it in
# each process, which is enough for one process on SQLite.
CACHE_KIND = os.environ.get(
    "LAGESBILD_CACHE",
    "database" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "memory",
)
CACHES = {
    "default": (
        {"BACKEND": "lagesbild.lib.cache.DatabaseCache", "LOCATION": "lagesbild_cache"}
        if CACHE_KIND == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Single sign-on with the region's identity provider (OpenID Connect, mozilla-django-oidc):
# offered once LAGESBILD_OIDC_CLIENT_ID and an issuer (or the endpoints) are set. Local
# accounts keep working beside it. See docs/configuration.md, "Inloggning via regionen".
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "lagesbild.accounts.oidc.RegionOIDCBackend",
]
LAGESBILD_OIDC_ISSUER = os.environ.get("LAGESBILD_OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("LAGESBILD_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("LAGESBILD_OIDC_CLIENT_SECRET", "")
# Endpoints come from the issuer's discovery document unless given here.
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("LAGESBILD_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("LAGESBILD_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("LAGESBILD_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("LAGESBILD_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("LAGESBILD_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("LAGESBILD_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("LAGESBILD_OIDC_PKCE", True)
OIDC_CREATE_USER = env_bool("LAGESBILD_OIDC_CREATE_USERS", True)
OIDC_TIMEOUT = int(os.environ.get("LAGESBILD_OIDC_TIMEOUT", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LAGESBILD_OIDC_GROUPS_CLAIM = os.environ.get("LAGESBILD_OIDC_GROUPS_CLAIM", "groups")
LAGESBILD_OIDC_GROUP_MAP = os.environ.get("LAGESBILD_OIDC_GROUP_MAP", "")
LAGESBILD_OIDC_ADMIN_GROUPS = os.environ.get("LAGESBILD_OIDC_ADMIN_GROUPS", "")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("LAGESBILD_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes' backend first (prepended to AUTHENTICATION_BACKENDS above), so a locked-out
# person is refused before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
# Login throttling (django-axes), for the app's login page and the admin alike: after
# LAGESBILD_LOGIN_FAILURE_LIMIT failures for one user name from one address the pair is
# locked out for LAGESBILD_LOGIN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(os.environ.get("LAGESBILD_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LAGESBILD_LOGIN_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Failed attempts are kept (they drive the lockout); successful logins are not logged with
# address and browser: the audit log records what people do, not where they sit.
AXES_DISABLE_ACCESS_LOG = True
# One notion of "the client's address" for throttling logins and web answers alike.
AXES_CLIENT_IP_CALLABLE = "lagesbild.lib.clients.client_address"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("LAGESBILD_TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    # The package's own static files (app.css) live outside any app, so they are listed here.
    PACKAGE_DIR / "static",
    ("vendor/htmx", REPO_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
# Uploaded files go through Django's storage API: a directory by default, or any storage class
# (e.g. django-storages' S3 backend for an S3-compatible store shared by several machines) with
# its options as JSON. See docs/distribution.md, "More than one machine".
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "LAGESBILD_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("LAGESBILD_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files are read in memory up to this size, then spooled to a private temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Non-file form data is capped (Django refuses larger bodies with 400); whole requests are
# capped by lagesbild.lib.limits.RequestSizeMiddleware at LAGESBILD_MAX_REQUEST_MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 50
MAX_REQUEST_BYTES = int(float(os.environ.get("LAGESBILD_MAX_REQUEST_MB", "60")) * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
WHITENOISE_USE_FINDERS = True
# Files are served from the finders; STATIC_ROOT exists only after collectstatic.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
WHITENOISE_AUTOREFRESH = DEBUG

# `lagesbild serve` refuses to start while migrations are pending unless this is true (or
# --migrate is given); `lagesbild demo` always migrates.
LAGESBILD_MIGRATE_ON_START = env_bool("LAGESBILD_MIGRATE_ON_START")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("LAGESBILD_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_SUBJECT_PREFIX = ""
DEFAULT_FROM_EMAIL = os.environ.get("LAGESBILD_MAIL_FROM", "lagesbild@localhost")
SMTP_URL = os.environ.get("LAGESBILD_SMTP_URL", "smtp://127.0.0.1:1025")
# Connections one worker keeps open to the relay at once (each carries one message at a time),
# and messages sent over one connection before it is closed and opened again (0: no limit).
SMTP_CONNECTIONS = int(os.environ.get("LAGESBILD_SMTP_CONNECTIONS", "20"))
SMTP_MESSAGES_PER_CONNECTION = int(os.environ.get("LAGESBILD_SMTP_MESSAGES_PER_CONNECTION", "100"))

SESSION_COOKIE_HTTPONLY = True
# A session ends when the browser closes, and after this many minutes without a request.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("LAGESBILD_SESSION_IDLE_MINUTES", "120")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SECURE = env_bool("LAGESBILD_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "lagesbild.lib.errors.csrf_failure"
# HTTPS: in production mode both default on; behind a TLS-terminating proxy also set
# LAGESBILD_TRUSTED_PROXIES so X-Forwarded-Proto is believed (see docs/production.md).
SECURE_SSL_REDIRECT = env_bool("LAGESBILD_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    os.environ.get("LAGESBILD_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LAGESBILD_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("LAGESBILD_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed.
# Empty: the client address is REMOTE_ADDR and forwarded headers are ignored.
TRUSTED_PROXIES = env_list("LAGESBILD_TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content Security Policy (django-csp): only our own scripts and styles, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The anonymous web question: answers per client address per window (seconds); 0 turns it off.
EXPERIENCES_ANSWER_RATE_LIMIT = int(os.environ.get("LAGESBILD_ANSWER_RATE_LIMIT", "20"))
EXPERIENCES_ANSWER_RATE_WINDOW = int(os.environ.get("LAGESBILD_ANSWER_RATE_WINDOW", "600"))
# Uploaded survey exports never imported are deleted after this many days
# (`lagesbild experiences-purge-imports`, run daily).
EXPERIENCES_IMPORT_RETENTION_DAYS = int(os.environ.get("LAGESBILD_IMPORT_RETENTION_DAYS", "7"))
# Threads the theme engine's numerical libraries (BLAS, OpenMP) may use during a discovery run.
# One: the worker shares the cores with the web server and the database, and with two threads
# on a busy machine the libraries spin waiting for each other (2,000 answers: 10.4 s of CPU
# with two threads, 3.9 s with one; benchmarks/discovery_profile.py).
THEMES_ENGINE_THREADS = int(os.environ.get("LAGESBILD_ENGINE_THREADS", "1"))

# The decision basis: the risk method's scale words (their number is the scale's size) and the
# top score in the options matrix.
RISK_LIKELIHOOD_WORDS = [
    w.strip()
    for w in os.environ.get(
        "LAGESBILD_RISK_LIKELIHOOD_WORDS", "Osannolik,Möjlig,Sannolik,Mycket sannolik"
    ).split(",")
    if w.strip()
]
RISK_CONSEQUENCE_WORDS = [
    w.strip()
    for w in os.environ.get(
        "LAGESBILD_RISK_CONSEQUENCE_WORDS", "Begränsad,Måttlig,Allvarlig,Mycket allvarlig"
    ).split(",")
    if w.strip()
]
OPTION_SCORE_MAX = int(os.environ.get("LAGESBILD_OPTION_SCORE_MAX", "5"))

# Requests for public documents: office hours for the same-day clock, the warning before the
# day's end, the registration number format and how long requester details are kept.
RECORDS_OFFICE_HOURS = os.environ.get("LAGESBILD_RECORDS_OFFICE_HOURS", "08:00-16:30")
# Holiday library categories that are not working days: "de_facto" is the eves (midsommar-,
# jul-, nyårsafton); add "optional" or "bank" for stricter office calendars.
RECORDS_HOLIDAY_CATEGORIES = os.environ.get(
    "LAGESBILD_RECORDS_HOLIDAY_CATEGORIES", "public,de_facto"
).split(",")
RECORDS_WARN_MINUTES = int(os.environ.get("LAGESBILD_RECORDS_WARN_MINUTES", "60"))
RECORDS_NUMBER_FORMAT = os.environ.get("LAGESBILD_RECORDS_NUMBER_FORMAT", "AH {year}-{seq:04d}")
RECORDS_RETENTION_DAYS = int(os.environ.get("LAGESBILD_RECORDS_RETENTION_DAYS", "90"))
# FAQ answers not reviewed in this many days are flagged to their owner.
FAQ_STALE_DAYS = int(os.environ.get("LAGESBILD_FAQ_STALE_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"skip_client_errors": {"()": "lagesbild.lib.errors.SkipClientErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "server_errors": {"class": "logging.StreamHandler", "filters": ["skip_client_errors"]},
    },
    # Request logs would tie anonymous answers to IP addresses, so django.server logs nothing.
    "loggers": {
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # A 403/404 is expected (a stale form, a guessed address): no traceback, no line per
        # visitor. Server errors still reach the console.
        "django.request": {"handlers": ["server_errors"], "propagate": False},
        "django.security": {"handlers": ["server_errors"], "propagate": False},
        "lagesbild": {
            "handlers": ["console"],
            "level": os.environ.get("LAGESBILD_LOG_LEVEL", "INFO"),
        },
    },
}
