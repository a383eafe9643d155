"""What-if scenarios as data: a name, a base and an ordered list of declarative changes.

A scenario never holds code. Each change is a small mapping with an ``op`` and the
fields its operation declares in :data:`OPS`, exactly as the plan file writes it::

    scenarios:
      - name: vendor slips
        base: plan                 # or another scenario's name
        description: Vendor API delivered two weeks late
        changes:
          - {op: set, table: tasks, id: T12, field: duration, value: 15}
          - {op: scale, table: tasks, where: {parent: W3}, field: duration, factor: 1.2}
          - {op: add, table: links, row: {from: T5, to: T9, type: FS, lag: 0}}
          - {op: remove, table: tasks, id: T30}

Here the *shape* of scenarios is checked (known operations, fields and tables,
values of the declared type, bases that exist, no loops of bases). Whether a change
still fits its base (the task it names may have been removed) is checked when the
engine applies it (:func:`workbench.engine.scenarios.runner.apply`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from workbench.model.errors import PlanError, Problem
from workbench.model.schema import TABLES
from workbench.model.tables import canonical_dates, coerce_table

#: The name a scenario uses as ``base`` to mean the plan itself.
PLAN_BASE = "plan"


SCALABLE = {"tasks": ("duration", "effort"), "resources": ("capacity", "rate"),
            "assignments": ("units",)}
"""Which columns ``scale`` may multiply, per table."""

TASK_GROUPS = ("parent", "role")
"""``where`` keys for tasks beyond their own columns: ``parent`` matches the whole WBS
branch, ``role`` tasks with an assignment of a resource in that role."""


def _plain(value: Any) -> Any:
    """Numpy scalars, tuples and mappings as plain YAML-friendly Python values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date()
    return value


class Change:
    """One declarative change: an operation and its fields.

    Parameters
    ----------
    op : str
        One of :data:`OPS`.
    **fields
        The operation's fields.

    Examples
    --------
    >>> c = Change("scale", table="tasks", where={"parent": "W3"}, field="duration",
    ...            factor=1.2)
    >>> c.to_dict()
    {'op': 'scale', 'table': 'tasks', 'where': {'parent': 'W3'}, 'field': 'duration', 'factor': 1.2}
    >>> c.with_parameter(1.5)["factor"]
    1.5
    """

    __slots__ = ("op", "fields")

    def __init__(self, op: str, /, **fields: Any) -> None:
        object.__setattr__(self, "op", str(op))
        object.__setattr__(self, "fields", {str(k): _plain(v) for k, v in fields.items()})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Change is immutable; use with_parameter or build a new one")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | Change) -> Change:
        """A change from its mapping (``op`` plus fields), as the plan file holds it.

        Parameters
        ----------
        data : mapping or Change
            ``{"op": ..., **fields}`` as in the plan file; a Change is returned as it is.

        Returns
        -------
        Change
            The change (its shape is checked by :func:`change_problems`, not here).

        Raises
        ------
        TypeError
            When ``data`` is not a mapping.

        Examples
        --------
        >>> Change.from_dict({"op": "delay", "id": "M3", "days": 10})
        Change('delay', id='M3', days=10)
        """
        if isinstance(data, Change):
            return data
        if not isinstance(data, Mapping):
            raise TypeError(f"a change is a mapping with 'op', got {data!r}")
        fields = dict(data)
        return cls(fields.pop("op", ""), **fields)

    def to_dict(self) -> dict[str, Any]:
        """The mapping the plan file writes."""
        return {"op": self.op, **self.fields}

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        """A field, or ``default`` when absent.

        Parameters
        ----------
        name : str
            A field of the change, e.g. ``"id"``, ``"days"``, ``"factor"``.
        default : Any
            What to return when the change has no such field.

        Returns
        -------
        Any
            The field's value (plain Python: numbers, text, lists, mappings).

        Examples
        --------
        >>> change = Change("delay", id="M3", days=10)
        >>> change.get("days"), change.get("lag", 0)
        (10, 0)
        """
        return self.fields.get(name, default)

    @property
    def parameter(self) -> str | None:
        """The field a sweep varies, if the operation has one."""
        spec = OPS.get(self.op)
        return spec.parameter if spec else None

    def with_parameter(self, value: Any) -> Change:
        """A copy with the sweep parameter (``value``, ``factor``, ``days``...) set.

        Parameters
        ----------
        value : Any
            The new value of the operation's sweep parameter (:attr:`parameter`): working
            days for ``delay``, a factor for ``scale``, a value for ``set``...

        Returns
        -------
        Change
            A new change; this one is not changed.

        Raises
        ------
        PlanError
            When the operation has no parameter to vary (e.g. ``remove``).

        Examples
        --------
        >>> Change("delay", id="M3", days=10).with_parameter(15).get("days")
        15
        """
        if self.parameter is None:
            raise PlanError(Problem("scenarios", None, None,
                                    f"a {self.op!r} change has no parameter to vary"))
        return Change(self.op, **{**self.fields, self.parameter: value})

    def summary(self) -> str:
        """The change as one line a PM reads.

        Examples
        --------
        >>> Change("delay", id="M3", days=10).summary()
        'delay M3 by 10 working days'
        >>> Change("scale", table="tasks", where={"parent": "W3"}, field="duration",
        ...        factor=1.5).summary()
        'scale tasks duration (parent = W3) by 1.5'
        """
        spec = OPS.get(self.op)
        return spec.summary(self.fields) if spec else f"{self.op} {self.fields}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Change) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.fields.items())
        return f"Change({self.op!r}, {inner})"


