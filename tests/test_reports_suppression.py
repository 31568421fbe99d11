"""Small-number suppression on hand-made tables with known answers.

The attacker here is independent of reports.suppression: it looks for another
table, consistent with everything shown (cells, totals, no negative counts),
in which a hidden number differs. If none exists, the number was revealed.
"""

import random
from itertools import product

from reports.suppression import TOTAL, Cell, Shown, Table, protect
from tests.reports_helpers import grid


def published(table: Table, shown: Shown) -> dict[tuple[int, int], object]:
    cells = {(i, j): cell for i, row in enumerate(shown.body) for j, cell in enumerate(row)}
    if shown.row_totals:
        cells |= {(i, TOTAL): cell for i, cell in enumerate(shown.row_totals)}
    if shown.column_totals:
        cells |= {(TOTAL, j): cell for j, cell in enumerate(shown.column_totals)}
    if shown.grand_total:
        cells[(TOTAL, TOTAL)] = shown.grand_total
    return cells


def true_values(table: Table) -> dict[tuple[int, int], int]:
    values = {(i, j): n for i, row in enumerate(table.counts) for j, n in enumerate(row)}
    values |= {(i, TOTAL): sum(row) for i, row in enumerate(table.counts)}
    values |= {(TOTAL, j): sum(column) for j, column in enumerate(zip(*table.counts))}
    values[(TOTAL, TOTAL)] = sum(map(sum, table.counts))
    return values


def lines(table: Table, cells) -> list[list[tuple[tuple[int, int], int]]]:
    """Each shown total's equation as [(position, sign)]: cells minus total is zero."""
    found = []
    if table.row_totals:
        found += [[((i, j), 1) for j in range(len(table.columns))] + [((i, TOTAL), -1)] for i in range(len(table.rows))]
    if table.column_totals:
        found += [[((i, j), 1) for i in range(len(table.rows))] + [((TOTAL, j), -1)] for j in range(len(table.columns))]
    if table.row_totals and table.column_totals:
        found.append([((i, TOTAL), 1) for i in range(len(table.rows))] + [((TOTAL, TOTAL), -1)])
    return [line for line in found if all(position in cells for position, _ in line)]


def revealed(table: Table, shown: Shown) -> set[tuple[int, int]]:
    """Hidden positions that take the same value in every table consistent with what is shown.

    A number hidden only to protect another may be worked out; a small one must not.
    """
    cells = published(table, shown)
    values = true_values(table)
    hidden = [position for position, cell in cells.items() if cell.is_hidden]
    equations = lines(table, cells)
    can_change = set()
    for change in product((-1, 0, 1), repeat=len(hidden)):
        delta = dict(zip(hidden, change))
        if not any(change) or any(values[p] + d < 0 for p, d in delta.items()):
            continue
        if all(sum(delta.get(p, 0) * sign for p, sign in line) == 0 for line in equations):
            can_change |= {p for p, d in delta.items() if d}
    return set(hidden) - can_change


def small_hidden_only(table: Table) -> Shown:
    """What primary suppression alone would publish."""
    values = true_values(table)

    def cell(position):
        value = values[position]
        return Cell("<5", "small", None) if 0 < value < 5 else Cell(str(value), "shown", value)

    rows, columns = range(len(table.rows)), range(len(table.columns))
    return Shown(
        table.key, table.title, table.rows, table.columns,
        [[cell((i, j)) for j in columns] for i in rows],
        [cell((i, TOTAL)) for i in rows], [cell((TOTAL, j)) for j in columns], cell((TOTAL, TOTAL)),
    )


def test_it_hides_small_numbers_and_shows_zeros():
    table = Table("t", "T", ["a", "b"], ["x"], [[3], [0]], row_totals=False, column_totals=False)
    assert grid(protect([table], 5)[0]) == [["<5"], ["0"]]


def test_it_writes_the_configured_threshold():
    table = Table("t", "T", ["a", "b"], ["x"], [[9], [12]], row_totals=False, column_totals=False)
    assert grid(protect([table], 10)[0]) == [["<10"], ["12"]]


def test_a_total_minus_the_other_cells_cannot_reveal_a_hidden_one():
    # Without a second hidden cell: 53 - 20 - 30 = 3.
    table = Table("t", "T", ["video"], ["held", "dropped", "no-show"], [[3, 20, 30]], column_totals=False)
    shown = protect([table], 5)[0]
    assert grid(shown) == [["<5", "hidden", "30", "53"]]
    assert revealed(table, shown) == set()


