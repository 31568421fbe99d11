"""The survivor's (and interpreter's) path: code, consent, check-in, waiting room, room, after.

Every step lives at the one address /join/ and every form posts back to it:
a browser replaces the history entry when a page posts to its own address,
so the whole visit is a single entry that quick exit then replaces with a
neutral site (invariant 6). No code and no room name ever appears in a URL.
The state is kept in the server-side session, which ends with the browser.
"""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advocacy.access import public
from cases.models import Case
from consent import services as consent
from consent import views as consent_views
from program.models import ProgramSettings
from scheduling import codes
from scheduling.models import JoinCode

from . import embed, services, throttle
from .forms import CheckInForm, CodeForm
from .models import CallEvent

JOIN_KEY = "join"
LANGUAGE_KEY = "join_language"
HERE = "/join/"
DIGITAL = ("video", "audio")


# --- the state kept in the session --------------------------------------------------


def _visit(request) -> dict | None:
    return request.session.get(JOIN_KEY)


def _save(request, visit: dict) -> None:
    request.session[JOIN_KEY] = visit


def code_of_visit(visit: dict) -> JoinCode | None:
    """The visit's code, if it still works now; a revoked or expired code ends the visit.

    Asked on every request of the visit, so only the appointment comes along: the
    case and the advocate are loaded on the few steps that read them.
    """
    code = JoinCode.objects.select_related("appointment").filter(pk=visit["code"], revoked_at=None).first()
    if code is None or code.appointment.status == "cancelled" or timezone.now() > code.valid_until:
        return None
    return code


def _consented_modes(code: JoinCode) -> list[str]:
    """Video and audio as far as consent covers them; asked once a request (kept on the code)."""
    if not hasattr(code, "consented_modes"):
        if code.role == JoinCode.Role.INTERPRETER:
            modes = list(DIGITAL)  # the survivor's consent covers the session
        else:
            agreed = consent.consented_modes(code.appointment.case_id)
            modes = [mode for mode in DIGITAL if mode in agreed]
        code.consented_modes = modes
    return code.consented_modes


def _step(request) -> tuple[str, JoinCode | None]:
    visit = _visit(request)
    if visit is None:
        return "code", None
    code = code_of_visit(visit)
    if code is None:
        return "over", None
    appointment = code.appointment
    role = code.role
    if role == JoinCode.Role.SURVIVOR and not _consented_modes(code):
        return ("declined" if visit.get("declined") else "consent"), code
    checkin = visit.get("checkin")
    if not checkin:
        return "checkin", code
    if checkin["mode"] == "callback":
        return "callback", code
    if checkin["mode"] not in _consented_modes(code):
        return "checkin", code  # consent changed since check-in: choose again
    status = services.live_status(appointment, role)
    if visit.get("left") or status.state == "ended":
        return "after", code
    if status.state in ("admitted", "in_room"):
        # A retired room has no name any more: the meeting is over.
        return ("room" if services.room_for(appointment).is_open else "over"), code
    return "waiting", code


# --- the view ---------------------------------------------------------------------------


def _language(request) -> str:
    chosen = request.session.get(LANGUAGE_KEY)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language_from_request(request, check_path=False)


def _context(request, code: JoinCode | None, **extra) -> dict:
    # The program, its service hours and the languages come from sessions.context_processors.
    context = {"language": translation.get_language(), "code": code}
    if code is not None:
        appointment = code.appointment
        context.update(
            appointment=appointment,
            zone=appointment.survivor_time_zone,
            starts_at=appointment.starts_at,
            valid_until=code.valid_until,
            is_interpreter=code.role == JoinCode.Role.INTERPRETER,
        )
    context.update(extra)
    return context


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


@public
@require_http_methods(["GET", "POST"])
def join(request):
    with translation.override(_language(request)):
        if request.method == "POST":
            return _post(request)
        return _render(request)


def _render(request, **extra) -> HttpResponse:
    step, code = _step(request)
    if step == "consent":
        return consent_views.render_consent_step(request, code.appointment.case, translation.get_language(), HERE)
    if step == "declined":
        return consent_views.other_ways(request, translation.get_language())
    if step == "code":
        extra.setdefault("form", CodeForm())
    if step == "checkin":
        extra.setdefault("form", CheckInForm(modes=_consented_modes(code)))
        # Whether there is a safe word to remind of; never the word, nor the case's other fields.
        safe_word = Case.objects.filter(pk=code.appointment.case_id).values_list("safe_word", flat=True).first()
        extra["has_safe_word"] = bool(safe_word)
        request.needs_media = True  # the device check uses the camera and microphone, in the page only
    if step == "room":
        return _room(request, code)
    status = 429 if extra.get("throttled") else 200
    # Times on these pages are the survivor's own.
    zone = extra.pop("zone", None) or (code.appointment.survivor_time_zone if code else None)
    with timezone.override(_zone(zone) if zone else None):
        return render(request, f"sessions/join/{step}.html", _context(request, code, step=step, **extra), status=status)


