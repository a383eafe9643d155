"""Project metadata: name, start, currency, status date and the working calendar."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.model.errors import PlanError, Problem, shown
from workbench.model.schema import (
    DISTRIBUTIONS,
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_MONEY,
    MAX_MULTIPLIER,
    WEEKDAYS,
)
from workbench.model.tables import number_text, parse_date, parse_number


@dataclass(frozen=True)
class Calendar:
    """When work happens: working weekdays, a country's public holidays, extra days off.

    Examples
    --------
    >>> Calendar(country="DE", holidays=(dt.date(2027, 5, 20),)).workweek
    ('Mon', 'Tue', 'Wed', 'Thu', 'Fri')
    """

    workweek: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri")
    country: str | None = None
    subdivision: str | None = None
    holidays: tuple[dt.date, ...] = ()

    @property
    def weekmask(self) -> str:
        """The workweek as numpy's seven-character mask, Monday first."""
        return "".join("1" if d in self.workweek else "0" for d in WEEKDAYS)


@dataclass(frozen=True)
class RiskSettings:
    """Plan-wide settings of the schedule risk analysis (the ``risk:`` key of ``project``).

    Attributes
    ----------
    distribution : str
        Duration distribution of tasks whose ``distribution`` cell is empty:
        ``triangular`` or ``pert`` (beta-PERT).
    default_spread : tuple of float
        Multipliers (optimistic, most likely, pessimistic) of the planned duration for
        tasks without three-point estimates; ``(1, 1, 1)`` keeps them fixed.
    correlation : float
        Correlation (0-1) between the durations of tasks in the same
        ``correlation_group``.
    deadline : date, optional
        Target finish date; risk results give the probability of meeting it.
    budget : float, optional
        Target total cost; risk results give the probability of staying within it.

    Examples
    --------
    >>> RiskSettings().default_spread
    (0.9, 1.0, 1.3)
    """

    distribution: str = "triangular"
    default_spread: tuple[float, float, float] = (0.9, 1.0, 1.3)
    correlation: float = 0.5
    deadline: dt.date | None = None
    budget: float | None = None


@dataclass(frozen=True)
class Project:
    """The plan's metadata.

    Examples
    --------
    >>> Project(name="CRM migration", start=dt.date(2027, 1, 4)).currency
    'EUR'
    """

    start: dt.date
    name: str = "Untitled plan"
    currency: str = "EUR"
    status_date: dt.date | None = None
    calendar: Calendar = field(default_factory=Calendar)
    current_baseline: str | None = None
    risk: RiskSettings = field(default_factory=RiskSettings)

    def __post_init__(self) -> None:
        # Checked at construction too, so a project built in code (not read from a file)
        # cannot carry a start the engine would have to count centuries of days to reach.
        problems = [_date_problem(getattr(self, key), key) for key in ("start", "status_date")]
        problems += [Problem("project", None, key, f"expected text, got {shown(value)}")
                     for key in ("name", "currency", "current_baseline")
                     if not isinstance(value := getattr(self, key), str | None)]
        problems = [p for p in problems if p is not None]
        if problems:
            raise PlanError(problems)

    def replace(self, **changes: Any) -> Project:
        """A copy with some fields changed.

        Parameters
        ----------
        **changes
            New values by field name, e.g. ``status_date=dt.date(2027, 3, 31)``.
            Values are checked as at construction (dates and text), not further.

        Returns
        -------
        Project
            A new project; this one is left as it is (projects are frozen).

        Raises
        ------
        TypeError
            When a name is not a field of :class:`Project`.
        PlanError
            When a date is missing or outside the plan's date window, or a text is none.

        Examples
        --------
        >>> Project(start=dt.date(2027, 1, 4)).replace(currency="GBP").currency
        'GBP'
        """
        return replace(self, **changes)


PROJECT_KEYS = ("name", "start", "currency", "status_date", "calendar", "current_baseline",
                "risk")
RISK_KEYS = ("distribution", "default_spread", "correlation", "deadline", "budget")
CALENDAR_KEYS = ("workweek", "country", "subdivision", "holidays")


