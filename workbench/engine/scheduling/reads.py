"""What a scheduling stage reads from a plan, declared once next to the stage.

Each stage (the network shape, durations, progress, the calendar, the whole compile)
declares the table columns and project fields it reads as a :class:`Reads`, and runs on
:meth:`Reads.view` of its plan, which holds only those columns: a stage that starts to
read an undeclared column fails at once instead of silently going stale. Callers that
cache a stage's result (the scenario runner) ask :meth:`Reads.changed` whether a new
plan differs from the cached one in anything the stage reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from workbench.model.plan import Plan
from workbench.model.project import Project


def _merged(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


@dataclass(frozen=True)
class Reads:
    """Table columns and project fields one stage reads.

    Attributes
    ----------
    tables : Mapping[str, tuple of str]
        Columns read per table name.
    project : tuple of str
        Fields of :class:`~workbench.model.project.Project` read.

    Examples
    --------
    >>> shape = Reads.of(tasks=("id", "parent"))
    >>> both = shape | Reads.of(project=("start",), tasks=("id", "duration"))
    >>> both.tables, both.project
    ({'tasks': ('id', 'parent', 'duration')}, ('start',))
    """

    tables: Mapping[str, tuple[str, ...]]
    project: tuple[str, ...] = ()

    @classmethod
    def of(cls, project: tuple[str, ...] = (), **tables: tuple[str, ...]) -> Reads:
        """Reads from keyword arguments: ``Reads.of(tasks=("id",), project=("start",))``."""
        return cls({name: tuple(columns) for name, columns in tables.items()}, tuple(project))

    def __or__(self, other: Reads) -> Reads:
        names = _merged(tuple(self.tables), tuple(other.tables))
        return Reads({name: _merged(self.tables.get(name, ()), other.tables.get(name, ()))
                      for name in names}, _merged(self.project, other.project))

    def view(self, plan: Plan) -> Plan:
        """The plan with only the declared tables and columns (no validation, no copy
        of the project); reading anything else raises ``KeyError``/``AttributeError``.

        Examples
        --------
        >>> import workbench
        >>> plan = workbench.load_plan(workbench.sample_plan_path())
        >>> Reads.of(tasks=("id", "parent")).view(plan).tasks.columns.tolist()
        ['id', 'parent']
        """
        return Plan(plan.project, {name: plan.tables[name][list(columns)]
                                   for name, columns in self.tables.items()})

    def changed(self, before: Mapping[str, pd.DataFrame], after: Mapping[str, pd.DataFrame],
                before_project: Project, after_project: Project) -> bool:
        """Whether anything declared differs between two sets of tables and projects.

        A table with rows added or removed differs in every column; values compare
        exactly (NaN equals NaN), dtypes included.

        Examples
        --------
        >>> import workbench
        >>> plan = workbench.load_plan(workbench.sample_plan_path())
        >>> renamed = plan.tables | {"tasks": plan.tasks.assign(name="x")}
        >>> (Reads.of(tasks=("name",)).changed(plan.tables, renamed, plan.project, plan.project),
        ...  Reads.of(tasks=("id",)).changed(plan.tables, renamed, plan.project, plan.project))
        (True, False)
        """
        for name, columns in self.tables.items():
            old, new = before[name], after[name]
            if old is new:
                continue
            if len(old) != len(new):
                return True
            if any(not old[column].reset_index(drop=True).equals(
                    new[column].reset_index(drop=True)) for column in columns):
                return True
        if before_project is after_project:
            return False
        return any(getattr(before_project, name) != getattr(after_project, name)
                   for name in self.project)

