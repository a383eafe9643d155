"""The Gantt chart: bars, summaries, milestones, dependencies, deadlines, status line.

Two steps, both pure:

- :func:`gantt_data` turns a ``Schedule`` into a few DataFrames (vectorised, no
  per-task Python loops), and
- :func:`gantt_overlay` styles them with a :class:`~workbench.charts.theme.Theme` and
  draws them as a HoloViews overlay.

:func:`gantt` is the two in a row. The live UI keeps one Bokeh figure (and the user's
zoom) by pushing new frames through a stream::

    pipe = hv.streams.Pipe(data=gantt_data(schedule))
    hv.DynamicMap(gantt_overlay, streams=[pipe])
    pipe.send(gantt_data(new_schedule))

Layers
------
Each layer costs HoloViews and Bokeh about the same per update whatever its size, so
the chart has four, and a ``kind`` column tells the shapes within one layer apart:

1. ``rectangles``: baseline bars, summary brackets, work bars and progress bars, drawn
   in that order (row order is draw order within one glyph);
2. ``links``: the elbow segments of dependency links;
3. ``markers``: summary end caps, milestone diamonds, link arrow heads and deadline
   markers, each row with its own marker shape, size, colour and angle;
4. the status line.

Geometry
--------
- The y axis is numeric: row ``i`` is the ``i``-th task in plan (WBS) order, drawn top
  down (``invert_yaxis``) and labelled through ``yticks``. A categorical axis would
  reset the zoom on every stream update.
- Schedule dates are inclusive: a five-day task Mon..Fri has ``start`` Monday and
  ``finish`` Friday. A bar therefore spans from ``start`` 00:00 to ``finish + 1 day``
  00:00, so a one-day task has a visible width and a finish-to-start link to a task
  starting the next working day points from the end of one day to the start of another.
- Milestones sit at the end of their finish day (``finish + 1 day``), where the bar of
  the task they follow ends.
- The status line marks the end of the status day (``status_date + 1 day``): work
  dated on the status date lies left of the line.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Collection
from typing import Any

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import numpy as np
import pandas as pd
from holoviews import dim

from workbench.charts.theme import Theme, resolve_theme

ONE_DAY = pd.Timedelta(days=1)
_DAY = np.timedelta64(1, "D")

# Half-heights of the shapes within a row (a row is 1.0 tall, centred on its index).
BAR_HALF = 0.3
PROGRESS_HALF = 0.1
SUMMARY_TOP, SUMMARY_BOTTOM = -0.3, -0.12
BASELINE_TOP, BASELINE_BOTTOM = 0.3, 0.42
DEADLINE_OFFSET = -0.38

# A link that must turn back (a lead, or a link into a finish) first runs this far past
# its target end before turning into the target row, so its arrow head is readable.
LINK_STUB = np.timedelta64(12, "h")

FRAMES = ("rows", "bars", "rectangles", "links", "markers", "status")
"""Names of the frames :func:`gantt_data` returns."""

RECTANGLE_KINDS = ("baseline", "summary", "bar", "progress")
"""Values of ``rectangles["kind"]``, in draw order."""

MARKER_KINDS = ("cap", "milestone", "arrow", "deadline")
"""Values of ``markers["kind"]``, in draw order."""

_RECT_COLUMNS = ["x0", "y0", "x1", "y1"]
_SEGMENT_COLUMNS = ["x0", "y0", "x1", "y1"]
# What every rectangle carries for its tooltip: the task it belongs to.
_TASK_INFO = ["id", "name", "start", "finish", "duration", "total_float", "owner_name",
              "critical"]


# --------------------------------------------------------------------------- data


def gantt_data(
    schedule: Any,
    *,
    status_date: dt.date | pd.Timestamp | None = None,
    today: dt.date | pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """The frames the Gantt chart draws, computed from a schedule.

    Parameters
    ----------
    schedule
        An engine ``Schedule``: ``tasks`` (indexed by task id, plan order),
        ``plan.links``, ``plan.resources`` and ``plan.project.status_date``.
    status_date
        Where to draw the status line; defaults to the project's status date, else
        ``today``.
    today
        The date used when there is no status date (default: the current date).

    Returns
    -------
    dict[str, pandas.DataFrame]
        One frame per name in :data:`FRAMES`:

        - ``rows``: one row per task (its length is the row count) with the ``label``
          shown on the y axis;
        - ``bars``: one row per drawn work task (``id``, ``start``, ``finish``
          (inclusive), ``duration``, ``total_float``, ``critical``, ...), the ``bar``
          rows of ``rectangles``;
        - ``rectangles``: corners ``x0, y0, x1, y1``, ``kind`` (see
          :data:`RECTANGLE_KINDS`) and the task's tooltip columns;
        - ``links``: elbow segments ``x0, y0, x1, y1`` with ``link``, ``leg``,
          ``from``, ``to``, ``type`` and ``lag``;
        - ``markers``: points ``x, y`` with ``kind`` (see :data:`MARKER_KINDS`),
          ``angle`` in degrees (arrow heads) and tooltip columns;
        - ``status``: one row with the status ``date`` and the line position ``x``.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> frames = gantt_data(sched)
    >>> len(frames["rows"]) == len(sched.tasks)
    True
    >>> markers = frames["markers"]
    >>> str(markers.query("kind == 'milestone'").set_index("id").loc["M1", "x"].date())
    '2027-02-24'
    """
    tasks = _prepare_tasks(schedule.tasks, _owner_names(schedule))
    plan_status = getattr(getattr(schedule.plan, "project", None), "status_date", None)
    rectangles = _rectangles(tasks)
    is_bar = (rectangles["kind"] == "bar").to_numpy()
    links, arrows = _links(schedule.plan.links, tasks)
    return {
        "rows": _rows(tasks),
        "bars": rectangles[is_bar].reset_index(drop=True),
        "rectangles": rectangles,
        "links": links,
        "markers": _markers(tasks, rectangles, arrows),
        "status": _status(status_date or plan_status, today),
    }


def _owner_names(schedule: Any) -> pd.Series:
    resources = getattr(schedule.plan, "resources", None)
    if resources is None or len(resources) == 0:
        return pd.Series(dtype=object)
    names = resources["name"].where(resources["name"].astype(str).str.len() > 0,
                                    resources["id"])
    return pd.Series(names.to_numpy(), index=resources["id"].astype(str).to_numpy())


def _prepare_tasks(tasks: pd.DataFrame, owner_names: pd.Series) -> pd.DataFrame:
    """Plan-ordered tasks with row numbers, typed dates and display columns."""
    ids = tasks.index.astype(str).to_numpy(dtype=object)
    n = len(ids)
    name = (tasks["name"].astype(str).to_numpy(dtype=object) if "name" in tasks
            else ids)
    out: dict[str, Any] = {
        "id": ids,
        "row": np.arange(n, dtype=float),
        "name": np.where(name == "", ids, name),
        "wbs_level": _col(tasks, "wbs_level", 0, n).fillna(0).astype(int).to_numpy(),
    }
    for flag in ("is_summary", "is_milestone", "critical", "deadline_missed"):
        out[flag] = _col(tasks, flag, False, n).fillna(False).astype(bool).to_numpy()
    for number in ("duration", "total_float", "percent_complete"):
        out[number] = pd.to_numeric(_col(tasks, number, np.nan, n)).to_numpy(dtype=float)
    for date in ("start", "finish", "deadline", "baseline_start", "baseline_finish"):
        out[date] = _dates(_col(tasks, date, pd.NaT, n))
    owner = _col(tasks, "owner", "", n).fillna("").astype(str).to_numpy(dtype=object)
    named = owner_names.reindex(owner).to_numpy(dtype=object)
    out["owner_name"] = np.where(pd.isna(named), owner, named)
    out["end"] = out["finish"] + _DAY
    return pd.DataFrame(out, index=ids)


def _col(tasks: pd.DataFrame, name: str, default: Any, n: int) -> pd.Series:
    if name in tasks:
        return tasks[name]
    return pd.Series([default] * n, index=tasks.index)


def _dates(values: pd.Series) -> np.ndarray:
    """Dates as ``datetime64[us]`` (NaT where missing)."""
    return pd.to_datetime(values).to_numpy().astype("datetime64[us]")


INDENT = "\u00a0\u00a0"
"""Row label indent per WBS level (non-breaking spaces survive HTML and Bokeh)."""


def _rows(tasks: pd.DataFrame) -> pd.DataFrame:
    levels = tasks["wbs_level"].clip(lower=0).to_numpy()
    indents = np.array([INDENT * k for k in range(int(levels.max(initial=0)) + 1)],
                       dtype=object)
    return pd.DataFrame({
        "row": tasks["row"].to_numpy(dtype=int),
        "id": tasks["id"].to_numpy(),
        "label": indents[levels] + tasks["name"].to_numpy(),
        "wbs_level": tasks["wbs_level"].to_numpy(),
        "is_summary": tasks["is_summary"].to_numpy(),
    })


def _rectangles(tasks: pd.DataFrame) -> pd.DataFrame:
    """Every rectangle of the chart, one block per kind in :data:`RECTANGLE_KINDS` order.

    Each block is ``(positions, x0, x1, y0, y1)`` with ``positions`` the tasks (by
    position) it belongs to; the task's tooltip columns are taken once for all blocks.
    """
    blocks = {
        "baseline": baseline_rectangles(tasks),
        "summary": _summary_rectangles(tasks),
        "bar": _bar_rectangles(tasks),
        "progress": _progress_rectangles(tasks),
    }
    positions = np.concatenate([block[0] for block in blocks.values()])
    frame = tasks.iloc[positions][_TASK_INFO].reset_index(drop=True)
    for i, column in enumerate(("x0", "x1", "y0", "y1"), start=1):
        frame[column] = np.concatenate([block[i] for block in blocks.values()])
    frame["kind"] = np.repeat(np.array(list(blocks), dtype=object),
                              [len(block[0]) for block in blocks.values()])
    return frame[[*_RECT_COLUMNS, "kind", *_TASK_INFO]]


_Block = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _block(tasks: pd.DataFrame, mask: np.ndarray, x0: str, x1: str,
           top: float, bottom: float) -> _Block:
    positions = np.flatnonzero(mask)
    row = tasks["row"].to_numpy()[positions]
    return (positions, tasks[x0].to_numpy()[positions], tasks[x1].to_numpy()[positions],
            row + top, row + bottom)


def _work(tasks: pd.DataFrame) -> np.ndarray:
    return (~tasks["is_summary"].to_numpy() & ~tasks["is_milestone"].to_numpy()
            & ~np.isnat(tasks["start"].to_numpy()))


def _bar_rectangles(tasks: pd.DataFrame) -> _Block:
    return _block(tasks, _work(tasks), "start", "end", -BAR_HALF, BAR_HALF)


def _summary_rectangles(tasks: pd.DataFrame) -> _Block:
    drawn = tasks["is_summary"].to_numpy() & ~np.isnat(tasks["start"].to_numpy())
    return _block(tasks, drawn, "start", "end", SUMMARY_TOP, SUMMARY_BOTTOM)


def _progress_rectangles(tasks: pd.DataFrame) -> _Block:
    percent = np.nan_to_num(tasks["percent_complete"].to_numpy())
    positions, start, end, _, _ = _block(tasks, _work(tasks) & (percent > 0),
                                         "start", "end", 0, 0)
    # Calendar-time share of the bar; close enough to working-day progress to read.
    fraction = np.clip(percent[positions], 0, 100) / 100
    span = (end - start).astype("timedelta64[us]").astype(np.int64)
    done = start + (span * fraction).round().astype("timedelta64[us]")
    row = tasks["row"].to_numpy()[positions]
    return positions, start, done, row - PROGRESS_HALF, row + PROGRESS_HALF


def baseline_rectangles(tasks: pd.DataFrame) -> _Block:
    """Thin baseline bars under each task, from ``baseline_start``/``baseline_finish``.

    Parameters
    ----------
    tasks : pandas.DataFrame
        A schedule's task frame as :func:`gantt_data` prepares it: ``row`` (float row
        index) and the inclusive ``baseline_start`` / ``baseline_finish`` dates (both
        ``NaT`` for tasks without a baseline).

    Returns
    -------
    tuple of numpy.ndarray
        ``(positions, x0, x1, y0, y1)``: the row positions of the tasks with both
        baseline dates and their rectangles, drawn in the lower part of the row and
        ending at the end of the baseline finish day.

    Examples
    --------
    >>> tasks = pd.DataFrame({"row": [0.0, 1.0],
    ...     "baseline_start": pd.to_datetime(["2027-01-04", None]),
    ...     "baseline_finish": pd.to_datetime(["2027-01-08", None])})
    >>> positions, x0, x1, y0, y1 = baseline_rectangles(tasks)
    >>> positions.tolist(), str(x1[0])[:10], float(y0[0])
    ([0], '2027-01-09', 0.3)
    """
    start = tasks["baseline_start"].to_numpy()
    finish = tasks["baseline_finish"].to_numpy()
    positions = np.flatnonzero(~np.isnat(start) & ~np.isnat(finish))
    row = tasks["row"].to_numpy()[positions]
    return (positions, start[positions], finish[positions] + _DAY,
            row + BASELINE_TOP, row + BASELINE_BOTTOM)


def _markers(tasks: pd.DataFrame, rectangles: pd.DataFrame, arrows: _Block) -> pd.DataFrame:
    """Every marker of the chart, one block per kind in :data:`MARKER_KINDS` order.

    Blocks are ``(positions, x, y, date, link)``: the task each marker belongs to (for an
    arrow head, the successor), where it sits, the date its tooltip shows and, for arrow
    heads, the link's number in ``plan.links`` (``-1`` otherwise).
    """
    summary = rectangles[(rectangles["kind"] == "summary").to_numpy()]
    summary_pos = tasks.index.get_indexer(summary["id"].to_numpy())
    milestone = np.flatnonzero(tasks["is_milestone"].to_numpy()
                               & ~np.isnat(tasks["finish"].to_numpy()))
    deadline = np.flatnonzero(~np.isnat(tasks["deadline"].to_numpy()))
    row, end = tasks["row"].to_numpy(), tasks["end"].to_numpy()
    finish, due = tasks["finish"].to_numpy(), tasks["deadline"].to_numpy()
    caps_y = summary["y1"].to_numpy()
    blocks = {
        # The bracket's feet: under both ends of each summary bar.
        "cap": (np.tile(summary_pos, 2),
                np.concatenate([summary["x0"].to_numpy(), summary["x1"].to_numpy()]),
                np.tile(caps_y, 2), np.full(2 * len(summary), np.datetime64("NaT", "us")),
                np.full(2 * len(summary), -1)),
        "milestone": (milestone, end[milestone], row[milestone], finish[milestone],
                      np.full(len(milestone), -1)),
        "arrow": arrows,
        # At the end of the deadline day, like a bar's end: a bar reaching past it missed it.
        "deadline": (deadline, due[deadline] + _DAY, row[deadline] + DEADLINE_OFFSET,
                     due[deadline], np.full(len(deadline), -1)),
    }
    positions = np.concatenate([block[0] for block in blocks.values()]).astype(int)
    info = tasks.iloc[positions]
    kind = np.repeat(np.array(list(blocks), dtype=object),
                     [len(block[0]) for block in blocks.values()])
    missed = info["deadline_missed"].to_numpy()
    frame = pd.DataFrame({
        "x": np.concatenate([block[1] for block in blocks.values()]).astype("datetime64[us]"),
        "y": np.concatenate([block[2] for block in blocks.values()]).astype(float),
        "kind": kind,
        "angle": np.concatenate([np.zeros(len(blocks["cap"][0]) + len(milestone)),
                                 arrows[5], np.zeros(len(deadline))]),
        "link": np.concatenate([block[4] for block in blocks.values()]).astype(int),
        "what": np.select([kind == "milestone", kind == "arrow", kind == "cap", missed],
                          ["Milestone", "Link", "Summary end", "Deadline missed"],
                          "Deadline met").astype(object),
        "date": np.concatenate([block[3] for block in blocks.values()]).astype(
            "datetime64[us]"),
    })
    for column in ("id", "name", "finish", "total_float", "owner_name", "critical",
                   "deadline_missed"):
        frame[column] = info[column].to_numpy()
    return frame


def _status(status_date: Any, today: Any) -> pd.DataFrame:
    day = pd.Timestamp(status_date or today or dt.date.today()).normalize()
    return pd.DataFrame({"date": [day], "x": [day + ONE_DAY]})


def _links(links: pd.DataFrame, tasks: pd.DataFrame) -> tuple[pd.DataFrame, tuple]:
    """Elbow paths (as segments) and arrow heads for every link between drawn tasks.

    A link leaves the predecessor at its start (SS, SF) or at the end of its finish day
    (FS, FF) and enters the successor at its start (FS, SS) or at the end of its
    finish day (FF, SF). A milestone is a point: links into or out of it meet the
    diamond. A link runs along the predecessor's row to a turning column, down (or up)
    to the successor's row, then along it to the target. Links into a start arrive
    from the left with the head pointing right; links into a finish arrive from the
    right with the head pointing left.

    Returns the segments frame and the arrow heads as a marker block
    ``(successor positions, x, y, date, link, angle)``.
    """
    end = tasks["end"].to_numpy()
    x_start = np.where(tasks["is_milestone"].to_numpy(), end, tasks["start"].to_numpy())
    kind = links["type"].astype(str).str.upper().to_numpy(dtype=object)
    pred = tasks.index.get_indexer(links["from"].astype(str).to_numpy())
    succ = tasks.index.get_indexer(links["to"].astype(str).to_numpy())
    from_start = np.isin(kind, ["SS", "SF"])
    into_start = np.isin(kind, ["FS", "SS"])
    x0 = np.where(from_start, x_start[pred], end[pred])
    x1 = np.where(into_start, x_start[succ], end[succ])
    drawn = (pred >= 0) & (succ >= 0) & ~np.isnat(x0) & ~np.isnat(x1)
    number = np.flatnonzero(drawn)
    x0, x1, into_start, pred, succ = (x0[drawn], x1[drawn], into_start[drawn],
                                      pred[drawn], succ[drawn])
    row = tasks["row"].to_numpy()
    y0, y1 = row[pred], row[succ]
    turn = np.where(into_start,
                    np.where(x0 <= x1, x0, x1 - LINK_STUB),
                    np.where(x0 >= x1, x0, x1 + LINK_STUB))
    # Three legs per link, link by link: along, across, along.
    legs = {"x0": np.stack([x0, turn, turn], axis=1), "y0": np.stack([y0, y0, y1], axis=1),
            "x1": np.stack([turn, turn, x1], axis=1), "y1": np.stack([y0, y1, y1], axis=1)}
    lag = (pd.to_numeric(links["lag"]).to_numpy(dtype=float) if "lag" in links
           else np.zeros(len(links)))
    segments = pd.DataFrame({
        **{column: values.ravel() for column, values in legs.items()},
        "link": np.repeat(number, 3),
        "leg": np.tile(np.arange(3), len(number)),
        "from": np.repeat(links["from"].astype(str).to_numpy(dtype=object)[number], 3),
        "to": np.repeat(links["to"].astype(str).to_numpy(dtype=object)[number], 3),
        "type": np.repeat(kind[number], 3),
        "lag": np.repeat(lag[number], 3),
    })
    # Legs of zero length (a straight drop, or a link between touching rows) draw nothing.
    visible = ((segments["x0"] != segments["x1"]) | (segments["y0"] != segments["y1"])).to_numpy()
    segments = segments[visible].reset_index(drop=True)
    heads = (succ, x1, y1, np.full(len(succ), np.datetime64("NaT", "us")), number,
             np.where(into_start, -90.0, 90.0))
    return segments, heads


# --------------------------------------------------------------------------- layers


def gantt_overlay(
    data: dict[str, pd.DataFrame],
    highlight: Collection[str] | None = None,
    *,
    height: int | None = None,
    width: int | None = None,
    theme: Theme | None = None,
) -> hv.Overlay:
    """The Gantt chart drawn from :func:`gantt_data` frames.

    Parameters
    ----------
    data
        The frames from :func:`gantt_data`. (Named ``data`` so that
        ``hv.DynamicMap(gantt_overlay, streams=[hv.streams.Pipe(data=...)])`` works.)
    highlight
        Task ids to pick out: their bars keep full colour and every other task's
        bars fade (see :func:`style_rectangles`). None highlights nothing. (Not
        keyword-only, so that a DynamicMap stream can feed it.)
    height
        Plot height in pixels; default grows with the rows
        (``theme.row_height`` per row plus ``theme.margin``, within
        ``theme.min_height``..``theme.max_height``).
    width
        Plot width in pixels; default stretches to the container (``responsive``).
    theme
        Colours, fonts and sizes.

    Returns
    -------
    holoviews.Overlay
        Four layers, bottom to top: rectangles (group ``Rectangles``), links
        (``Links``), markers (``Markers``) and the status line (``Status``).

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> overlay = gantt_overlay(gantt_data(sched))
    >>> [type(layer).__name__ for layer in overlay]
    ['Rectangles', 'Segments', 'Scatter', 'VLine']
    """
    theme = resolve_theme(theme)
    frames = data
    rows = frames["rows"]
    rectangles = style_rectangles(frames["rectangles"], highlight)
    markers = style_markers(frames["markers"], theme)
    layers = [
        hv.Rectangles(_arrays(rectangles, [*_RECT_COLUMNS, *_RECT_VDIMS]), _RECT_COLUMNS,
                      _RECT_VDIMS, group="Rectangles").opts(
            color=dim("color"), cmap=_palette(theme, RECTANGLE_ROLES), alpha=dim("alpha"),
            line_color=None, tools=["hover"], hover_tooltips=_BAR_TOOLTIPS,
            hover_formatters={"@start": "datetime", "@finish": "datetime"}),
        hv.Segments(frames["links"], _SEGMENT_COLUMNS, group="Links").opts(
            color=theme.link, line_width=1),
        hv.Scatter(_arrays(markers, ["x", "y", *_MARKER_VDIMS]), "x", ["y", *_MARKER_VDIMS],
                   group="Markers").opts(
            marker=dim("marker"), size=dim("size"), angle=dim("angle"), color=dim("color"),
            line_color=dim("line_color"), cmap=_palette(theme, MARKER_ROLES),
            tools=["hover"], hover_tooltips=_MARKER_TOOLTIPS,
            hover_formatters={"@date": "datetime", "@finish": "datetime"},
            hooks=[_tooltips_only_on_tasks]),
        hv.VLine(frames["status"]["x"].iloc[0], group="Status").opts(
            color=theme.status_line, line_dash="dashed", line_width=1.5),
    ]
    size = {"responsive": True} if width is None else {"width": width, "responsive": False}
    base = theme.plot_opts()
    base["backend_opts"]["yaxis.major_label_text_font"] = theme.label_font
    return hv.Overlay(layers).opts(
        **base,
        height=height or gantt_height(len(rows), theme),
        **size,
        invert_yaxis=True,
        padding=(0.04, 0.0),  # room for the arrow heads and link stubs at the ends
        # HoloViews rejects an empty tick list; an empty plan keeps the default ticks.
        yticks=list(zip(rows["row"].tolist(), row_labels(rows, theme).tolist(), strict=True))
        or None,
        xaxis="top",
        xlabel="",
        ylabel="",
        show_legend=False,
        tools=["xwheel_zoom"],
        active_tools=["pan", "xwheel_zoom"],
        hooks=[row_range_hook, _thin_row_labels],
    )


# Rows carry a colour *role*, a field name of the theme ("critical", "task", ...), mapped
# to the theme's colour in the browser: HoloViews checks every value of a column of real
# colours on each update, which costs more than drawing them.
RECTANGLE_ROLES = ("baseline", "summary", "task", "critical", "progress")
"""Theme colours the rectangles are painted in."""

MARKER_ROLES = ("summary", "milestone", "critical", "link", "good", "bad", "background")
"""Theme colours the markers are painted in."""

FADED_ALPHA = 0.2
"""Opacity of the bars of tasks outside a highlight: visible as context, clearly not picked."""

_RECT_VDIMS = [*_TASK_INFO, "kind", "color", "alpha"]
_MARKER_VDIMS = ["what", "id", "name", "date", "finish", "total_float", "owner_name",
                 "kind", "marker", "size", "angle", "color", "line_color"]


def style_rectangles(rectangles: pd.DataFrame,
                     highlight: Collection[str] | None = None) -> pd.DataFrame:
    """``rectangles`` with the colour role (``color``) and ``alpha`` of each row (a copy).

    Work bars are ``critical`` when critical, else ``task``; summaries, progress and
    baseline bars are ``summary``, ``progress`` and ``baseline`` (the baseline a little
    transparent). Roles name :class:`~workbench.charts.theme.Theme` colours.

    Parameters
    ----------
    rectangles
        The ``rectangles`` frame of :func:`gantt_data` (``kind``, ``critical``, ``id``).
    highlight
        Task ids to pick out, or None for no highlighting. The work, progress and
        baseline bars of every other task fade to :data:`FADED_ALPHA`; summaries keep
        their look, so the WBS still reads as a tree around the highlighted work. An
        empty collection fades every work bar (a resource with no tasks).

    Returns
    -------
    pandas.DataFrame
        A copy with ``color`` and ``alpha`` columns. Only ``alpha`` depends on
        ``highlight``, so a live chart sends just that column when it changes.

    Examples
    --------
    >>> frame = pd.DataFrame({"kind": ["bar", "bar", "summary"],
    ...                       "critical": [True, False, True], "id": ["T1", "T2", "W1"]})
    >>> style_rectangles(frame)["color"].tolist()
    ['critical', 'task', 'summary']
    >>> style_rectangles(frame, highlight=["T2"])["alpha"].tolist()
    [0.2, 1.0, 1.0]
    """
    kind = rectangles["kind"].to_numpy()
    critical = rectangles["critical"].to_numpy(dtype=bool)
    color = _by_kind(kind, {"bar": np.where(critical, "critical", "task"),
                            "summary": "summary", "progress": "progress"}, "baseline")
    alpha = np.where(kind == "baseline", 0.8, 1.0)
    if highlight is not None:
        others = ~rectangles["id"].isin(list(highlight)).to_numpy() & (kind != "summary")
        alpha = np.where(others, FADED_ALPHA, alpha)
    return rectangles.assign(color=color, alpha=alpha)


def style_markers(markers: pd.DataFrame, theme: Theme | None = None) -> pd.DataFrame:
    """``markers`` with each row's ``marker``, ``size`` and colour roles (a copy).

    Summary caps are small down-pointing triangles (``summary``), milestones diamonds
    (``critical`` or ``milestone``) edged in the ``background`` colour, arrow heads
    triangles in the ``link`` colour, and deadlines down-pointing triangles, ``bad``
    when missed, else ``good``. ``color`` is the fill role, ``line_color`` the edge's.

    Parameters
    ----------
    markers : pandas.DataFrame
        The ``markers`` frame of :func:`gantt_data` (``kind``, ``critical``,
        ``deadline_missed``).
    theme : Theme, optional
        Where the marker sizes come from (``marker_size``, ``arrow_size``, in
        pixels); None uses the shared default theme.

    Returns
    -------
    pandas.DataFrame
        A copy with ``marker``, ``size``, ``color`` and ``line_color`` columns.

    Examples
    --------
    >>> frame = pd.DataFrame({"kind": ["milestone", "deadline"], "critical": [True, False],
    ...                       "deadline_missed": [False, True]})
    >>> style_markers(frame)[["marker", "color", "line_color"]].values.tolist()
    [['diamond', 'critical', 'background'], ['inverted_triangle', 'bad', 'bad']]
    """
    theme = resolve_theme(theme)
    kind = markers["kind"].to_numpy()
    critical = markers["critical"].to_numpy(dtype=bool)
    missed = markers["deadline_missed"].to_numpy(dtype=bool)
    color = _by_kind(kind, {
        "cap": "summary", "arrow": "link",
        "milestone": np.where(critical, "critical", "milestone"),
    }, np.where(missed, "bad", "good"))
    return markers.assign(
        marker=_by_kind(kind, {"milestone": "diamond", "arrow": "triangle"},
                        "inverted_triangle"),
        size=_by_kind(kind, {"cap": theme.arrow_size + 2, "milestone": theme.marker_size + 4,
                             "arrow": theme.arrow_size}, theme.marker_size),
        color=color,
        line_color=np.where(kind == "milestone", "background", color),
    )


def _by_kind(kind: np.ndarray, values: dict[str, Any], default: Any) -> np.ndarray:
    """Per row, the value for its kind (scalars or arrays as long as ``kind``)."""
    return np.select([kind == k for k in values], list(values.values()), default)


def _palette(theme: Theme, roles: tuple[str, ...]) -> dict[str, str]:
    return {role: getattr(theme, role) for role in roles}


def _arrays(frame: pd.DataFrame, columns: list[str]) -> dict[str, np.ndarray]:
    """Columns as NumPy arrays, text as fixed-width strings.

    HoloViews finds the distinct values of text columns on every update (for ranges and
    colour factors); on object arrays that is a Python loop, on ``<U`` arrays a sort.
    """
    out = {}
    for column in columns:
        values = frame[column].to_numpy()
        out[column] = values.astype(str) if values.dtype == object else values
    return out


_BAR_TOOLTIPS = [
    ("Task", "@name"),
    ("Id", "@id"),
    ("Start", "@start{%F}"),
    ("Finish", "@finish{%F}"),
    ("Duration", "@duration{0.[0]} d"),
    ("Total float", "@total_float{0.[0]} d"),
    ("Owner", "@owner_name"),
    ("Critical", "@critical"),
]
_MARKER_TOOLTIPS = [
    ("Marker", "@what"),
    ("Task", "@name"),
    ("Id", "@id"),
    ("Date", "@date{%F}"),
    ("Finish", "@finish{%F}"),
    ("Total float", "@total_float{0.[0]} d"),
    ("Owner", "@owner_name"),
]

# Arrow heads and summary caps are guides, not things a PM asks about: no tooltip.
_TOOLTIP_KINDS_JS = """
export default (args, tool, {value}) => value === "milestone" || value === "deadline"
"""


def _tooltips_only_on_tasks(plot: Any, element: hv.Scatter) -> None:
    """Bokeh hook: show the markers' tooltip only on milestones and deadlines."""
    from bokeh.models import CustomJS

    hover = plot.handles.get("hover")
    if hover is not None and not hover.filters:
        hover.filters = {"@kind": CustomJS(code=_TOOLTIP_KINDS_JS)}