def to_date(value: Any, where: Problem) -> dt.date:
    """Read a date from a YAML value or ISO string, or raise PlanError at ``where``.

    Parameters
    ----------
    value : date, datetime, str or Timestamp
        The value as read from the plan file or a table cell.
    where : Problem
        Where the value sits (``table``, ``row``, ``column``); its message is ignored.

    Returns
    -------
    datetime.date
        Within the plan's date window (``EARLIEST_DATE`` to ``LATEST_DATE``).

    Raises
    ------
    PlanError
        At ``where`` when ``value`` is not a date, an impossible one, or one outside
        the window.

    Examples
    --------
    >>> to_date("2027-01-04", Problem("project", None, "start", ""))
    datetime.date(2027, 1, 4)
    >>> try:
    ...     to_date("soon", Problem("project", None, "start", ""))
    ... except PlanError as err:
    ...     print(err)
    project column 'start': expected a date like 2027-01-04, got 'soon'
    """
    try:
        return parse_date(value)
    except ValueError as exc:
        raise PlanError(Problem(where.table, where.row, where.column, str(exc))) from None


def _date_problem(value: Any, key: str) -> Problem | None:
    """A problem when a project date is neither None (status date only) nor in the window."""
    if value is None and key != "start":
        return None
    if not isinstance(value, dt.date):
        return Problem("project", None, key, f"expected a date like 2027-01-04, "
                                             f"got {shown(value)}")
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        return Problem("project", None, key,
                       f"must be between {EARLIEST_DATE} and {LATEST_DATE}, got {day}")
    return None


def _text_value(data: dict[str, Any], key: str, default: str | None,
                row: str | None = None) -> tuple[str | None, list[Problem]]:
    """A text setting: text or a plain number as written; lists, mappings and flags refused."""
    value = data.get(key, default)
    if value is None or isinstance(value, str):
        return value, []
    if isinstance(value, bool):
        pass
    elif isinstance(value, int) and value.bit_length() <= 64 or (
            isinstance(value, float) and math.isfinite(value)):
        return shown(value), []
    return default, [Problem("project", row, key, f"expected text, got {shown(value)}")]


def _list_setting(value: Any) -> list[Any]:
    """A list setting given as a YAML list, one comma-separated text, or one value."""
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


def project_from_dict(data: Any) -> Project:
    """Build a Project from the ``project:`` mapping of a plan file.

    Parameters
    ----------
    data : mapping
        The ``project:`` mapping: ``start`` (required), ``name``, ``currency``,
        ``status_date``, ``calendar`` (``workweek``, ``country``, ``subdivision``,
        ``holidays``), ``current_baseline`` and ``risk`` (see
        :func:`risk_settings_from_dict`). Dates as ISO strings or dates.

    Returns
    -------
    Project

    Raises
    ------
    PlanError
        Naming the key for unknown keys, a missing start or malformed values.

    Examples
    --------
    >>> project_from_dict({"name": "X", "start": "2027-01-04"}).start
    datetime.date(2027, 1, 4)
    """
    if not isinstance(data, dict):
        raise PlanError(Problem("project", None, None, "must be a mapping with at least 'start'"))
    problems = [
        Problem("project", None, key, f"unknown key (allowed: {', '.join(PROJECT_KEYS)})")
        for key in data if key not in PROJECT_KEYS
    ]
    if "start" not in data:
        problems.append(Problem("project", None, "start", "is required"))
    if problems:
        raise PlanError(problems)
    cal = data.get("calendar") or {}
    if not isinstance(cal, dict):
        raise PlanError(Problem("project", None, "calendar", "must be a mapping"))
    problems = [
        Problem("project", "calendar", key, f"unknown key (allowed: {', '.join(CALENDAR_KEYS)})")
        for key in cal if key not in CALENDAR_KEYS
    ]
    texts: dict[str, str | None] = {}
    for key, default in (("name", "Untitled plan"), ("currency", "EUR"),
                         ("current_baseline", None)):
        texts[key], found = _text_value(data, key, default)
        problems += found
    workweek = tuple((d if isinstance(d, str) else shown(d))[:3].title()
                     for d in _list_setting(cal.get("workweek", Calendar.workweek)))
    bad_days = [d for d in workweek if d not in WEEKDAYS]
    if bad_days:
        problems.append(Problem("project", "calendar", "workweek",
                                f"unknown weekday(s) {shown(bad_days)}; use Mon..Sun"))
    elif not workweek:
        problems.append(Problem("project", "calendar", "workweek", "needs at least one day"))
    country, found = _text_value(cal, "country", None, "calendar")
    problems += found
    subdivision, found = _text_value(cal, "subdivision", None, "calendar")
    problems += found
    problems += _holiday_place_problems(country, subdivision)
    dates: dict[str, Any] = {}
    for key in ("start", "status_date"):
        try:
            dates[key] = (to_date(data[key], Problem("project", None, key, ""))
                          if data.get(key) is not None or key == "start" else None)
        except PlanError as exc:
            problems += exc.problems
    holidays: list[dt.date] = []
    for day in _list_setting(cal.get("holidays") or ()):
        try:
            holidays.append(to_date(day, Problem("project", "calendar", "holidays", "")))
        except PlanError as exc:
            problems += exc.problems
    try:
        risk = risk_settings_from_dict(data.get("risk"))
    except PlanError as exc:
        problems += exc.problems
    if problems:
        raise PlanError(problems)
    return Project(
        start=dates["start"],
        name=texts["name"],  # type: ignore[arg-type]
        currency=texts["currency"],  # type: ignore[arg-type]
        status_date=dates["status_date"],
        calendar=Calendar(workweek=workweek, country=country, subdivision=subdivision,
                          holidays=tuple(sorted(holidays))),
        current_baseline=texts["current_baseline"],
        risk=risk,
    )