@dataclass(frozen=True, eq=True)
class Scenario:
    """A named what-if: a base (the plan or another scenario) plus ordered changes.

    Examples
    --------
    >>> s = Scenario.from_dict({"name": "vendor slips", "changes": [
    ...     {"op": "delay", "id": "M3", "days": 10}]})
    >>> s.base, s.changes[0].op
    ('plan', 'delay')
    """

    name: str
    base: str = PLAN_BASE
    description: str = ""
    changes: tuple[Change, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes",
                           tuple(Change.from_dict(c) for c in self.changes))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | Scenario) -> Scenario:
        """A scenario from its plan-file mapping.

        Parameters
        ----------
        data : mapping or Scenario
            ``{"name": ..., "base": ..., "description": ..., "changes": [...]}``; a missing
            base means the plan itself. A Scenario is returned as it is.

        Returns
        -------
        Scenario
            The scenario, names stripped (its shape is checked by :func:`check_scenarios`).

        Examples
        --------
        >>> s = Scenario.from_dict({"name": " late ",
        ...                         "changes": [{"op": "shift_start", "days": 5}]})
        >>> s.name, s.base, s.changes[0].summary()
        ('late', 'plan', 'shift the start by 5 days')
        """
        if isinstance(data, Scenario):
            return data
        return cls(name=str(data.get("name", "")).strip(),
                   base=str(data.get("base") or PLAN_BASE).strip(),
                   description=str(data.get("description") or ""),
                   changes=tuple(data.get("changes") or ()))

    def to_dict(self) -> dict[str, Any]:
        """The mapping the plan file writes (``description`` only when given)."""
        out: dict[str, Any] = {"name": self.name, "base": self.base}
        if self.description:
            out["description"] = self.description
        out["changes"] = [c.to_dict() for c in self.changes]
        return out

    def replace(self, **fields: Any) -> Scenario:
        """A copy with some fields changed.

        Parameters
        ----------
        **fields : Any
            New values of ``name``, ``base`` (``"plan"`` or another scenario's name),
            ``description`` or ``changes`` (Change objects or their mappings).

        Returns
        -------
        Scenario
            A new scenario; this one is not changed.

        Raises
        ------
        TypeError
            For a field a scenario does not have.

        Examples
        --------
        >>> late = Scenario("late", changes=({"op": "delay", "id": "M3", "days": 10},))
        >>> later = late.replace(name="later", base="late")
        >>> later.name, later.base, len(later.changes), late.name
        ('later', 'late', 1, 'late')
        """
        return Scenario(**{"name": self.name, "base": self.base,
                           "description": self.description, "changes": self.changes,
                           **fields})

    def __repr__(self) -> str:
        return f"Scenario({self.name!r}, base={self.base!r}, {len(self.changes)} changes)"


SCENARIO_KEYS = ("name", "base", "description", "changes")


def scenario_problem(name: str, index: int | None, message: str) -> Problem:
    """A problem located at a scenario (and one of its changes).

    Parameters
    ----------
    name : str
        The scenario's name (the row of the problem).
    index : int or None
        Position of the change in the scenario's list, 0-based; None for the scenario
        as a whole.
    message : str
        What is wrong, in a PM's words.

    Returns
    -------
    Problem
        Located at table ``scenarios``, row ``name``, column ``changes[index]``.

    Examples
    --------
    >>> str(scenario_problem("vendor slips", 2, "task 'T30' does not exist in the base plan"))
    "scenarios row 'vendor slips' column 'changes[2]': task 'T30' does not exist in the base plan"
    """
    return Problem("scenarios", name, None if index is None else f"changes[{index}]", message)


