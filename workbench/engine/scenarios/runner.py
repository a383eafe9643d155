"""Applying scenarios: a base plan plus declarative changes gives a new plan (and schedule).

:func:`apply` resolves a scenario's chain of bases and applies every change to a copy
of the plan; the base is never touched. A change that no longer fits (the task it
names was removed, a branch is empty) raises a :class:`PlanError` naming the scenario
and the change, e.g. ``scenarios row 'descope' column 'changes[0]': task 'T30' does
not exist in the base plan``.

Most what-ifs change numbers, not the network: durations, effort, units, capacity,
rates, constraint dates, the calendar. :class:`ScenarioRunner` reuses what it can from
the base, and what it can is not listed here: it compares the scenario's tables and
project with the base's on exactly what each compile stage declares it reads
(:data:`~workbench.engine.scheduling.compiled.NETWORK_READS`,
:data:`~workbench.engine.scheduling.calendar.CALENDAR_READS`,
:data:`~workbench.engine.scheduling.compiled.COMPILE_READS`). A change that no stage
reads (names, rates, costs) reuses the base's compiled plan as it is; one that keeps
the network skips network re-validation and compiles on the base's network; only a
change to task ids, parents or link ends builds and compiles the plan from scratch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.engine.scheduling.calendar import CALENDAR_READS, WorkCalendar
from workbench.engine.scheduling.compiled import (
    COMPILE_READS,
    NETWORK_READS,
    CompiledPlan,
    compile_plan,
)
from workbench.engine.scheduling.scheduler import Schedule, schedule
from workbench.model import TABLES, Plan, PlanError
from workbench.model.arguments import expect, expect_plan
from workbench.model.references import descendants, without_rows
from workbench.model.scenario import (
    OPS,
    PLAN_BASE,
    Change,
    Scenario,
    base_chain,
    check_scenarios,
    scenario_problem,
)
from workbench.model.tables import canonical_dates, coerce_table, expand_dates, row_labels

# How much of the base's work a scenario plan can reuse, from most to least.
REUSE_ALL = 0  # nothing the compile reads changed (names, rates): the base's compiled plan
REUSE_NETWORK = 1  # compile again on the base's network and calendar
RECOMPILE = 2  # the calendar changed (start, days off): compile again on the base's network
REBUILD = 3  # task ids, parents or link ends changed: validate, build and compile anew

# The first stage, from the deepest, whose declared reads a change touches decides.
_LEVELS = ((REBUILD, NETWORK_READS), (RECOMPILE, CALENDAR_READS), (REUSE_NETWORK, COMPILE_READS))
_SINGULAR = {"tasks": "task", "links": "link", "resources": "resource",
             "assignments": "assignment"}


class Stale(Exception):
    """A change that does not fit the plan it is applied to."""


Operation = Callable[["Draft", Change], None]

OPERATIONS: dict[str, Operation] = {}
"""How each operation declared in :data:`workbench.model.scenario.OPS` changes a draft."""


def _applies(op: str) -> Callable[[Operation], Operation]:
    """Register the function that applies the declared operation ``op``."""
    if op not in OPS:
        raise ValueError(f"operation {op!r} is not declared in workbench.model.scenario.OPS")

    def register(function: Operation) -> Operation:
        OPERATIONS[op] = function
        return function

    return register


class Draft:
    """A working copy of a plan that changes are applied to."""

    def __init__(self, plan: Plan) -> None:
        self.base = plan
        self.project = plan.project
        self.tables: dict[str, pd.DataFrame] = dict(plan.tables)
        self._copied: set[str] = set()

    def table(self, name: str) -> pd.DataFrame:
        """The draft's table ``name``, copied before the first write."""
        if name not in self._copied:
            self.tables[name] = self.tables[name].copy()
            self._copied.add(name)
        return self.tables[name]

    def put(self, name: str, frame: pd.DataFrame) -> None:
        """Install a new frame for ``name``."""
        self.tables[name] = frame.reset_index(drop=True)
        self._copied.add(name)

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self.project)

    def reuse(self) -> int:
        """How much of the base's compiled plan the draft can reuse: the deepest compile
        stage whose declared reads differ from the base's."""
        return next((level for level, reads in _LEVELS
                     if reads.changed(self.base.tables, self.tables, self.base.project,
                                      self.project)), REUSE_ALL)

    def plan(self, same_network: bool = False) -> Plan:
        """The validated plan (raises PlanError); no scenarios of its own.

        ``same_network`` (task ids, parents and link ends as in the base) skips the
        network checks.
        """
        changed = {name: self.tables[name] for name in self._copied}
        plan = self.base.replace_typed(self.project, same_network=same_network, **changed)
        return dataclasses.replace(plan, scenarios=())