def row_labels(rows: pd.DataFrame, theme: Theme | None = None) -> pd.Series:
    """Y axis labels: names indented by WBS level, cut and padded to one width.

    Bokeh right-aligns labels on a left axis, so an indent alone would not show; padded
    to the same length in the theme's monospaced label font, the names line up on the
    left and the indents read as a tree.

    Parameters
    ----------
    rows : pandas.DataFrame
        The ``rows`` frame of :func:`gantt_data` (its ``label`` column: the task name
        after its WBS indent).
    theme : Theme, optional
        ``label_chars`` is the longest label kept; longer ones end in an ellipsis.
        None uses the shared default theme.

    Returns
    -------
    pandas.Series
        One label per row, all of the same length.

    Examples
    --------
    >>> rows = pd.DataFrame({"label": ["Build", INDENT + "Code"]})
    >>> row_labels(rows).str.len().tolist()
    [6, 6]
    """
    theme = resolve_theme(theme)
    cut = rows["label"].where(rows["label"].str.len() <= theme.label_chars,
                              rows["label"].str.slice(0, theme.label_chars - 1) + "\u2026")
    width = int(cut.str.len().max()) if len(cut) else 0
    return cut.str.ljust(width, "\u00a0")


def gantt_height(n_rows: int, theme: Theme | None = None) -> int:
    """Default plot height for ``n_rows`` rows.

    Parameters
    ----------
    n_rows : int
        Number of rows (tasks) the chart shows.
    theme : Theme, optional
        ``row_height`` pixels per row plus ``margin``, kept within ``min_height`` and
        ``max_height``; None uses the shared default theme.

    Returns
    -------
    int
        Height in pixels.

    Examples
    --------
    >>> gantt_height(3), gantt_height(40), gantt_height(5000)
    (300, 1050, 2400)
    """
    theme = resolve_theme(theme)
    return int(np.clip(n_rows * theme.row_height + theme.margin,
                       theme.min_height, theme.max_height))


