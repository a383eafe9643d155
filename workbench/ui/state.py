"""The workbench's state: the current plan, its schedule, undo/redo, dirty flag, save.

No widgets here: editors and charts are bound to one ``WorkbenchState`` and every
edit goes through :meth:`WorkbenchState.apply`, which either installs a new valid
plan (and its schedule) or refuses it and keeps the previous one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import panel as pn
import param

from workbench.engine import Schedule, schedule
from workbench.io import PlanFile
from workbench.model import Plan, PlanError

UNDO_DEPTH = 100


class WorkbenchState(param.Parameterized):
    """One PM's working copy of a plan.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> state = WorkbenchState.from_file(sample_plan_path())
    >>> tasks = state.plan.tasks.copy()
    >>> tasks.loc[tasks["id"] == "T1", "duration"] = 6
    >>> state.apply(state.plan.replace(tasks=tasks), "T1 duration 6")
    True
    >>> state.dirty, state.can_undo
    (True, True)
    """

    plan = param.ClassSelector(class_=Plan, doc="The current, valid plan")
    schedule = param.ClassSelector(class_=Schedule, doc="The schedule of the current plan")
    path = param.ClassSelector(class_=Path, default=None, allow_None=True,
                               doc="Plan file that Save writes to")
    read_only = param.Boolean(default=False, doc="Stakeholder mode: no edits, no saving")
    error = param.String(default="", doc="Why the last edit was refused; empty after a good one")
    message = param.String(default="", doc="What the last action did, for the status line")
    dirty = param.Boolean(default=False, doc="Unsaved edits exist")
    can_undo = param.Boolean(default=False)
    can_redo = param.Boolean(default=False)

    def __init__(self, plan: Plan, **params) -> None:
        super().__init__(plan=plan, schedule=schedule(plan), **params)
        self._saved = plan
        self._undo: list[tuple[Plan, str]] = []
        self._redo: list[tuple[Plan, str]] = []
        # The file as last read or written: Save refuses if it changed on disk since.
        self._file: PlanFile | None = None

    @classmethod
    def from_file(cls, path: str | Path, read_only: bool = False) -> WorkbenchState:
        """Open a plan file; Save writes back to it."""
        handle = PlanFile.open(path)
        state = cls(handle.plan, path=handle.path, read_only=read_only)
        state._file = handle
        return state

    def apply(self, change: Plan | Callable[[Plan], Plan], label: str = "edit") -> bool:
        """Install a new plan, or refuse it and keep the current one.

        Parameters
        ----------
        change : Plan or callable
            The new plan, or a function from the current plan to the new one
            (it may raise :class:`PlanError`).
        label : str
            What the edit was, for the undo history and the status line.

        Returns
        -------
        bool
            True when the plan changed; False when it was refused (see ``error``).
        """
        if self.read_only:
            self.error = "This workbench is read-only."
            return False
        try:
            new_plan = change(self.plan) if callable(change) else change
            new_schedule = schedule(new_plan)
        except PlanError as exc:
            self.error = str(exc)
            return False
        self._undo = [*self._undo[-(UNDO_DEPTH - 1):], (self.plan, label)]
        self._redo = []
        self._install(new_plan, new_schedule, f"Applied: {label}")
        return True

    def undo(self) -> bool:
        """Go back to the plan before the last edit."""
        if self.read_only or not self._undo:
            return False
        previous, label = self._undo.pop()
        self._redo.append((self.plan, label))
        self._install(previous, schedule(previous), f"Undone: {label}")
        return True

    def redo(self) -> bool:
        """Re-apply the last undone edit."""
        if self.read_only or not self._redo:
            return False
        following, label = self._redo.pop()
        self._undo.append((self.plan, label))
        self._install(following, schedule(following), f"Redone: {label}")
        return True

    def save(self, path: str | Path | None = None) -> Path:
        """Write the plan to its file atomically and clear the dirty flag.

        Raises
        ------
        SaveConflict
            When the file changed on disk since this state read or wrote it.
        """
        if self.read_only:
            raise PermissionError("This workbench is read-only.")
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("No file to save to: pass a path.")
        known = self._file if self._file is not None and self._file.path == target else None
        self._file = (known or PlanFile(target, self.plan, None)).save(self.plan)
        self._saved = self.plan
        self.param.update(path=target, dirty=False, message=f"Saved {target.name}")
        return target

    def _install(self, plan: Plan, new_schedule: Schedule, message: str) -> None:
        # Every view redraws from this one update; hold sends their changes to the
        # page as one message, so the browser lays out once per edit.
        with pn.io.hold():
            self._update(plan, new_schedule, message)

    def _update(self, plan: Plan, new_schedule: Schedule, message: str) -> None:
        self.param.update(
            plan=plan,
            schedule=new_schedule,
            error="",
            message=message,
            dirty=plan is not self._saved and not plan.equals(self._saved),
            can_undo=bool(self._undo),
            can_redo=bool(self._redo),
        )
