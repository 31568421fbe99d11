from two_factor.plugins.registry import GeneratorMethod, registry

from .forms import LockoutTokenForm


class LockoutGeneratorMethod(GeneratorMethod):
    """The authenticator-app method, whose token form counts failures towards the lock."""

    def get_token_form_class(self):
        return LockoutTokenForm


def install() -> None:
    registry.unregister("generator")
    registry.register(LockoutGeneratorMethod())