# --------------------------------------------------------------------------- hooks

_row_counts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def row_count(element: hv.Overlay) -> int:
    """Number of Gantt rows an overlay from :func:`gantt_overlay` shows (from its yticks).

    Parameters
    ----------
    element : holoviews.Overlay
        An overlay from :func:`gantt_overlay` or :func:`gantt`.

    Returns
    -------
    int
        The row count; 0 for an empty plan.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> row_count(gantt(sched)) == len(sched.tasks)
    True
    """
    ticks = hv.Store.lookup_options("bokeh", element, "plot").kwargs.get("yticks") or []
    return len(ticks)


def row_range_hook(plot: Any, element: hv.Overlay) -> None:
    """Bokeh hook: make the y range cover every row whenever the row count changes.

    With ``framewise=False`` a DynamicMap keeps the first frame's y range, so rows added
    later would be off screen. This resets the range (and what the reset tool returns
    to) when the count changes, and otherwise leaves the user's zoom alone.

    Parameters
    ----------
    plot : holoviews.plotting.bokeh.ElementPlot
        The plot HoloViews passes to a hook (its ``y_range`` handle is updated).
    element : holoviews.Overlay
        The overlay being drawn, from :func:`gantt_overlay`.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> fig = hv.render(gantt(sched), backend="bokeh")  # runs the hook
    >>> fig.y_range.start, fig.y_range.end  # 54 rows, first row on top
    (53.5, -0.5)
    """
    y_range = plot.handles.get("y_range")
    if y_range is None or not hasattr(y_range, "start"):
        return
    n = row_count(element)
    if _row_counts.get(y_range) == n:
        return
    _row_counts[y_range] = n
    top, bottom = -0.5, max(n, 1) - 0.5
    # Inverted axis: the range runs from the bottom row up to the first one.
    y_range.update(start=bottom, end=top, reset_start=bottom, reset_end=top)