def _rows(draft: Draft, table: str, key: str) -> np.ndarray:
    """Positions of the row named ``key`` (id, ``from->to``, ``task/resource``)."""
    frame = draft.tables[table]
    spec = TABLES[table]
    key = str(key)
    if spec.key == ("id",):
        mask = (frame["id"] == key).to_numpy()
    else:
        separator = "->" if spec.key == ("from", "to") else "/"
        parts = key.split(separator)
        if len(parts) != len(spec.key):
            raise Stale(f"{_SINGULAR.get(table, table)} key {key!r} should look like "
                        f"{separator.join(spec.key)}")
        mask = np.logical_and.reduce([(frame[k] == v).to_numpy()
                                      for k, v in zip(spec.key, parts, strict=True)])
    found = np.flatnonzero(mask)
    if not len(found):
        raise Stale(f"{_SINGULAR.get(table, table)} {key!r} does not exist in the base plan")
    return found


def _typed_rows(table: str, rows: list[Mapping[str, Any]]) -> pd.DataFrame:
    frame, problems = coerce_table(TABLES[table], rows)
    if problems:
        raise PlanError(problems)
    return frame


def _typed_value(table: str, field: str, value: Any) -> Any:
    return _typed_rows(table, [{field: value}])[field].iloc[0]


@_applies("set")
def _set(draft: Draft, change: Change) -> None:
    table, field = change["table"], change["field"]
    rows = _rows(draft, table, change["id"])
    value = _typed_value(table, field, change["value"])
    frame = draft.table(table)
    frame.iloc[rows, frame.columns.get_loc(field)] = value


def _select(draft: Draft, change: Change) -> np.ndarray:
    """Mask of the rows a ``scale`` change works on."""
    table = change["table"]
    frame = draft.tables[table]
    if "ids" in change.fields:
        keys = [str(k) for k in change["ids"]]
        labels = frame["id"] if TABLES[table].key == ("id",) else pd.Series(
            row_labels(TABLES[table], frame), dtype=object)
        missing = sorted(set(keys) - set(labels))
        if missing:
            _rows(draft, table, missing[0])  # raises Stale naming it
        return labels.isin(keys).to_numpy()
    mask = np.ones(len(frame), dtype=bool)
    for field, value in change["where"].items():
        if table == "tasks" and field == "parent":
            _rows(draft, "tasks", value)
            mask &= descendants(frame, [str(value)])
        elif table == "tasks" and field == "role":
            resources = draft.tables["resources"]
            staff = resources.loc[resources["role"] == str(value), "id"]
            if staff.empty:
                raise Stale(f"no resource has the role {value!r} in the base plan")
            assignments = draft.tables["assignments"]
            busy = assignments.loc[assignments["resource"].isin(staff), "task"]
            mask &= frame["id"].isin(busy).to_numpy()
        else:
            mask &= (frame[field] == _typed_value(table, field, value)).to_numpy()
    if not mask.any():
        where = ", ".join(f"{k} = {v!r}" for k, v in change["where"].items())
        raise Stale(f"no {table} where {where} in the base plan")
    return mask