def _holiday_place_problems(country: str | None, subdivision: str | None) -> list[Problem]:
    """Problems with the calendar's country and subdivision, as the holidays package knows them.

    Checked here because the package only complains (NotImplementedError) when the
    engine first asks it for holidays.
    """
    if country is None:
        return []
    import holidays

    known = holidays.list_supported_countries()
    if country not in known:
        return [Problem("project", "calendar", "country",
                        f"unknown country code {shown(country)}")]
    if subdivision is None:
        return []
    try:
        holidays.country_holidays(country, subdiv=subdivision, years=())
    except NotImplementedError:
        codes = known[country]
        listed = ", ".join(codes[:12]) + (", ..." if len(codes) > 12 else "")
        return [Problem("project", "calendar", "subdivision",
                        f"unknown subdivision {shown(subdivision)} of country {country} "
                        f"(known: {listed or 'none'})")]
    return []


def project_to_dict(project: Project) -> dict[str, Any]:
    """The ``project:`` mapping of a plan file; the inverse of :func:`project_from_dict`.

    Parameters
    ----------
    project : Project
        The metadata to write.

    Returns
    -------
    dict
        Plain YAML-ready values (dates as ISO strings); empty optional keys and default
        risk settings are left out.

    Examples
    --------
    >>> project_to_dict(Project(start=dt.date(2027, 1, 4)))["start"]
    '2027-01-04'
    """
    cal = project.calendar
    calendar: dict[str, Any] = {"workweek": list(cal.workweek)}
    if cal.country:
        calendar["country"] = cal.country
    if cal.subdivision:
        calendar["subdivision"] = cal.subdivision
    if cal.holidays:
        calendar["holidays"] = [d.isoformat() for d in cal.holidays]
    out: dict[str, Any] = {"name": project.name, "start": project.start.isoformat(),
                           "currency": project.currency}
    if project.status_date:
        out["status_date"] = project.status_date.isoformat()
    out["calendar"] = calendar
    if project.current_baseline:
        out["current_baseline"] = project.current_baseline
    if project.risk != RiskSettings():
        out["risk"] = risk_settings_to_dict(project.risk)
    return out