def test_one_small_cell_is_protected_by_a_rectangle_of_four():
    counts = [[20, 3, 6], [12, 8, 7], [9, 5, 10]]
    table = Table("t", "T", ["video", "audio", "phone"], ["held", "dropped", "no-show"], counts)
    shown = protect([table], 5)[0]
    assert grid(shown) == [
        ["20", "<5", "hidden", "29"],
        ["12", "8", "7", "27"],
        ["9", "hidden", "hidden", "24"],
        ["41", "16", "23", "80"],
    ]
    assert revealed(table, shown) == set()


def test_two_hidden_cells_in_every_line_is_not_enough_when_lines_combine():
    # Every row and column with a hidden cell has two or more, yet
    # row a + row b - column 1 - column 2 gives the <5 at (a, 3) exactly.
    counts = [[2, 3, 4, 10], [4, 1, 20, 30], [8, 9, 2, 3], [7, 6, 4, 1]]
    table = Table("t", "T", ["a", "b", "c", "d"], ["1", "2", "3", "4"], counts)
    shown = protect([table], 5)[0]
    assert grid(shown) == [
        ["<5", "<5", "<5", "hidden", "19"],
        ["<5", "<5", "20", "30", "55"],
        ["8", "9", "<5", "<5", "22"],
        ["7", "6", "<5", "<5", "18"],
        ["21", "19", "30", "44", "114"],
    ]
    assert revealed(table, shown) == set()
    # Hiding only the small cells, as the simpler rule would, gives (a, 3) away.
    assert revealed(table, small_hidden_only(table)) == {(0, 2)}


def test_a_small_total_is_hidden_like_a_cell():
    table = Table("t", "T", ["a", "b"], ["x", "y"], [[1, 2], [30, 40]])
    shown = protect([table], 5)[0]
    assert grid(shown)[0] == ["<5", "<5", "<5"]
    assert revealed(table, shown) == set()


def test_a_hidden_cell_carries_no_number_a_template_could_print():
    table = Table("t", "T", ["video"], ["held", "dropped", "no-show"], [[3, 20, 30]])
    cells = [cell for row in protect([table], 5)[0].body for cell in row]
    assert [(cell.state, cell.value) for cell in cells] == [("small", None), ("hidden", None), ("shown", 30)]


def test_a_number_shared_by_two_tables_is_protected_in_both():
    # All held sessions (6) is in both tables. Protected one by one, the first hides it to
    # protect its <5 and the second shows it: together they give the <5 away (8 - 6 = 2).
    sessions = Table("s", "S", ["video", "audio"], ["held", "dropped"], [[6, 2], [0, 0]])
    length = Table("l", "L", ["short", "long"], ["held"], [[5], [1]], row_totals=False)
    assert grid(protect([sessions], 5)[0]) == [["hidden", "<5", "8"], ["0", "0", "0"], ["hidden", "<5", "8"]]
    assert grid(protect([length], 5)[0]) == [["hidden"], ["<5"], ["6"]]
    shown_sessions, shown_length = protect([sessions, length], 5, [((0, TOTAL, 0), (1, TOTAL, 0))])
    assert grid(shown_sessions) == [["6", "<5", "hidden"], ["0", "0", "0"], ["6", "<5", "hidden"]]
    assert grid(shown_length) == [["hidden"], ["<5"], ["6"]]
    assert revealed(sessions, shown_sessions) & {(0, 1)} == set()


def test_no_hidden_number_of_a_random_table_can_be_worked_out():
    rng = random.Random(20261001)
    checked = 0
    while checked < 40:
        counts = [[rng.choice([0, 1, 2, 3, 5, 6, 8, 12, 20]) for _ in range(4)] for _ in range(3)]
        table = Table("t", "T", ["a", "b", "c"], ["1", "2", "3", "4"], counts)
        shown = protect([table], 5)[0]
        cells = published(table, shown).values()
        if sum(cell.is_hidden for cell in cells) > 9:
            continue  # keep the attacker's search small
        checked += 1
        small = {position for position, cell in published(table, shown).items() if cell.state == "small"}
        assert revealed(table, shown) & small == set(), counts
        assert all(cell.value is None or not 0 < cell.value < 5 for cell in cells), counts