@_applies("scale")
def _scale(draft: Draft, change: Change) -> None:
    table, field, factor = change["table"], change["field"], float(change["factor"])
    mask = _select(draft, change)
    frame = draft.table(table)
    values = frame[field].to_numpy(dtype=np.float64, copy=True)
    values[mask] *= factor
    frame[field] = values
    if table == "tasks" and field == "duration":
        # Effort-driven tasks take their duration from effort: scale that instead.
        effort = frame["effort"].to_numpy(dtype=np.float64, copy=True)
        by_effort = mask & np.isnan(frame["duration"].to_numpy()) & ~np.isnan(effort)
        effort[by_effort] *= factor
        frame["effort"] = effort


@_applies("add")
def _add(draft: Draft, change: Change) -> None:
    table = change["table"]
    row = _typed_rows(table, [change["row"]])
    draft.put(table, pd.concat([draft.tables[table], row], ignore_index=True))


@_applies("remove")
def _remove(draft: Draft, change: Change) -> None:
    table = change["table"]
    doomed = np.zeros(len(draft.tables[table]), dtype=bool)
    doomed[_rows(draft, table, change["id"])] = True
    for name, frame in without_rows(draft.tables, table, doomed).items():
        draft.put(name, frame)


@_applies("delay")
def _delay(draft: Draft, change: Change) -> None:
    days = int(change["days"])
    row = _rows(draft, "tasks", change["id"])[0]
    tasks = draft.table("tasks")
    task_id = tasks["id"].iloc[row]
    if (tasks["parent"] == task_id).any():
        raise Stale(f"task {task_id!r} is a summary: delay the tasks inside it")
    links = draft.table("links")
    incoming = (links["to"] == task_id).to_numpy()
    links.loc[incoming, "lag"] = links.loc[incoming, "lag"] + days
    constraint = tasks["constraint"].iloc[row]
    calendar = draft.calendar()
    if constraint in ("SNET", "MSO", "FNET", "MFO"):
        day = np.datetime64(tasks["constraint_date"].iloc[row], "D")
        # Finish-type dates roll back to a working day, start-type ones forward.
        roll = "forward" if constraint in ("SNET", "MSO") else "backward"
        moved = np.busday_offset(day, days, roll=roll, busdaycal=calendar.busdaycal)
        tasks.iloc[row, tasks.columns.get_loc("constraint_date")] = pd.Timestamp(moved)
    elif constraint == "ASAP" and not incoming.any():
        moved = np.busday_offset(calendar.start, max(days, 0), busdaycal=calendar.busdaycal)
        tasks.iloc[row, tasks.columns.get_loc("constraint")] = "SNET"
        tasks.iloc[row, tasks.columns.get_loc("constraint_date")] = pd.Timestamp(moved)


def _next_id(ids: pd.Series, prefix: str) -> str:
    numbers = pd.to_numeric(ids.str.extract(rf"^{prefix}(\d+)$")[0], errors="coerce")
    return f"{prefix}{int(numbers.max()) + 1 if numbers.notna().any() else 1}"


@_applies("add_units")
def _add_units(draft: Draft, change: Change) -> None:
    role, units = str(change["role"]), float(change["units"])
    resources = draft.tables["resources"]
    staff = resources[resources["role"] == role]
    capacity = float(staff["capacity"].sum())
    if staff.empty or capacity <= 0:
        raise Stale(f"no resource with capacity has the role {role!r} in the base plan")
    if units == 0:
        return
    new_id = str(change.get("id") or _next_id(resources["id"], "R"))
    rate = change.get("rate", float(staff["rate"].mean()))
    _add(draft, Change("add", table="resources", row={
        "id": new_id, "name": change.get("name", f"Additional {role.lower()}"),
        "role": role, "capacity": units, "rate": rate}))
    assignments = draft.tables["assignments"]
    by_role = assignments[assignments["resource"].isin(staff["id"])]
    share = by_role.groupby("task", sort=False)["units"].sum() * (units / capacity)
    share = share[share > 0]
    before = assignments.groupby("task")["units"].sum().reindex(share.index)
    new_rows = pd.DataFrame({"task": share.index.to_numpy(dtype=object),
                             "resource": new_id, "units": share.to_numpy()})
    draft.put("assignments", pd.concat([assignments, _typed_rows("assignments", new_rows)],
                                       ignore_index=True))
    # Duration-given tasks share their work too: effort-driven ones follow the units.
    tasks = draft.table("tasks")
    factor = (before / (before + share)).reindex(tasks["id"]).to_numpy()
    duration = tasks["duration"].to_numpy(dtype=np.float64, copy=True)
    hit = ~np.isnan(factor) & ~np.isnan(duration)
    duration[hit] *= factor[hit]
    tasks["duration"] = duration


