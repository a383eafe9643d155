"""Turning raw rows (file records, edited frames) into typed plan tables.

Every column is converted as its declaration in :mod:`workbench.model.schema`
says; anything that does not convert becomes a :class:`Problem` naming the row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from workbench.model.errors import Problem
from workbench.model.schema import Column, TableSpec

DATE_DTYPE = "datetime64[us]"


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
    return str(value).strip()


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

    def fail(mask: np.ndarray, expected: str) -> None:
        for i in np.flatnonzero(mask):
            problems.append(Problem(spec.name, labels[i], column.name,
                                    f"expected {expected}, got {values.iloc[i]!r}"))

    if values is not None and _already_typed(column, values):
        result = values.reset_index(drop=True).copy()
        if column.kind == "str":
            result = result.astype(object)
            if column.default is not None:
                result = result.where(result != "", column.default)
        elif column.kind == "float" and column.default is not None:
            result = result.fillna(column.default)
        return result.rename(column.name), problems
    if values is None:
        values = pd.Series([None] * n, dtype=object)
    values = values.reset_index(drop=True).astype(object)
    missing = _missing(values)
    default = column.default
    if column.kind == "str":
        result = values.map(_text).astype(object)
        if default is not None:
            result[missing] = default
    elif column.kind in ("float", "int"):
        bools = values.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(dtype=bool)
        numbers = pd.to_numeric(values.where(~bools), errors="coerce")
        fail((numbers.isna().to_numpy() & ~missing) | bools, "a number")
        if default is not None:
            numbers = numbers.fillna(default)
        if column.kind == "int":
            whole = numbers.isna() | (numbers == np.round(numbers))
            fail(~whole.to_numpy() & ~missing, "a whole number")
            numbers = numbers.round()
            result = numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")
        else:
            result = numbers.astype("float64")
    elif column.kind == "bool":
        result, bad = _to_bool(values, missing, bool(default))
        fail(bad, "true or false")
    elif column.kind == "date":
        parsed = pd.to_datetime(values.map(_text).where(~missing), errors="coerce",
                                format="%Y-%m-%d")
        fail(parsed.isna().to_numpy() & ~missing, "a date like 2027-01-04")
        result = parsed.astype(DATE_DTYPE)
    elif column.kind == "dates":
        texts = []
        for i, value in enumerate(values):
            try:
                texts.append(canonical_dates(value))
            except ValueError as exc:
                problems.append(Problem(spec.name, labels[i], column.name, str(exc)))
                texts.append("")
        result = pd.Series(texts, dtype=object)
    elif column.kind in ("three_point", "ids"):
        canonical = canonical_three_point if column.kind == "three_point" else canonical_ids
        texts = []
        for i, value in enumerate(values):
            try:
                texts.append("" if missing[i] else canonical(value))
            except ValueError as exc:
                problems.append(Problem(spec.name, labels[i], column.name, str(exc)))
                texts.append("")
        result = pd.Series(texts, dtype=object)
    else:  # pragma: no cover - guarded by the Kind literal
        raise TypeError(column.kind)
    return pd.Series(result, name=column.name).reset_index(drop=True), problems


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
        elif str(v).strip().lower() in truthy:
            out[i] = True
        elif str(v).strip().lower() in falsy:
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
    items = value if isinstance(value, list | tuple) else str(value).split(",")
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
            raise ValueError(f"a range is {{from: date, to: date}}, got {dict(item)!r}")
        start, end = parse_date(item["from"]), parse_date(item.get("to", item["from"]))
    elif isinstance(item, dt.date):
        start = end = parse_date(item)
    else:
        text = str(item).strip()
        if not text:
            return None, None
        first, _, last = text.partition("..")
        start, end = parse_date(first), parse_date(last or first)
    if end < start:
        raise ValueError(f"range ends before it starts: {start}..{end}")
    return start, end


def parse_date(value: Any) -> dt.date:
    """A date from a date, a datetime or an ISO text.

    Parameters
    ----------
    value : date, datetime or str
        A datetime keeps only its day; text may carry surrounding blanks.

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        For anything else.

    Examples
    --------
    >>> parse_date(" 2027-01-04 ")
    datetime.date(2027, 1, 4)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a date like 2027-01-04 or a range "
                         f"2027-01-04..2027-01-08, got {value!r}") from None


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
    return [part for part in str(value).strip().strip("[]").split(",") if part.strip()]


def canonical_three_point(value: Any) -> str:
    """Normalise one number or three ordered numbers (optimistic, most likely, pessimistic).

    Parameters
    ----------
    value : number, str or list
        One number (a fixed value), or three as a list or a comma-separated text;
        working days for schedule impacts, plan currency for cost impacts.

    Returns
    -------
    str
        ``"5"`` or ``"3, 5, 10"`` (whole numbers without decimals).

    Raises
    ------
    ValueError
        For anything but one or three numbers >= 0 in non-decreasing order.

    Examples
    --------
    >>> canonical_three_point(5), canonical_three_point("3,5, 10"), canonical_three_point([2.5])
    ('5', '3, 5, 10', '2.5')
    """
    if isinstance(value, bool | np.bool_):
        raise ValueError(f"expected a number or 'optimistic, most likely, pessimistic', "
                         f"got {value!r}")
    parts = _items(value) if not isinstance(value, int | float | np.number) else [value]
    try:
        numbers = [float(p) for p in parts]
    except (TypeError, ValueError):
        numbers = []
    if len(numbers) not in (1, 3) or any(np.isnan(x) for x in numbers):
        raise ValueError(f"expected a number or three numbers 'optimistic, most likely, "
                         f"pessimistic' like '3, 5, 10', got {value!r}")
    if min(numbers) < 0:
        raise ValueError(f"must be >= 0, got {value!r}")
    if numbers != sorted(numbers):
        raise ValueError(f"needs optimistic <= most likely <= pessimistic, got {value!r}")
    return ", ".join(_text(x) for x in numbers)


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
