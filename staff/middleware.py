from zoneinfo import ZoneInfo

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone
from django_otp import user_has_device

from advocacy.access import is_public

# What a signed-in person without a second factor may still open: enrolment.
ENROLMENT_VIEWS = {
    "two_factor:setup",
    "two_factor:qr",
    "two_factor:setup_complete",
    "staff:confirm_password",
    "staff:logout",
}


class RequireSecondFactorMiddleware:
    """Every staff page needs a password and a verified second factor.

    django-otp's OTPMiddleware only marks a user verified; this refuses the
    rest. Views are staff pages unless marked public (advocacy.access).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_public(view_func):
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.is_verified():
            return None
        if user_has_device(user):
            # Signed in without the second factor it already has: start again.
            logout(request)
            return redirect_to_login(request.get_full_path())
        if request.resolver_match.view_name in ENROLMENT_VIEWS:
            return None
        return redirect("two_factor:setup")


class StaffTimeZoneMiddleware:
    """Shows every time on a staff page in the staff member's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = getattr(request.user, "time_zone", None) if request.user.is_authenticated else None
        if zone:
            timezone.activate(ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
