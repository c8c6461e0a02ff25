"""Settings for the platform: one module that runs with no environment at all.

Without any variable set it uses a SQLite file, runs Celery tasks in-process and fixed
development keys. `DJANGO_ENV=production` demands real secrets and refuses to start without
them. Every variable read here is listed in `.env.example` and the README.
"""

import base64
import binascii
import os
from datetime import date, timedelta
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


# --- reading the environment: small helpers that fail loudly on bad values (healthchecks) ---
def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_key(raw: str, name: str) -> bytes:
    """A base64 key of exactly 32 bytes (AES-256 / HMAC-SHA256)."""
    try:
        key = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"{name} must be base64") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name} must decode to 32 bytes, got {len(key)}")
    return key


DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, production or test")
PRODUCTION = DJANGO_ENV == "production"

_REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY")
if PRODUCTION:
    missing = [name for name in _REQUIRED_IN_PRODUCTION if not env_str(name)]
    if missing:
        raise ImproperlyConfigured("Production mode needs these variables: " + ", ".join(missing))

# Development defaults are public on purpose: they protect nothing and production refuses them.
_DEV_SECRET = "dev-only-insecure-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if PRODUCTION and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must not be the development key in production")
DEBUG = env_bool("DEBUG", False) and not PRODUCTION
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "frontend.views.errors.csrf_failure"  # a Chinese page, not Django's English one

# --- encryption of sensitive personal data (security.md) ---
# FIELD_ENCRYPTION_KEYS: "kid:base64key[,kid:base64key...]"; the first is used to encrypt, all decrypt.
_DEV_FIELD_KEYS = "dev1:" + base64.b64encode(b"development-field-key-32-bytes!!").decode()
_DEV_BLIND_KEY = base64.b64encode(b"development-blind-index-key-32b!").decode()


def _parse_field_keys(raw: str) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for part in raw.split(","):
        kid, sep, b64 = part.strip().partition(":")
        if not sep or not kid:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS entries look like kid:base64key")
        keys[kid] = env_key(b64, f"FIELD_ENCRYPTION_KEYS[{kid}]")
    return keys


FIELD_ENCRYPTION_KEYS = _parse_field_keys(env_str("FIELD_ENCRYPTION_KEYS", _DEV_FIELD_KEYS))
FIELD_ENCRYPTION_CURRENT_KEY = next(iter(FIELD_ENCRYPTION_KEYS))
BLIND_INDEX_KEY = env_key(env_str("BLIND_INDEX_KEY", _DEV_BLIND_KEY), "BLIND_INDEX_KEY")
if PRODUCTION and (
    env_str("FIELD_ENCRYPTION_KEYS") == _DEV_FIELD_KEYS or env_str("BLIND_INDEX_KEY") == _DEV_BLIND_KEY
):
    raise ImproperlyConfigured("Production must not use the development encryption keys")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "backend.accounts",
    "quota",
    "matching",
    "indicators",
    "registry",
    "daycentres",
    "notifications",
    "assistance",
    "jobfairs",
    "training",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /healthz and /readyz answer here, before sessions, users and the host check (backend/health.py).
    "backend.health.HealthMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # NUL in the URL or a form field is a 400 before any view or lookup (PostgreSQL refuses it).
    "backend.api.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "backend.accounts.middleware.SessionTimeoutMiddleware",
    "backend.accounts.signin.middleware.SecondFactorMiddleware",
    "backend.accounts.middleware.RequestIdMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-level overrides (the admin's base_site.html) come before the apps' templates.
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.layout",
            ],
        },
    },
]

