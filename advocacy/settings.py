"""Settings for advocacy, read from the environment (see docs/configuration.md).

Every variable is validated here, at start-up: a missing or malformed value
raises ImproperlyConfigured naming the variable.
"""

import base64
import hashlib
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import database_from_url, envbool, envint, envlist, envstr, envurl

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR") or BASE_DIR / "var")

DEBUG = envbool("DEBUG", False)

# --- secrets ---------------------------------------------------------------
# A development default exists only with DEBUG on, so a production server can
# never run with a key that is published in this repository.
_DEV_SECRET = "dev-only-insecure-secret-key-advocacy-do-not-use-in-production"
SECRET_KEY = envstr("SECRET_KEY") or (_DEV_SECRET if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (50+ random characters)")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters when DEBUG is off")


def _dev_fernet_key(label: str) -> str:
    digest = hashlib.sha256(f"{SECRET_KEY}:{label}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _fernet_keys(name: str) -> list[str]:
    keys = envlist(name) or ([_dev_fernet_key(name)] if DEBUG else [])
    if not keys:
        raise ImproperlyConfigured(
            f"{name} must be set when DEBUG is off: one or more Fernet keys, newest first, comma-separated"
        )
    for key in keys:
        try:
            if len(base64.urlsafe_b64decode(key.encode())) != 32:
                raise ValueError
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} holds a value that is not a Fernet key (32 url-safe base64 bytes)"
            ) from None
    return keys


# Newest key first: it encrypts; every key in the list can decrypt (rotation).
FIELD_ENCRYPTION_KEYS = _fernet_keys("FIELD_ENCRYPTION_KEYS")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off")

# Client addresses are only trusted from X-Forwarded-For when the socket's peer
# is one of these proxies; by default the client is the peer, so a forged
# header changes nothing.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])

# --- applications ----------------------------------------------------------
INSTALLED_APPS = [
    "advocacy.apps.AdvocacyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "channels",
    "advocacy.apps.AdvocacyConfig",
    "staff",
    "program",
    "cases",
    "consent",
    "scheduling",
    "sessions.apps.VideoSessionsConfig",
    "reports",
    "retention",
]

MIDDLEWARE = [
    # First: removes client address, user agent and referrer from the request
    # before anything else can log or store them (privacy invariant 2).
    "advocacy.middleware.ClientPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "advocacy.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "advocacy.middleware.SameOriginNullOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.RequireSecondFactorMiddleware",
    "staff.middleware.StaffTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "advocacy.urls"
WSGI_APPLICATION = "advocacy.wsgi.application"
ASGI_APPLICATION = "advocacy.asgi.application"

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
                "staff.context_processors.navigation",
                "sessions.context_processors.survivor",
            ],
        },
    },
]

# --- database --------------------------------------------------------------
DATABASES = {"default": database_from_url("DATABASE_URL", "sqlite:///var/db.sqlite3", BASE_DIR)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Under ASGI every request may run on a different thread: a psycopg pool
    # shares a few connections instead of one persistent connection a thread.
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": envint("DATABASE_POOL_MIN", 1, minimum=0),
        "max_size": envint("DATABASE_POOL_MAX", 10, minimum=1),
        "timeout": envint("DATABASE_POOL_TIMEOUT", 10, minimum=1),
    }
