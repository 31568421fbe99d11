"""Settings come from the environment; bad values stop start-up naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
SETUP = "import django; django.setup(); from django.conf import settings; print(repr({names}))"


def production_env(tmp_path, **overrides) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "advocacy.settings",
        "DEBUG": "0",
        "SECRET_KEY": "p" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "advocacy.example.org",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "JITSI_ORIGIN": "https://meet.example.org",
        "SITE_URL": "https://advocacy.example.org",
        "JITSI_APP_SECRET": "j" * 40,
        "JITSI_WEBHOOK_SECRET": "w" * 40,
        "JITSI_SYSTEM_KEY_FILE": str(tmp_path / "jitsi-system-key.pem"),
        "JITSI_SYSTEM_KEY_ID": "advocacy-prod",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "VAR_DIR": str(tmp_path),
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def settings_of(env, *names):
    result = run(["-c", SETUP.format(names="{" + ", ".join(f"'{n}': settings.{n}" for n in names) + "}")], env)
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 (our own repr)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_cookies_are_secure_host_cookies(tmp_path):
    values = settings_of(
        production_env(tmp_path),
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS",
    )
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Strict"
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


def test_redis_url_switches_every_part_to_redis(tmp_path):
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3")
    values = settings_of(env, "CACHES", "CHANNEL_LAYERS", "CELERY_BROKER_URL")
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert values["CHANNEL_LAYERS"]["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert values["CHANNEL_LAYERS"]["default"]["CONFIG"]["symmetric_encryption_keys"]
    # Above channels-redis's 5 s blocking receive, or waiting sockets are closed every 5 s.
    assert values["CHANNEL_LAYERS"]["default"]["CONFIG"]["hosts"][0]["socket_timeout"] > 5
    assert values["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/3"


def test_without_redis_nothing_needs_a_server(tmp_path):
    values = settings_of(production_env(tmp_path), "CACHES", "CHANNEL_LAYERS", "CELERY_BROKER_URL")
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert values["CHANNEL_LAYERS"]["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    assert values["CELERY_BROKER_URL"] == "filesystem://"


def test_postgres_gets_a_connection_pool(tmp_path):
    env = production_env(tmp_path, DATABASE_URL="postgres://app:s3cret@db.internal:5433/advocacy")
    database = settings_of(env, "DATABASES")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.internal", "5433", "advocacy", "app",
    )
    assert database["OPTIONS"]["pool"]["max_size"] >= 1
    assert database.get("CONN_MAX_AGE", 0) == 0


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("SECRET_KEY", None, "SECRET_KEY must be set"),
        ("SECRET_KEY", "short", "SECRET_KEY must be at least 50"),
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL must start with sqlite:/// or postgres://"),
        ("DATABASE_URL", "postgres://", "DATABASE_URL must name a host and a database"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must be a URL"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS must list"),
        ("FIELD_ENCRYPTION_KEYS", None, "FIELD_ENCRYPTION_KEYS must be set"),
        ("FIELD_ENCRYPTION_KEYS", "not-a-key", "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key"),
        ("JITSI_ORIGIN", "http://meet.example.org", "JITSI_ORIGIN must use https://"),
        ("JITSI_APP_SECRET", "short", "JITSI_APP_SECRET must be set"),
        ("SESSION_IDLE_MINUTES", "soon", "SESSION_IDLE_MINUTES must be a whole number"),
        ("SESSION_IDLE_MINUTES", "1", "SESSION_IDLE_MINUTES must be at least 5"),
        ("EMAIL_BACKEND", "pigeon", "EMAIL_BACKEND must be one of"),
        ("SMS_BACKEND", "twilio", "SMS_BACKEND=twilio needs SMS_ACCOUNT_ID"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(tmp_path, variable, value, message):
    result = run(["manage.py", "check"], production_env(tmp_path, **{variable: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_development_defaults_exist_only_with_debug(tmp_path):
    env = {"PATH": os.environ["PATH"], "DEBUG": "1", "VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    assert run(["manage.py", "check"], env).returncode == 0
    env["DEBUG"] = "0"
    assert "SECRET_KEY must be set" in run(["manage.py", "check"], env).stderr