# --- database: SQLite file by default, DATABASE_URL selects PostgreSQL ---
import dj_database_url  # noqa: E402

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
# PostgreSQL: a database that stops answering must fail a request, not hang it until gunicorn
# kills the worker. libpq gives up connecting after DB_CONNECT_TIMEOUT_SECONDS; the server cancels
# a statement after DB_STATEMENT_TIMEOUT_SECONDS (0: no limit; Celery workers run the annual audit
# and bulk imports and get a larger value in their own environment, README "Production topology");
# TCP keepalives notice a vanished server or network on an idle connection. Below gunicorn's
# timeout (gunicorn.conf.py), so the request fails with a logged error first. A parameter given in
# DATABASE_URL's query string wins.
DB_CONNECT_TIMEOUT_SECONDS = env_int("DB_CONNECT_TIMEOUT_SECONDS", 5)
DB_STATEMENT_TIMEOUT_SECONDS = env_int("DB_STATEMENT_TIMEOUT_SECONDS", 30)
if DB_CONNECT_TIMEOUT_SECONDS < 1 or DB_STATEMENT_TIMEOUT_SECONDS < 0:
    raise ImproperlyConfigured(
        "DB_CONNECT_TIMEOUT_SECONDS must be 1 or more, DB_STATEMENT_TIMEOUT_SECONDS 0 or more"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = {
        "connect_timeout": DB_CONNECT_TIMEOUT_SECONDS,
        "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT_SECONDS * 1000}",  # milliseconds
        "keepalives": 1,
        "keepalives_idle": env_int("DB_KEEPALIVES_IDLE_SECONDS", 30),
        "keepalives_interval": env_int("DB_KEEPALIVES_INTERVAL_SECONDS", 10),
        "keepalives_count": env_int("DB_KEEPALIVES_COUNT", 3),
    }
    DATABASES["default"]["OPTIONS"] = {**_pg_options, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Lets an employer whose account awaits activation hear so instead of "wrong password", and
    # drops the session of a deactivated account on its next request.
    "backend.accounts.signin.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "backend.accounts.passwords.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "frontend:login"
LOGIN_REDIRECT_URL = "frontend:home"
LOGOUT_REDIRECT_URL = "frontend:home"

# --- login throttling: django-axes, a cool-off, never a permanent lockout ---
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "frontend/lockout.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# --- the client's address (backend/accounts/signin/clientip.py), for throttles and lockouts ---
# How many reverse proxies of our own stand in front of gunicorn. 0: X-Forwarded-For is ignored
# (anyone can write it); N: the N-th address from the right of X-Forwarded-For is the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
# axes locks (username, client address): failures behind the proxy lock the attacker's address,
# not everybody's, and many addresses together cannot lock a username.
AXES_CLIENT_IP_CALLABLE = "backend.accounts.signin.clientip.client_ip"

# --- second factor (django-otp TOTP) for the roles that take decisions or run the system ---
# On by default in production only: development, the demo and the tests sign in with a password;
# tests that check the second factor switch it on. Enrolment: README "两步验证".
OTP_REQUIRED = env_bool("OTP_REQUIRED", PRODUCTION)
# 就业服务专员 (service) read the disability-related casework of a whole region, like auditors
# read rosters: the same second factor (issue 15).
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "auditor,service,admin")
if set(OTP_REQUIRED_ROLES) - {"seeker", "employer", "auditor", "service", "admin"}:
    raise ImproperlyConfigured("OTP_REQUIRED_ROLES lists roles: seeker, employer, auditor, service, admin")
OTP_TOTP_ISSUER = "太仓残疾人就业平台"
# The admin site never shows a device's secret or QR code: an administrator who could read an
# auditor's TOTP key would hold that auditor's second factor (三员分立). A lost phone is handled by
# deleting the device; its owner enrols again.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- sessions: rotated at login (Django does), idle and absolute timeouts ---
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)  # idle timeout
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- security headers ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Probes talk plain HTTP to gunicorn; a redirect would tell them nothing.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # gunicorn sits behind a TLS-terminating proxy that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# django-csp 4: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- uploads: refused from Content-Length before the body is read (quota/services/upload_limits.py) ---
# Any multipart body; the largest upload (credit-case evidence, 5 files of 10 MB,
# quota/services/attachments.py) fits.  A view declares a lower limit with @upload_limit.
UPLOAD_MAX_REQUEST_BYTES = 64 * 1024 * 1024
# The roster file (xlsx or CSV).  Its other limits are quota.core.file_checks.FileLimits;
# ROSTER_IMPORT_LIMITS overrides them by field name.
ROSTER_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
ROSTER_IMPORT_LIMITS: dict = {}
# An accepted roster, with the form around it, stays in memory: it never touches the disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = ROSTER_UPLOAD_MAX_BYTES + 64 * 1024
FILE_UPLOAD_HANDLERS = [
    "quota.services.upload_limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- i18n: Chinese interface, stored in UTC, shown in Asia/Shanghai ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic target in production; unset in development so WhiteNoise serves from the apps.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))) if PRODUCTION else None
# WhiteNoise serves static files from the app directories so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# A checked roster file waits here between the page's confirmation and the import (private: not
# under MEDIA_ROOT; shared by the web processes; files older than an hour are removed).
ROSTER_IMPORT_STAGING_DIR = Path(
    env_str("ROSTER_IMPORT_STAGING_DIR", str(BASE_DIR / "var" / "roster-staging"))
)
# Where versioned matching indexes are stored (shared by workers and web processes).
MATCHING_INDEX_DIR = Path(env_str("MATCHING_INDEX_DIR", str(BASE_DIR / "var" / "index")))
# How often a web process looks for index changes made elsewhere, and how many changes make a
# worker write a fresh snapshot.
MATCHING_INDEX_CHECK_SECONDS = env_int("MATCHING_INDEX_CHECK_SECONDS", 5)
MATCHING_INDEX_SNAPSHOT_EVERY = env_int("MATCHING_INDEX_SNAPSHOT_EVERY", 500)

# --- cache: throttle counters live in Redis in production ---
# Without Redis the throttles fail open and log a warning (backend/accounts/signin/throttles.py);
# the socket timeouts keep a frozen Redis from holding a request (redis-py has none by default).
REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_SECONDS", 1)
if REDIS_TIMEOUT_SECONDS < 1:
    raise ImproperlyConfigured("REDIS_TIMEOUT_SECONDS must be 1 or more")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery: in-process unless a broker is configured ---
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True  # a killed worker's task runs again; tasks are idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Redis redelivers a message nobody acknowledged after this long (kombu's default is an hour): a
# killed worker's task runs again within it.  It must exceed the longest task, or a task still
# running is delivered a second time (harmless, the audit is idempotent, but twice the work).
CELERY_VISIBILITY_TIMEOUT_SECONDS = env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 15 * 60)
if CELERY_VISIBILITY_TIMEOUT_SECONDS < 1:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT_SECONDS must be 1 or more")
# Each worker looks for such messages every 10 s (kombu's unacked_restore_interval); kombu only
# really scans every 10th look by default, which would add up to 100 s: scan every time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT_SECONDS,
    "unacked_restore_throttle": 1,
}

