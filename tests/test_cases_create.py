from cases.models import ALIAS_HELP, AccessAudit, AnonymousCount, Case

VALID = {"alias": "Marigold", "modes": ["video", "phone"], "interpreter_language": "", "safe_word": "bluebird"}


def test_the_form_says_an_alias_is_never_a_legal_name(staff_client, advocate):
    response = staff_client(advocate).get("/cases/new/")
    assert ALIAS_HELP in response.content.decode()
    assert "never a legal name" in ALIAS_HELP


def test_it_opens_a_case_assigned_to_the_advocate(staff_client, advocate):
    response = staff_client(advocate).post("/cases/new/", VALID)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert list(case.advocates.all()) == [advocate]
    assert (case.alias, case.modes, case.safe_word) == ("Marigold", ["video", "phone"], "bluebird")
    assert AccessAudit.objects.filter(staff=advocate, case_id=case.pk, action="create").exists()
    assert AnonymousCount.objects.get(kind="case_opened").count == 1


def test_it_never_keeps_contact_details_without_the_survivors_agreement(staff_client, advocate):
    response = staff_client(advocate).post("/cases/new/", {**VALID, "contact_email": "a@example.org"})
    assert response.status_code == 200
    assert "kept only when the survivor agreed" in response.content.decode()
    assert not Case.objects.exists()


def test_it_keeps_contact_details_the_survivor_agreed_to(staff_client, advocate):
    data = {**VALID, "keep_contact": "on", "contact_email": "a@example.org", "contact_phone": "5550100"}
    staff_client(advocate).post("/cases/new/", data)
    case = Case.objects.get()
    assert (case.contact_email, case.contact_phone) == ("a@example.org", "5550100")


def test_the_messages_never_name_the_alias(staff_client, advocate):
    response = staff_client(advocate).post("/cases/new/", VALID, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Case opened."]


def test_it_checks_ownership(staff_client, supervisor, program_admin):
    for user in (supervisor, program_admin):
        assert staff_client(user).post("/cases/new/", VALID).status_code == 404
    assert not Case.objects.exists()
