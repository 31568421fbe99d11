"""Codes sent by email or text: a Celery task with retries; the typed contact is discarded."""

from datetime import timedelta

import pytest

from program.models import ProgramSettings
from scheduling import codes
from scheduling.models import CodeDelivery
from scheduling.services import book, queue_delivery, render_message
from scheduling.tasks import send_code
from tests.conftest import every_table_raw
from tests.scheduling_fixtures import at, chicago_advocate, consenting_case, next_weekday  # noqa: F401
from tests.standins import SmtpStandIn, TwilioStandIn

pytestmark = pytest.mark.django_db
NUMBER = "+13125550188"
EMAIL = "marigold.person@example.net"


@pytest.fixture
def appointment(consenting_case, chicago_advocate):
    start = at(next_weekday(1), 10)
    return book(consenting_case, chicago_advocate, start, start + timedelta(minutes=50), "video",
                survivor_time_zone="America/New_York")


@pytest.fixture
def twilio(settings):
    with TwilioStandIn() as standin:
        settings.SMS_BACKEND = "twilio"
        settings.SMS_API_URL = standin.url
        settings.SMS_ACCOUNT_ID, settings.SMS_AUTH_TOKEN, settings.SMS_FROM = "AC123", "secret-token", "+15005550006"
        yield standin


