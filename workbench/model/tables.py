"""Turning raw rows (file records, edited frames) into typed plan tables.

Every column is converted as its declaration in :mod:`workbench.model.schema`
says; anything that does not convert becomes a :class:`Problem` naming the row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from workbench.model.errors import Problem, shown
from workbench.model.schema import (
    EARLIEST_DATE,
    LATEST_DATE,
    NUMBER_KINDS,
    Column,
    TableSpec,
)

DATE_DTYPE = "datetime64[us]"
#: Largest magnitude an ``int`` column converts exactly (float64 holds whole numbers to 2**53).
_EXACT_INT = 2.0 ** 53
_ISO_SHAPED = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL_COMMA = re.compile(r"([+-]?\d+),(\d+)")


class _NotANumber:
    """Stands for a NaN written in a plan file (``.nan``): a value, not an empty cell.

    Everywhere else NaN is how an empty cell looks (in frames, and in rows taken from
    them with ``to_dict("records")``), so only a file reader can tell; it marks such
    cells with :func:`mark_not_a_number`.
    """

    def __repr__(self) -> str:
        return "nan"


NOT_A_NUMBER = _NotANumber()


def empty_table(spec: TableSpec) -> pd.DataFrame:
    """A typed table with no rows.

    Parameters
    ----------
    spec : TableSpec
        The table's declaration.

    Returns
    -------
    pd.DataFrame
        The declared columns in order, each in its declared dtype, zero rows.

    Examples
    --------
    >>> from workbench.model.schema import LINKS
    >>> empty_table(LINKS).columns.tolist()
    ['from', 'to', 'type', 'lag']
    """
    return coerce_table(spec, [])[0]


def row_labels(spec: TableSpec, frame: pd.DataFrame) -> list[str]:
    """How messages name each row: its id, ``from->to`` for links, or its position.

    Parameters
    ----------
    spec : TableSpec
        The table's declaration (its ``key`` columns make the label).
    frame : pd.DataFrame
        The rows, raw or typed.

    Returns
    -------
    list of str
        One label per row; ``#3`` (1-based position) for a row with an empty key.

    Examples
    --------
    >>> from workbench.model.schema import LINKS
    >>> row_labels(LINKS, pd.DataFrame({"from": ["T1"], "to": ["T2"]}))
    ['T1->T2']
    """
    n = len(frame)
    if n == 0:
        return []
    parts = []
    for key in spec.key:
        if key not in frame.columns:
            parts.append([""] * n)
        elif _is_clean_text(frame[key]):
            parts.append(frame[key].tolist())
        else:
            parts.append(frame[key].map(_text).tolist())
    labels = []
    for i, values in enumerate(zip(*parts, strict=True)):
        label = "->".join(values) if spec.key == ("from", "to") else "/".join(values)
        labels.append(label if all(values) else f"#{i + 1}")
    return labels


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and value.bit_length() > _HUGE_INT_BITS:
        return shown(value)
    return str(value).strip()


#: Integers longer than this (about 300 digits) are no one's id or text.
_HUGE_INT_BITS = 1000


def number_text(value: float) -> str:
    """A number as messages print it: whole numbers below a million exactly, others short.

    Parameters
    ----------
    value : float

    Returns
    -------
    str

    Examples
    --------
    >>> number_text(36525.0), number_text(1e15), number_text(2.5), number_text(float("inf"))
    ('36525', '1e+15', '2.5', 'inf')
    """
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e6:
        return str(int(value))
    return f"{value:g}"


def allowed_text(column: Column) -> str:
    """What a column accepts, as messages say it (``a number from 0 to 36525``).

    Parameters
    ----------
    column : Column
        The column's declaration.

    Returns
    -------
    str

    Examples
    --------
    >>> from workbench.model.schema import TASKS, LINKS
    >>> allowed_text(TASKS.column("priority")), allowed_text(LINKS.column("type"))
    ('a whole number from 0 to 1000', 'one of FS, SS, FF, SF')
    """
    if column.kind in NUMBER_KINDS:
        what = "a whole number" if column.kind == "int" else "a number"
        if column.minimum is not None and column.maximum is not None:
            return (f"{what} from {number_text(float(column.minimum))} "
                    f"to {number_text(float(column.maximum))}")
        return what
    if column.kind == "three_point":
        return _three_point_text(column.maximum)
    if column.allowed is not None:
        return f"one of {', '.join(column.allowed)}"
    return {"str": "text", "bool": "true or false", "date": "a date like 2027-01-04",
            "dates": "dates or ranges like 2027-01-04..2027-01-08",
            "ids": "ids like 'T1, T2'"}[column.kind]


def coerce_table(
    spec: TableSpec, rows: pd.DataFrame | Iterable[Mapping[str, Any]]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert rows to the declared columns and dtypes.

    Parameters
    ----------
    spec : TableSpec
        The table's declaration.
    rows : DataFrame or iterable of mappings
        Raw rows, e.g. records from a plan file or a frame edited in a table.

    Returns
    -------
    tuple
        The typed DataFrame (declared columns in order, RangeIndex) and the
        problems found (unknown columns, values of the wrong type).

    Examples
    --------
    >>> from workbench.model.schema import LINKS
    >>> frame, problems = coerce_table(LINKS, [{"from": "A", "to": "B", "lag": "2"}])
    >>> frame.loc[0, "lag"], frame.loc[0, "type"], problems
    (np.float64(2.0), 'FS', [])
    """
    if isinstance(rows, pd.DataFrame):
        raw = rows.reset_index(drop=True)
    else:
        records = list(rows)
        problems = [
            Problem(spec.name, f"#{i + 1}", None, f"must be a mapping of column: value, got {r!r}")
            for i, r in enumerate(records) if not isinstance(r, Mapping)
        ]
        if problems:
            return pd.DataFrame(columns=spec.column_names), problems
        raw = pd.DataFrame.from_records(records) if records else pd.DataFrame()
        raw = raw.reset_index(drop=True)
    labels = row_labels(spec, raw)
    problems = [
        Problem(spec.name, None, str(col), "unknown column (allowed: "
                f"{', '.join(spec.column_names)})")
        for col in raw.columns if not spec.has(str(col))
    ]
    out = {}
    for column in spec.columns:
        values = raw[column.name] if column.name in raw.columns else None
        out[column.name], column_problems = _coerce_column(spec, column, values, len(raw), labels)
        problems += column_problems
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw))), problems