# --- audit runs: retries and the sweeper (quota/audit/services/recovery.py) ---
# A database error inside the audit task is retried this many times, waiting 5 s, 10 s, 20 s …
AUDIT_TASK_MAX_RETRIES = env_int("AUDIT_TASK_MAX_RETRIES", 4)
# The sweeper re-enqueues a run queued for longer than AUDIT_SWEEP_QUEUED_MINUTES (its message
# was lost or never sent) or running without a heartbeat for AUDIT_SWEEP_STALE_MINUTES (its
# worker died and the message is gone), and fails a run started AUDIT_MAX_ATTEMPTS times.
AUDIT_SWEEP_QUEUED_MINUTES = env_int("AUDIT_SWEEP_QUEUED_MINUTES", 10)
AUDIT_SWEEP_STALE_MINUTES = env_int("AUDIT_SWEEP_STALE_MINUTES", 20)
AUDIT_SWEEP_EVERY_MINUTES = env_int("AUDIT_SWEEP_EVERY_MINUTES", 5)
AUDIT_MAX_ATTEMPTS = env_int("AUDIT_MAX_ATTEMPTS", 10)
if min(AUDIT_SWEEP_QUEUED_MINUTES, AUDIT_SWEEP_STALE_MINUTES, AUDIT_SWEEP_EVERY_MINUTES) < 1:
    raise ImproperlyConfigured("AUDIT_SWEEP_*_MINUTES must be 1 or more")