def _number(value: Any, column: str, low: float, high: float) -> float:
    """A number of the ``risk:`` settings from ``low`` to ``high``, or a PlanError naming it."""
    try:
        number = parse_number(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise PlanError(Problem("project", "risk", column,
                                f"expected a number from {number_text(low)} to "
                                f"{number_text(high)}, got {shown(value)}"))
    if not low <= number <= high:
        raise PlanError(Problem("project", "risk", column,
                                f"must be between {number_text(low)} and {number_text(high)}, "
                                f"got {number_text(number)}"))
    return number


def risk_settings_from_dict(data: Any) -> RiskSettings:
    """Read the ``risk:`` mapping of the project (every key optional).

    Parameters
    ----------
    data : mapping or None
        ``distribution`` (``triangular`` or ``pert``), ``default_spread`` (three
        multipliers of the planned duration, optimistic <= most likely <= pessimistic),
        ``correlation`` (0-1), ``deadline`` (a date) and ``budget`` (>= 0, plan
        currency). None gives the defaults.

    Returns
    -------
    RiskSettings

    Raises
    ------
    PlanError
        Naming ``project row 'risk'`` and the key for unknown keys and bad values.

    Examples
    --------
    >>> risk_settings_from_dict({"default_spread": [0.8, 1, 1.5], "deadline": "2027-09-30"})
    ... # doctest: +NORMALIZE_WHITESPACE
    RiskSettings(distribution='triangular', default_spread=(0.8, 1.0, 1.5), correlation=0.5,
                 deadline=datetime.date(2027, 9, 30), budget=None)
    """
    if data is None:
        return RiskSettings()
    if not isinstance(data, dict):
        raise PlanError(Problem("project", None, "risk", "must be a mapping"))
    unknown = [Problem("project", "risk", key, f"unknown key (allowed: {', '.join(RISK_KEYS)})")
               for key in data if key not in RISK_KEYS]
    if unknown:
        raise PlanError(unknown)
    defaults = RiskSettings()
    distribution = data.get("distribution", defaults.distribution)
    distribution = distribution.strip().lower() if isinstance(distribution, str) else None
    if distribution not in DISTRIBUTIONS:
        raise PlanError(Problem("project", "risk", "distribution",
                                f"must be one of {', '.join(DISTRIBUTIONS)}, "
                                f"got {shown(data['distribution'])}"))
    spread = data.get("default_spread", defaults.default_spread)
    if not isinstance(spread, list | tuple) or len(spread) != 3:
        raise PlanError(Problem("project", "risk", "default_spread",
                                "expected three multipliers [optimistic, most likely, "
                                f"pessimistic] like [0.9, 1.0, 1.3], got {shown(spread)}"))
    spread = tuple(_number(x, "default_spread", 0.0, MAX_MULTIPLIER) for x in spread)
    if list(spread) != sorted(spread):
        raise PlanError(Problem("project", "risk", "default_spread",
                                f"needs optimistic <= most likely <= pessimistic, got {spread}"))
    budget = data.get("budget")
    return RiskSettings(
        distribution=distribution,
        default_spread=spread,  # type: ignore[arg-type]
        correlation=_number(data.get("correlation", defaults.correlation), "correlation",
                            0.0, 1.0),
        deadline=(to_date(data["deadline"], Problem("project", "risk", "deadline", ""))
                  if data.get("deadline") is not None else None),
        budget=_number(budget, "budget", 0.0, MAX_MONEY) if budget is not None else None,
    )


def risk_settings_to_dict(risk: RiskSettings) -> dict[str, Any]:
    """The ``risk:`` mapping; the inverse of :func:`risk_settings_from_dict`.

    Parameters
    ----------
    risk : RiskSettings
        The settings to write.

    Returns
    -------
    dict
        ``distribution``, ``default_spread`` and ``correlation`` always; ``deadline``
        (ISO string) and ``budget`` when set.

    Examples
    --------
    >>> risk_settings_to_dict(RiskSettings(budget=250000.0))["budget"]
    250000.0
    """
    out: dict[str, Any] = {"distribution": risk.distribution,
                           "default_spread": list(risk.default_spread),
                           "correlation": risk.correlation}
    if risk.deadline is not None:
        out["deadline"] = risk.deadline.isoformat()
    if risk.budget is not None:
        out["budget"] = risk.budget
    return out
