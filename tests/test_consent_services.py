from django.forms.models import model_to_dict
from django.utils import timezone

from cases.models import AnonymousCount
from consent import services
from consent.models import ConsentForm
from consent.signals import consent_withdrawn
from tests.casework import agreed, case, consent_forms  # noqa: F401  (fixtures)

FIELDS = ("title", "service", "recording", "risks", "written_down", "confidentiality", "other_ways")


def publish_new_version(form: ConsentForm) -> ConsentForm:
    return ConsentForm.objects.create(
        language=form.language, published_at=timezone.now(), **model_to_dict(form, fields=FIELDS)
    )


def answer(case, form, **overrides):
    values = {"agreed": True, "modes": ["video"], "for_sessions": True, "for_reports": False, "given_by": "survivor"}
    return services.record_consent(case, form, **{**values, **overrides})


def test_consent_covers_only_the_modes_agreed(case, consent_forms):
    answer(case, consent_forms["en"], modes=["audio"])
    assert services.has_current_consent(case, "audio")
    assert not services.has_current_consent(case, "video")


def test_no_record_means_no_consent(case, consent_forms):
    assert not services.has_current_consent(case, "video")
    assert services.status(case) == "none"


def test_a_video_session_needs_the_digital_sessions_purpose(case, consent_forms):
    answer(case, consent_forms["en"], modes=["video", "phone"], for_sessions=False)
    assert not services.has_current_consent(case, "video")
    assert services.has_current_consent(case, "phone")


def test_a_case_whose_consent_is_for_an_older_version_is_asked_again(case, consent_forms):
    answer(case, consent_forms["en"])
    publish_new_version(consent_forms["en"])
    assert services.status(case) == "needs renewal"
    assert not services.has_current_consent(case, "video")


def test_a_new_version_in_another_language_changes_nothing(case, consent_forms):
    answer(case, consent_forms["en"])
    publish_new_version(consent_forms["es"])
    assert services.has_current_consent(case, "video")


def test_an_unpublished_version_is_not_current(case, consent_forms):
    answer(case, consent_forms["en"])
    draft = publish_new_version(consent_forms["en"])
    ConsentForm.objects.filter(pk=draft.pk).update(published_at=None)
    assert services.current_form("en") == consent_forms["en"]
    assert services.has_current_consent(case, "video")


def test_a_later_decline_stands_over_an_earlier_agreement(case, consent_forms):
    answer(case, consent_forms["en"])
    record = answer(case, consent_forms["en"], agreed=False, modes=["video"], for_reports=True)
    assert (record.modes, record.for_sessions, record.for_reports) == ([], False, False)
    assert services.status(case) == "declined"
    assert not services.has_current_consent(case, "video")


def test_withdrawal_ends_consent_and_tells_scheduling(case, agreed):
    heard = []

    def receiver(sender, case, by, **kwargs):
        heard.append((case.pk, by))

    consent_withdrawn.connect(receiver)
    try:
        assert services.withdraw(case) == 1
    finally:
        consent_withdrawn.disconnect(receiver)
    assert heard == [(case.pk, None)]
    agreed.refresh_from_db()
    assert agreed.withdrawn_at is not None
    assert services.status(case) == "withdrawn"
    assert not services.has_current_consent(case, "phone")


def test_answers_and_withdrawals_are_counted_anonymously(case, consent_forms):
    # Agreed to counting: a case that said no is not counted (tests/test_reports_declined.py).
    answer(case, consent_forms["en"], for_reports=True)
    answer(case, consent_forms["en"], agreed=False)
    answer(case, consent_forms["en"], for_reports=True)
    services.withdraw(case)
    services.withdraw(case)  # nothing left to withdraw: not counted again
    counts = dict(AnonymousCount.objects.values_list("kind", "count"))
    assert counts == {"consent_given": 2, "consent_declined": 1, "consent_withdrawn": 1}


def test_an_unknown_language_falls_back_to_english(consent_forms):
    assert services.current_form("fr") == consent_forms["en"]


def test_a_language_left_without_a_published_form_is_judged_against_english(case, consent_forms):
    answer(case, consent_forms["es"])
    assert services.has_current_consent(case, "video")
    ConsentForm.objects.filter(pk=consent_forms["es"].pk).update(published_at=None)
    assert services.status(case) == "needs renewal"
    assert not services.has_current_consent(case, "video")


def test_the_join_path_learns_the_modes_in_two_queries(case, agreed, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert services.consented_modes(case.pk)
