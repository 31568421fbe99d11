"""Second-factor verification for WebSocket consumers.

OTPMiddleware works on HTTP requests only; a consumer reads the verified
device from the same session instead.
"""

from channels.db import database_sync_to_async
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device


def _verified_device_user(user, session):
    if user is None or not user.is_authenticated or not user.is_active or session is None:
        return None
    persistent_id = session.get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is None or device.user_id != user.pk or not device.confirmed:
        return None
    return user


@database_sync_to_async
def verified_staff(scope):
    """The scope's staff member if they verified a second factor in this session, else None."""
    return _verified_device_user(scope.get("user"), scope.get("session"))


class VerifiedStaffConsumerMixin:
    """For staff consumers: `self.staff` is set in connect(), or the socket is closed."""

    allowed_roles: tuple = ()

    async def authorize_staff(self) -> bool:
        user = await verified_staff(self.scope)
        if user is None or (self.allowed_roles and user.role not in self.allowed_roles):
            await self.close(code=4403)
            return False
        self.staff = user
        return True
