from consent.models import ConsentRecord
from tests.casework import ALIAS, case, consent_forms  # noqa: F401  (fixtures)

AGREED = {"language": "en", "version": "1", "agreed": "yes", "modes": ["video", "audio"], "for_sessions": "on"}


def url(case) -> str:
    return f"/consent/case/{case.pk}/record/"


def test_it_shows_the_current_form_to_read_aloud(staff_client, advocate, case, consent_forms):
    body = staff_client(advocate).get(url(case)).content.decode()
    assert "We never record the call" in body
    assert "English, version 1" in body


def test_it_shows_the_form_in_spanish(staff_client, advocate, case, consent_forms):
    body = staff_client(advocate).get(url(case) + "?language=es").content.decode()
    assert "Nunca grabamos la llamada" in body
    assert 'lang="es"' in body


def test_it_records_verbal_consent_given_to_the_advocate(staff_client, advocate, case, consent_forms):
    response = staff_client(advocate).post(url(case), AGREED)
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert (record.case, record.form, record.agreed) == (case, consent_forms["en"], True)
    assert (record.modes, record.for_sessions, record.for_reports) == (["video", "audio"], True, False)
    assert (record.given_by, record.recorded_by) == ("advocate", advocate)


def test_it_records_a_decline(staff_client, advocate, case, consent_forms):
    staff_client(advocate).post(url(case), {**AGREED, "agreed": "no", "language": "es"})
    record = ConsentRecord.objects.get()
    assert (record.agreed, record.modes, record.form) == (False, [], consent_forms["es"])


def test_an_agreement_needs_a_way_to_talk(staff_client, advocate, case, consent_forms):
    response = staff_client(advocate).post(url(case), {**AGREED, "modes": []})
    assert "Choose at least one way to talk." in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_it_refuses_an_answer_to_a_version_that_is_no_longer_current(staff_client, advocate, case, consent_forms):
    response = staff_client(advocate).post(url(case), {**AGREED, "version": "0"})
    body = response.content.decode()
    assert "has just been updated" in body
    assert 'name="version" value="1"' in body  # answering again answers the version shown
    assert not ConsentRecord.objects.exists()


def test_it_checks_ownership(staff_client, other_advocate, supervisor, case, consent_forms):
    for user in (other_advocate, supervisor):
        response = staff_client(user).post(url(case), AGREED)
        assert response.status_code == 404
        assert ALIAS.encode() not in response.content
    assert not ConsentRecord.objects.exists()