def _post(request) -> HttpResponse:
    action = request.POST.get("action", "")
    if action == "exit":
        return quick_exit(request)
    if action == "language":
        if request.POST.get("language") in dict(settings.LANGUAGES):
            request.session[LANGUAGE_KEY] = request.POST["language"]
        return redirect(HERE)
    step, code = _step(request)
    if step == "code" and action == "code":
        return _enter_code(request)
    if step == "consent":
        response = consent_views.handle_consent_step(request, code.appointment.case, translation.get_language(), HERE)
        if consent.status(code.appointment.case) == consent.Status.DECLINED:
            _save(request, {**_visit(request), "declined": True})
        return response
    if step == "checkin" and action == "checkin":
        return _check_in(request, code)
    if step == "after" and action == "rejoin":
        visit = _visit(request)
        _save(request, {**visit, "left": False})
        services.record(code.appointment, CallEvent.Kind.ARRIVED, code.role)
        return redirect(HERE)
    if step in ("callback", "checkin") and action == "change":
        _save(request, {**_visit(request), "checkin": None})
    return redirect(HERE)


def _enter_code(request) -> HttpResponse:
    form = CodeForm(request.POST)
    if throttle.is_throttled(request.client_key):
        return _render(request, form=CodeForm(), throttled=True)
    if not form.is_valid():
        return _render(request, form=form)
    result = codes.check(form.cleaned_data["code"])
    if result.state == codes.CodeCheck.UNKNOWN:
        throttle.record_failure(request.client_key)
        form.add_error("code", _("That code did not work. Check it and try again."))
        return _render(request, form=form)
    appointment = result.code.appointment
    if result.state == codes.CodeCheck.EARLY:
        return _render(
            request,
            form=form,
            early=True,
            starts_at=appointment.starts_at,
            opens_at=result.code.valid_from,
            zone=appointment.survivor_time_zone,
        )
    if result.state == codes.CodeCheck.EXPIRED:
        return _render(request, form=CodeForm(), expired=True)
    throttle.clear(request.client_key)
    request.session.cycle_key()  # a fresh session id for the visit
    _save(request, {"code": result.code.pk, "checkin": None, "left": False, "declined": False})
    return redirect(HERE)


def _check_in(request, code: JoinCode) -> HttpResponse:
    form = CheckInForm(request.POST, modes=_consented_modes(code))
    if not form.is_valid():
        return _render(request, form=form)
    if form.cleaned_data["private"] == "no":
        return _render(request, form=form, not_private=True)
    choice = {key: form.cleaned_data[key] for key in ("mode", "camera_off", "hide_self_view")}
    _save(request, {**_visit(request), "checkin": choice, "left": False})
    kind = CallEvent.Kind.CALLBACK if choice["mode"] == "callback" else CallEvent.Kind.ARRIVED
    services.record(code.appointment, kind, code.role)
    return redirect(HERE)


def _room(request, code: JoinCode) -> HttpResponse:
    visit = _visit(request)
    options = services.embed_for(code.appointment, code.role, visit["checkin"])
    response = render(
        request,
        "sessions/join/room.html",
        _context(request, code, step="room", options=options, external_api=embed.external_api_url()),
    )
    return embed.allow_jitsi(request, response)


def quick_exit(request) -> HttpResponse:
    """Ends the visit: the session is deleted and the page becomes the neutral site.

    The page's script has already hung up and replaced the history entry; this
    answers the beacon it sends, or a browser without script.
    """
    visit = _visit(request)
    code = code_of_visit(visit) if visit else None
    if code is not None:
        services.record(code.appointment, CallEvent.Kind.LEFT, code.role)
    request.session.flush()
    return redirect(ProgramSettings.load().exit_url)


# --- what the page's scripts call (fetch: no history entry) -------------------------------


@public
@require_GET
def join_status(request):
    """The current step, for the waiting room's polling when WebSockets are blocked."""
    step, _code_unused = _step(request)
    return JsonResponse({"step": step})


EVENTS = {
    "videoConferenceJoined": CallEvent.Kind.JOINED,
    "videoConferenceLeft": CallEvent.Kind.LEFT,
    "readyToClose": CallEvent.Kind.LEFT,
    "hangup": CallEvent.Kind.LEFT,
}


@public
@require_POST
def join_events(request):
    """Events from the room page's Jitsi frame: joined, left. Only the event's name is read."""
    step, code = _step(request)
    try:
        name = json.loads(request.body or b"{}").get("event")
    except (ValueError, AttributeError):
        return JsonResponse({"ok": False}, status=400)
    kind = EVENTS.get(name)
    if code is None or kind is None:
        return JsonResponse({"ok": False}, status=400 if code else 403)
    services.record(code.appointment, kind, code.role)
    if kind == CallEvent.Kind.LEFT:
        _save(request, {**_visit(request), "left": True})
    return JsonResponse({"ok": True})
