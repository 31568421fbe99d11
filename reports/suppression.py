"""Small-number suppression for report tables, so no figure narrows down to a person.

1. Primary: every shown number with 0 < n < threshold is hidden and shown as "<5"
   (with the configured threshold). A zero is shown: that nothing happened says
   nothing about anyone.
2. Complementary: totals are sums, so a hidden number could be worked out by
   adding and subtracting what is shown (a total minus the other cells, or
   several rows and columns combined). While any primary-hidden number can be
   worked out exactly, one more shown number is hidden ("hidden"): the one
   that protects the most, then one in a row or column of an exposed number,
   then a non-zero one, then a cell before a total, then the smallest.
   Totals take part like cells; no total is dropped by rule.
   Tables that share a number (the same total in two tables) are protected
   together through `links`. A number hidden this way that the shown ones
   give away anyway is shown again: hiding it would protect nothing.

"Can be worked out" is exact: a hidden number is exposed when it is fixed by
the linear equations of the shown totals (it is a pivot of the equations with
no free unknown in its row). That covers "a total minus the other cells" and
its combinations across rows and columns, which the simpler "two hidden cells
per row and column" rule misses. What it does not bound is how narrow a range
becomes: two hidden cells that must add up to 2 are both 1. See docs/reports.md.

Hidden cells carry no value at all, so no template or export can print one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from math import gcd

TOTAL = -1  # the row or column index of a total in a Key
Key = tuple[int, int, int]  # (table, row, column); TOTAL for the totals row or column


@dataclass(frozen=True)
class Table:
    """Raw counts: never handed to a template. Protect it first."""

    key: str
    title: str
    rows: list[str]
    columns: list[str]
    counts: list[list[int]]
    row_totals: bool = True
    column_totals: bool = True


@dataclass(frozen=True)
class Cell:
    text: str
    state: str  # "shown", "small" (hidden: 0 < n < threshold) or "hidden" (hidden to protect another)
    value: int | None  # None unless shown

    @property
    def is_hidden(self) -> bool:
        return self.state != "shown"


@dataclass(frozen=True)
class Shown:
    """A table as it may be published."""

    key: str
    title: str
    rows: list[str]
    columns: list[str]
    body: list[list[Cell]]
    row_totals: list[Cell] | None
    column_totals: list[Cell] | None
    grand_total: Cell | None

    def lines(self) -> list[tuple[str, list[Cell], Cell | None]]:
        """(row label, cells, row total) for a template."""
        totals = self.row_totals or [None] * len(self.rows)
        return list(zip(self.rows, self.body, totals))


def protect(tables: list[Table], threshold: int, links: Iterable[tuple[Key, Key]] = ()) -> list[Shown]:
    values = _published(tables)
    constraints = [c for n, table in enumerate(tables) for c in _sums(n, table)]
    constraints += [{a: 1, b: -1} for a, b in links]
    small = {key for key, value in values.items() if 0 < value < threshold}
    hidden = _complete(values, constraints, small)
    labels = {"small": f"<{threshold}", "hidden": "hidden"}

    def cell(key: Key) -> Cell:
        state = "small" if key in small else "hidden" if key in hidden else "shown"
        value = values[key] if state == "shown" else None
        return Cell(labels.get(state, str(value)), state, value)

    return [_shown(n, table, cell) for n, table in enumerate(tables)]


def _published(tables: list[Table]) -> dict[Key, int]:
    values: dict[Key, int] = {}
    for n, table in enumerate(tables):
        for i, row in enumerate(table.counts):
            values.update({(n, i, j): count for j, count in enumerate(row)})
            if table.row_totals:
                values[(n, i, TOTAL)] = sum(row)
        columns = [sum(column) for column in zip(*table.counts)] or [0] * len(table.columns)
        if table.column_totals:
            values.update({(n, TOTAL, j): total for j, total in enumerate(columns)})
        if table.row_totals and table.column_totals:
            values[(n, TOTAL, TOTAL)] = sum(columns)
    return values


def _sums(n: int, table: Table) -> list[dict[Key, int]]:
    """The equations the shown totals make: each line's cells minus its total is zero."""
    rows, columns = range(len(table.rows)), range(len(table.columns))
    found = []
    if table.row_totals:
        found += [{(n, i, j): 1 for j in columns} | {(n, i, TOTAL): -1} for i in rows]
    if table.column_totals:
        found += [{(n, i, j): 1 for i in rows} | {(n, TOTAL, j): -1} for j in columns]
    if table.row_totals and table.column_totals:
        found.append({(n, i, TOTAL): 1 for i in rows} | {(n, TOTAL, TOTAL): -1})
    return found


def _complete(values: dict[Key, int], constraints: list[dict[Key, int]], small: set[Key]) -> set[Key]:
    """Hides more numbers until no small one can be worked out; returns everything hidden."""
    hidden = set(small)
    while exposed := _solvable(hidden, constraints) & small:
        candidates = {key for c in constraints if c.keys() & hidden for key in c if key not in hidden}
        beside = {key for c in constraints if c.keys() & exposed for key in c}
        if not candidates:  # cannot happen with sums of counts; never loop forever
            return hidden | set(values)

        def cost(key: Key) -> tuple:
            still = len(_solvable(hidden | {key}, constraints) & small)
            return still, key not in beside, values[key] == 0, TOTAL in key[1:], values[key], key

        hidden.add(min(candidates, key=cost))
    # A number hidden to protect another that the shown ones give away anyway protects
    # nothing: it is shown (the solution set, so what can be worked out, stays the same).
    return hidden - (_solvable(hidden, constraints) - small)


def _solvable(unknown: set[Key], constraints: list[dict[Key, int]]) -> set[Key]:
    """The unknowns whose value follows from the equations: Gauss-Jordan elimination in whole numbers.

    An unknown is fixed when it is a pivot and its row has no free unknown left.
    """
    order = sorted(unknown)
    matrix = [[c.get(key, 0) for key in order] for c in constraints if not c.keys().isdisjoint(unknown)]
    pivots: list[int] = []
    for column in range(len(order)):
        row = len(pivots)
        found = next((r for r in range(row, len(matrix)) if matrix[r][column]), None)
        if found is None:
            continue
        matrix[row], matrix[found] = matrix[found], matrix[row]
        pivot, lead = matrix[row], matrix[row][column]
        for other in range(len(matrix)):
            factor = matrix[other][column]
            if other != row and factor:
                combined = [lead * a - factor * b for a, b in zip(matrix[other], pivot)]
                divisor = gcd(*combined)
                matrix[other] = [x // divisor for x in combined] if divisor > 1 else combined
        pivots.append(column)
    free = [column for column in range(len(order)) if column not in pivots]
    return {order[column] for row, column in zip(matrix, pivots) if not any(row[f] for f in free)}


def _shown(n: int, table: Table, cell) -> Shown:
    rows, columns = range(len(table.rows)), range(len(table.columns))
    both = table.row_totals and table.column_totals
    return Shown(
        key=table.key,
        title=table.title,
        rows=table.rows,
        columns=table.columns,
        body=[[cell((n, i, j)) for j in columns] for i in rows],
        row_totals=[cell((n, i, TOTAL)) for i in rows] if table.row_totals else None,
        column_totals=[cell((n, TOTAL, j)) for j in columns] if table.column_totals else None,
        grand_total=cell((n, TOTAL, TOTAL)) if both else None,
    )
