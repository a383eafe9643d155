"""Project metadata: name, start, currency, status date and the working calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.model.errors import PlanError, Problem
from workbench.model.schema import WEEKDAYS


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

    def replace(self, **changes: Any) -> Project:
        """A copy with some fields changed."""
        return replace(self, **changes)


PROJECT_KEYS = ("name", "start", "currency", "status_date", "calendar", "current_baseline")
CALENDAR_KEYS = ("workweek", "country", "subdivision", "holidays")


def to_date(value: Any, where: Problem) -> dt.date:
    """Read a date from a YAML value or ISO string, or raise PlanError at ``where``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PlanError(
            Problem(where.table, where.row, where.column,
                    f"expected a date like 2027-01-04, got {value!r}")
        ) from None


def project_from_dict(data: Any) -> Project:
    """Build a Project from the ``project:`` mapping of a plan file.

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
    )


def project_to_dict(project: Project) -> dict[str, Any]:
    """The ``project:`` mapping of a plan file; the inverse of :func:`project_from_dict`.

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
    return out
