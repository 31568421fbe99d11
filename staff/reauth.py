"""Asks for the password again before sensitive account changes."""

import time
from functools import wraps

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

SESSION_KEY = "password_confirmed_at"


def mark_confirmed(request) -> None:
    request.session[SESSION_KEY] = int(time.time())


def recently_confirmed(request) -> bool:
    confirmed_at = request.session.get(SESSION_KEY, 0)
    return time.time() - confirmed_at < settings.REAUTH_MINUTES * 60


def require_recent_password(view):
    """Backup codes and changing the second factor ask for the password again."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if recently_confirmed(request):
            return view(request, *args, **kwargs)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('staff:confirm_password')}?{query}")

    return wrapper
