"""An advocate sets contact hours, books a slot, is refused outside them, and sends a code by email."""

import pytest
from django.core import mail

from cases.models import Case
from cases.services import open_case
from tests.browser import browser, context, live_url, page, sign_in  # noqa: F401  (fixtures)
from tests.scheduling_fixtures import give_consent, next_weekday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def eager_tasks():
    from advocacy.celery import app

    app.conf.task_always_eager = True  # the worker's job runs inside the request here
    yield
    app.conf.task_always_eager = False


def test_an_advocate_books_inside_their_hours_and_sends_the_code(page, live_url, make_staff, eager_tasks):
    advocate = make_staff("advocate", "alex")
    case = open_case(Case(alias="Marigold", modes=["video"]), advocate)
    give_consent(case)
    tuesday = next_weekday(1)

    sign_in(page, live_url, advocate)
    page.goto(f"{live_url}/scheduling/hours/")
    first_range = page.get_by_role("group", name="Range 1")
    first_range.get_by_label("Weekday").select_option(label="Tuesday")
    first_range.get_by_label("Start").fill("09:00")
    first_range.get_by_label("End").fill("17:00")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Contact hours of Alex saved.").wait_for()

    page.goto(f"{live_url}/cases/{case.pk}/")
    page.get_by_role("link", name="Book a session").click()
    page.get_by_label("Date").fill(tuesday.isoformat())
    page.get_by_label("Start").fill("19:00")
    page.get_by_role("button", name="Book").click()
    refusal = page.get_by_role("alert")
    refusal.wait_for()
    assert "Outside Alex's contact hours" in refusal.inner_text()
    assert "09:00–17:00 (UTC)" in refusal.inner_text()

    page.get_by_label("Start").fill("10:00")
    page.get_by_role("button", name="Book").click()
    page.get_by_text("Appointment booked.").wait_for()

    page.get_by_role("radio", name="Email").check()
    page.get_by_label("Email address or mobile number").fill("marigold.person@example.net")
    page.get_by_role("button", name="Preview the message").click()
    page.get_by_text("The message, as it will be sent").wait_for()
    assert "XXXX-XXXX-XXXX" in page.locator("pre.preview").inner_text()
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("The code is being sent.").wait_for()

    [message] = mail.outbox
    assert message.to == ["marigold.person@example.net"]
    assert "Your code: " in message.body
    page.reload()
    assert "Sent" in page.locator("main").inner_text()
