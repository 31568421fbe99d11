"""Who may open which case: checked here, once, for every case view (no IDOR).

An advocate reaches only the cases assigned to them; everyone else, and
every other case, gets 404, so a case number reveals nothing. Every
successful look-up writes the access record.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import AccessAudit, Case, Note


def _action_for(request) -> str:
    return AccessAudit.Action.EDIT if request.method == "POST" else AccessAudit.Action.VIEW


def case_for_advocate(request, pk: int, action: str | None = None) -> Case:
    """The case, if the signed-in user is an advocate assigned to it; writes the access record."""
    user = request.user
    if not getattr(user, "is_advocate", False):
        raise Http404
    case = get_object_or_404(Case.objects.filter(advocates=user), pk=pk)
    AccessAudit.record(user, case.pk, action or _action_for(request))
    return case


def note_for_author(request, pk: int, note_pk: int) -> Note:
    """A note of one of the advocate's cases that its author may still change (403 once read-only)."""
    case = case_for_advocate(request, pk)
    note = get_object_or_404(Note.objects.filter(case=case), pk=note_pk)
    if not note.editable_by(request.user):
        raise PermissionDenied("Notes can be changed by their author for 24 hours after they are written.")
    return note


def require_supervisor(request) -> None:
    if not getattr(request.user, "is_supervisor", False):
        raise Http404


def case_for_supervisor(request, pk: int) -> Case:
    """An open case for reassignment, loaded without its alias, safe word or contact details."""
    require_supervisor(request)
    return get_object_or_404(supervisor_cases(), pk=pk)


def supervisor_cases():
    # .only(): a supervisor's page never even decrypts what it must not show.
    return Case.objects.filter(closed_on=None).only("pk", "opened_on", "closed_on").order_by("opened_on", "pk")
