from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import lockout, reauth


@receiver(user_logged_in)
def after_login(sender, request, user, **kwargs):
    # The password was just typed: it counts as a fresh confirmation.
    if request is not None and hasattr(request, "session"):
        reauth.mark_confirmed(request)
    lockout.clear(user.get_username())