def _is_nan(value: Any) -> bool:
    return isinstance(value, float | np.floating) and math.isnan(value)


def mark_not_a_number(spec: TableSpec, records: Iterable[Any]) -> list[Any]:
    """Rows read from a file, every NaN in a number cell replaced by :data:`NOT_A_NUMBER`.

    A file that says ``.nan`` gave a value that is no number, which coercion refuses;
    a NaN in rows built in Python stays an empty cell.

    Parameters
    ----------
    spec : TableSpec
        The table's declaration (which columns hold numbers).
    records : iterable
        The rows as a file reader got them; anything but mappings is left as it is.

    Returns
    -------
    list
        The rows, those holding NaN copied with the marker in its place.

    Examples
    --------
    >>> from workbench.model.schema import RESOURCES
    >>> rows = mark_not_a_number(RESOURCES, [{"id": "R1", "rate": float("nan")}])
    >>> coerce_table(RESOURCES, rows)[1][0].message
    'expected a number from 0 to 1e+15, got nan'
    >>> coerce_table(RESOURCES, [{"id": "R1", "rate": float("nan")}])[0].loc[0, "rate"]
    np.float64(0.0)
    """
    numeric = {c.name for c in spec.columns if c.kind in (*NUMBER_KINDS, "three_point")}
    return [
        {k: NOT_A_NUMBER if k in numeric and _is_nan(v) else v for k, v in r.items()}
        if isinstance(r, Mapping) and any(_is_nan(v) for v in r.values()) else r
        for r in records
    ]


def _missing(values: pd.Series) -> np.ndarray:
    text_empty = values.map(lambda v: isinstance(v, str) and not v.strip())
    return (values.isna() | text_empty).to_numpy(dtype=bool)


def _is_clean_text(values: pd.Series) -> bool:
    """All values are strings without surrounding blanks (as in a plan's own tables)."""
    if len(values) == 0 or pd.api.types.infer_dtype(values, skipna=False) != "string":
        return False
    return bool((values.str.strip() == values).all())


