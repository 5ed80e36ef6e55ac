"""One env-driven settings module; every variable is documented in docs/configuration.md."""

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


DATA_DIR = Path(os.environ.get("LAGESBILD_DATA_DIR", Path.cwd() / "var")).resolve()
DEBUG = env_bool("LAGESBILD_DEBUG")
SECRET_KEY = os.environ.get("LAGESBILD_SECRET_KEY", "insecure-development-key-change-me")
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "lagesbild.accounts",
    "lagesbild.staff",
    "lagesbild.communications",
    "lagesbild.reports",
    "lagesbild.distribution",
    "lagesbild.experiences",
    "lagesbild.decisions",
    "lagesbild.journal",
    "lagesbild.search",
    "lagesbild.demo",
    "lagesbild.notifications",
    "lagesbild.maintenance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lagesbild.lib.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

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
# Uploaded files are read in memory up to this size; larger are refused by the forms.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("LAGESBILD_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
X_FRAME_OPTIONS = "DENY"

# The anonymous web question: answers per client address per window (seconds); 0 turns it off.
EXPERIENCES_ANSWER_RATE_LIMIT = int(os.environ.get("LAGESBILD_ANSWER_RATE_LIMIT", "20"))
EXPERIENCES_ANSWER_RATE_WINDOW = int(os.environ.get("LAGESBILD_ANSWER_RATE_WINDOW", "600"))

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Request logs would tie anonymous answers to IP addresses, so django.server logs nothing.
    "loggers": {
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "lagesbild": {
            "handlers": ["console"],
            "level": os.environ.get("LAGESBILD_LOG_LEVEL", "INFO"),
        },
    },
}
