"""Spreading amounts over working days: the one kernel behind every time-phased cost.

An *item* is an amount spread evenly over a span of working-day offsets
``[start, finish)`` (a cost due on one day is the span ``[k, k + 1)`` of that day's
index ``k``). :func:`spread` turns any number of items into amounts per working day
with three weighted ``np.bincount`` calls and one cumulative sum: the cost grows with
the number of items plus the number of days, never with their product.
"""

from __future__ import annotations

import numpy as np


def spread(start: np.ndarray, finish: np.ndarray, amount: np.ndarray, n_days: int,
           group: np.ndarray | None = None, n_groups: int = 1) -> np.ndarray:
    """Amount per working day of items spread evenly over ``[start, finish)``.

    Parameters
    ----------
    start, finish : np.ndarray
        Span of each item in working-day offsets, ``0 <= start < finish <= n_days``;
        fractions of days are honoured (a half day gets half a day's amount).
    amount : np.ndarray
        Total of each item (may be negative, e.g. a resource's day off).
    n_days : int
        Length of the result.
    group : np.ndarray, optional
        Integer group per item (e.g. a cost category); the result then has one row
        per group.
    n_groups : int
        Number of groups when ``group`` is given.

    Returns
    -------
    np.ndarray
        Shape ``(n_days,)``, or ``(n_groups, n_days)`` with ``group``; it sums to
        ``amount.sum()``.

    Examples
    --------
    >>> spread(np.array([0.0, 1.5]), np.array([2.0, 3.0]), np.array([4.0, 3.0]), 3).tolist()
    [2.0, 3.0, 2.0]
    """
    start = np.asarray(start, dtype=np.float64)
    finish = np.asarray(finish, dtype=np.float64)
    rate = np.asarray(amount, dtype=np.float64) / (finish - start)
    # Offsets are >= 0, so truncation is the floor.
    first = start.astype(np.int64)
    last = finish.astype(np.int64)
    first_part = np.minimum(finish, first + 1.0) - start
    last_part = finish - last
    width = n_days + 2
    if group is not None:
        offset = group * width
        first += offset
        last += offset
    size = width * (1 if group is None else n_groups)
    # Whole days strictly between the first and the last day: a run of ``rate``; the
    # (partial) first day; the partial last day when it is not the first day.
    run = np.where(last > first, rate, 0.0)
    steps = np.bincount(first + 1, run, minlength=size) - np.bincount(last, run, minlength=size)
    parts = np.bincount(first, rate * first_part, minlength=size)
    parts += np.bincount(last, run * last_part, minlength=size)
    out = (np.cumsum(steps.reshape(-1, width), axis=1) + parts.reshape(-1, width))[:, :n_days]
    return out[0] if group is None else out


def spread_until(start: np.ndarray, finish: np.ndarray, amount: np.ndarray,
                 until: float | np.ndarray) -> np.ndarray:
    """Share of each item's amount spread before offset ``until`` (no day grid needed).

    Parameters
    ----------
    start, finish : np.ndarray
        Span of each item in working-day offsets, ``start < finish``.
    amount : np.ndarray
        Total of each item (plan currency, or person-days for work).
    until : float or np.ndarray
        Working-day offset to measure up to (e.g. the end of the status day), one for all
        items or one per item.

    Returns
    -------
    np.ndarray
        Per item, the part of its amount that falls before ``until``: 0 if the span has
        not started, the whole amount if it has finished, pro rata in between.

    Examples
    --------
    >>> spread_until(np.array([0.0, 2.0]), np.array([4.0, 3.0]), np.array([8.0, 5.0]), 3.0)
    array([6., 5.])
    """
    start = np.asarray(start, dtype=np.float64)
    length = np.asarray(finish, dtype=np.float64) - start
    return np.asarray(amount, dtype=np.float64) * np.clip((until - start) / length, 0.0, 1.0)
