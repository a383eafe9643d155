"""The one error type for a plan that is not right, and the problems it carries."""

from __future__ import annotations

from dataclasses import dataclass


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
