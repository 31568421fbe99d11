"""Reading the report's published tables as text."""

from reports.suppression import Shown


def table_of(report, key: str) -> Shown:
    """The published table with `key` among the report's figures."""
    return next(figure.table for figure in report.figures if figure.table.key == key)


def grid(shown: Shown) -> list[list[str]]:
    """The published table as text, totals included where shown."""
    rows = [[cell.text for cell in cells] + ([total.text] if total else []) for _, cells, total in shown.lines()]
    if shown.column_totals:
        grand = [shown.grand_total.text] if shown.grand_total else []
        rows.append([cell.text for cell in shown.column_totals] + grand)
    return rows
