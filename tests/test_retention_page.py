"""The retention page and the purge records: for program admins, in plain words, read-only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from program.models import ProgramSettings
from retention.models import PurgeRecord

pytestmark = pytest.mark.django_db
PAGE = "/retention/"


def test_it_explains_each_period_with_its_value_and_bounds(staff_client, program_admin):
    program = ProgramSettings.load()
    program.call_event_retention_hours = 6
    program.save()
    html = staff_client(program_admin).get(PAGE).content.decode()
    assert "are deleted 6 hours after the session ends" in html
    assert "Hand notes are deleted 365 days after they were written" in html
    assert "90 days after a case is closed, it is erased with everything in it" in html
    assert "deleted after 365 days" in html
    assert "<td>1–336</td>" in html  # call logs: an hour to two weeks
    assert f'href="/admin/program/programsettings/{program.pk}/change/"' in html


def test_it_shows_when_each_job_last_ran_and_what_it_removed(staff_client, program_admin):
    PurgeRecord.objects.create(job="notes", rows_removed=4)
    PurgeRecord.objects.create(job="notes", rows_removed=3)
    PurgeRecord.objects.create(job="notes", rows_removed=50, ran_at=timezone.now() - timedelta(days=8))
    response = staff_client(program_admin).get(PAGE)
    runs = {run["job"]: run for run in response.context["runs"]}
    assert runs["notes deleted"]["removed"] == 7
    assert runs["closed cases erased"]["last"] is None
    assert "not in the last 7 days" in response.content.decode()


def test_program_admins_find_it_in_the_navigation(staff_client, program_admin):
    assert f'href="{PAGE}"' in staff_client(program_admin).get("/").content.decode()


@pytest.mark.parametrize("role", ["advocate", "supervisor"])
def test_it_checks_the_role(staff_client, make_staff, role):
    assert staff_client(make_staff(role)).get(PAGE).status_code == 404


def test_purge_records_are_read_only_in_the_admin(staff_client, program_admin, advocate):
    record = PurgeRecord.objects.create(job="notes", rows_removed=4)
    client = staff_client(program_admin)
    listing = client.get("/admin/retention/purgerecord/")
    assert listing.status_code == 200 and "notes deleted" in listing.content.decode()
    assert client.get("/admin/retention/purgerecord/add/").status_code == 403
    assert client.post(f"/admin/retention/purgerecord/{record.pk}/change/", {"rows_removed": 0}).status_code == 403
    assert client.post(f"/admin/retention/purgerecord/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PurgeRecord.objects.get().rows_removed == 4
    assert staff_client(advocate).get("/admin/retention/purgerecord/").status_code in (302, 403)
