import logging
import smtplib
import socket
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from program.models import ProgramSettings
from retention.batch import delete_in_batches
from retention.jobs import job
from retention.models import PurgeRecord

from . import codes
from .models import Appointment, CodeDelivery, JoinCode
from .services import render_message
from .sms import SmsError, get_backend

logger = logging.getLogger(__name__)
RETRY_SECONDS = (10, 30, 90, 270, 600)


class DeliveryFailed(Exception):
    def __init__(self, message: str, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


def _claim(delivery_id: int) -> CodeDelivery | None:
    """The delivery if it still has to be sent; a sent or failed one is left alone (idempotent)."""
    with transaction.atomic():
        delivery = (
            CodeDelivery.objects.select_for_update()
            .select_related("appointment")
            .filter(pk=delivery_id, status=CodeDelivery.Status.QUEUED)
            .first()
        )
        if delivery is None:
            return None
        if not delivery.code:
            # First attempt: the code is made here, so its plain text only ever
            # exists in this task and, encrypted, in this row until it is sent.
            delivery.code = codes.generate()
        delivery.attempts += 1
        delivery.save(update_fields=["code", "attempts"])
        return delivery


def _send(delivery: CodeDelivery) -> None:
    subject, body = render_message(delivery.appointment, delivery.channel, delivery.code)
    if delivery.channel == CodeDelivery.Channel.SMS:
        try:
            get_backend().send(delivery.address, body)
        except SmsError as error:
            raise DeliveryFailed(str(error), error.retryable) from None
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [delivery.address])
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryFailed("The mail server refused the address. Check it.", False) from None
    except (smtplib.SMTPException, socket.error) as error:
        raise DeliveryFailed(f"The mail server could not be reached ({type(error).__name__}).", True) from None


def _finish(delivery: CodeDelivery, status: str, error: str = "") -> None:
    # The typed address and the code are discarded once the outcome is known.
    delivery.status = status
    delivery.error = error[:200]
    delivery.address = ""
    delivery.code = ""
    delivery.finished_at = timezone.now()
    delivery.save(update_fields=["status", "error", "address", "code", "finished_at"])


@shared_task(bind=True, acks_late=True, max_retries=settings.DELIVERY_MAX_RETRIES)
def send_code(self, delivery_id: int) -> str:
    """Issues the appointment's code and sends it; retries with backoff; logs counts, never contacts."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return "nothing to do"
    try:
        _send(delivery)
    except DeliveryFailed as failure:
        if failure.retryable and self.request.retries < self.max_retries:
            logger.warning("code delivery %s failed, attempt %s; retrying", delivery.pk, delivery.attempts)
            countdown = RETRY_SECONDS[min(self.request.retries, len(RETRY_SECONDS) - 1)]
            raise self.retry(countdown=countdown) from None
        _finish(delivery, CodeDelivery.Status.FAILED, str(failure))
        logger.warning("code delivery %s failed for good after %s attempts", delivery.pk, delivery.attempts)
        return "failed"
    # Activated only once sent: a failed sending leaves the previous code working.
    codes.issue(delivery.appointment, delivery.role, code=delivery.code)
    _finish(delivery, CodeDelivery.Status.SENT)
    logger.info("code delivery %s sent by %s", delivery.pk, delivery.channel)
    return "sent"


# --- retention jobs (invariant 5) -------------------------------------------------------

# An expired code is kept this long so the survivor who types it is told
# "expired" rather than "unknown"; after that nothing needs it.
CODE_AFTERLIFE = timedelta(hours=1)
# A sending still queued after this long will never be sent (the retries of
# send_code span at most DELIVERY_MAX_RETRIES x 600 s, 100 minutes), yet it
# still holds the typed address: it goes.
STUCK_DELIVERY = timedelta(hours=2)


@job(PurgeRecord.Job.JOIN_CODES)
def expire_codes() -> int:
    """Deletes codes (revoked or not) whose window closed more than CODE_AFTERLIFE ago."""
    return delete_in_batches(JoinCode.objects.filter(valid_until__lt=timezone.now() - CODE_AFTERLIFE))


@job(PurgeRecord.Job.CODE_DELIVERIES)
def purge_code_deliveries() -> int:
    """Deletes sendings once their appointment's call logs go, and any stuck with an address in it."""
    now = timezone.now()
    ended = now - timedelta(hours=ProgramSettings.load().call_event_retention_hours)
    stuck = Q(status=CodeDelivery.Status.QUEUED, created_at__lt=now - STUCK_DELIVERY)
    # Exists(), not a join: see delete_in_batches.
    over = Exists(Appointment.objects.filter(pk=OuterRef("appointment_id"), ends_at__lt=ended))
    return delete_in_batches(CodeDelivery.objects.filter(over | stuck))
