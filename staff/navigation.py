"""What each role may open, shown as the navigation of every staff page."""

from dataclasses import dataclass

from .models import User

EVERYONE = frozenset(User.Role.values)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    description: str = ""


NAV_ITEMS: list[NavItem] = [
    NavItem("Dashboard", "staff:dashboard", EVERYONE, "Your day at a glance."),
    NavItem(
        "Staff and settings",
        "admin:index",
        frozenset({User.Role.PROGRAM_ADMIN}),
        "Create staff accounts, reset a lost second factor, unlock sign-in.",
    ),
    NavItem("Account security", "two_factor:profile", EVERYONE, "Your authenticator and backup codes."),
]


def items_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in NAV_ITEMS if user.role in item.roles]