else:
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer, cache, broker ------------------------------------
REDIS_URL = envurl("REDIS_URL", None, ("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "advocacy.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py's pool refuses a 101st connection at once; closing 1,000 waiting-room
                # sockets together (a restart) needs one each. Its default 5 s read timeout races
                # the layer's 5 s blocking receive and kills a waiting socket (docs/benchmarks.md).
                "hosts": [{"address": REDIS_URL, "max_connections": 2000, "socket_timeout": 10}],
                # Waiting-room messages are encrypted, so Redis never holds them readable.
                "symmetric_encryption_keys": [SECRET_KEY],
                # No shorter than the longest session (4 hours).
                "group_expiry": 4 * 3600,
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    # A task not acknowledged within this long is handed to another worker
    # (acks_late): longer than any task's time limit, and than send_code's
    # longest retry countdown, or a slow job would run twice at once.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # One process serves everything in this mode (bin/run-dev), so its memory
    # can hold the sessions too; locmem's default of 300 entries would not.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # A broker that needs no server: messages are files under var/celery.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        # Otherwise kombu writes its broadcast exchanges to ./control.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    # The transport lists these folders at start-up and dies if they are missing.
    for _folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)

CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery keeps the LOGGING above (its filter removes addresses) instead of its own root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# No task runs longer: a retention job stopped here has committed its finished
# batches and the next run goes on from there (docs/retention.md).
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TASK_TIME_LIMIT = 600
# Exactly one beat sends the jobs, however many run (retention/beat.py).
CELERY_BEAT_SCHEDULER = "retention.beat:SingleBeatScheduler"
# For tests and demos only: every retention job this many seconds apart.
RETENTION_BEAT_SECONDS = envint("RETENTION_BEAT_SECONDS", 0, minimum=0, maximum=3600)


def _every(minutes: int, task: str) -> dict:
    seconds = RETENTION_BEAT_SECONDS or minutes * 60
    # A run not started within its interval is dropped: the next one does its
    # work, so a stopped worker does not come back to a pile of copies.
    return {"task": task, "schedule": seconds, "options": {"expires": max(seconds, 60)}}


# The retention jobs (docs/retention.md); the call-log fold and code expiry more often.
CELERY_BEAT_SCHEDULE = {
    "fold-and-delete-call-events": _every(5, "sessions.tasks.fold_call_events"),
    "retire-rooms": _every(5, "sessions.tasks.retire_rooms"),
    "expire-join-codes": _every(5, "scheduling.tasks.expire_codes"),
    "purge-code-deliveries": _every(15, "scheduling.tasks.purge_code_deliveries"),
    "forget-contacts": _every(15, "consent.tasks.forget_contacts"),
    "purge-notes": _every(15, "cases.tasks.purge_notes"),
    "erase-closed-cases": _every(15, "cases.tasks.erase_closed_cases"),
    "purge-access-records": _every(15, "cases.tasks.purge_access_records"),
    # Hourly, the throttle's own window: clearing more often would shorten the pause.
    "clear-throttle": _every(60, "sessions.tasks.clear_throttle"),
    "purge-records": _every(60, "retention.tasks.purge_records"),
}

# --- accounts and two factors ------------------------------------------------
AUTH_USER_MODEL = "staff.User"
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "two_factor:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "advocacy")
TWO_FACTOR_REMEMBER_COOKIE_AGE = None  # every login asks for the second factor
TWO_FACTOR_LOGIN_TIMEOUT = 300
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60)
REAUTH_MINUTES = envint("REAUTH_MINUTES", 5, minimum=1, maximum=60)
BACKUP_CODE_COUNT = 10
PASSWORD_RESET_TIMEOUT = 3600

# --- sessions and cookies ----------------------------------------------------
# Sessions (staff sign-ins, survivors' visits) live in the cache only: Redis,
# which writes nothing to disk (deploy/), or this process's memory. No visit
# state ever reaches a disk, each session vanishes when its idle time runs
# out without waiting for a job, and a request costs no database write.
# A Redis restart signs everyone out (docs/deploy.md).
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", 30, minimum=5, maximum=12 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True  # the idle timer restarts on each request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # no cookie outlives the browser session
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
# The CSRF token lives in the session: no extra cookie, nothing that outlives the visit.
CSRF_USE_SESSIONS = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
SECURE_COOKIES = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    # __Host- cookies must be Secure, Path=/ and have no Domain: no subdomain
    # can set or shadow them.
    SESSION_COOKIE_NAME = "__Host-session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
else:
    SESSION_COOKIE_NAME = "session"
    CSRF_COOKIE_NAME = "csrftoken"
LANGUAGE_COOKIE_AGE = None

