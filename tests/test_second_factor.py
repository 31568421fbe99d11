"""Invariant 8: every staff page needs a password and a verified second factor.

Walks every URL pattern of the project, so a view added later is covered too.
"""

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.urlwalk import walk

pytestmark = pytest.mark.django_db

# The only views open without a staff login. Survivor pages join this list in
# their own issue, each one on purpose.
PUBLIC_VIEWS = {
    "healthz",
    "two_factor:login",
    "staff:password_reset",
    "staff:password_reset_sent",
    "staff:password_reset_confirm",
    "staff:password_reset_done",
    # The survivor's path: one address, its status poll and its room events.
    "video_sessions:join",
    "video_sessions:join_status",
    "video_sessions:join_events",
    # Prosody's event_sync posts: authenticated by their bearer token instead.
    "video_sessions:jitsi_events_room_created",
    "video_sessions:jitsi_events_room_destroyed",
    "video_sessions:jitsi_events_occupant_joined",
    "video_sessions:jitsi_events_occupant_left",
}
# A signed-in person who has no second factor yet may enrol, and nothing else.
ENROLMENT_VIEWS = {
    "two_factor:setup",
    "two_factor:qr",
    "two_factor:setup_complete",
    "staff:confirm_password",
    "staff:logout",
}


def staff_urls():
    return [(url, name) for url, name, view in walk() if name not in PUBLIC_VIEWS]


def test_every_public_view_is_marked_public():
    from advocacy.access import is_public

    for url, name, view in walk():
        if name in PUBLIC_VIEWS:
            assert is_public(view), f"{name} is listed as public but the middleware guards it"


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_the_walk_sees_the_staff_pages():
    names = {name for _, name in staff_urls()}
    assert {"staff:dashboard", "two_factor:profile", "admin:index", "staff:logout_everywhere"} <= names


@pytest.mark.parametrize("method", ["get", "post"])
def test_no_staff_url_opens_without_signing_in(client, method):
    for url, name in staff_urls():
        response = getattr(client, method)(url)
        assert is_login_redirect(response), f"{name} ({url}) answered {response.status_code} without a login"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_password_alone_opens_only_enrolment(client, make_staff, method):
    user = make_staff("advocate", "newcomer")
    TOTPDevice.objects.filter(user=user).delete()  # first sign-in: no authenticator yet
    client.force_login(user)
    for url, name in staff_urls():
        if name in ENROLMENT_VIEWS:
            continue
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"{name} ({url}) answered {response.status_code} to a password alone"
        assert response["Location"] == "/account/two_factor/setup/", name


def test_a_password_without_the_existing_second_factor_is_signed_out(client, advocate):
    client.force_login(advocate)  # password accepted, but no token given in this session
    for url, name in staff_urls():
        response = client.get(url)
        assert is_login_redirect(response), f"{name} ({url}) answered {response.status_code} without a token"
        assert SESSION_KEY not in client.session


def test_a_verified_advocate_is_not_sent_to_sign_in(staff_client, advocate):
    client = staff_client(advocate)
    for url, name in staff_urls():
        if name in {"staff:logout", "staff:logout_everywhere"}:
            continue
        response = client.get(url)
        assert not is_login_redirect(response), f"{name} ({url}) asked a verified advocate to sign in"


def test_the_admin_is_only_for_verified_program_admins(staff_client, advocate, program_admin, client):
    assert staff_client(advocate).get("/admin/", follow=True).status_code == 403
    client.logout()
    response = staff_client(program_admin).get("/admin/")
    assert response.status_code == 200
    assert b"Staff accounts" in response.content


def test_the_public_views_are_exactly_the_listed_ones():
    from advocacy.access import is_public

    public = {name for _, name, view in walk() if is_public(view)}
    assert public <= PUBLIC_VIEWS, f"unexpected public views: {public - PUBLIC_VIEWS}"
