"""Seloste settings, driven by environment variables (see README.md)."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in production, "
            "or DEBUG=1 for a local development run."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    # django-axes, with a Finnish name and admin (config/apps.py).
    "config.apps.SignInLimitsConfig",
    "allauth",
    "allauth.account",
    "csp",
    "registers",
    "privacy_notices",
    "subjects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "registers.context_processors.organisations",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A persistent connection is checked before reuse, so the first request after
        # a database restart does not fail on a dead connection.
        conn_health_checks=True,
    )
}

# No cache server is needed. "public_pages" is each process's memory of the newest
# published page per notice (privacy_notices/page_cache.py): PUBLIC_PAGE_LOCAL_SECONDS
# is how long another process may still serve the previous version after a publish.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "TIMEOUT": env_int("PUBLIC_PAGE_LOCAL_SECONDS", 1),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out sign-in before the password is checked.
# allauth's backend signs in by e-mail address as well as by username.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi")]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# PDFs are laid out in a separate process with these limits (privacy_notices/pdf.py):
# seconds of wall time, and MiB of address space (RLIMIT_AS; the child starts at about
# 270 and a notice that takes the whole 20 s to lay out peaks near 600). gunicorn's
# timeout (deploy/gunicorn.conf.py) must stay above the time limit.
PDF_RENDER_TIMEOUT = env_int("PDF_RENDER_TIMEOUT", 20)
PDF_RENDER_MEMORY_MB = env_int("PDF_RENDER_MEMORY_MB", 1024)

# The largest organisation document import_organisation reads (MB). Parsing JSON takes
# several times its size in memory; a published version is about 0.2 MB in it.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 100)

# The largest old notice (.txt, .pdf, .docx) an officer may upload for import, in bytes
# (registers/import_views.py). The shipped nginx lets an import request well above it
# through (deploy/nginx), so that a too large file gets the application's Finnish
# message next to the file field instead of nginx's refusal.
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# Django's own limits, stated: an uploaded file above 2.5 MB is streamed to a temporary
# file, never held in memory; the other fields of a form may take 2.5 MB together (a
# pasted notice is some 20-60 kB). The review of an import posts a few fields for each
# proposed value, and a notice of several registers proposes hundreds of values.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 10_000)

# The public request form (subjects/limits.py): submissions per client address and
# per organisation in an hour. Within them no real person is stopped; beyond them a
# flood is, without a captcha.
REQUESTS_PER_ADDRESS_PER_HOUR = env_int("REQUESTS_PER_ADDRESS_PER_HOUR", 5)
REQUESTS_PER_ORGANISATION_PER_HOUR = env_int("REQUESTS_PER_ORGANISATION_PER_HOUR", 50)
# The public address of the site, for the links written into a published notice's
# PDF (the request form). Unset, the address the publisher's browser used is taken.
SITE_URL = env_str("SITE_URL", "").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/\s?#]+", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's address, e.g. https://seloste.example.fi, got {SITE_URL!r}."
    )

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "registers:dashboard"
LOGOUT_REDIRECT_URL = "account_login"

# Accounts (django-allauth, config/accounts.py; docs/decisions.md "Onboarding"). Anyone
# may sign up with an e-mail address unless SIGNUP_OPEN is off; the address must be
# confirmed by its link before the first sign-in. Users made by staff or load_demo
# (no e-mail address row) sign in by username as before.
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", default=True)
ACCOUNT_ADAPTER = "config.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# The session ends with the browser (below): no "remember me".
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Seloste: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# django-axes limits sign-ins (below, in the database, shared by every worker);
# allauth's own sign-in limits would answer its own 429 before django-axes counts.
# Its other limits (sign-up, password reset, confirmation mails) stay; they live in
# each process's cache.
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": None}
# A password reset link lasts a day and works once (it hashes the password and the
# last sign-in, both of which the reset changes).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# Brute-force protection (django-axes). The lock is on the username *and* the IP
# address together, short and lifted by a successful sign-in, so that an attacker
# guessing passwords cannot lock a real user out of their own account for long.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A second, higher limit locks an address that guesses over many usernames; it is
# Seloste's own (config/sign_in_limits.py): django-axes compares every lockout
# parameter with the one AXES_FAILURE_LIMIT. Above the per-user limit, so that an
# office behind one address is not locked by a few colleagues' typos.
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
if AXES_ADDRESS_FAILURE_LIMIT <= AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        f"AXES_ADDRESS_FAILURE_LIMIT ({AXES_ADDRESS_FAILURE_LIMIT}) must be above "
        f"AXES_FAILURE_LIMIT ({AXES_FAILURE_LIMIT})."
    )
AXES_HANDLER = "config.sign_in_limits.SignInLimitsHandler"
AXES_LOCKOUT_CALLABLE = "config.sign_in_limits.lockout_response"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# The attempted username, cut to the length django-axes can store (config/sign_in_limits.py).
AXES_USERNAME_CALLABLE = "config.sign_in_limits.attempted_username"
# Behind the shipped nginx the client's address comes in X-Real-IP, believed only from
# these proxy addresses (config/client_ip.py).
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])

# An admin UI: a working day's session that also ends when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "seloste@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production assumes the shipped nginx in front (deploy/nginx/seloste.conf): it
# terminates TLS and sets X-Forwarded-Proto, which Django then trusts to know a
# request came over HTTPS. Each default is changeable by the variable of its name;
# see docs/deploy.md. With DEBUG on (make run) they are all off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("SECURE_PROXY_SSL_HEADER", default=not DEBUG)
    else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp) of every page: scripts, styles, images and fonts
# from this site's own static files only, nothing inline, nothing evaluated. The public
# notice pages replace it with a stricter one that runs no script at all
# (privacy_notices/page_policy.py). docs/decisions.md tells how templates keep to it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its form controls' icons as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Browser features no page of the site uses, refused for every page and anything it
# might embed (django-permissions-policy). An empty list means "nobody".
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Turning HSTS subdomains or preload off is a documented choice of the operator, not
# an oversight: its deployment-check warning would only fail `check --deploy`.
SILENCED_SYSTEM_CHECKS: list[str] = []
if not DEBUG and SECURE_HSTS_SECONDS and not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")
if not DEBUG and SECURE_HSTS_SECONDS and not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
