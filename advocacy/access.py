"""Which views are open without a staff login.

Every view is a staff page (password and a verified second factor) unless it
is marked here: deny by default, so a new view cannot forget the check.
"""


def public(view):
    """Open to anyone: survivor pages, the login flow, /healthz."""
    view.public_view = True
    return view


def is_public(view) -> bool:
    return getattr(view, "public_view", False) or getattr(getattr(view, "view_class", None), "public_view", False)