@_applies("shift_start")
def _shift_start(draft: Draft, change: Change) -> None:
    start = draft.project.start + pd.Timedelta(days=int(change["days"])).to_pytimedelta()
    draft.project = draft.project.replace(start=start)


@_applies("add_non_working_days")
def _add_non_working_days(draft: Draft, change: Change) -> None:
    days = expand_dates(canonical_dates(change["dates"]))
    calendar = draft.project.calendar
    holidays = tuple(sorted(set(calendar.holidays) | set(days)))
    draft.project = draft.project.replace(
        calendar=dataclasses.replace(calendar, holidays=holidays))


def _apply_change(draft: Draft, scenario: str, index: int, change: Change) -> None:
    try:
        OPERATIONS[change.op](draft, change)
    except Stale as exc:
        raise PlanError(scenario_problem(scenario, index, str(exc))) from None
    except PlanError as exc:
        raise PlanError([scenario_problem(scenario, index, str(p))
                         for p in exc.problems]) from None


Steps = list[tuple[str, int, Change]]


def _steps(chain: Iterable[Scenario]) -> Steps:
    return [(s.name, i, c) for s in chain for i, c in enumerate(s.changes)]


def _build(plan: Plan, steps: Steps) -> tuple[Plan, int]:
    """Apply every step to a draft of ``plan``, validate the result once; return it and
    its reuse level.

    On a validation error the steps are replayed one by one to name the change that
    broke the plan (slow, but only on the error path).
    """
    draft = Draft(plan)
    for name, index, change in steps:
        _apply_change(draft, name, index, change)
    reuse = draft.reuse()
    try:
        return draft.plan(same_network=reuse < REBUILD), reuse
    except PlanError:
        replay = Draft(plan)
        for name, index, change in steps:
            _apply_change(replay, name, index, change)
            try:
                replay.plan(same_network=replay.reuse() < REBUILD)
            except PlanError as exc:
                raise PlanError([scenario_problem(name, index, str(p))
                                 for p in exc.problems]) from None
        raise


def resolve(plan: Plan, scenario: Scenario | Mapping[str, Any] | str) -> list[Scenario]:
    """The chain of scenarios to apply for ``scenario``, the first based on the plan.

    A scenario given as an object (or mapping) need not be saved in the plan; its
    ``base`` may name one that is.

    Raises
    ------
    PlanError
        Unknown scenario or base, loops of bases, or a malformed scenario.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> [s.name for s in resolve(plan, "vendor slips, second developer")]
    ['vendor slips 2 weeks', 'vendor slips, second developer']
    """
    expect(scenario, (Scenario, Mapping, str), "scenario", "put a list of changes in "
           "Scenario(name, changes=...) or {'name': ..., 'changes': [...]}")
    if isinstance(scenario, str):
        if scenario == PLAN_BASE:
            return []
        return base_chain(plan.scenarios, scenario)
    scenario = Scenario.from_dict(scenario)
    # The plan's own scenarios were checked when it was built: check only this one.
    problems = check_scenarios([scenario.replace(base=PLAN_BASE)])
    if problems:
        raise PlanError(problems)
    others = [s for s in plan.scenarios if s.name != scenario.name]
    return base_chain([*others, scenario], scenario.name)


