"""Working-day calendar: offsets to dates and back, weekends, public and extra holidays."""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pytest

from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.model.project import project_from_dict

D = dt.date
MONDAY = D(2027, 1, 4)


def calendar(start=MONDAY, **cal) -> WorkCalendar:
    return WorkCalendar(project_from_dict({"start": start, "calendar": cal}))


def days(*isos: str) -> np.ndarray:
    return np.array(isos, dtype="datetime64[D]")


def test_five_day_task_from_monday_ends_friday_and_successor_starts_monday():
    cal = calendar()
    assert cal.dates_for_start([0]).tolist() == [D(2027, 1, 4)]
    assert cal.dates_for_finish([5]).tolist() == [D(2027, 1, 8)]
    assert cal.dates_for_start([5]).tolist() == [D(2027, 1, 11)]


def test_milestone_rules():
    cal = calendar()
    zero = [True, True, True]
    # after a 5-day task: Friday; at the project start: the start day; at 2.5: day index 2.
    assert cal.dates_for_finish([5, 0, 2.5], zero).tolist() == [
        D(2027, 1, 8), D(2027, 1, 4), D(2027, 1, 6)]


def test_half_days_share_a_day():
    cal = calendar()
    assert cal.dates_for_start([0, 0.5, 1]).tolist() == [D(2027, 1, 4), D(2027, 1, 4),
                                                          D(2027, 1, 5)]
    assert cal.dates_for_finish([0.5, 1, 1.5]).tolist() == [D(2027, 1, 4), D(2027, 1, 4),
                                                             D(2027, 1, 5)]


def test_index_helpers_tolerate_float_noise():
    assert WorkCalendar.start_index([3 - 1e-12, 0.1 + 0.2]).tolist() == [3, 0]
    assert WorkCalendar.finish_index([10 / 3 * 3]).tolist() == [9]


def test_weekend_project_start_rolls_to_monday():
    cal = calendar(start=D(2027, 1, 2))  # Saturday
    assert cal.start == np.datetime64("2027-01-04")
    assert cal.dates_for_start([0, 1]).tolist() == [D(2027, 1, 4), D(2027, 1, 5)]


def test_german_public_holidays_hold_no_work():
    known = holidays.country_holidays("DE", years=2027)
    assert D(2027, 5, 6) in known and D(2027, 3, 26) in known and D(2027, 3, 29) in known
    cal = calendar(start=D(2027, 5, 3), country="DE")  # Mon; Thu 6 May is Ascension Day
    starts = cal.dates_for_start(np.arange(5)).tolist()
    assert starts == [D(2027, 5, 3), D(2027, 5, 4), D(2027, 5, 5), D(2027, 5, 7),
                      D(2027, 5, 10)]
    assert cal.dates_for_finish([5]).tolist() == [D(2027, 5, 10)]
    # Easter: Good Friday 26 March and Easter Monday 29 March 2027.
    easter = calendar(start=D(2027, 3, 25), country="DE")
    assert easter.dates_for_start([0, 1]).tolist() == [D(2027, 3, 25), D(2027, 3, 30)]
    assert easter.is_working(days("2027-03-26", "2027-03-29", "2027-03-30")).tolist() == [
        False, False, True]


def test_subdivision_holidays():
    bavaria = calendar(country="DE", subdivision="BY")
    assert not bavaria.is_working(days("2027-01-06"))[0]  # Epiphany in Bavaria
    assert calendar(country="DE").is_working(days("2027-01-06"))[0]


def test_extra_holidays_and_workweek():
    cal = calendar(holidays=["2027-01-05"], workweek=["Mon", "Tue", "Wed", "Thu"])
    assert cal.weekmask == "1111000"
    assert cal.dates_for_start([0, 1, 2, 3]).tolist() == [
        D(2027, 1, 4), D(2027, 1, 6), D(2027, 1, 7), D(2027, 1, 11)]


def test_days_off_on_top_for_resource_calendars():
    base = project_from_dict({"start": "2027-01-04"})
    cal = WorkCalendar(base, days_off=[D(2027, 1, 4), D(2027, 1, 5)])
    assert cal.start == np.datetime64("2027-01-06")
    assert cal.working_days(D(2027, 1, 4), D(2027, 1, 8)) == 3


def test_constraint_dates_to_offsets():
    cal = calendar()
    # start-type: the start of that day; a Saturday means the next Monday.
    assert cal.start_offset(days("2027-01-04", "2027-01-06", "2027-01-09")).tolist() == [
        0.0, 2.0, 5.0]
    # finish-type: the end of that day; a Saturday means the end of Friday.
    assert cal.finish_offset(days("2027-01-04", "2027-01-08", "2027-01-09")).tolist() == [
        1.0, 5.0, 5.0]
    # before the project: negative offsets.
    assert cal.start_offset(days("2026-12-31")).tolist() == [-2.0]


def test_working_days_inclusive():
    cal = calendar(country="DE")
    assert cal.working_days(D(2027, 5, 3), D(2027, 5, 9)) == 4
    assert cal.working_days(np.array(["2027-01-04"], "datetime64[D]"),
                            np.array(["2027-01-04"], "datetime64[D]")).tolist() == [1]


def test_offsets_round_trip_through_dates():
    cal = calendar(country="DE")
    offsets = np.arange(0, 600)
    assert (cal.start_offset(cal.dates_for_start(offsets)) == offsets).all()
    assert (cal.finish_offset(cal.dates_for_finish(offsets + 1)) == offsets + 1).all()


@pytest.mark.parametrize("offset", [3_000, 12_000, -3_000])
def test_holidays_loaded_beyond_the_first_years(offset):
    cal = calendar(country="DE")
    dates = cal.dates_for_start(np.arange(offset - 300, offset))
    years = range(dates.min().item().year, dates.max().item().year + 1)
    public = holidays.country_holidays("DE", years=years)
    assert abs(dates.max().item().year - 2027) > 10
    assert not any(d.item() in public for d in dates)
    assert np.is_busday(dates).all()
    far = np.array([f"{dates.max().item().year}-12-25"], dtype="datetime64[D]")
    assert not cal.is_working(far)[0]


def test_empty_arrays():
    cal = calendar()
    assert cal.dates_for_start([]).size == 0
    assert cal.start_offset(np.array([], "datetime64[D]")).size == 0
