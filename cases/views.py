from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consent import services as consent
from program.models import ProgramSettings

from . import services
from .access import case_for_advocate, case_for_supervisor, note_for_author, require_supervisor, supervisor_cases
from .export import case_document
from .extensions import panels_for
from .forms import CaseForm, EraseForm, NoteForm, ReassignForm
from .models import AccessAudit, Case

# Messages never name the alias: they pass through the session store.


@require_GET
def case_list(request):
    if not request.user.is_advocate:
        raise Http404
    current_ids = consent.current_form_ids()
    rows = [(case, consent.status(case, current_ids)) for case in services.cases_of(request.user)]
    return render(
        request,
        "cases/list.html",
        {
            "open_rows": [row for row in rows if row[0].is_open],
            "closed_rows": [row for row in rows if not row[0].is_open],
        },
    )


@require_http_methods(["GET", "POST"])
def case_create(request):
    if not request.user.is_advocate:
        raise Http404
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(form.save(commit=False), request.user)
        messages.success(request, "Case opened.")
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form})


@require_GET
def case_detail(request, pk: int):
    case = case_for_advocate(request, pk)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "consent_status": consent.status(case),
            "consent_history": consent.history(case),
            "notes": [(note, note.editable_by(request.user)) for note in case.notes.select_related("author")],
            "panels": panels_for(request, case),
        },
    )


@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int):
    case = case_for_advocate(request, pk)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Case saved.")
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@require_POST
def case_close(request, pk: int):
    services.close_case(case_for_advocate(request, pk))
    messages.success(request, "Case closed.")
    return redirect("cases:list")


def _note_form(request, **kwargs) -> NoteForm:
    return NoteForm(request.POST or None, limit=ProgramSettings.load().note_max_length, **kwargs)


@require_http_methods(["GET", "POST"])
def note_add(request, pk: int):
    case = case_for_advocate(request, pk)
    form = _note_form(request)
    if request.method == "POST" and form.is_valid():
        services.write_note(case, request.user, form.cleaned_data["text"])
        messages.success(request, "Note saved.")
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/note_form.html", {"form": form, "case": case})


@require_http_methods(["GET", "POST"])
def note_edit(request, pk: int, note_pk: int):
    note = note_for_author(request, pk, note_pk)
    form = _note_form(request, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        services.change_note(note, form.cleaned_data["text"])
        messages.success(request, "Note saved.")
        return redirect("cases:detail", pk=pk)
    return render(request, "cases/note_form.html", {"form": form, "case": note.case, "note": note})


@require_GET
def export_page(request, pk: int):
    case = case_for_advocate(request, pk, AccessAudit.Action.EXPORT)
    return render(request, "cases/export.html", {"case": case, "doc": case_document(case)})


@require_GET
def export_json(request, pk: int):
    case = case_for_advocate(request, pk, AccessAudit.Action.EXPORT)
    response = JsonResponse(case_document(case), json_dumps_params={"indent": 2, "ensure_ascii": False})
    # A neutral file name: the downloads folder of a device is visible to whoever holds it.
    response["Content-Disposition"] = 'attachment; filename="case-export.json"'
    return response


@require_http_methods(["GET", "POST"])
def case_erase(request, pk: int):
    case = case_for_advocate(request, pk, AccessAudit.Action.VIEW)
    form = EraseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        services.erase_case(case, request.user)
        messages.success(request, "The case and everything in it are erased.")
        return redirect("cases:list")
    return render(request, "cases/erase.html", {"form": form, "case": case})


# --- supervisors: case numbers and assignments, never an alias ----------------------------


@require_GET
def reassign_list(request):
    require_supervisor(request)
    return render(request, "cases/reassign_list.html", {"cases": supervisor_cases().prefetch_related("advocates")})


@require_http_methods(["GET", "POST"])
def reassign_case(request, pk: int):
    case: Case = case_for_supervisor(request, pk)
    form = ReassignForm(request.POST or None, initial={"advocates": case.advocates.all()})
    if request.method == "POST" and form.is_valid():
        case.advocates.set(form.cleaned_data["advocates"])
        AccessAudit.record(request.user, case.pk, AccessAudit.Action.REASSIGN)
        messages.success(request, f"Case {case.pk} reassigned.")
        return redirect("cases:reassign_list")
    return render(request, "cases/reassign_form.html", {"form": form, "case": case})
