from consent.signals import consent_withdrawn
from tests.casework import agreed, case, consent_forms  # noqa: F401  (fixtures)


def test_it_withdraws_consent_and_sends_the_signal(staff_client, advocate, case, agreed):
    heard = []

    def receiver(sender, case, by, **kwargs):
        heard.append((case.pk, by))

    consent_withdrawn.connect(receiver)
    try:
        response = staff_client(advocate).post(f"/consent/case/{case.pk}/withdraw/")
    finally:
        consent_withdrawn.disconnect(receiver)
    assert response.status_code == 302
    assert heard == [(case.pk, advocate)]
    agreed.refresh_from_db()
    assert agreed.withdrawn_at is not None


def test_it_needs_a_post(staff_client, advocate, case, agreed):
    assert staff_client(advocate).get(f"/consent/case/{case.pk}/withdraw/").status_code == 405


def test_it_checks_ownership(staff_client, other_advocate, case, agreed):
    assert staff_client(other_advocate).post(f"/consent/case/{case.pk}/withdraw/").status_code == 404
    agreed.refresh_from_db()
    assert agreed.withdrawn_at is None
