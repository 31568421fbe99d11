"""Join codes: 60 bits, a readable alphabet, stored only hashed, valid only in their window."""

import math
from datetime import timedelta

import pytest
from django.db import connection

from scheduling import codes
from scheduling.models import Appointment, JoinCode
from scheduling.services import book, cancel
from tests.scheduling_fixtures import at, chicago_advocate, consenting_case, next_weekday  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(consenting_case, chicago_advocate):
    start = at(next_weekday(1), 10)
    return book(consenting_case, chicago_advocate, start, start + timedelta(minutes=50), "video",
                survivor_time_zone="America/Chicago")


def test_a_code_carries_at_least_60_bits():
    assert math.log2(len(codes.ALPHABET)) * codes.LENGTH >= 60


def test_a_code_reads_as_three_groups_of_four_without_look_alikes():
    samples = {codes.generate() for _ in range(500)}
    assert len(samples) == 500
    for code in samples:
        groups = code.split("-")
        assert [len(group) for group in groups] == [4, 4, 4]
        assert not set("".join(groups)) - set(codes.ALPHABET)
        assert not set("".join(groups)) & set("ILOU")


def test_typing_is_forgiven():
    assert codes.normalize(" k7qp 2mxd-9tra ") == "K7QP2MXD9TRA"
    assert codes.normalize("O1LI-0000-0000") == "0111" + "0" * 8  # Crockford look-alikes
    assert codes.normalize("K7QP-2MXD") == ""
    assert codes.normalize("K7QP-2MXD-9TRU") == ""  # U is not in the alphabet


def test_the_code_is_stored_only_as_a_keyed_hash(appointment):
    code = codes.issue(appointment)
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump.append(repr(cursor.fetchall()))
    text = "\n".join(dump)
    assert code not in text and codes.normalize(code) not in text
    assert JoinCode.objects.get().code_hash == codes.hash_code(code)


def test_a_code_works_inside_its_window(appointment, settings):
    code = codes.issue(appointment)
    start = appointment.starts_at
    assert codes.check(code, now=start - timedelta(minutes=settings.JOIN_CODE_EARLY_MINUTES)).ok
    assert codes.check(code.lower().replace("-", " "), now=start).ok
    assert codes.check(code, now=appointment.ends_at + timedelta(minutes=settings.JOIN_CODE_GRACE_MINUTES)).ok


def test_a_code_outside_its_window_is_refused(appointment, settings):
    code = codes.issue(appointment)
    early = appointment.starts_at - timedelta(minutes=settings.JOIN_CODE_EARLY_MINUTES + 1)
    late = appointment.ends_at + timedelta(minutes=settings.JOIN_CODE_GRACE_MINUTES + 1)
    assert codes.check(code, now=early).state == codes.CodeCheck.EARLY
    assert codes.check(code, now=late).state == codes.CodeCheck.EXPIRED
    assert not codes.check(code, now=early).ok and not codes.check(code, now=late).ok


def test_reissuing_revokes_the_old_code(appointment):
    old = codes.issue(appointment)
    new = codes.issue(appointment)
    assert codes.check(old, now=appointment.starts_at).state == codes.CodeCheck.UNKNOWN
    assert codes.check(new, now=appointment.starts_at).ok


def test_the_interpreter_has_a_separate_code(appointment):
    survivor = codes.issue(appointment)
    interpreter = codes.issue(appointment, JoinCode.Role.INTERPRETER)
    assert codes.check(survivor, now=appointment.starts_at).code.role == "survivor"
    assert codes.check(interpreter, now=appointment.starts_at).code.role == "interpreter"


def test_a_revoked_code_or_a_cancelled_appointment_looks_unknown(appointment):
    code = codes.issue(appointment)
    cancel(appointment)
    assert appointment.status == Appointment.Status.CANCELLED
    assert codes.check(code, now=appointment.starts_at).state == codes.CodeCheck.UNKNOWN


def test_a_made_up_code_is_unknown():
    assert codes.check("AAAA-BBBB-CCCC").state == codes.CodeCheck.UNKNOWN
    assert codes.check("not a code").state == codes.CodeCheck.UNKNOWN