def _already_typed(column: Column, values: pd.Series) -> bool:
    """Whether a column is already in its declared dtype, so conversion can be skipped.

    Tables of an existing plan (re-validated after an edit elsewhere) take this path;
    converting value by value is what makes large plans slow to rebuild.
    """
    dtype = values.dtype
    if column.kind == "float":
        return dtype == np.float64
    if column.kind == "int":
        return dtype == np.int64
    if column.kind == "bool":
        return dtype == np.bool_
    if column.kind == "date":
        return dtype == DATE_DTYPE
    if column.kind == "str":
        return _is_clean_text(values)
    return False


def _coerce_column(
    spec: TableSpec, column: Column, values: pd.Series | None, n: int, labels: list[str]
) -> tuple[pd.Series, list[Problem]]:
    problems: list[Problem] = []

    def report(rows: Iterable[int], reason: str | None = None) -> None:
        for i in rows:
            message = reason or f"expected {allowed_text(column)}, got {shown(values.iloc[i])}"
            problems.append(Problem(spec.name, labels[i], column.name, message))

    if values is None:
        # A column the rows do not have: every cell takes the column's empty value, which
        # depends on the column alone. Plans carry many such columns (and empty tables), so
        # the one-cell answer is worked out once and repeated.
        return _absent_cell(spec, column).take(np.zeros(n, dtype=np.intp)).reset_index(
            drop=True), problems
    if values is not None and _already_typed(column, values):
        result = values.reset_index(drop=True).copy()
        if column.kind == "str":
            result = result.astype(object)
            if column.default is not None:
                result = result.where(result != "", column.default)
        elif column.kind == "float":
            report(np.flatnonzero(np.isinf(result.to_numpy())))
            if column.default is not None:
                result = result.fillna(column.default)
        return result.rename(column.name), problems
    values = values.reset_index(drop=True).astype(object)
    missing = _missing(values)
    default = column.default
    if column.kind == "str":
        odd = values.map(_not_text).to_numpy(dtype=bool)
        report(np.flatnonzero(odd))
        result = values.map(_text).astype(object)
        result[odd] = ""
        if default is not None:
            result[missing] = default
    elif column.kind in NUMBER_KINDS:
        numbers, reasons = _numbers(values, missing)
        for i, reason in reasons.items():
            report([i], reason and f"{reason}, got {shown(values.iloc[i])}")
        if default is not None:
            numbers = numbers.fillna(default)
        if column.kind == "int":
            whole = (numbers == np.round(numbers)) & (numbers.abs() <= _EXACT_INT)
            exact = numbers.isna() | whole
            report(np.flatnonzero(~exact.to_numpy()))
            numbers = numbers.where(exact).round()
            result = numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")
        else:
            result = numbers
    elif column.kind == "bool":
        result, bad = _to_bool(values, missing, bool(default))
        report(np.flatnonzero(bad))
    elif column.kind == "date":
        parsed = pd.to_datetime(values.map(_text).where(~missing), errors="coerce",
                                format="%Y-%m-%d").astype(DATE_DTYPE)
        for i in np.flatnonzero(parsed.isna().to_numpy() & ~missing):
            try:
                parsed.iloc[i] = pd.Timestamp(parse_date(values.iloc[i]))
            except ValueError as exc:
                report([i], str(exc))
        outside = ((parsed < pd.Timestamp(EARLIEST_DATE))
                   | (parsed > pd.Timestamp(LATEST_DATE))).to_numpy()
        for i in np.flatnonzero(outside):
            report([i], _outside_window(parsed.iloc[i].date()))
        result = parsed.where(~outside)
    elif column.kind == "dates":
        texts = []
        for i, value in enumerate(values):
            try:
                texts.append(canonical_dates(value))
            except ValueError as exc:
                report([i], str(exc))
                texts.append("")
        result = pd.Series(texts, dtype=object)
    elif column.kind in ("three_point", "ids"):
        texts = []
        for i, value in enumerate(values):
            try:
                texts.append("" if missing[i] else canonical_three_point(value, column.maximum)
                             if column.kind == "three_point" else canonical_ids(value))
            except ValueError as exc:
                report([i], str(exc))
                texts.append("")
        result = pd.Series(texts, dtype=object)
    else:  # pragma: no cover - guarded by the Kind literal
        raise TypeError(column.kind)
    return pd.Series(result, name=column.name).reset_index(drop=True), problems


