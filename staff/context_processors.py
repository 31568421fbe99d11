from django.conf import settings

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    verified = bool(user and user.is_authenticated and getattr(user, "is_verified", lambda: False)())
    return {
        "nav_items": items_for(user) if verified else [],
        "site_title": settings.SITE_TITLE,
    }
