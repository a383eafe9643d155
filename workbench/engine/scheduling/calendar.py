"""Working-day calendar: offsets from the project start to dates and back, vectorised.

The engine computes in *working-day offsets*: offset 0 is the start of the first
working day on or after the project start, offset 5 the end of the fifth working day.
This module turns offsets into working-day indices and dates (and constraint dates
into offsets) with numpy's business-day functions, one call per array.

Index conventions (working-day index 0 = the project's first working day):

- a start offset ``s`` falls on day ``floor(s)``;
- a finish offset ``f`` falls on day ``ceil(f) - 1`` (the work ends in that day);
- a zero-length task (milestone) at offset 0 sits on day 0.

The calendar covers at most ``SPAN_YEARS`` (see :mod:`workbench.model.schema`) either
side of the project start and refuses, with a :class:`~workbench.model.PlanError`, any
working-day index or date beyond that before it sizes an array or loads holidays for
it: validation bounds every single value, but only a schedule shows how far a plan
reaches, and callers may hand over plans that were never validated.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import numpy as np

from workbench.engine.scheduling.reads import Reads
from workbench.model.errors import PlanError, Problem
from workbench.model.project import Project
from workbench.model.schema import MAX_WORKING_DAYS, SPAN_YEARS

#: Offsets closer than this to a whole day count as that whole day (guards float noise).
EPS = 1e-9
DAY = np.timedelta64(1, "D")
_FIRST_SPAN = 6  # years of public holidays loaded at first; extended on demand
#: Calendar days the calendar covers either side of the project start (SPAN_YEARS).
MAX_REACH = np.timedelta64(MAX_WORKING_DAYS, "D")

#: What :class:`WorkCalendar` reads from a plan: the start and the project calendar.
CALENDAR_READS = Reads.of(project=("start", "calendar"))


@functools.lru_cache(maxsize=64)
def country_holidays(country: str, subdivision: str | None,
                     first_year: int, last_year: int) -> tuple[dt.date, ...]:
    """Public holidays of a country (and subdivision) for a range of years, cached.

    Parameters
    ----------
    country : str
        ISO 3166 country code as the ``holidays`` package knows it, e.g. ``"DE"``.
    subdivision : str or None
        State or region code (e.g. ``"BY"`` for Bavaria), None for nationwide holidays
        only.
    first_year, last_year : int
        Calendar years to cover, both inclusive.

    Returns
    -------
    tuple of datetime.date
        The holidays, sorted (hashable, so the cache can share it).

    Raises
    ------
    NotImplementedError
        For a country or subdivision the ``holidays`` package does not know.

    Examples
    --------
    >>> dt.date(2027, 5, 6) in country_holidays("DE", None, 2027, 2027)
    True
    """
    import holidays

    try:
        found = holidays.country_holidays(country, subdiv=subdivision,
                                          years=range(first_year, last_year + 1))
    except NotImplementedError as exc:  # a calendar built in code, not read by the model
        raise PlanError(Problem("project", "calendar",
                                "subdivision" if subdivision else "country",
                                f"no public holidays known: {exc}")) from None
    return tuple(sorted(found))


def _as_days(dates: object) -> np.ndarray:
    """Dates of any common form (date, Timestamp, datetime64, Series) as datetime64[D]."""
    if hasattr(dates, "to_numpy"):
        dates = dates.to_numpy()  # type: ignore[union-attr]
    return np.asarray(dates, dtype="datetime64[D]")


def _within_reach(offsets: object) -> np.ndarray:
    """Offsets as floats, those beyond the reach cut to just past it.

    :meth:`WorkCalendar.dates` then refuses them by name; casting 1e308 to an integer
    index would overflow instead.
    """
    limit = MAX_WORKING_DAYS + 2.0
    return np.clip(np.asarray(offsets, dtype=np.float64), -limit, limit)


def _year(day: np.datetime64) -> int:
    return int(day.astype("datetime64[Y]").astype(np.int64)) + 1970


class WorkCalendar:
    """The project's working days: workweek, country holidays and extra days off.

    Parameters
    ----------
    project : Project
        Supplies the start date and the calendar (workweek, country, subdivision,
        extra holidays).
    days_off : iterable of dates, optional
        Further non-working days on top of the project calendar (e.g. a resource's
        time off, for a per-resource calendar).

    Examples
    --------
    >>> from workbench.model import Project
    >>> cal = WorkCalendar(Project(start=dt.date(2027, 1, 4)))
    >>> cal.dates_for_start([0, 5]).tolist()
    [datetime.date(2027, 1, 4), datetime.date(2027, 1, 11)]
    >>> cal.dates_for_finish([5]).tolist()
    [datetime.date(2027, 1, 8)]
    """

    def __init__(self, project: Project, days_off: Iterable[object] = ()):
        cal = project.calendar
        self.weekmask: str = cal.weekmask
        self._country = cal.country
        self._subdivision = cal.subdivision
        self._fixed_off = np.unique(np.concatenate([
            _as_days(list(cal.holidays)), _as_days(list(days_off))]))
        requested = np.datetime64(project.start, "D")
        self._first_year = project.start.year - 1  # late dates may fall before the start
        self._last_year = project.start.year + _FIRST_SPAN - 1
        self._build()
        self.start: np.datetime64 = np.busday_offset(requested, 0, roll="forward",
                                                     busdaycal=self.busdaycal)

    def _build(self) -> None:
        off = self._fixed_off
        if self._country:
            public = _as_days(list(country_holidays(self._country, self._subdivision,
                                                    self._first_year, self._last_year)))
            off = np.union1d(off, public)
        self.holidays: np.ndarray = off
        self.busdaycal = np.busdaycalendar(weekmask=self.weekmask, holidays=off)
        self.covered_from = np.datetime64(f"{self._first_year}-01-01", "D")
        self.covered_until = np.datetime64(f"{self._last_year}-12-31", "D")

    def _beyond_reach(self, what: str) -> PlanError:
        return PlanError(Problem(
            "plan", None, None,
            f"the schedule reaches {what}, which is more than {SPAN_YEARS} years from the "
            f"project start {self.start}: check durations, lags, constraint dates and "
            "progress dates"))

    def _cover(self, first: np.datetime64, last: np.datetime64) -> bool:
        """Load public holidays from ``first`` to ``last``; True if the calendar changed.

        Raises PlanError for a date beyond the calendar's reach.
        """
        if np.isnat(first) or np.isnat(last):
            return False
        for day in (first, last):
            if abs(day - self.start) > MAX_REACH:
                raise self._beyond_reach(str(day))
        if not self._country:
            return False
        if self.covered_from <= first and last <= self.covered_until:
            return False
        if last > self.covered_until:
            self._last_year = max(_year(last) + 1, self._last_year + _FIRST_SPAN)
        if first < self.covered_from:
            self._first_year = min(_year(first) - 1, self._first_year - _FIRST_SPAN)
        self._build()
        return True

    # offsets -> working-day indices -> dates
    @staticmethod
    def start_index(offsets: object) -> np.ndarray:
        """Working-day index on which work starting at each offset falls: ``floor(s)``.

        Parameters
        ----------
        offsets : array_like
            Start offsets in working days from the project start.

        Returns
        -------
        np.ndarray
            Working-day indices (int64), 0 = the project's first working day.

        Examples
        --------
        >>> WorkCalendar.start_index([0, 2.5, 5]).tolist()
        [0, 2, 5]
        """
        return np.floor(_within_reach(offsets) + EPS).astype(np.int64)

    @staticmethod
    def finish_index(offsets: object, zero_length: object = None) -> np.ndarray:
        """Working-day index in which work ending at each offset ends: ``ceil(f) - 1``.

        Parameters
        ----------
        offsets : array_like
            Finish offsets in working days.
        zero_length : array_like of bool, optional
            Marks milestones (finish == start). A milestone at offset 0 sits on day 0,
            not on the day before the project. Without the mask every offset 0 maps
            to day 0.

        Examples
        --------
        >>> WorkCalendar.finish_index([5, 2.5, 0.5, 0]).tolist()
        [4, 2, 0, 0]
        """
        f = _within_reach(offsets)
        index = np.ceil(f - EPS).astype(np.int64) - 1
        at_start = np.abs(f) <= EPS
        if zero_length is not None:
            at_start &= np.asarray(zero_length, dtype=bool)
        return np.where(at_start, 0, index)

    def dates(self, index: object) -> np.ndarray:
        """The calendar date of each working-day index, as datetime64[D].

        Parameters
        ----------
        index : array_like of int
            Working-day indices, 0 = the project's first working day; negative indices
            count back before it.

        Returns
        -------
        np.ndarray
            Dates as datetime64[D], same shape as ``index``.

        Examples
        --------
        >>> from workbench.model import Project
        >>> WorkCalendar(Project(start=dt.date(2027, 1, 4))).dates([4, 5]).tolist()
        [datetime.date(2027, 1, 8), datetime.date(2027, 1, 11)]
        """
        index = np.asarray(index, dtype=np.int64)
        if index.size == 0:
            return np.empty(index.shape, dtype="datetime64[D]")
        # One busday_offset call over the range of indices, then a lookup: the cost
        # grows with the project's length in days, not with the number of tasks.
        low, high = int(index.min()), int(index.max())
        # A working day is at least one calendar day: an index beyond the reach is a date
        # beyond it, refused before the lookup table below is sized by it.
        if max(-low, high) > MAX_WORKING_DAYS:
            raise self._beyond_reach(f"beyond working day {MAX_WORKING_DAYS}")
        while True:
            table = np.busday_offset(self.start, np.arange(low, high + 1), roll="forward",
                                     busdaycal=self.busdaycal)
            if not self._cover(table[0], table[-1]):
                return table[index - low]

    def dates_for_start(self, offsets: object) -> np.ndarray:
        """Dates on which work starting at the given offsets begins.

        Parameters
        ----------
        offsets : array_like
            Start offsets in working days from the project start.

        Returns
        -------
        np.ndarray
            Start dates as datetime64[D]: the working day in which each offset falls.

        Examples
        --------
        >>> from workbench.model import Project
        >>> cal = WorkCalendar(Project(start=dt.date(2027, 1, 2)))  # a Saturday
        >>> cal.dates_for_start([0, 0.5]).tolist()
        [datetime.date(2027, 1, 4), datetime.date(2027, 1, 4)]
        """
        return self.dates(self.start_index(offsets))

    def dates_for_finish(self, offsets: object, zero_length: object = None) -> np.ndarray:
        """Dates on which work ending at the given offsets finishes (inclusive dates).

        Parameters
        ----------
        offsets : array_like
            Finish offsets in working days from the project start.
        zero_length : array_like of bool, optional
            Marks milestones; see :meth:`finish_index`.

        Returns
        -------
        np.ndarray
            Finish dates as datetime64[D]: the last working day the work touches.

        Examples
        --------
        >>> from workbench.model import Project
        >>> cal = WorkCalendar(Project(start=dt.date(2027, 1, 4)))
        >>> cal.dates_for_finish([5, 0.5, 0]).tolist()
        [datetime.date(2027, 1, 8), datetime.date(2027, 1, 4), datetime.date(2027, 1, 4)]
        """
        return self.dates(self.finish_index(offsets, zero_length))

    # dates -> offsets
    def start_offset(self, dates: object) -> np.ndarray:
        """Offsets of start-type dates (SNET, MSO, SNLT): the start of that working day.

        A non-working date means the next working day.

        Parameters
        ----------
        dates : date-like or array_like
            Dates (``datetime.date``, ``pd.Timestamp``, datetime64, a Series or an array of
            them), e.g. SNET constraint dates.

        Returns
        -------
        np.ndarray
            Offsets in working days from the project start (float), same shape as ``dates``.

        Examples
        --------
        >>> from workbench.model import Project
        >>> cal = WorkCalendar(Project(start=dt.date(2027, 1, 4)))
        >>> cal.start_offset(np.array(["2027-01-06", "2027-01-09"], "datetime64[D]")).tolist()
        [2.0, 5.0]
        """
        days = _as_days(dates)
        self._cover_dates(days)
        return np.busday_count(self.start, days, busdaycal=self.busdaycal).astype(np.float64)

    def finish_offset(self, dates: object) -> np.ndarray:
        """Offsets of finish-type dates (FNET, MFO, FNLT, deadline): the end of that day.

        Parameters
        ----------
        dates : date-like or array_like
            Dates (``datetime.date``, ``pd.Timestamp``, datetime64, a Series or an array of
            them), e.g. deadlines or FNLT constraint dates.

        Returns
        -------
        np.ndarray
            Offsets in working days from the project start (float): the end of each date's
            working day, or of the last working day before a non-working date.

        Examples
        --------
        >>> from workbench.model import Project
        >>> cal = WorkCalendar(Project(start=dt.date(2027, 1, 4)))
        >>> cal.finish_offset(np.array(["2027-01-08"], "datetime64[D]")).tolist()
        [5.0]
        """
        days = _as_days(dates)
        self._cover_dates(days)
        return np.busday_count(self.start, days + DAY,
                               busdaycal=self.busdaycal).astype(np.float64)

    def _cover_dates(self, days: np.ndarray) -> None:
        known = days[~np.isnat(days)]
        if known.size:
            self._cover(known.min(), known.max())

    def is_working(self, dates: object) -> np.ndarray:
        """True where a date is a working day.

        Parameters
        ----------
        dates : date-like or array_like
            Dates (``datetime.date``, ``pd.Timestamp``, datetime64, a Series or an array of
            them).

        Returns
        -------
        np.ndarray of bool
            False on weekends of the project's workweek, public holidays of its country and
            subdivision, and extra days off.

        Examples
        --------
        >>> from workbench.model import Project
        >>> from workbench.model.project import project_from_dict
        >>> cal = WorkCalendar(project_from_dict(
        ...     {"start": "2027-01-04", "calendar": {"country": "DE"}}))
        >>> cal.is_working(np.array(["2027-05-06", "2027-05-07"], "datetime64[D]")).tolist()
        [False, True]
        """
        days = _as_days(dates)
        self._cover_dates(days)
        return np.is_busday(days, busdaycal=self.busdaycal)

    def working_days(self, start: object, end: object) -> np.ndarray | int:
        """Number of working days from ``start`` to ``end``, both inclusive.

        Parameters
        ----------
        start, end : date-like or array_like
            First and last date of each span, both counted when they are working days.

        Returns
        -------
        np.ndarray or int
            Working days per span (an array for array input); negative when ``end`` is
            before ``start``, as numpy's business-day count gives it.

        Examples
        --------
        >>> from workbench.model import Project
        >>> cal = WorkCalendar(Project(start=dt.date(2027, 1, 4)))
        >>> int(cal.working_days(dt.date(2027, 1, 4), dt.date(2027, 1, 15)))
        10
        """
        first, last = _as_days(start), _as_days(end)
        self._cover_dates(np.concatenate([np.atleast_1d(first), np.atleast_1d(last)]))
        return np.busday_count(first, last + DAY, busdaycal=self.busdaycal)
