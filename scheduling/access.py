"""Who may open which appointment or contact hours: checked here, once (404 otherwise)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from cases.models import AccessAudit
from staff.models import User

from .models import Appointment


def appointment_for_advocate(request, pk: int) -> Appointment:
    """An appointment of a case assigned to the signed-in advocate; writes the case access record."""
    user = request.user
    if not getattr(user, "is_advocate", False):
        raise Http404
    appointment = get_object_or_404(
        Appointment.objects.select_related("case", "advocate").filter(case__advocates=user).distinct(), pk=pk
    )
    action = AccessAudit.Action.EDIT if request.method == "POST" else AccessAudit.Action.VIEW
    AccessAudit.record(user, appointment.case_id, action)
    return appointment


def team_of(supervisor) -> list[User]:
    return list(User.objects.advocates().filter(supervisor=supervisor))


def advocate_for_supervisor(request, pk: int) -> User:
    """An advocate of the signed-in supervisor's team."""
    if not getattr(request.user, "is_supervisor", False):
        raise Http404
    return get_object_or_404(User.objects.advocates().filter(supervisor=request.user), pk=pk)


def require_advocate(request) -> None:
    if not getattr(request.user, "is_advocate", False):
        raise Http404
