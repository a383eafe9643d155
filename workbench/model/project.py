"""Project metadata: name, start, currency, status date and the working calendar."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.model.errors import PlanError, Problem
from workbench.model.schema import DISTRIBUTIONS, WEEKDAYS
from workbench.model.tables import parse_date


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

    def replace(self, **changes: Any) -> Project:
        """A copy with some fields changed.

        Parameters
        ----------
        **changes
            New values by field name, e.g. ``status_date=dt.date(2027, 3, 31)``.
            Values are taken as given, not validated.

        Returns
        -------
        Project
            A new project; this one is left as it is (projects are frozen).

        Raises
        ------
        TypeError
            When a name is not a field of :class:`Project`.

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

    Raises
    ------
    PlanError
        At ``where`` when ``value`` is not a date.

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
    except ValueError:
        raise PlanError(
            Problem(where.table, where.row, where.column,
                    f"expected a date like 2027-01-04, got {value!r}")
        ) from None


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
    workweek = tuple(str(d)[:3].title() for d in cal.get("workweek", Calendar.workweek))
    bad_days = [d for d in workweek if d not in WEEKDAYS]
    if bad_days:
        problems.append(Problem("project", "calendar", "workweek",
                                f"unknown weekday(s) {bad_days}; use Mon..Sun"))
    elif not workweek:
        problems.append(Problem("project", "calendar", "workweek", "needs at least one day"))
    country = cal.get("country")
    if country is not None:
        import holidays

        if str(country) not in holidays.list_supported_countries():
            problems.append(Problem("project", "calendar", "country",
                                    f"unknown country code {country!r}"))
    if problems:
        raise PlanError(problems)
    holiday_place = Problem("project", "calendar", "holidays", "")
    risk = risk_settings_from_dict(data.get("risk"))
    return Project(
        start=to_date(data["start"], Problem("project", None, "start", "")),
        name=str(data.get("name", "Untitled plan")),
        currency=str(data.get("currency", "EUR")),
        status_date=(to_date(data["status_date"], Problem("project", None, "status_date", ""))
                     if data.get("status_date") is not None else None),
        calendar=Calendar(
            workweek=workweek,
            country=str(country) if country is not None else None,
            subdivision=(str(cal["subdivision"]) if cal.get("subdivision") is not None
                         else None),
            holidays=tuple(sorted(to_date(h, holiday_place) for h in cal.get("holidays") or ())),
        ),
        current_baseline=(str(data["current_baseline"])
                          if data.get("current_baseline") is not None else None),
        risk=risk,
    )


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


def _number(value: Any, column: str, low: float | None = None,
            high: float | None = None) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or math.isnan(number):
        raise PlanError(Problem("project", "risk", column, f"expected a number, got {value!r}"))
    if (low is not None and number < low) or (high is not None and number > high):
        raise PlanError(Problem("project", "risk", column,
                                f"must be between {low:g} and {high:g}, got {number:g}"
                                if high is not None else f"must be >= {low:g}, got {number:g}"))
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
    distribution = str(data.get("distribution", defaults.distribution)).strip().lower()
    if distribution not in DISTRIBUTIONS:
        raise PlanError(Problem("project", "risk", "distribution",
                                f"must be one of {', '.join(DISTRIBUTIONS)}, "
                                f"got {data['distribution']!r}"))
    spread = data.get("default_spread", defaults.default_spread)
    if not isinstance(spread, list | tuple) or len(spread) != 3:
        raise PlanError(Problem("project", "risk", "default_spread",
                                "expected three multipliers [optimistic, most likely, "
                                f"pessimistic] like [0.9, 1.0, 1.3], got {spread!r}"))
    spread = tuple(_number(x, "default_spread", 0.0) for x in spread)
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
        budget=_number(budget, "budget", 0.0) if budget is not None else None,
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
