"""The Plan: project metadata plus one typed DataFrame per declared table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from workbench.model.errors import PlanError, Problem
from workbench.model.project import Project
from workbench.model.schema import TABLES
from workbench.model.tables import coerce_table
from workbench.model.validate import validate_tables
from workbench.model.validate_money import check_current_baseline

Rows = pd.DataFrame | Iterable[Mapping[str, Any]]


@dataclass(frozen=True, eq=False)
class Plan:
    """What the PM writes down: project metadata and the plan's tables.

    Build plans with :meth:`Plan.build` (which validates) and change them with
    :meth:`Plan.replace`; both return a new plan and never touch the old one.
    Tables are reached by name, e.g. ``plan.tasks``; treat them as read-only.

    Examples
    --------
    >>> import datetime as dt
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "T1", "name": "Design", "duration": 5}])
    >>> plan.tasks.loc[0, "duration"], len(plan.links)
    (np.float64(5.0), 0)
    """

    project: Project
    tables: Mapping[str, pd.DataFrame]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES and "tables" in self.__dict__:
            return self.tables[name]
        raise AttributeError(name)

    @classmethod
    def build(cls, project: Project, **tables: Rows) -> Plan:
        """Create a validated plan from rows per table (missing tables are empty).

        Raises
        ------
        PlanError
            Listing every problem found, each naming table, row and column.
        """
        unknown = [name for name in tables if name not in TABLES]
        if unknown:
            raise PlanError([Problem(name, None, None,
                                     f"unknown table (known: {', '.join(TABLES)})")
                             for name in unknown])
        typed: dict[str, pd.DataFrame] = {}
        problems: list[Problem] = []
        for name, spec in TABLES.items():
            frame, table_problems = coerce_table(spec, tables.get(name, []))
            typed[name] = frame
            problems += table_problems
        if problems:
            raise PlanError(problems)
        problems = validate_tables(typed) + check_current_baseline(project, typed)
        if problems:
            raise PlanError(problems)
        return cls(project, typed)

    def replace(self, project: Project | None = None, **tables: Rows) -> Plan:
        """A new validated plan with some tables (or the project) replaced.

        Examples
        --------
        >>> import datetime as dt
        >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
        ...                   tasks=[{"id": "T1", "duration": 5}])
        >>> plan.replace(tasks=[{"id": "T1", "duration": 8}]).tasks.loc[0, "duration"]
        np.float64(8.0)
        """
        merged = {**self.tables, **tables}
        return Plan.build(project or self.project, **merged)

    def equals(self, other: Plan) -> bool:
        """Same project and same tables, value by value.

        Examples
        --------
        >>> import datetime as dt
        >>> p = Plan.build(Project(start=dt.date(2027, 1, 4)))
        >>> p.equals(p.replace())
        True
        """
        return (
            isinstance(other, Plan)
            and self.project == other.project
            and self.tables.keys() == other.tables.keys()
            and all(self.tables[k].equals(other.tables[k]) for k in self.tables)
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plan) and self.equals(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items() if len(v))
        return f"Plan({self.project.name!r}, start={self.project.start}, {sizes})"