@cache
def _absent_cell(spec: TableSpec, column: Column) -> pd.Series:
    """The one-row column that an empty cell of ``column`` becomes (read-only: callers copy)."""
    empty = pd.Series([None], dtype=object)
    result, problems = _coerce_column(spec, column, empty, 1, ["#1"])
    assert not problems, problems  # an empty cell is never a type error
    return result


def _not_text(value: Any) -> bool:
    """Whether a cell of a text column holds something no one means as text."""
    if isinstance(value, int):
        return value.bit_length() > _HUGE_INT_BITS
    return isinstance(value, list | tuple | set | Mapping | np.ndarray)


def _numbers(values: pd.Series, missing: np.ndarray) -> tuple[pd.Series, dict[int, str]]:
    """A number column as float64, and the rows that hold no finite number.

    Returns the numbers (NaN where empty or bad) and, per bad row, the reason to report
    ("" for the plain "expected a number ..." message).
    """
    bools = values.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(dtype=bool)
    try:
        numbers = pd.to_numeric(values.where(~bools), errors="coerce").astype("float64")
    except (OverflowError, TypeError, ValueError):  # e.g. an integer too big for a float
        numbers = pd.Series(np.nan, index=values.index)
    numbers = numbers.to_numpy(copy=True)
    reasons: dict[int, str] = {}
    # Cells the fast conversion left NaN or infinite: decimal commas, huge integers,
    # booleans, written NaN / inf, text. Only these are looked at one by one.
    for i in np.flatnonzero(~missing & ~np.isfinite(numbers)):
        try:
            number = parse_number(values.iloc[i])
        except ValueError as exc:
            number, reasons[i] = math.nan, str(exc)
        else:
            if not math.isfinite(number):
                number, reasons[i] = math.nan, ""
        numbers[i] = number
    return pd.Series(numbers, dtype="float64"), reasons


def parse_number(value: Any) -> float:
    """A number from a cell: a number, or text with a decimal point or an unambiguous comma.

    The one place that decides how text becomes a number. A single decimal comma is read as
    a decimal point (``"2,5"`` is 2.5) unless it could be a thousands separator
    (``"2,500"``: three digits after a comma and something other than 0 before it), which
    is refused, as is text mixing points and commas: a plan never reads ``2,5`` as 25.

    Parameters
    ----------
    value : number or str
        Booleans are not numbers here, though Python counts them as such.

    Returns
    -------
    float
        Possibly infinite or NaN (``"inf"``, ``1e400``, an integer of 400 digits): callers
        check the bounds.

    Raises
    ------
    ValueError
        With a reason ("" when the value is simply no number) for anything else.

    Examples
    --------
    >>> parse_number("2,5"), parse_number(" 0,125 "), parse_number(7), parse_number(10 ** 400)
    (2.5, 0.125, 7.0, inf)
    >>> parse_number("2,500")
    Traceback (most recent call last):
    ...
    ValueError: ambiguous decimal comma: write 2.5 or 2500
    """
    if isinstance(value, str):
        text = value.strip()
        if "," in text:
            match = _DECIMAL_COMMA.fullmatch(text)
            if match is None:
                raise ValueError("write numbers with a decimal point and no thousands "
                                 "separator")
            whole, fraction = match.groups()
            if len(fraction) == 3 and whole.lstrip("+-") != "0":
                decimal = number_text(float(f"{whole}.{fraction}"))
                raise ValueError(f"ambiguous decimal comma: write {decimal} or {whole}{fraction}")
            text = f"{whole}.{fraction}"
        try:
            return float(text)
        except ValueError:
            raise ValueError("") from None
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        raise ValueError("")
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _outside_window(day: dt.date) -> str:
    return f"must be between {EARLIEST_DATE} and {LATEST_DATE}, got {day}"


def _to_bool(values: pd.Series, missing: np.ndarray, default: bool) -> tuple[pd.Series, np.ndarray]:
    truthy = {"true", "yes", "y", "1", "x"}
    falsy = {"false", "no", "n", "0", ""}
    out = np.full(len(values), default, dtype=bool)
    bad = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if missing[i]:
            continue
        if isinstance(v, bool | np.bool_):
            out[i] = bool(v)
        elif isinstance(v, int | float) and v in (0, 1):
            out[i] = bool(v)
        elif _text(v).lower() in truthy:
            out[i] = True
        elif _text(v).lower() in falsy:
            out[i] = False
        else:
            bad[i] = True
    return pd.Series(out, dtype=bool), bad


