"""Report pages for supervisors and program admins: figures, staff load, CSV and a page to print."""

from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from program.models import ProgramSettings

from . import export
from .access import require_report_reader
from .figures import build_report
from .forms import PeriodForm
from .periods import Period
from .staffload import staff_load


def _period(request, default: str) -> tuple[PeriodForm, Period | None]:
    """Checks who asks (404 unless a supervisor or program admin), then reads the period asked for."""
    require_report_reader(request)
    today = timezone.localdate(timezone=ZoneInfo(ProgramSettings.load().time_zone))
    form = PeriodForm(request.GET or {"period": default}, today)
    return form, form.chosen() if form.is_valid() else None


def _bad_period(request, form: PeriodForm):
    return render(request, "reports/sessions.html", {"form": form, "period": None}, status=400)


@require_GET
def sessions(request):
    form, period = _period(request, "month")
    report = build_report(period) if period else None
    return render(request, "reports/sessions.html", {"form": form, "period": period, "report": report})


@require_GET
def staff_load_page(request):
    form, period = _period(request, "month")
    loads = staff_load(period) if period else None
    return render(request, "reports/staff.html", {"form": form, "period": period, "loads": loads})


@require_GET
def export_csv(request):
    form, period = _period(request, "month")
    if period is None:
        return _bad_period(request, form)
    report = build_report(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename(report)}"'
    export.write(response, report)
    return response


@require_GET
def print_report(request):
    """The figures for a funder, on paper: a quarter unless another period is chosen."""
    form, period = _period(request, "quarter")
    if period is None:
        return _bad_period(request, form)
    context = {"report": build_report(period), "program_name": ProgramSettings.load().name}
    return render(request, "reports/print.html", context)