# --- security headers ----------------------------------------------------------
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes from inside the host speak plain HTTP
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- scheduling and join codes --------------------------------------------------
# The address survivors open (it goes into code messages): no path, no code.
SITE_URL = envurl("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None, ("https", "http"))
if not SITE_URL:
    raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off, e.g. https://advocacy.example.org")
JOIN_CODE_EARLY_MINUTES = envint("JOIN_CODE_EARLY_MINUTES", 15, minimum=0, maximum=120)
JOIN_CODE_GRACE_MINUTES = envint("JOIN_CODE_GRACE_MINUTES", 30, minimum=0, maximum=240)
DELIVERY_MAX_RETRIES = envint("DELIVERY_MAX_RETRIES", 4, minimum=0, maximum=10)
# Wrong codes before code entry pauses for an hour: per client, and for the whole program.
JOIN_FAILURE_LIMIT = envint("JOIN_FAILURE_LIMIT", 8, minimum=3, maximum=100)
JOIN_PROGRAM_FAILURE_LIMIT = envint("JOIN_PROGRAM_FAILURE_LIMIT", 300, minimum=20, maximum=100000)

# --- Jitsi -----------------------------------------------------------------------
JITSI_ORIGIN = envurl("JITSI_ORIGIN", "http://127.0.0.1:8443" if DEBUG else None, ("https", "http"))
if not JITSI_ORIGIN:
    raise ImproperlyConfigured("JITSI_ORIGIN must be set when DEBUG is off, e.g. https://meet.example.org")
if not DEBUG and not JITSI_ORIGIN.startswith("https://"):
    raise ImproperlyConfigured("JITSI_ORIGIN must use https:// when DEBUG is off")
JITSI_APP_ID = envstr("JITSI_APP_ID", "advocacy")
JITSI_APP_SECRET = envstr("JITSI_APP_SECRET") or (_dev_fernet_key("JITSI_APP_SECRET") if DEBUG else None)
if not JITSI_APP_SECRET or (not DEBUG and len(JITSI_APP_SECRET) < 32):
    raise ImproperlyConfigured("JITSI_APP_SECRET must be set (32+ random characters) when DEBUG is off")
JITSI_AUDIENCE = envstr("JITSI_AUDIENCE", "jitsi")
JITSI_API_URL = envurl("JITSI_API_URL", JITSI_ORIGIN, ("https", "http"))
# Prosody's XMPP domain (docker-jitsi-meet's XMPP_DOMAIN) and MUC domain: the
# token's `sub`, mod_muc_size's `domain` and the room address for
# mod_muc_end_meeting.
JITSI_XMPP_DOMAIN = envstr("JITSI_XMPP_DOMAIN", "meet.jitsi")
JITSI_MUC_DOMAIN = envstr("JITSI_MUC_DOMAIN", f"muc.{JITSI_XMPP_DOMAIN}")
# A token is valid this long before the appointment starts and after it ends.
JITSI_TOKEN_GRACE_MINUTES = envint("JITSI_TOKEN_GRACE_MINUTES", 10, minimum=0, maximum=60)
JITSI_API_TIMEOUT_SECONDS = envint("JITSI_API_TIMEOUT_SECONDS", 5, minimum=1, maximum=60)
JITSI_API_RETRIES = envint("JITSI_API_RETRIES", 2, minimum=0, maximum=5)
# The bearer token Prosody's event_sync component sends with every event.
JITSI_WEBHOOK_SECRET = envstr("JITSI_WEBHOOK_SECRET") or (_dev_fernet_key("JITSI_WEBHOOK_SECRET") if DEBUG else None)
if not JITSI_WEBHOOK_SECRET or (not DEBUG and len(JITSI_WEBHOOK_SECRET) < 32):
    raise ImproperlyConfigured("JITSI_WEBHOOK_SECRET must be set (32+ random characters) when DEBUG is off")
# mod_muc_end_meeting accepts only RS256 "system" tokens whose public key Prosody
# fetches from <prosody_password_public_key_repo_url>/<sha256(key id)>.pem.
# With DEBUG on, a key is created under VAR_DIR on first use.
JITSI_SYSTEM_KEY_FILE = envstr("JITSI_SYSTEM_KEY_FILE") or (str(VAR_DIR / "jitsi-system-key.pem") if DEBUG else None)
JITSI_SYSTEM_KEY_ID = envstr("JITSI_SYSTEM_KEY_ID") or ("advocacy-dev" if DEBUG else None)
if not JITSI_SYSTEM_KEY_FILE or not JITSI_SYSTEM_KEY_ID:
    raise ImproperlyConfigured(
        "JITSI_SYSTEM_KEY_FILE (an RSA private key in PEM) and JITSI_SYSTEM_KEY_ID must be set when DEBUG is off"
    )

# --- content security policy -------------------------------------------------------
# Strict by default: the app's own scripts and styles only, no inline script.
# The room page adds the Jitsi origin for its frame and embed script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- email and text messages ---------------------------------------------------------
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
_email_backend = envstr("EMAIL_BACKEND", "console" if DEBUG else "smtp")
if _email_backend not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(f"EMAIL_BACKEND must be one of {', '.join(_EMAIL_BACKENDS)}, not {_email_backend!r}")
EMAIL_BACKEND = _EMAIL_BACKENDS[_email_backend]
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SMS_BACKEND = envstr("SMS_BACKEND", "console")
if SMS_BACKEND not in ("console", "twilio"):
    raise ImproperlyConfigured(f"SMS_BACKEND must be console or twilio, not {SMS_BACKEND!r}")
SMS_API_URL = envurl("SMS_API_URL", "https://api.twilio.com", ("https", "http"))
SMS_ACCOUNT_ID = envstr("SMS_ACCOUNT_ID", "")
SMS_AUTH_TOKEN = envstr("SMS_AUTH_TOKEN", "")
SMS_FROM = envstr("SMS_FROM", "")
if SMS_BACKEND == "twilio" and not (SMS_ACCOUNT_ID and SMS_AUTH_TOKEN and SMS_FROM):
    raise ImproperlyConfigured("SMS_BACKEND=twilio needs SMS_ACCOUNT_ID, SMS_AUTH_TOKEN and SMS_FROM")

# --- privacy-preserving logging and error reports ---------------------------------------
DEFAULT_EXCEPTION_REPORTER_FILTER = "advocacy.logfilter.PrivateExceptionReporterFilter"
ADMINS: list = []
LOG_LEVEL = envstr("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_addresses": {"()": "advocacy.logfilter.RedactAddressesFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_addresses"], "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # The ASGI server's access log names every client: off.
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "uvicorn.error": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "celery": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # urllib3 logs request URLs at DEBUG; Jitsi's end-meeting URL names the room.
        "urllib3": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- internationalisation and static files ---------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SITE_TITLE = envstr("SITE_TITLE", "advocacy")