def change_problems(change: Change) -> list[str]:
    """What is wrong with the shape of one change (empty when it is well-formed).

    Parameters
    ----------
    change : Change
        The change to check: operation, fields, table and column names and value types.

    Returns
    -------
    list of str
        One message per problem (no location: the caller adds scenario and position).

    Examples
    --------
    >>> change_problems(Change("set", table="tasks", id="T1", field="duration", value="x"))
    ["value: expected a number from 0 to 36525, got 'x'"]
    >>> change_problems(Change("set", table="tasks", id="T1", field="length", value=1))[0][:30]
    "unknown field 'length' of task"
    """
    spec = OPS.get(change.op)
    if spec is None:
        return [f"unknown op {change.op!r} (known: {', '.join(OPS)})"]
    fields = change.fields
    missing = [k for k in spec.required if k not in fields]
    unknown = [k for k in fields if k not in spec.required + spec.optional]
    problems = [f"{spec.name} needs {k!r}" for k in missing]
    problems += [f"unknown field {k!r} for {spec.name} (allowed: "
                 f"{', '.join(spec.required + spec.optional)})" for k in unknown]
    if problems:
        return problems
    if "table" in fields and fields["table"] not in TABLES:
        return [f"unknown table {fields['table']!r} (known: {', '.join(TABLES)})"]
    return spec.check(fields) if spec.check else []


