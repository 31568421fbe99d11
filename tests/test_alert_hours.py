"""Live alerts reach an advocate only inside their contact hours (invariant 9), even with the day's hours cached."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling.models import ContactException
from sessions.services import alerts_allowed
from tests.join_fixtures import now_appointment  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_deleting_the_hours_stops_alerts_at_once(now_appointment):
    assert alerts_allowed(now_appointment)  # the day's hours are now cached
    now_appointment.advocate.contact_hours.all().delete()
    assert not alerts_allowed(now_appointment)


def test_a_day_off_added_today_stops_alerts_at_once(now_appointment):
    assert alerts_allowed(now_appointment)
    ContactException.objects.create(advocate=now_appointment.advocate, date=timezone.now().date())
    assert not alerts_allowed(now_appointment)


def test_a_new_zone_moves_the_hours_at_once(now_appointment):
    advocate = now_appointment.advocate
    hours = advocate.contact_hours.get(weekday=timezone.now().weekday())
    now = timezone.now().replace(hour=12, minute=0)
    hours.start, hours.end = (now - timedelta(hours=1)).time(), (now + timedelta(hours=1)).time()
    hours.save()
    assert alerts_allowed(now_appointment, now)  # 11:00–13:00 UTC holds 12:00 UTC
    advocate.time_zone = "Asia/Tokyo"  # 11:00–13:00 in Tokyo is 02:00–04:00 UTC
    advocate.save()
    assert not alerts_allowed(now_appointment, now)


def test_the_next_day_has_its_own_hours(now_appointment):
    advocate = now_appointment.advocate
    today = timezone.now()
    assert alerts_allowed(now_appointment, today)
    ContactException.objects.create(advocate=advocate, date=(today + timedelta(days=1)).date())
    assert alerts_allowed(now_appointment, today)
    assert not alerts_allowed(now_appointment, today + timedelta(days=1))
