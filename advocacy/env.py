"""Tiny helpers that read settings from the environment.

Each one raises ImproperlyConfigured naming the variable, so a wrong value
stops start-up with a clear message instead of failing at the first request.
"""

import os
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no), not {value!r}")


def envint(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {number}")
    return number


def envlist(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def envurl(name: str, default: str | None, schemes: tuple[str, ...]) -> str | None:
    """A URL whose scheme must be one of `schemes`; the whole origin is kept."""
    value = os.environ.get(name, default)
    if value is None or value == "":
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise ImproperlyConfigured(
            f"{name} must be a URL starting with {' or '.join(s + '://' for s in schemes)}, not {value!r}"
        )
    return value.rstrip("/")


def database_from_url(name: str, default: str, base_dir) -> dict:
    """Django DATABASES["default"] from sqlite:///path or postgres://user:pw@host:port/db."""
    url = os.environ.get(name) or default
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else parts.path
        if not path:
            raise ImproperlyConfigured(f"{name} needs a file path, e.g. sqlite:///var/db.sqlite3")
        if not os.path.isabs(path):
            path = str(base_dir / path)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parts.scheme in ("postgres", "postgresql"):
        dbname = parts.path.lstrip("/")
        if not dbname or not parts.hostname:
            raise ImproperlyConfigured(
                f"{name} must name a host and a database, e.g. postgres://user@127.0.0.1:5432/advocacy"
            )
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(dbname),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname,
            "PORT": str(parts.port or 5432),
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"{name} must start with sqlite:/// or postgres://, not {parts.scheme or url!r}"
    )
