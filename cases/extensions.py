"""Where later apps add to a case's page and to its export.

Data flows one way (cases <- consent <- scheduling <- sessions): cases never
imports the apps that build on it. Those apps register here in their
AppConfig.ready() instead.
"""

from collections.abc import Callable

from django.http import HttpRequest

# Each returns a rendered piece of the case page (safe HTML), or "" for nothing.
CASE_PANELS: list[Callable[[HttpRequest, object], str]] = []

# Each returns (heading, rows): rows are dicts of plain values, shown as a list
# in the printable export and written as-is into the JSON file.
EXPORT_SECTIONS: list[Callable[[object], tuple[str, list[dict]]]] = []


def panels_for(request: HttpRequest, case) -> list[str]:
    return [html for panel in CASE_PANELS if (html := panel(request, case))]


def export_sections(case) -> list[dict]:
    return [{"heading": heading, "rows": rows} for heading, rows in (section(case) for section in EXPORT_SECTIONS)]
