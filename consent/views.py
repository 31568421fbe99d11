from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cases.access import case_for_advocate
from cases.models import Case
from program.models import ProgramSettings

from . import services
from .defaults import step_words
from .forms import LanguageForm, SurvivorConsentForm, VerbalConsentForm
from .models import ConsentRecord, Language

# --- the survivor's step -----------------------------------------------------------
# Not mounted on any URL here: the join path (a later issue) calls these with the
# case it keeps in the server-side session, so no URL ever carries a case id.


def _survivor_language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else Language.EN


def render_consent_step(
    request, case: Case, language: str, next_url: str, form: SurvivorConsentForm | None = None
) -> HttpResponse:
    """The current form in the survivor's language, with agree and decline.

    The form posts back to the page's own path; its POST handler calls
    handle_consent_step with the same case, language and next_url.
    """
    language = _survivor_language(language)
    consent_form = services.current_form(language)
    if consent_form is None:  # nothing published: never an error page, only the other ways
        return other_ways(request, language)
    form = form or SurvivorConsentForm(consent_form=consent_form, language=language)
    return render(
        request,
        "consent/survivor_step.html",
        {
            "consent_form": consent_form,
            "sections": consent_form.sections(),
            "form": form,
            "words": step_words(language),
            "language": language,
            "program": ProgramSettings.load(),
        },
    )


def handle_consent_step(request, case: Case, language: str, next_url: str) -> HttpResponse:
    """POST: records agree or decline, given by the survivor; agree goes on to `next_url`."""
    language = _survivor_language(language)
    consent_form = services.current_form(language)
    if consent_form is None:
        return other_ways(request, language)
    agreeing = request.POST.get("decision") == "agree"
    form = SurvivorConsentForm(request.POST, consent_form=consent_form, language=language, agreeing=agreeing)
    if not form.is_valid():
        return render_consent_step(request, case, language, next_url, form)
    services.record_consent(
        case,
        consent_form,
        agreed=agreeing,
        modes=form.cleaned_data["modes"],
        for_sessions=agreeing,
        for_reports=form.cleaned_data["for_reports"],
        given_by=ConsentRecord.GivenBy.SURVIVOR,
    )
    if agreeing:
        return redirect(next_url)
    return other_ways(request, language)


def other_ways(request, language: str) -> HttpResponse:
    """After a decline: the other ways to reach the program, without judgement."""
    return render(
        request,
        "consent/survivor_declined.html",
        {"words": step_words(language), "language": language, "program": ProgramSettings.load()},
    )


# --- staff: verbal consent and withdrawal -----------------------------------------------


def _language(request) -> str:
    form = LanguageForm(request.POST or request.GET)
    return form.cleaned_data["language"] if form.is_valid() else Language.EN


@require_http_methods(["GET", "POST"])
def record_verbal(request, pk: int):
    case = case_for_advocate(request, pk)
    language = _language(request)
    consent_form = services.current_form(language)
    if consent_form is None:
        messages.error(request, "No consent form is published yet. Ask your program admin to publish one.")
        return redirect("cases:detail", pk=case.pk)
    form = VerbalConsentForm(request.POST or None, consent_form=consent_form)
    if request.method == "POST" and form.is_valid():
        services.record_consent(
            case,
            consent_form,
            agreed=form.cleaned_data["agreed"],
            modes=form.cleaned_data["modes"],
            for_sessions=form.cleaned_data["for_sessions"],
            for_reports=form.cleaned_data["for_reports"],
            given_by=ConsentRecord.GivenBy.ADVOCATE,
            recorded_by=request.user,
        )
        messages.success(request, "Consent recorded.")
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "consent/record.html",
        {
            "case": case,
            "consent_form": consent_form,
            "sections": consent_form.sections(),
            "form": form,
            "language_form": LanguageForm(initial={"language": consent_form.language}),
        },
    )


@require_POST
def withdraw(request, pk: int):
    case = case_for_advocate(request, pk)
    services.withdraw(case, by=request.user)
    messages.success(request, "Consent withdrawn. The survivor is asked again before any video or audio session.")
    return redirect("cases:detail", pk=case.pk)