# Every execution counts as an attempt, the task's own retries too: leave room for one full
# series of retries, or a single database outage would use up the run.
if not 0 <= AUDIT_TASK_MAX_RETRIES < AUDIT_MAX_ATTEMPTS - 1:
    raise ImproperlyConfigured("AUDIT_TASK_MAX_RETRIES must be 0 or more and below AUDIT_MAX_ATTEMPTS - 1")
# An audit run is cut into chunks of this many employers (a Celery task each, memory bounded by it).
AUDIT_CHUNK_EMPLOYERS = env_int("AUDIT_CHUNK_EMPLOYERS", 1000)
if AUDIT_CHUNK_EMPLOYERS < 1:
    raise ImproperlyConfigured("AUDIT_CHUNK_EMPLOYERS must be 1 or more")
# `celery -A backend beat` sends the sweep; without a broker, run `manage.py sweep_audit_runs`.
CELERY_BEAT_SCHEDULE = {
    "sweep-audit-runs": {
        "task": "quota.tasks.audit_sweep_task",
        "schedule": timedelta(minutes=AUDIT_SWEEP_EVERY_MINUTES),
        # A sweep nobody ran in time is replaced by the next one, not queued behind it.
        "options": {"expires": AUDIT_SWEEP_EVERY_MINUTES * 60},
    },
    # Every night at 02:30 (CELERY_TIMEZONE): re-check the current data year's rosters against
    # the registry and insurance records, close expired postings, compact the match index.
    "nightly-recheck": {
        "task": "quota.tasks.nightly_recheck_task",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * 3600},
    },
    # Every morning at 08:00: new postings for seekers' saved searches (daily ones each day,
    # weekly ones once a week), in the inbox — after the night's expiry closed old postings.
    "saved-search-reminders": {
        "task": "matching.tasks.notify_saved_searches",
        "schedule": crontab(hour=8, minute=0),
        "options": {"expires": 6 * 3600},
    },
}

# --- notifications: the SMS / e-mail provider, reset codes, levy deadline reminders ---
# "outbox" stores messages in the database (admin: 发件箱) instead of sending them; production
# names a provider class (notifications/senders/__init__.py describes the interface).
NOTIFICATION_SENDER = env_str("NOTIFICATION_SENDER", "outbox")
PASSWORD_RESET_CODE_MINUTES = env_int("PASSWORD_RESET_CODE_MINUTES", 10)
PASSWORD_RESET_MAX_ATTEMPTS = env_int("PASSWORD_RESET_MAX_ATTEMPTS", 5)
if PASSWORD_RESET_CODE_MINUTES < 1 or PASSWORD_RESET_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured(
        "PASSWORD_RESET_CODE_MINUTES and PASSWORD_RESET_MAX_ATTEMPTS must be 1 or more"
    )


def _month_day(name: str, default: str) -> tuple[int, int]:
    raw = env_str(name, default)
    try:
        month, day = (int(part) for part in raw.split("-"))
        date(2024, month, day)  # a leap year: 02-29 is a real deadline
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be MM-DD, got {raw!r}") from exc
    return month, day


# The certification and declaration window typically closes on 31 October (quota-rules.md,
# "Process"); Jiangsu publishes each year's window, so it is a setting.
LEVY_DECLARATION_DEADLINE = _month_day("LEVY_DECLARATION_DEADLINE", "10-31")
try:
    LEVY_REMINDER_DAYS = sorted({int(d) for d in env_list("LEVY_REMINDER_DAYS", "30,7,1")})
