import pytest
from django.contrib.sessions.backends.cache import SessionStore
from django.urls import get_resolver

from consent import views
from consent.models import ConsentRecord
from program.models import ProgramSettings
from tests.casework import ALIAS, case, consent_forms  # noqa: F401  (fixtures)
from tests.urlwalk import walk

NEXT = "/join/check-in/"


@pytest.fixture
def post(rf, consent_forms):
    def make(data: dict):
        request = rf.post("/join/consent/", {"version": "1", **data})
        request.session = SessionStore()
        return request

    return make


def show(rf, case, language="en"):
    request = rf.get("/join/consent/")
    request.session = SessionStore()
    return views.render_consent_step(request, case, language, NEXT).content.decode()


def test_it_shows_the_current_form_in_the_survivors_language(rf, case, consent_forms):
    body = show(rf, case, "es")
    assert "Nunca grabamos la llamada" in body
    assert "Estoy de acuerdo" in body and "No, gracias" in body
    assert '<html lang="es">' in body


def test_the_page_is_neutral_and_names_no_program_unless_it_chose_to(rf, case, consent_forms):
    body = show(rf, case)
    assert "<title>Welcome</title>" in body
    assert ALIAS not in body
    program = ProgramSettings.load()
    program.name, program.phone = "Harbor House", "555-0100"
    program.save()
    body = show(rf, case)
    assert "Harbor House" in body and "555-0100" in body


def test_agreeing_records_the_survivors_consent_and_goes_on(post, case, consent_forms):
    response = views.handle_consent_step(post({"decision": "agree", "modes": ["audio"]}), case, "en", NEXT)
    assert response.status_code == 302 and response["Location"] == NEXT
    record = ConsentRecord.objects.get()
    assert (record.agreed, record.given_by, record.recorded_by) == (True, "survivor", None)
    assert (record.modes, record.for_sessions, record.for_reports) == (["audio"], True, False)


def test_declining_shows_the_other_ways_without_judgement(post, case, consent_forms):
    program = ProgramSettings.load()
    program.phone = "555-0100"
    program.save()
    response = views.handle_consent_step(post({"decision": "decline"}), case, "en", NEXT)
    body = response.content.decode()
    assert response.status_code == 200
    assert "That is fine" in body and "555-0100" in body and "in person" in body
    assert ConsentRecord.objects.get().agreed is False


def test_agreeing_without_a_way_to_talk_asks_again_in_the_same_language(post, case, consent_forms):
    response = views.handle_consent_step(post({"decision": "agree"}), case, "es", NEXT)
    assert "Elija al menos una forma de hablar" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_a_form_updated_meanwhile_is_shown_again(post, case, consent_forms):
    response = views.handle_consent_step(post({"decision": "agree", "version": "7"}), case, "en", NEXT)
    body = response.content.decode()
    assert "This form has just been updated" in body
    assert 'name="version" value="1"' in body
    assert not ConsentRecord.objects.exists()


def test_no_url_reaches_the_survivor_step_or_carries_a_case_to_it():
    callbacks = {callback for _, _, callback in walk(get_resolver())}
    assert views.render_consent_step not in callbacks
    assert views.handle_consent_step not in callbacks