def canonical_dates(value: Any) -> str:
    """Normalise a list of dates and ``start..end`` ranges to one comma-separated string.

    Parameters
    ----------
    value : list, str or None
        A YAML list of dates, ISO texts, ``"start..end"`` texts or ``{from, to}``
        mappings, or one comma-separated text of the same. None or NaN is empty.

    Returns
    -------
    str
        ISO dates and ``start..end`` ranges joined by ``", "``; ``""`` for none.

    Raises
    ------
    ValueError
        For an entry that is not a date or a range with start <= end.

    Examples
    --------
    >>> canonical_dates(["2027-02-01", {"from": "2027-03-01", "to": "2027-03-03"}])
    '2027-02-01, 2027-03-01..2027-03-03'
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    items = value if isinstance(value, list | tuple) else _text(value).split(",")
    parts = []
    for item in items:
        start, end = _date_range(item)
        if start is None:
            continue
        parts.append(start.isoformat() if start == end else f"{start}..{end}")
    return ", ".join(parts)


def _date_range(item: Any) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(item, Mapping):
        if set(item) - {"from", "to"} or "from" not in item:
            raise ValueError(f"a range is {{from: date, to: date}}, got {shown(dict(item))}")
        start = parse_date(item["from"], _DATE_OR_RANGE)
        end = parse_date(item.get("to", item["from"]), _DATE_OR_RANGE)
    elif isinstance(item, dt.date):
        start = end = parse_date(item)
    else:
        text = _text(item)
        if not text:
            return None, None
        first, _, last = text.partition("..")
        start, end = parse_date(first, _DATE_OR_RANGE), parse_date(last or first, _DATE_OR_RANGE)
    if end < start:
        raise ValueError(f"range ends before it starts: {start}..{end}")
    return start, end


_DATE_OR_RANGE = "a date like 2027-01-04 or a range 2027-01-04..2027-01-08"


def parse_date(value: Any, expected: str = "a date like 2027-01-04") -> dt.date:
    """A date from a date, a datetime or an ISO text, within the plan's date window.

    Parameters
    ----------
    value : date, datetime, numpy datetime64 or str
        A datetime keeps only its day; text may carry surrounding blanks.
    expected : str
        What the message says was expected, for anything that is no date at all.

    Returns
    -------
    datetime.date
        Between ``EARLIEST_DATE`` and ``LATEST_DATE`` of :mod:`workbench.model.schema`.

    Raises
    ------
    ValueError
        Saying whether the value is no date, an impossible one (``2027-02-31``) or
        one outside the window.

    Examples
    --------
    >>> parse_date(" 2027-01-04 ")
    datetime.date(2027, 1, 4)
    >>> parse_date("2027-02-31")
    Traceback (most recent call last):
    ...
    ValueError: is not a valid date (day is out of range for month), got '2027-02-31'
    """
    if isinstance(value, np.datetime64):
        value = value.astype("datetime64[D]").item()  # a date, or None / int if out of range
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _text(value)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as exc:
            if _ISO_SHAPED.fullmatch(text):
                raise ValueError(f"is not a valid date ({exc}), got {shown(text)}") from None
            raise ValueError(f"expected {expected}, got {shown(value)}") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(_outside_window(day))
    return day


def expand_dates(text: str) -> list[dt.date]:
    """Every date named by a canonical dates string, ranges expanded.

    Parameters
    ----------
    text : str
        A cell as :func:`canonical_dates` writes it (``""`` names no dates).

    Returns
    -------
    list of datetime.date
        Calendar days in the order given, both ends of each range included (weekends
        too: the calendar decides which of them are working days).

    Raises
    ------
    ValueError
        For an entry that is not a date or a range with start <= end.

    Examples
    --------
    >>> expand_dates("2027-02-01, 2027-03-01..2027-03-02")
    [datetime.date(2027, 2, 1), datetime.date(2027, 3, 1), datetime.date(2027, 3, 2)]
    """
    days: list[dt.date] = []
    for item in (text or "").split(","):
        start, end = _date_range(item)
        if start is None:
            continue
        days += [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
    return days


def _items(value: Any) -> list[Any]:
    """The parts of a list cell: a YAML list, or text split at commas (brackets ignored)."""
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    return [part for part in _text(value).strip("[]").split(",") if part.strip()]


def canonical_three_point(value: Any, maximum: float | None = None) -> str:
    """Normalise one number or three ordered numbers (optimistic, most likely, pessimistic).

    Parameters
    ----------
    value : number, str or list
        One number (a fixed value), or three as a list or a comma-separated text;
        working days for schedule impacts, plan currency for cost impacts.
    maximum : float, optional
        Largest value allowed (the column's declared maximum).

    Returns
    -------
    str
        ``"5"`` or ``"3, 5, 10"`` (whole numbers without decimals).

    Raises
    ------
    ValueError
        For anything but one or three finite numbers from 0 to ``maximum`` in
        non-decreasing order.

    Examples
    --------
    >>> canonical_three_point(5), canonical_three_point("3,5, 10"), canonical_three_point([2.5])
    ('5', '3, 5, 10', '2.5')
    >>> canonical_three_point([1, 2, 1e9], maximum=36525)
    Traceback (most recent call last):
    ...
    ValueError: expected a number or three numbers 'optimistic, most likely, pessimistic' \
like '3, 5, 10', each from 0 to 36525, got [1, 2, 1000000000.0]
    """
    expected = f"expected {_three_point_text(maximum)}, got {shown(value)}"
    if isinstance(value, bool | np.bool_) or value is NOT_A_NUMBER:
        raise ValueError(expected)
    parts = _items(value) if not isinstance(value, int | float | np.number) else [value]
    try:
        numbers = [parse_number(p) for p in parts]
    except ValueError:
        numbers = []
    top = math.inf if maximum is None else maximum
    if len(numbers) not in (1, 3) or not all(math.isfinite(x) and x <= top for x in numbers):
        raise ValueError(expected)
    if min(numbers) < 0:
        raise ValueError(f"must be >= 0, got {shown(value)}")
    if numbers != sorted(numbers):
        raise ValueError(f"needs optimistic <= most likely <= pessimistic, got {shown(value)}")
    return ", ".join(_text(x) for x in numbers)


def _three_point_text(maximum: float | None) -> str:
    limit = "" if maximum is None else f", each from 0 to {number_text(float(maximum))}"
    return ("a number or three numbers 'optimistic, most likely, pessimistic' "
            f"like '3, 5, 10'{limit}")


def parse_three_point(text: str) -> tuple[float, float, float] | None:
    """The (optimistic, most likely, pessimistic) of a canonical three-point cell.

    Parameters
    ----------
    text : str
        A cell as :func:`canonical_three_point` writes it.

    Returns
    -------
    tuple of float or None
        The three values (one number stands for all three); None for an empty cell.

    Examples
    --------
    >>> parse_three_point("3, 5, 10"), parse_three_point("4"), parse_three_point("")
    ((3.0, 5.0, 10.0), (4.0, 4.0, 4.0), None)
    """
    if not text:
        return None
    numbers = [float(p) for p in text.split(",")]
    if len(numbers) == 1:
        numbers *= 3
    low, mode, high = numbers
    return low, mode, high


def canonical_ids(value: Any) -> str:
    """Normalise a list of ids (a YAML list or ``"T1, T2"``) to one string, duplicates removed.

    Parameters
    ----------
    value : list or str
        The ids as a YAML list or comma-separated text (brackets are ignored).

    Returns
    -------
    str
        The ids in first-seen order joined by ``", "``; ``""`` for none.

    Examples
    --------
    >>> canonical_ids(["T13", "T16"]), canonical_ids("T13,T16, T13")
    ('T13, T16', 'T13, T16')
    """
    ids = [_text(p) for p in _items(value)]
    return ", ".join(dict.fromkeys(i for i in ids if i))


def split_ids(text: str) -> list[str]:
    """The ids of a canonical ids cell.

    Parameters
    ----------
    text : str
        A cell as :func:`canonical_ids` writes it.

    Returns
    -------
    list of str
        The ids in order; empty for an empty cell.

    Examples
    --------
    >>> split_ids("T13, T16"), split_ids("")
    (['T13', 'T16'], [])
    """
    return [part.strip() for part in text.split(",") if part.strip()]
