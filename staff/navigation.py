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
    NavItem("Cases", "cases:list", frozenset({User.Role.ADVOCATE}), "Your caseload: aliases, consent and notes."),
    NavItem(
        "Reassign cases",
        "cases:reassign_list",
        frozenset({User.Role.SUPERVISOR}),
        "Open cases by number and who is assigned; never a name or a note.",
    ),
    NavItem("Today", "video_sessions:live", frozenset({User.Role.ADVOCATE}), "Who is waiting; admit, host and end sessions."),
    NavItem("Your week", "scheduling:week", frozenset({User.Role.ADVOCATE}), "Sessions and contact hours, day by day."),
    NavItem("Team hours", "scheduling:team", frozenset({User.Role.SUPERVISOR}), "Booked hours against each advocate's boundaries."),
    NavItem(
        "Free slots",
        "scheduling:slots",
        frozenset({User.Role.ADVOCATE, User.Role.SUPERVISOR}),
        "When any advocate can next be booked.",
    ),
    NavItem(
        "Reports",
        "reports:sessions",
        frozenset({User.Role.SUPERVISOR, User.Role.PROGRAM_ADMIN}),
        "Anonymized figures, charts and export; staff contact-hour load.",
    ),
    NavItem(
        "Staff and settings",
        "admin:index",
        frozenset({User.Role.PROGRAM_ADMIN}),
        "Create staff accounts, reset a lost second factor, unlock sign-in.",
    ),
    NavItem(
        "Retention",
        "retention:overview",
        frozenset({User.Role.PROGRAM_ADMIN}),
        "What is kept and for how long, in plain words; when the deletion jobs last ran.",
    ),
    NavItem("Account security", "two_factor:profile", EVERYONE, "Your authenticator and backup codes."),
]


def items_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in NAV_ITEMS if user.role in item.roles]