except ValueError as exc:
    raise ImproperlyConfigured("LEVY_REMINDER_DAYS lists whole days, e.g. 30,7,1") from exc
CELERY_BEAT_SCHEDULE["levy-deadline-reminders"] = {
    "task": "notifications.tasks.levy_deadline_task",
    "schedule": crontab(hour=9, minute=0),
    "options": {"expires": 6 * 3600},
}

# --- REST API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns "not logged in" into 401, not 403.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON with a nesting limit: deeply nested bodies are a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "backend.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.api.StandardPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "backend.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "backend.api.errors.exception_handler",
    # Keyed on the real client address; NUM_PROXIES covers any DRF throttle used directly.
    "DEFAULT_THROTTLE_CLASSES": ["backend.accounts.signin.throttles.ScopedRateThrottle"],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "login": env_str("THROTTLE_LOGIN", "10/min"),
        # Failed sign-ins per username from all addresses together (pages and API).
        "login_username": env_str("THROTTLE_LOGIN_USERNAME", "20/hour"),
        "calculator": env_str("THROTTLE_CALCULATOR", "60/min"),
        "reveal": env_str("THROTTLE_REVEAL", "30/min"),
        "export": env_str("THROTTLE_EXPORT", "20/min"),
        "register": env_str("THROTTLE_REGISTER", "10/hour"),
        # Registry and insurance imports (pages and API): each checks and writes a whole file.
        "registry_import": env_str("THROTTLE_REGISTRY_IMPORT", "30/hour"),
        # Password reset (frontend/views/password_reset.py): requests and code tries per client
        # address, and per account identifier from all addresses together.
        "password_reset": env_str("THROTTLE_PASSWORD_RESET", "10/hour"),
        "password_reset_identifier": env_str("THROTTLE_PASSWORD_RESET_IDENTIFIER", "5/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
REST_KNOX = {
    # Knox stores only a hash of each token, and tokens expire (DRF's own tokens do neither).
    "TOKEN_TTL": timedelta(hours=env_int("API_TOKEN_TTL_HOURS", 8)),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 5,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "残疾人就业匹配与按比例就业合规平台 API",
    "DESCRIPTION": "太仓市残疾人就业供需信息与按比例安排就业平台的接口。错误响应统一为 {detail, errors{字段: [消息]}}。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every choice set gets its own stable name (otherwise "status"/"kind" collide across apps).
    "ENUM_NAME_OVERRIDES": {
        f"{cls}Enum": f"{module}.{cls}"
        for module, classes in {
            "backend.accounts.choices": "Role AuditorKind RegionLevel OrgType EmployerStatus CertificateKind Sex "
            "ConsentScope AccessPurpose",
            "quota.choices": "ReportStatus RosterCertificateKind DraftSource DraftDecision ReportAttachmentKind",
            "quota.audit.choices": "AuditStatus Severity ResultStatus FindingKind NoticeStatus AdjustmentKind "
            "LedgerKind LedgerStatus CreditLevel CreditStatus ObjectionDecision CreditCaseStatus "
            "CreditCaseDecision ClosureAction ClosureStatus AttachmentType",
            "matching.choices": "EmploymentForm Hours PostingStatus ApplicationStatus FeedbackReason EmploymentSource",
            "indicators.choices": "TrainingKind",
            "registry.choices": "ImportKind",
            "assistance.choices": "CaseStatus ContactKind ReferralKind ReferralStatus Outcome Readiness "
            "AssessmentStatus SeekerReason",
            "jobfairs.choices": "FairFormat FairStatus ResultKind",
            "daycentres.choices": "SubsidyKind OrderStatus",
        }.items()
        for cls in classes.split()
    }
    | {"EnteredSourceEnum": "matching.choices.ENTERED_SOURCE_CHOICES"}
    | {
        f"{cls}Enum": f"notifications.choices.{cls}"
        for cls in "NotificationKind ContactMethod TimeSlot BookingStatus".split()
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