def apply(plan: Plan, scenario: Scenario | Mapping[str, Any] | str) -> Plan:
    """The plan as a scenario would make it; the base plan is left as it was.

    Parameters
    ----------
    plan : Plan
        The base plan (holding the scenarios named by ``base``).
    scenario : Scenario, mapping or str
        A scenario, its plan-file mapping, or the name of one of ``plan.scenarios``
        (``"plan"`` gives the plan itself).

    Returns
    -------
    Plan
        A new validated plan with every change of the scenario's chain applied; it
        carries no scenarios of its own.

    Raises
    ------
    PlanError
        Naming the scenario and the change (``changes[i]``) that does not fit, or
        what is wrong with the scenario itself.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> slipped = apply(plan, {"name": "late design", "changes": [
    ...     {"op": "set", "table": "tasks", "id": "T5", "field": "duration", "value": 20}]})
    >>> float(slipped.tasks.set_index("id").loc["T5", "duration"]), len(plan.scenarios) > 0
    (20.0, True)
    """
    steps = _steps(resolve(expect_plan(plan), scenario))
    if not steps:
        return dataclasses.replace(plan, scenarios=())
    return _build(plan, steps)[0]


@dataclass(frozen=True)
class Outcome:
    """A scenario's plan and schedule, and how much of the base they reused."""

    name: str
    plan: Plan
    schedule: Schedule
    reuse: int


class ScenarioRunner:
    """Applies and schedules scenarios of one base plan, reusing the base's work.

    The base's compiled plan is built once; a scenario that changes nothing the
    compile reads (names, rates) is scheduled on it as it is, one that keeps the
    network is compiled on the base's network (and calendar, if that is unchanged),
    and outcomes of saved scenarios are kept for the runner's life.

    Examples
    --------
    >>> import workbench
    >>> runner = ScenarioRunner(workbench.load_plan(workbench.sample_plan_path()))
    >>> late = runner.run_changes([{"op": "delay", "id": "M3", "days": 10}])
    >>> bool(late.schedule.finish > runner.base.schedule.finish), late.reuse == REUSE_NETWORK
    (True, True)
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.compiled: CompiledPlan = compile_plan(plan)
        self.base = Outcome(PLAN_BASE, plan, schedule(plan, compiled=self.compiled), REUSE_ALL)
        self._outcomes: dict[str, Outcome] = {PLAN_BASE: self.base}

    def run(self, scenario: Scenario | Mapping[str, Any] | str) -> Outcome:
        """The outcome of a scenario (a saved one by name is computed once)."""
        if isinstance(scenario, str) and scenario in self._outcomes:
            return self._outcomes[scenario]
        chain = resolve(self.plan, scenario)
        outcome = self._run(chain[-1].name if chain else PLAN_BASE, _steps(chain))
        if isinstance(scenario, str):
            self._outcomes[scenario] = outcome
        return outcome

    def run_changes(self, changes: Iterable[Change | Mapping[str, Any]],
                    name: str = "what-if", base: str = PLAN_BASE) -> Outcome:
        """The outcome of changes applied on top of ``base`` (the plan or a scenario)."""
        return self.run(Scenario(name, base=base, changes=tuple(changes)))

    def _run(self, name: str, steps: Steps) -> Outcome:
        if not steps:
            return dataclasses.replace(self.base, name=name)
        plan, reuse = _build(self.plan, steps)
        base = self.compiled
        if reuse == REUSE_ALL:
            net = base
        elif reuse == REUSE_NETWORK:
            net = compile_plan(plan, base.calendar, base.network)
        elif reuse == RECOMPILE:
            net = compile_plan(plan, network=base.network)
        else:
            net = compile_plan(plan)
        return Outcome(name, plan, schedule(plan, compiled=net), reuse)