def _number(fields: Mapping[str, Any], name: str, minimum: float | None = None,
            whole: bool = False) -> list[str]:
    value = fields[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or np.isnan(value):
        return [f"{name}: expected a number, got {value!r}"]
    if whole and float(value) != int(value):
        return [f"{name}: expected a whole number of days, got {value!r}"]
    if minimum is not None and value < minimum:
        return [f"{name}: must be >= {minimum:g}, got {value!r}"]
    return []


def _typed(table: str, row: Mapping[str, Any]) -> list[str]:
    """Problems converting a (partial) row to the table's declared types."""
    _, problems = coerce_table(TABLES[table], [dict(row)])
    return [f"{p.column}: {p.message}" if p.column else p.message for p in problems]


def _check_set(fields: Mapping[str, Any]) -> list[str]:
    spec = TABLES[fields["table"]]
    if not spec.has(str(fields["field"])):
        return [f"unknown field {fields['field']!r} of {spec.name} "
                f"(known: {', '.join(spec.column_names)})"]
    return [p.replace(f"{fields['field']}:", "value:", 1)
            for p in _typed(spec.name, {fields["field"]: fields["value"]})]


def _check_scale(fields: Mapping[str, Any]) -> list[str]:
    table, field = fields["table"], fields["field"]
    allowed = SCALABLE.get(table, ())
    if field not in allowed:
        return [f"scale works on {', '.join(f'{t}.{c}' for t, cs in SCALABLE.items() for c in cs)}"
                f", not {table}.{field}"]
    problems = _number(fields, "factor", minimum=0)
    if ("where" in fields) == ("ids" in fields):
        problems.append("give either 'where' (field: value) or 'ids' (a list)")
    elif "where" in fields:
        where = fields["where"]
        if not isinstance(where, Mapping) or not where:
            problems.append(f"where: expected a mapping of field: value, got {where!r}")
        else:
            known = TABLES[table].column_names + (list(TASK_GROUPS) if table == "tasks" else [])
            problems += [f"where: unknown field {k!r} of {table}" for k in where
                         if k not in known]
    elif not isinstance(fields["ids"], list) or not fields["ids"]:
        problems.append(f"ids: expected a list of ids, got {fields['ids']!r}")
    return problems


def _check_add(fields: Mapping[str, Any]) -> list[str]:
    row = fields["row"]
    if not isinstance(row, Mapping):
        return [f"row: expected a mapping of column: value, got {row!r}"]
    spec = TABLES[fields["table"]]
    missing = [c.name for c in spec.columns if c.required and c.name not in row]
    return [f"row: needs {name!r}" for name in missing] + _typed(spec.name, row)


def _check_add_units(fields: Mapping[str, Any]) -> list[str]:
    problems = _number(fields, "units", minimum=0)
    if "rate" in fields:
        problems += _number(fields, "rate", minimum=0)
    return problems


def _check_days_off(fields: Mapping[str, Any]) -> list[str]:
    try:
        text = canonical_dates(fields["dates"])
    except ValueError as exc:
        return [f"dates: {exc}"]
    return [] if text else ["dates: give at least one date"]


@dataclass(frozen=True)
class OpSpec:
    """Declaration of one change operation: the model checks it, the engine applies it
    (:data:`workbench.engine.scenarios.runner.OPERATIONS`), the UI lists it.

    Attributes
    ----------
    name : str
        The ``op`` value.
    required, optional : tuple of str
        Fields (besides ``op``) the change must have / may have.
    parameter : str, optional
        The number a sweep varies (``value``, ``factor``, ``days``, ``units``).
    description : str
        One line for a PM.
    check : callable, optional
        Problems with the values of a change's fields (given all required ones are
        there and no unknown ones), as messages; none when absent.
    summary : callable
        One line a PM reads for a change, from its fields.
    """

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    parameter: str | None = None
    description: str = ""
    check: Callable[[Mapping[str, Any]], list[str]] | None = None
    summary: Callable[[Mapping[str, Any]], str] = str


def _scale_group(fields: Mapping[str, Any]) -> str:
    return str(fields.get("ids") or ", ".join(f"{k} = {v}" for k, v in fields["where"].items()))


def _listed(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


OPS: dict[str, OpSpec] = {spec.name: spec for spec in (
    OpSpec("set", ("table", "id", "field", "value"), parameter="value",
           description="Set one field of one row (row id, from->to for links, "
                       "task/resource for assignments)",
           check=_check_set,
           summary=lambda f: f"set {f['table']} {f['id']} {f['field']} = {f['value']}"),
    OpSpec("scale", ("table", "field", "factor"), ("where", "ids"), parameter="factor",
           description="Multiply a number column of a group of rows: by ids, or where "
                       "fields equal values (tasks: parent = a WBS branch, owner, role)",
           check=_check_scale,
           summary=lambda f: f"scale {f['table']} {f['field']} ({_scale_group(f)}) by "
                             f"{f['factor']:g}"),
    OpSpec("add", ("table", "row"), description="Add a row", check=_check_add,
           summary=lambda f: f"add {f['table']} row {f['row']}"),
    OpSpec("remove", ("table", "id"),
           description="Remove a row and what only made sense with it (sub-tasks, links, "
                       "assignments)",
           summary=lambda f: f"remove {f['table']} {f['id']}"),
    OpSpec("delay", ("id", "days"), parameter="days",
           description="Start a task N working days later than its links and start "
                       "constraint allow",
           check=lambda f: _number(f, "days"),
           summary=lambda f: f"delay {f['id']} by {f['days']:g} working days"),
    OpSpec("add_units", ("role", "units"), ("id", "name", "rate"), parameter="units",
           description="Add N units of a role: a new resource sharing the role's work, "
                       "so the role's tasks shorten in proportion",
           check=_check_add_units,
           summary=lambda f: f"add {f['units']:g} units of {f['role']}"),
    OpSpec("shift_start", ("days",), parameter="days",
           description="Move the project start by N calendar days (dated constraints stay)",
           check=lambda f: _number(f, "days", whole=True),
           summary=lambda f: f"shift the start by {f['days']:g} days"),
    OpSpec("add_non_working_days", ("dates",),
           description="Extra project-wide days off: dates or start..end ranges",
           check=_check_days_off,
           summary=lambda f: f"add non-working days {_listed(f['dates'])}"),
)}
"""Every change operation, declared once."""


def base_chain(scenarios: Iterable[Scenario], name: str) -> list[Scenario]:
    """The scenarios to apply for ``name``, the first one based on the plan.

    Parameters
    ----------
    scenarios : iterable of Scenario
        The plan's saved scenarios.
    name : str
        The scenario wanted.

    Returns
    -------
    list of Scenario
        From the one based on the plan to ``name`` itself; empty for ``"plan"``.

    Raises
    ------
    PlanError
        When a base is unknown or the bases loop.

    Examples
    --------
    >>> a, b = Scenario("a"), Scenario("b", base="a")
    >>> [s.name for s in base_chain([a, b], "b")]
    ['a', 'b']
    """
    by_name = {s.name: s for s in scenarios}
    chain: list[Scenario] = []
    current = name
    while current != PLAN_BASE:
        if current not in by_name:
            where = chain[-1].name if chain else name
            raise PlanError(Problem("scenarios", where, "base" if chain else None,
                                    f"unknown scenario {current!r} (known: "
                                    f"{', '.join([PLAN_BASE, *by_name])})"))
        if any(s.name == current for s in chain):
            loop = " -> ".join([s.name for s in chain] + [current])
            raise PlanError(Problem("scenarios", name, "base", f"the bases loop: {loop}"))
        chain.append(by_name[current])
        current = by_name[current].base
    return chain[::-1]


def check_scenarios(scenarios: Iterable[Scenario]) -> list[Problem]:
    """Every shape problem of a plan's scenarios, each naming the scenario and change.

    Parameters
    ----------
    scenarios : iterable of Scenario
        A plan's scenarios, in file order.

    Returns
    -------
    list of Problem
        Missing, reserved or duplicate names, unknown bases, loops of bases and every
        malformed change; empty when all is well.

    Examples
    --------
    >>> bad = Scenario("x", changes=({"op": "remove", "table": "tasks"},))
    >>> [str(p) for p in check_scenarios([bad, Scenario("y", base="z")])]
    ["scenarios row 'x' column 'changes[0]': remove needs 'id'"]
    >>> [str(p) for p in check_scenarios([Scenario("y", base="z")])]
    ["scenarios row 'y' column 'base': unknown scenario 'z' (known: plan, y)"]
    """
    scenarios = list(scenarios)
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, scenario in enumerate(scenarios):
        label = scenario.name or f"#{position + 1}"
        if not scenario.name:
            problems.append(Problem("scenarios", label, "name", "is required"))
        elif scenario.name == PLAN_BASE:
            problems.append(Problem("scenarios", label, "name",
                                    f"{PLAN_BASE!r} names the plan itself; choose another"))
        elif scenario.name in seen:
            problems.append(Problem("scenarios", label, "name", "duplicate scenario name"))
        seen.add(scenario.name)
        for index, change in enumerate(scenario.changes):
            problems += [scenario_problem(label, index, message)
                         for message in change_problems(change)]
    if not problems:
        for scenario in scenarios:
            try:
                base_chain(scenarios, scenario.name)
            except PlanError as exc:
                problems += exc.problems
                break
    return problems


def scenarios_from_list(data: Any) -> tuple[Scenario, ...]:
    """Scenarios from the plan file's ``scenarios:`` list (shape checked).

    Parameters
    ----------
    data : Any
        The safe-loaded ``scenarios:`` value: None or a list of mappings with ``name``,
        ``base``, ``description`` and ``changes``.

    Returns
    -------
    tuple of Scenario
        In file order; empty for None.

    Raises
    ------
    PlanError
        For entries that are not mappings, unknown keys, or any shape problem.

    Examples
    --------
    >>> scenarios_from_list([{"name": "late", "changes": [
    ...     {"op": "shift_start", "days": 7}]}])[0].changes[0]["days"]
    7
    """
    if data is None:
        return ()
    if not isinstance(data, list):
        raise PlanError(Problem("scenarios", None, None, "must be a list of scenarios"))
    problems: list[Problem] = []
    scenarios: list[Scenario] = []
    for position, item in enumerate(data):
        label = f"#{position + 1}"
        if not isinstance(item, Mapping):
            problems.append(Problem("scenarios", label, None,
                                    f"must be a mapping with name and changes, got {item!r}"))
            continue
        label = str(item.get("name") or label)
        problems += [Problem("scenarios", label, str(key),
                             f"unknown key (allowed: {', '.join(SCENARIO_KEYS)})")
                     for key in item if key not in SCENARIO_KEYS]
        changes = item.get("changes") or []
        if not isinstance(changes, list):
            problems.append(Problem("scenarios", label, "changes", "must be a list of changes"))
            continue
        bad = [i for i, c in enumerate(changes) if not isinstance(c, Mapping)]
        problems += [scenario_problem(label, i, f"must be a mapping with 'op', got "
                                                f"{changes[i]!r}") for i in bad]
        if not bad:
            scenarios.append(Scenario.from_dict(item))
    if problems:
        raise PlanError(problems)
    problems = check_scenarios(scenarios)
    if problems:
        raise PlanError(problems)
    return tuple(scenarios)
