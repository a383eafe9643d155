"""The one declaration of every plan table: columns, dtypes, defaults, allowed values.

Validation, the plan file and the table editors all read these declarations;
a new table (cost lines, risks, ...) is added here and nowhere else. The limits on
what a plan may hold (a 100-year span, the date window, the largest numbers) are
declared here too, for the columns, the project metadata and the engine's calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["str", "float", "int", "bool", "date", "dates", "three_point", "ids"]

LINK_TYPES = ("FS", "SS", "FF", "SF")
CONSTRAINT_TYPES = ("ASAP", "SNET", "FNET", "MSO", "MFO", "SNLT", "FNLT")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Standard cost categories; resource labour is always booked as ``labour``.
COST_CATEGORIES = ("labour", "hardware", "software licences", "cloud", "services", "travel",
                   "training", "contingency", "other")
#: Budget rows for money held back from the cost baseline (not spent on planned work).
RESERVE_CATEGORIES = ("contingency reserve", "management reserve")
DISTRIBUTIONS = ("triangular", "pert")
RISK_STATUSES = ("open", "mitigating", "closed")
# Limits on every value a plan can hold. They keep input from exhausting memory or time
# (the engine sizes arrays by the plan's span in days) and keep numbers finite; the
# column declarations below and the project metadata read them from here.
#: Longest span a plan may cover, from its start to its last date.
SPAN_YEARS = 100
#: Working days in SPAN_YEARS if every day were a working day: no duration, lag or
#: delay can be longer than this and still fit in the span.
MAX_WORKING_DAYS = 36_525
#: Dates outside this window are refused wherever a plan holds a date.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
#: Units of one assignment or one resource's capacity (1.0 = one full-time person); large
#: enough to stand for "unlimited" in what-ifs.
MAX_UNITS = 1e6
#: Person-days of effort of one task or baseline.
MAX_EFFORT = MAX_WORKING_DAYS * MAX_UNITS
#: Hours of one actuals row.
MAX_HOURS = 24 * MAX_EFFORT
#: Any amount of money (plan currency); floats keep whole cents up to here.
MAX_MONEY = 1e15
#: Multipliers of a planned duration (risk spreads, scenario scale factors).
MAX_MULTIPLIER = 100.0
# Bounds of the usual kinds of number, for the column declarations below.
_DAYS = {"minimum": 0, "maximum": MAX_WORKING_DAYS}
_UNITS = {"minimum": 0, "maximum": MAX_UNITS}
_EFFORT = {"minimum": 0, "maximum": MAX_EFFORT}
_MONEY = {"minimum": 0, "maximum": MAX_MONEY}
_SIGNED_MONEY = {"minimum": -MAX_MONEY, "maximum": MAX_MONEY}
#: Kinds held as numbers, checked against ``minimum`` and ``maximum``.
NUMBER_KINDS = ("float", "int")
#: Kinds held as one canonical text per cell (lists written as one comma-separated string).
TEXT_KINDS = ("str", "dates", "three_point", "ids")


@dataclass(frozen=True)
class Column:
    """One column of a plan table.

    Attributes
    ----------
    name : str
        Field name, the same in the DataFrame, the file and the editor.
    kind : Kind
        ``str``, ``float``, ``int``, ``bool``, ``date``, ``dates`` (a list of dates
        and ``start..end`` ranges, held as one comma-separated string),
        ``three_point`` (one number >= 0, or three ordered numbers "optimistic, most
        likely, pessimistic", held as "5" or "3, 5, 10") or ``ids`` (a list of ids of
        the ``references`` table, held as "T1, T2").
    default : Any
        Value when the field is absent; ``None`` means empty (NaN / NaT / "").
    required : bool
        The field must be given in every row.
    allowed : tuple of str, optional
        The only values a ``str`` column may take (empty is allowed unless required).
    minimum, maximum : float, optional
        Bounds for numbers, inclusive; every number column declares both (see the
        ``MAX_*`` limits above). For ``three_point`` the maximum of each of its numbers,
        which are never negative.
    references : str, optional
        Name of the table whose ``id`` this column must match.
    removed_with_target : bool
        For a reference: when the row it points to is removed, remove this row too.
        Required references always are; optional ones are cleared unless this is set.
    description : str
        What a PM reads in an editor tooltip.
    """

    name: str
    kind: Kind
    default: Any = None
    required: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None
    removed_with_target: bool = False
    description: str = ""


@dataclass(frozen=True)
class TableSpec:
    """Declaration of one plan table.

    Attributes
    ----------
    name : str
        Table name, also its key in the plan file.
    columns : tuple of Column
        The columns in display order.
    key : tuple of str
        Columns that label a row in messages (``id``, or ``from``/``to`` for links).
    unique : bool
        Whether the key must be unique.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)
    unique: bool = True
    description: str = ""
    _by_name: Mapping[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {c.name: c for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        """Column names in display order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The declaration of column ``name``.

        Parameters
        ----------
        name : str
            A column name of this table.

        Returns
        -------
        Column

        Raises
        ------
        KeyError
            When the table has no such column (check with :meth:`has`).

        Examples
        --------
        >>> TASKS.column("duration").description
        'Working days (half days allowed)'
        """
        return self._by_name[name]

    def has(self, name: str) -> bool:
        """Whether the table declares a column ``name``.

        Parameters
        ----------
        name : str
            A column name.

        Returns
        -------
        bool

        Examples
        --------
        >>> TASKS.has("effort"), TASKS.has("colour")
        (True, False)
        """
        return name in self._by_name


TASKS = TableSpec(
    "tasks",
    (
        Column("id", "str", required=True, description="Unique task id"),
        Column("name", "str", default="", description="Task name"),
        Column("parent", "str", references="tasks", description="WBS parent (summary) id"),
        Column("duration", "float", **_DAYS, description="Working days (half days allowed)"),
        Column("effort", "float", **_EFFORT, description="Person-days of work (effort-driven)"),
        Column("milestone", "bool", default=False, description="Zero-duration milestone"),
        Column("constraint", "str", default="ASAP", allowed=CONSTRAINT_TYPES,
               description="Date constraint type"),
        Column("constraint_date", "date", description="Date of the constraint"),
        Column("deadline", "date", description="Flagged when missed; never moves the task"),
        Column("owner", "str", references="resources", description="Accountable resource"),
        Column("priority", "int", default=500, minimum=0, maximum=1000,
               description="Levelling priority, higher goes first"),
        Column("level_delay", "float", default=0.0, **_DAYS,
               description="Working days levelling holds the task back after its "
                           "predecessors allow it (set by Level)"),
        Column("optimistic", "float", **_DAYS, description="Three-point estimate: best case"),
        Column("most_likely", "float", **_DAYS, description="Three-point estimate: most likely"),
        Column("pessimistic", "float", **_DAYS, description="Three-point estimate: worst case"),
        Column("distribution", "str", allowed=DISTRIBUTIONS,
               description="Duration distribution for risk analysis; empty = plan default"),
        Column("correlation_group", "str", default="",
               description="Tasks in one group have correlated durations in risk analysis"),
        Column("percent_complete", "float", default=0.0, minimum=0, maximum=100,
               description="Progress, 0-100"),
        Column("actual_start", "date", description="Day work really started"),
        Column("actual_finish", "date", description="Day work really finished"),
        Column("remaining_duration", "float", **_DAYS,
               description="Working days still needed after the status date (in progress)"),
        Column("notes", "str", default="", description="Free text"),
    ),
    description="Work breakdown: summaries, tasks and milestones",
)

LINKS = TableSpec(
    "links",
    (
        Column("from", "str", required=True, references="tasks", description="Predecessor"),
        Column("to", "str", required=True, references="tasks", description="Successor"),
        Column("type", "str", default="FS", allowed=LINK_TYPES, description="FS, SS, FF or SF"),
        Column("lag", "float", default=0.0, minimum=-MAX_WORKING_DAYS, maximum=MAX_WORKING_DAYS,
               description="Working days; negative = lead"),
    ),
    key=("from", "to"),
    description="Dependencies between tasks",
)

RESOURCES = TableSpec(
    "resources",
    (
        Column("id", "str", required=True, description="Unique resource id"),
        Column("name", "str", default="", description="Person or team"),
        Column("role", "str", default="", description="Role"),
        Column("capacity", "float", default=1.0, **_UNITS,
               description="Units available (1.0 = one full-time person)"),
        Column("rate", "float", default=0.0, **_MONEY, description="Cost per working day"),
        Column("time_off", "dates", default="", description="Days off: dates or start..end"),
    ),
    description="People and teams",
)

ASSIGNMENTS = TableSpec(
    "assignments",
    (
        Column("task", "str", required=True, references="tasks", description="Task id"),
        Column("resource", "str", required=True, references="resources",
               description="Resource id"),
        Column("units", "float", default=1.0, **_UNITS,
               description="Share of the resource on the task (1.0 = full time)"),
    ),
    key=("task", "resource"),
    description="Who works on what",
)

COST_LINES = TableSpec(
    "cost_lines",
    (
        Column("id", "str", required=True, description="Unique cost line id"),
        Column("category", "str", required=True, allowed=COST_CATEGORIES,
               description="Cost category"),
        Column("task", "str", references="tasks", removed_with_target=True,
               description="Task the cost belongs to; without a date it is spread over the "
                           "task's working days"),
        Column("amount", "float", required=True, **_MONEY, description="Planned amount"),
        Column("date", "date", description="Day the cost falls due (else spread over the task)"),
        Column("notes", "str", default="", description="Free text"),
    ),
    description="Fixed costs besides resource labour: hardware, licences, services, ...",
)

BUDGET = TableSpec(
    "budget",
    (
        Column("category", "str", required=True,
               allowed=COST_CATEGORIES + RESERVE_CATEGORIES,
               description="Cost category, or a reserve (contingency / management)"),
        Column("amount", "float", required=True, **_MONEY, description="Approved amount"),
        Column("notes", "str", default="", description="Free text"),
    ),
    key=("category",),
    description="Approved budget per category plus contingency and management reserve",
)

ACTUALS = TableSpec(
    "actuals",
    (
        Column("date", "date", required=True, description="Day the money was spent"),
        Column("task", "str", required=True, references="tasks", description="Task charged"),
        Column("amount", "float", required=True, **_MONEY, description="Actual cost"),
        Column("category", "str", default="labour", allowed=COST_CATEGORIES,
               description="Cost category"),
        Column("resource", "str", references="resources", description="Who did the work"),
        Column("hours", "float", minimum=0, maximum=MAX_HOURS, description="Hours worked"),
        Column("notes", "str", default="", description="Free text"),
    ),
    key=("date", "task"),
    unique=False,
    description="Money (and effort) really spent, by day and task",
)

BASELINES = TableSpec(
    "baselines",
    (
        Column("baseline", "str", required=True, description="Baseline name"),
        Column("task", "str", required=True, references="tasks", description="Task id"),
        Column("start", "date", description="Baseline start"),
        Column("finish", "date", description="Baseline finish (inclusive)"),
        Column("duration", "float", **_DAYS, description="Baseline working days"),
        Column("work", "float", **_EFFORT, description="Baseline person-days"),
        Column("cost", "float", **_MONEY, description="Baseline cost (budget at completion)"),
    ),
    key=("baseline", "task"),
    description="Named snapshots of dates, work and cost per task (see set_baseline)",
)

EVM_HISTORY = TableSpec(
    "evm_history",
    (
        Column("status_date", "date", required=True, description="Status date of the record"),
        Column("bac", "float", required=True, **_SIGNED_MONEY, description="Budget at completion"),
        Column("pv", "float", required=True, **_SIGNED_MONEY, description="Planned value"),
        Column("ev", "float", required=True, **_SIGNED_MONEY, description="Earned value"),
        Column("ac", "float", required=True, **_SIGNED_MONEY, description="Actual cost"),
        Column("finish", "date", description="Forecast finish at that status date"),
    ),
    key=("status_date",),
    description="Project earned value per status date, for trends (see record_status)",
)

RISKS = TableSpec(
    "risks",
    (
        Column("id", "str", required=True, description="Unique risk id"),
        Column("title", "str", default="", description="What could happen"),
        Column("category", "str", default="", description="e.g. technical, vendor, people"),
        Column("owner", "str", references="resources", description="Who watches the risk"),
        Column("probability", "float", required=True, minimum=0, maximum=1,
               description="Chance it happens, 0-1"),
        Column("schedule_impact", "three_point", default="", maximum=MAX_WORKING_DAYS,
               description="Working days added to each affected task: 5 or '3, 5, 10'"),
        Column("cost_impact", "three_point", default="", maximum=MAX_MONEY,
               description="Extra cost if it happens: 20000 or '10000, 20000, 50000'"),
        Column("tasks", "ids", default="", references="tasks",
               description="Affected task ids: 'T13, T16'"),
        Column("status", "str", default="open", allowed=RISK_STATUSES,
               description="open, mitigating or closed (closed risks no longer fire)"),
        Column("response", "str", default="", description="Mitigation or contingency plan"),
        Column("residual_probability", "float", minimum=0, maximum=1,
               description="Probability after the response; empty = unchanged"),
        Column("residual_schedule_impact", "three_point", default="",
               maximum=MAX_WORKING_DAYS,
               description="Schedule impact after the response; empty = unchanged"),
        Column("residual_cost_impact", "three_point", default="", maximum=MAX_MONEY,
               description="Cost impact after the response; empty = unchanged"),
        Column("trigger_date", "date", description="When the risk can start to happen"),
    ),
    description="The risk register: events with probability and schedule/cost impact",
)

TABLES: dict[str, TableSpec] = {t.name: t for t in (TASKS, LINKS, RESOURCES, ASSIGNMENTS,
                                                     COST_LINES, BUDGET, ACTUALS, BASELINES,
                                                     EVM_HISTORY, RISKS)}


def register_table(spec: TableSpec) -> TableSpec:
    """Add a table declaration so plans, files and editors know it.

    Parameters
    ----------
    spec : TableSpec
        The declaration; one already registered under the same name is replaced.

    Returns
    -------
    TableSpec
        ``spec`` itself, so the call can sit in an assignment.

    Examples
    --------
    >>> spec = TableSpec("notes_demo", (Column("id", "str", required=True),))
    >>> register_table(spec) is TABLES["notes_demo"]
    True
    >>> del TABLES["notes_demo"]
    """
    TABLES[spec.name] = spec
    return spec
