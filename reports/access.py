"""Who may open reports: supervisors and program admins; everyone else gets 404."""

from django.http import Http404


def require_report_reader(request) -> None:
    user = request.user
    if not (getattr(user, "is_supervisor", False) or getattr(user, "is_program_admin", False)):
        raise Http404
