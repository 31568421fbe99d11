from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey

from cases.models import AccessAudit, AnonymousCount, Case, Note
from consent.models import ConsentRecord
from tests.casework import ALIAS, NOTE_TEXT, agreed, case, consent_forms, note  # noqa: F401  (fixtures)
from tests.conftest import cache_dump, every_model_read


def erase(client, case, typed=ALIAS):
    return client.post(f"/cases/{case.pk}/erase/", {"alias": typed})


def test_a_wrong_alias_deletes_nothing_and_says_so(staff_client, advocate, case, note, agreed):
    response = erase(staff_client(advocate), case, typed="Marigol")
    assert response.status_code == 200
    assert "That is not this case&#x27;s alias. Nothing was erased." in response.content.decode()
    assert Case.objects.filter(pk=case.pk).exists()
    assert Note.objects.count() == 1 and ConsentRecord.objects.count() == 1


def test_it_deletes_the_case_and_everything_linked(staff_client, advocate, case, note, agreed):
    response = staff_client(advocate).post(f"/cases/{case.pk}/erase/", {"alias": ALIAS}, follow=True)
    assert response.redirect_chain == [("/cases/", 302)]
    assert "The case and everything in it are erased." in response.content.decode()
    assert ALIAS not in response.content.decode()
    assert not Case.objects.exists()
    assert not Note.objects.exists()
    assert not ConsentRecord.objects.exists()


def references_to(model, case_id: int) -> list[str]:
    """Fields of `model` that name the case: a key to Case, a plain case_id, a generic relation."""
    found = []
    for field in model._meta.concrete_fields:
        points_at_case = field.is_relation and field.related_model is Case
        if (points_at_case or field.attname == "case_id") and (
            model._base_manager.filter(**{field.attname: case_id}).exists()
        ):
            found.append(f"{model._meta.label}.{field.attname}")
    generics = [(f.ct_field, f.fk_field) for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]
    if {"content_type", "object_id"} <= {field.name for field in model._meta.concrete_fields}:
        generics.append(("content_type", "object_id"))  # the admin's LogEntry has no GenericForeignKey
    for ct_field, fk_field in generics:
        case_type = {f"{ct_field}__app_label": "cases", f"{ct_field}__model": "case"}
        if model._base_manager.filter(**case_type, **{fk_field: str(case_id)}).exists():
            found.append(f"{model._meta.label}.{fk_field}")
    return found


def test_after_erase_no_table_holds_the_alias_the_note_text_or_the_case_id(
    staff_client, advocate, case, note, agreed
):
    client = staff_client(advocate)
    client.get(f"/cases/{case.pk}/")
    client.get(f"/cases/{case.pk}/export/")
    case_id = case.pk
    erase(client, case)
    client.get("/cases/")  # the message is shown and consumed

    for model in apps.get_models(include_auto_created=True):
        assert model is not Case or not model.objects.filter(pk=case_id).exists()
        assert references_to(model, case_id) == []
    for label, text in every_model_read().items():
        assert ALIAS not in text, label
        assert NOTE_TEXT not in text, label
    # Sessions live in the cache; a flash message rides in one until it is shown.
    cache = cache_dump()
    assert ALIAS not in cache
    assert NOTE_TEXT not in cache
    assert not AccessAudit.objects.filter(case_id=case_id).exists()


def test_the_erase_itself_is_recorded_without_naming_the_case(staff_client, advocate, case):
    erase(staff_client(advocate), case)
    audit = AccessAudit.objects.get()
    assert (audit.staff, audit.action, audit.case_id) == (advocate, "erase", None)


def test_only_anonymous_counters_remain(staff_client, advocate, case, agreed):
    erase(staff_client(advocate), case)
    counts = {count.kind: count.count for count in AnonymousCount.objects.all()}
    assert counts == {"case_erased": 1, "consent_given": 1}
    assert {field.name for field in AnonymousCount._meta.concrete_fields} == {"id", "kind", "week", "count"}


def test_another_case_is_left_alone(staff_client, advocate, case):
    other = Case.objects.create(alias="Juniper")
    other.advocates.add(advocate)
    Note.objects.create(case=other, author=advocate, text="kept")
    staff_client(advocate).get(f"/cases/{other.pk}/")
    erase(staff_client(advocate), case)
    assert Note.objects.get().text == "kept"
    assert AccessAudit.objects.filter(case_id=other.pk).exists()


def test_it_checks_ownership(staff_client, other_advocate, case, note):
    client = staff_client(other_advocate)
    assert client.get(f"/cases/{case.pk}/erase/").status_code == 404
    assert erase(client, case).status_code == 404
    assert Case.objects.filter(pk=case.pk).exists()
