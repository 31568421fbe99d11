from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.registry import GeneratorMethod, registry

from .forms import LockoutTokenForm


class LockoutGeneratorMethod(GeneratorMethod):
    """The authenticator-app method, whose token form counts failures towards the lock."""

    def recognize_device(self, device):
        # The library's GeneratorMethod recognizes nothing and is the fallback;
        # recognizing TOTP devices makes the login use the form below.
        return isinstance(device, TOTPDevice)

    def get_token_form_class(self):
        return LockoutTokenForm


def install() -> None:
    registry.unregister("generator")
    registry.register(LockoutGeneratorMethod())
