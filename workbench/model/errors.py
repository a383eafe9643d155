"""The one error type for a plan that is not right, and the problems it carries."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: Longest echo of a cell value in a message; the rest is cut.
SHOWN_WIDTH = 60


def shown(value: object, width: int = SHOWN_WIDTH) -> str:
    """How a message echoes a value: its ``repr``, cut to ``width`` characters.

    Values come from files and edits of any size; a message stays one short line.

    Parameters
    ----------
    value : object
        The value as given.
    width : int
        Longest text returned; longer ones end in ``...``.

    Returns
    -------
    str

    Examples
    --------
    >>> shown("five"), shown(float("inf")), shown("x" * 100, width=10)
    ("'five'", 'inf', "'xxxxxx...")
    >>> shown(10 ** 5000)
    '<integer of 5001 digits>'
    """
    if isinstance(value, np.generic):
        value = value.item()  # np.float64(inf) reads as inf
    try:
        text = repr(value)
    except ValueError:  # Python refuses to print integers of more than 4300 digits
        text = (f"<integer of {int(math.log10(abs(value))) + 1} digits>"
                if isinstance(value, int) else f"<{type(value).__name__}>")
    return text if len(text) <= width else text[:width - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan, located by table, row and column.

    Examples
    --------
    >>> str(Problem("tasks", "T12", "duration", "must be >= 0, got -3"))
    "tasks row 'T12' column 'duration': must be >= 0, got -3"
    """

    table: str
    row: str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.table
        if self.row is not None:
            where += f" row {self.row!r}"
        if self.column is not None:
            where += f" column {self.column!r}"
        return f"{where}: {self.message}"


class PlanError(ValueError):
    """A plan, a plan file or an edit that cannot be accepted.

    All problems found are reported together; ``table``, ``row`` and ``column``
    name the first of them.

    Examples
    --------
    >>> err = PlanError([Problem("links", "T1->T2", "type", "unknown link type 'XX'")])
    >>> err.table, err.row, err.column
    ('links', 'T1->T2', 'type')
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("plan", None, None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        first = self.problems[0]
        self.table, self.row, self.column = first.table, first.row, first.column
        super().__init__("\n".join(str(p) for p in self.problems))