def _thin_row_labels(plot: Any, element: hv.Overlay) -> None:
    """Skip row labels that would overlap, so thousands of rows stay legible."""
    from bokeh.models import NoOverlap

    for axis in plot.state.yaxis:
        # Once per figure: a new policy model on every update would be sent to the page.
        if not isinstance(axis.major_label_policy, NoOverlap):
            axis.major_label_policy = NoOverlap(min_distance=2)


# --------------------------------------------------------------------------- chart


def gantt(
    schedule: Any,
    *,
    status_date: dt.date | pd.Timestamp | None = None,
    today: dt.date | pd.Timestamp | None = None,
    highlight: Collection[str] | None = None,
    height: int | None = None,
    width: int | None = None,
    theme: Theme | None = None,
) -> hv.Overlay:
    """The Gantt chart of a schedule (HoloViews, Bokeh backend).

    Work tasks are bars (critical ones in ``theme.critical``) with an inner progress
    bar, summaries are brackets, milestones diamonds, links elbow arrows, deadlines
    down-pointing markers (red when missed), and a dashed line marks the status date.

    Parameters
    ----------
    schedule
        An engine ``Schedule``.
    status_date, today
        See :func:`gantt_data`.
    highlight, height, width, theme
        See :func:`gantt_overlay`.

    Returns
    -------
    holoviews.Overlay

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> fig = hv.render(gantt(sched), backend="bokeh")
    >>> "Kick-off" in fig.yaxis[0].major_label_overrides[1]
    True
    """
    frames = gantt_data(schedule, status_date=status_date, today=today)
    return gantt_overlay(frames, highlight=highlight, height=height, width=width, theme=theme)