def deliver(appointment, channel, address, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        delivery = queue_delivery(appointment, channel, address)
    send_code.apply(args=[delivery.pk])  # the worker's run, here and now (retries included)
    delivery.refresh_from_db()
    return delivery


def test_a_text_is_sent_through_the_provider(appointment, twilio, django_capture_on_commit_callbacks):
    delivery = deliver(appointment, "sms", NUMBER, django_capture_on_commit_callbacks)
    assert delivery.status == CodeDelivery.Status.SENT
    [message] = twilio.messages
    assert message["To"] == NUMBER and message["From"] == "+15005550006"
    code = message["Body"].split("Your code: ")[1][:14]
    assert codes.check(code, now=appointment.starts_at).ok


def test_a_failing_provider_is_retried(appointment, twilio, django_capture_on_commit_callbacks):
    twilio.fail_first = 2  # two 503s, then it works
    delivery = deliver(appointment, "sms", NUMBER, django_capture_on_commit_callbacks)
    assert delivery.status == CodeDelivery.Status.SENT
    assert delivery.attempts == 3 and twilio.requests == 3
    assert len(twilio.messages) == 1


def test_retries_send_the_same_code(appointment, twilio, django_capture_on_commit_callbacks):
    twilio.fail_first = 1
    deliver(appointment, "sms", NUMBER, django_capture_on_commit_callbacks)
    assert appointment.codes.count() == 1  # one code made and activated, not one per attempt


def test_the_typed_contact_is_discarded_after_sending(appointment, twilio, django_capture_on_commit_callbacks):
    delivery = deliver(appointment, "sms", NUMBER, django_capture_on_commit_callbacks)
    assert delivery.address == "" and delivery.code == ""
    dump = "\n".join(every_table_raw().values())
    assert NUMBER not in dump and NUMBER[1:] not in dump


def test_a_refused_number_fails_clearly_and_the_appointment_stays(appointment, twilio,
                                                                  django_capture_on_commit_callbacks):
    delivery = deliver(appointment, "sms", "5550188", django_capture_on_commit_callbacks)
    assert delivery.status == CodeDelivery.Status.FAILED
    assert delivery.error == "The text-message service refused the message (error 21211). Check the number."
    assert "5550188" not in delivery.error and delivery.address == ""
    appointment.refresh_from_db()
    assert appointment.is_active
    assert not appointment.codes.exists()  # nothing was activated


def test_a_provider_down_for_good_fails_after_the_retries(appointment, twilio, settings,
                                                          django_capture_on_commit_callbacks):
    twilio.fail_first = 100
    delivery = deliver(appointment, "sms", NUMBER, django_capture_on_commit_callbacks)
    assert delivery.status == CodeDelivery.Status.FAILED
    assert delivery.attempts == settings.DELIVERY_MAX_RETRIES + 1
    assert "unavailable (HTTP 503)" in delivery.error


def test_a_second_run_of_the_same_task_sends_nothing(appointment, twilio, django_capture_on_commit_callbacks):
    delivery = deliver(appointment, "sms", NUMBER, django_capture_on_commit_callbacks)
    assert send_code.apply(args=[delivery.pk]).get() == "nothing to do"
    assert len(twilio.messages) == 1


def test_an_email_is_sent_over_smtp(appointment, settings, django_capture_on_commit_callbacks):
    with SmtpStandIn() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        delivery = deliver(appointment, "email", EMAIL, django_capture_on_commit_callbacks)
    assert delivery.status == CodeDelivery.Status.SENT
    [message] = smtp.messages
    assert message["To"] == EMAIL and message["Subject"] == "Your code"
    body = message.get_content()
    code = body.split("Your code: ")[1][:14]
    assert codes.check(code, now=appointment.starts_at).ok
    assert "/join/" in body and code not in body.split("/join/")[0].rsplit("\n", 1)[-1]


def test_the_emailed_code_opens_the_join_path(consenting_case, chicago_advocate, settings, client,
                                              django_capture_on_commit_callbacks):
    from django.utils import timezone

    from scheduling.models import Appointment

    start = timezone.now() - timedelta(minutes=5)  # happening now (booked earlier)
    appointment = Appointment.objects.create(
        case=consenting_case, advocate=chicago_advocate, starts_at=start, ends_at=start + timedelta(minutes=50),
        survivor_time_zone="America/Chicago",
    )
    with SmtpStandIn() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        deliver(appointment, "email", EMAIL, django_capture_on_commit_callbacks)
    code = smtp.messages[0].get_content().split("Your code: ")[1][:14]
    assert client.post("/join/", {"action": "code", "code": code})["Location"] == "/join/"
    assert client.get("/join/status").json() == {"step": "checkin"}


def test_an_unreachable_mail_server_is_retried_then_fails(appointment, settings, django_capture_on_commit_callbacks):
    from tests.standins import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 1
    delivery = deliver(appointment, "email", EMAIL, django_capture_on_commit_callbacks)
    assert delivery.status == CodeDelivery.Status.FAILED
    assert delivery.error.startswith("The mail server could not be reached")


class TestTheMessage:
    def test_it_names_no_program_and_no_service_by_default(self, appointment):
        settings = ProgramSettings.load()
        settings.name = "Harbor Light Domestic Violence Services"
        settings.save()
        for channel in ("email", "sms"):
            subject, body = render_message(appointment, channel, "K7QP-2MXD-9TRA")
            text = (subject + body).lower()
            assert "harbor" not in text
            for word in ("violence", "abuse", "advoca", "survivor", "shelter", "assault", "crisis"):
                assert word not in text, (channel, word)

    def test_it_gives_the_site_the_code_and_the_survivors_time(self, appointment, settings):
        _, body = render_message(appointment, "sms", "K7QP-2MXD-9TRA")
        assert "K7QP-2MXD-9TRA" in body
        assert f"{settings.SITE_URL}/join/" in body
        local = appointment.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("America/New_York"))
        assert f"{local:%H:%M} (America/New_York)" in body

    def test_the_code_is_never_in_the_link(self, appointment):
        _, body = render_message(appointment, "email", "K7QP-2MXD-9TRA")
        links = [word for word in body.split() if "://" in word]
        assert links and not any("K7QP" in link for link in links)

    def test_a_broken_placeholder_is_refused_in_the_template(self):
        from django.core.exceptions import ValidationError

        from scheduling.models import MessageTemplate

        with pytest.raises(ValidationError, match="Unknown or broken placeholder"):
            MessageTemplate(channel="sms", body="Code {code} for {name}").full_clean()
        with pytest.raises(ValidationError, match="must contain"):
            MessageTemplate(channel="sms", body="Hello at {time}").full_clean()
