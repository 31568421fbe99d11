"""System checks for privacy settings that must never be turned off."""

from django.conf import settings
from django.core.checks import Error, register

MUST_BE_FIRST = "advocacy.middleware.ClientPrivacyMiddleware"
MUST_HAVE = (
    "advocacy.middleware.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.RequireSecondFactorMiddleware",
)


@register()
def check_privacy_middleware(app_configs, **kwargs):
    errors = []
    if not settings.MIDDLEWARE or settings.MIDDLEWARE[0] != MUST_BE_FIRST:
        errors.append(
            Error(
                f"{MUST_BE_FIRST} must be the first middleware, so nothing sees client addresses.",
                id="advocacy.E001",
            )
        )
    for name in MUST_HAVE:
        if name not in settings.MIDDLEWARE:
            errors.append(Error(f"{name} is missing from MIDDLEWARE.", id="advocacy.E002"))
    if settings.SECURE_REFERRER_POLICY != "no-referrer":
        errors.append(Error("SECURE_REFERRER_POLICY must be 'no-referrer'.", id="advocacy.E003"))
    if not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        errors.append(Error("SESSION_EXPIRE_AT_BROWSER_CLOSE must be True.", id="advocacy.E004"))
    return errors
