"""Horizontal bar charts drawn as SVG on the server, from the same protected cells as the table.

No script and no inline style (CSP): the template writes plain SVG elements
whose positions are computed here. A hidden number is drawn as a hatched bar
labelled "<5" (as long as the threshold allows) or "hidden" (a fixed stub):
its length never says more than its label.
"""

from dataclasses import dataclass

from .suppression import Cell

ROW = 30
BAR = 18
PLOT = 240
TOP = 8
CHAR = 7  # generous average label width at the chart's font size, in SVG units
STUB = 24


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    state: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR - 4


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    label_width: int
    bars: list[Bar]

    @property
    def label_x(self) -> int:
        return self.label_width + 8

    @property
    def plot_x(self) -> int:
        return self.label_x + 8

    @property
    def width(self) -> int:
        return self.plot_x + PLOT + 60

    @property
    def height(self) -> int:
        return TOP * 2 + ROW * len(self.bars)


def bar_chart(id: str, title: str, labels: list[str], cells: list[Cell], threshold: int) -> Chart:
    largest = max([cell.value for cell in cells if cell.value is not None] + [threshold, 1])

    def length(cell: Cell) -> int:
        if cell.state == "hidden":
            return STUB
        return round(PLOT * (threshold - 1 if cell.state == "small" else cell.value) / largest)

    bars = [
        Bar(label, cell.text, cell.state, TOP + ROW * n, length(cell))
        for n, (label, cell) in enumerate(zip(labels, cells))
    ]
    figures = "; ".join(f"{label}: {cell.text}" for label, cell in zip(labels, cells))
    description = f"Bar chart. {figures}. Hatched bars are hidden numbers; the table beside it has the same figures."
    label_width = round(CHAR * max(len(label) for label in labels)) if labels else 0
    return Chart(id, title, description, label_width, bars)
