"""The report as CSV: the same protected cells as the page, one number a line."""

import csv
from collections.abc import Iterator

from .figures import Report
from .suppression import Shown

HEADER = ["table", "row", "column", "value"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows(report: Report) -> Iterator[list[str]]:
    weeks = report.period.weeks
    yield HEADER
    yield ["Period", "ISO weeks", "first", weeks[0]]
    yield ["Period", "ISO weeks", "last", weeks[-1]]
    yield ["Period", "Smallest number shown", "", str(report.threshold)]
    for figure in report.figures:
        yield from table_rows(figure.table)


def table_rows(table: Shown) -> Iterator[list[str]]:
    for label, cells, total in table.lines():
        for column, cell in zip(table.columns, cells):
            yield [table.title, label, column, cell.text]
        if total is not None:
            yield [table.title, label, "Total", total.text]
    for column, cell in zip(table.columns, table.column_totals or []):
        yield [table.title, "Total", column, cell.text]
    if table.grand_total is not None:
        yield [table.title, "Total", "Total", table.grand_total.text]


def safe(text: str) -> str:
    # A spreadsheet runs a cell that starts like a formula: bucket names come from another app.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write(stream, report: Report) -> None:
    writer = csv.writer(stream)
    for row in rows(report):
        writer.writerow([safe(value) for value in row])


def filename(report: Report) -> str:
    weeks = report.period.weeks
    return f"report-{weeks[0]}-to-{weeks[-1]}.csv"
