"""The Gantt chart: bars, summaries, milestones, dependencies, deadlines, status line.

Two steps, both pure:

- :func:`gantt_data` turns a ``Schedule`` into one DataFrame per layer (vectorised,
  no per-task Python loops), and
- :func:`gantt_overlay` turns those frames into a HoloViews overlay.

:func:`gantt` is the two in a row. The live UI keeps one Bokeh figure (and the user's
zoom) by pushing new frames through a stream::

    pipe = hv.streams.Pipe(data=gantt_data(schedule))
    hv.DynamicMap(gantt_overlay, streams=[pipe])
    pipe.send(gantt_data(new_schedule))

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
from typing import Any

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import numpy as np
import pandas as pd
from holoviews import dim

from workbench.charts.theme import THEME, Theme

ONE_DAY = pd.Timedelta(days=1)

# Half-heights of the shapes within a row (a row is 1.0 tall, centred on its index).
BAR_HALF = 0.3
PROGRESS_HALF = 0.1
SUMMARY_TOP, SUMMARY_BOTTOM = -0.3, -0.12
BASELINE_TOP, BASELINE_BOTTOM = 0.3, 0.42
DEADLINE_OFFSET = -0.38

# A link that must turn back (a lead, or a link into a finish) first runs this far past
# its target end before turning into the target row, so its arrow head is readable.
LINK_STUB = pd.Timedelta(hours=12)

FRAMES = ("rows", "bars", "progress", "summaries", "summary_caps", "milestones",
          "links", "arrows", "deadlines", "baseline", "status")
"""Names of the frames :func:`gantt_data` returns, one per layer (plus ``rows``)."""

_BAR_COLUMNS = ["start", "y0", "end", "y1"]
_TASK_INFO = ["id", "name", "finish", "duration", "total_float", "owner_name", "critical"]
_MILESTONE_INFO = ["id", "name", "finish", "total_float", "owner_name", "critical"]
_POINT_COLUMNS = ["x", "y"]
_SEGMENT_COLUMNS = ["x0", "y0", "x1", "y1"]


# --------------------------------------------------------------------------- data


def gantt_data(
    schedule: Any,
    *,
    status_date: dt.date | pd.Timestamp | None = None,
    today: dt.date | pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """The frames each Gantt layer draws, computed from a schedule.

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
        One frame per name in :data:`FRAMES`. ``rows`` has one row per task (its
        length is the row count) with the ``label`` shown on the y axis; ``status``
        has one row with the status ``date`` and the line position ``x``.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> frames = gantt_data(sched)
    >>> len(frames["rows"]) == len(sched.tasks)
    True
    >>> str(frames["milestones"].set_index("id").loc["M1", "x"].date())  # end of 2027-02-23
    '2027-02-24'
    """
    tasks = _prepare_tasks(schedule.tasks, _owner_names(schedule))
    geometry = _geometry(tasks)
    kind_work = ~tasks["is_summary"] & ~tasks["is_milestone"] & tasks["start"].notna()
    plan_status = getattr(getattr(schedule.plan, "project", None), "status_date", None)
    frames = {
        "rows": _rows(tasks),
        "bars": _bars(tasks[kind_work]),
        "progress": _progress(tasks[kind_work]),
        "summaries": _summaries(tasks[tasks["is_summary"] & tasks["start"].notna()]),
        "milestones": _milestones(tasks[tasks["is_milestone"] & tasks["finish"].notna()]),
        "deadlines": _deadlines(tasks),
        "baseline": _baseline(tasks),
        "status": _status(status_date or plan_status, today),
    }
    frames["summary_caps"] = _summary_caps(frames["summaries"])
    frames["links"], frames["arrows"] = _links(schedule.plan.links, geometry)
    return {name: frames[name] for name in FRAMES}


def _owner_names(schedule: Any) -> pd.Series:
    resources = getattr(schedule.plan, "resources", None)
    if resources is None or len(resources) == 0:
        return pd.Series(dtype=object)
    names = resources["name"].where(resources["name"].astype(str).str.len() > 0,
                                    resources["id"])
    return pd.Series(names.to_numpy(), index=resources["id"].to_numpy())


def _prepare_tasks(tasks: pd.DataFrame, owner_names: pd.Series) -> pd.DataFrame:
    """Plan-ordered tasks with row numbers, typed dates and display columns."""
    out = pd.DataFrame(index=tasks.index.astype(str))
    out["id"] = out.index.to_numpy()
    out["row"] = np.arange(len(tasks), dtype=float)
    name = tasks["name"].astype(str).to_numpy() if "name" in tasks else out["id"]
    out["name"] = np.where(pd.Series(name, index=out.index).str.len() > 0, name, out["id"])
    out["wbs_level"] = _col(tasks, "wbs_level", 0).fillna(0).astype(int).to_numpy()
    for flag in ("is_summary", "is_milestone", "critical", "deadline_missed"):
        out[flag] = _col(tasks, flag, False).fillna(False).astype(bool).to_numpy()
    for number in ("duration", "total_float", "free_float", "percent_complete"):
        out[number] = pd.to_numeric(_col(tasks, number, np.nan)).to_numpy(dtype=float)
    for date in ("start", "finish", "deadline", "baseline_start", "baseline_finish"):
        out[date] = pd.to_datetime(_col(tasks, date, pd.NaT)).to_numpy()
    out["has_baseline"] = "baseline_start" in tasks and "baseline_finish" in tasks
    owner = _col(tasks, "owner", "").fillna("").astype(str)
    out["owner"] = owner.to_numpy()
    named = owner.map(owner_names)
    out["owner_name"] = named.where(named.notna(), owner).astype(str).to_numpy()
    out["end"] = out["finish"] + ONE_DAY
    return out


def _col(tasks: pd.DataFrame, name: str, default: Any) -> pd.Series:
    if name in tasks:
        return tasks[name]
    return pd.Series(default, index=tasks.index)


def _geometry(tasks: pd.DataFrame) -> pd.DataFrame:
    """Where links attach: each task's row, the x of its start and of its finish end."""
    x_end = tasks["end"]
    # A milestone is a point: links into or out of it meet the diamond.
    x_start = tasks["start"].where(~tasks["is_milestone"], x_end)
    return pd.DataFrame({"row": tasks["row"], "x_start": x_start, "x_end": x_end})


INDENT = "\u00a0\u00a0"
"""Row label indent per WBS level (non-breaking spaces survive HTML and Bokeh)."""


def _rows(tasks: pd.DataFrame) -> pd.DataFrame:
    indent = pd.Series(INDENT, index=tasks.index).str.repeat(tasks["wbs_level"].clip(0))
    return pd.DataFrame({
        "row": tasks["row"].astype(int),
        "id": tasks["id"],
        "label": indent + tasks["name"],
        "wbs_level": tasks["wbs_level"],
        "is_summary": tasks["is_summary"],
    }).reset_index(drop=True)


def _bars(work: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "start": work["start"], "y0": work["row"] - BAR_HALF,
        "end": work["end"], "y1": work["row"] + BAR_HALF,
        **{c: work[c] for c in _TASK_INFO},
        "percent_complete": work["percent_complete"],
    }).reset_index(drop=True)


def _progress(work: pd.DataFrame) -> pd.DataFrame:
    done = work[work["percent_complete"].fillna(0) > 0]
    # Calendar-time share of the bar; close enough to working-day progress to read.
    fraction = done["percent_complete"].clip(0, 100) / 100
    return pd.DataFrame({
        "start": done["start"], "y0": done["row"] - PROGRESS_HALF,
        "end": done["start"] + (done["end"] - done["start"]) * fraction,
        "y1": done["row"] + PROGRESS_HALF,
        "id": done["id"], "percent_complete": done["percent_complete"],
    }).reset_index(drop=True)


def _summaries(summary: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "start": summary["start"], "y0": summary["row"] + SUMMARY_TOP,
        "end": summary["end"], "y1": summary["row"] + SUMMARY_BOTTOM,
        **{c: summary[c] for c in _TASK_INFO},
    }).reset_index(drop=True)


def _summary_caps(summaries: pd.DataFrame) -> pd.DataFrame:
    """Downward end caps under both ends of each summary bar (the bracket's feet)."""
    return pd.DataFrame({
        "x": pd.concat([summaries["start"], summaries["end"]], ignore_index=True),
        "y": pd.concat([summaries["y1"], summaries["y1"]], ignore_index=True),
        "id": pd.concat([summaries["id"], summaries["id"]], ignore_index=True),
    })


def _milestones(milestones: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "x": milestones["end"], "y": milestones["row"],
        **{c: milestones[c] for c in _MILESTONE_INFO},
    }).reset_index(drop=True)


def _deadlines(tasks: pd.DataFrame) -> pd.DataFrame:
    due = tasks[tasks["deadline"].notna()]
    # At the end of the deadline day, like a bar's end: a bar reaching past it missed it.
    return pd.DataFrame({
        "x": due["deadline"] + ONE_DAY, "y": due["row"] + DEADLINE_OFFSET,
        "id": due["id"], "name": due["name"], "deadline": due["deadline"],
        "finish": due["finish"], "deadline_missed": due["deadline_missed"],
    }).reset_index(drop=True)


def _baseline(tasks: pd.DataFrame) -> pd.DataFrame:
    """Baseline bars under the current ones; empty when the schedule has no baseline."""
    drawn = tasks[tasks["has_baseline"] & tasks["baseline_start"].notna()
                  & tasks["baseline_finish"].notna()]
    return pd.DataFrame({
        "start": drawn["baseline_start"], "y0": drawn["row"] + BASELINE_TOP,
        "end": drawn["baseline_finish"] + ONE_DAY, "y1": drawn["row"] + BASELINE_BOTTOM,
        "id": drawn["id"], "name": drawn["name"],
        "baseline_start": drawn["baseline_start"], "baseline_finish": drawn["baseline_finish"],
    }).reset_index(drop=True)


def _status(status_date: Any, today: Any) -> pd.DataFrame:
    day = pd.Timestamp(status_date or today or dt.date.today()).normalize()
    return pd.DataFrame({"date": [day], "x": [day + ONE_DAY]})


def _links(links: pd.DataFrame, geometry: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Elbow paths (as segments) and arrow heads for every link between drawn tasks.

    A link leaves the predecessor at its start (SS, SF) or at the end of its finish day
    (FS, FF) and enters the successor at its start (FS, SS) or at the end of its
    finish day (FF, SF). It runs along the predecessor's row to a turning column, down
    (or up) to the successor's row, then along it to the target. Links into a start
    arrive from the left with the head pointing right; links into a finish arrive from
    the right with the head pointing left.
    """
    if len(links) == 0:
        return _empty_links()
    kind = links["type"].astype(str).str.upper().to_numpy()
    from_start = np.isin(kind, ["SS", "SF"])
    into_start = np.isin(kind, ["FS", "SS"])
    pred = geometry.reindex(links["from"].astype(str).to_numpy())
    succ = geometry.reindex(links["to"].astype(str).to_numpy())
    x0 = pred["x_start"].where(from_start, pred["x_end"]).to_numpy()
    x1 = succ["x_start"].where(into_start, succ["x_end"]).to_numpy()
    y0, y1 = pred["row"].to_numpy(), succ["row"].to_numpy()
    drawn = ~(pd.isna(x0) | pd.isna(x1) | np.isnan(y0) | np.isnan(y1))
    x0, x1, y0, y1, into_start = x0[drawn], x1[drawn], y0[drawn], y1[drawn], into_start[drawn]
    info = pd.DataFrame({
        "link": np.arange(len(links))[drawn],
        "from": links["from"].astype(str).to_numpy()[drawn],
        "to": links["to"].astype(str).to_numpy()[drawn],
        "type": kind[drawn],
        "lag": pd.to_numeric(links["lag"]).to_numpy(dtype=float)[drawn]
        if "lag" in links else 0.0,
    })
    turn = np.where(into_start,
                    np.where(x0 <= x1, x0, x1 - LINK_STUB),
                    np.where(x0 >= x1, x0, x1 + LINK_STUB))
    legs = [(x0, y0, turn, y0), (turn, y0, turn, y1), (turn, y1, x1, y1)]
    segments = pd.concat(
        [info.assign(x0=a, y0=b, x1=c, y1=d, leg=i) for i, (a, b, c, d) in enumerate(legs)],
        ignore_index=True,
    )
    # Legs of zero length (a straight drop, or a link between touching rows) draw nothing.
    segments = segments[(segments["x0"] != segments["x1"]) | (segments["y0"] != segments["y1"])]
    segments = segments.sort_values(["link", "leg"], kind="stable").reset_index(drop=True)
    arrows = info.assign(x=x1, y=y1, angle=np.where(into_start, -90.0, 90.0))
    return segments[[*_SEGMENT_COLUMNS, "link", "leg", "from", "to", "type", "lag"]], arrows[
        [*_POINT_COLUMNS, "angle", "link", "from", "to", "type", "lag"]]


def _empty_links() -> tuple[pd.DataFrame, pd.DataFrame]:
    dates = pd.Series(dtype="datetime64[us]")
    numbers = pd.Series(dtype=float)
    meta = {"link": pd.Series(dtype=int), "from": pd.Series(dtype=object),
            "to": pd.Series(dtype=object), "type": pd.Series(dtype=object), "lag": numbers}
    segments = pd.DataFrame({"x0": dates, "y0": numbers, "x1": dates, "y1": numbers,
                             "link": pd.Series(dtype=int), "leg": pd.Series(dtype=int),
                             **{k: v for k, v in meta.items() if k != "link"}})
    arrows = pd.DataFrame({"x": dates, "y": numbers, "angle": numbers, **meta})
    return segments, arrows


# --------------------------------------------------------------------------- layers


def gantt_overlay(
    data: dict[str, pd.DataFrame],
    *,
    height: int | None = None,
    width: int | None = None,
    theme: Theme = THEME,
) -> hv.Overlay:
    """The Gantt chart drawn from :func:`gantt_data` frames.

    Parameters
    ----------
    data
        The frames from :func:`gantt_data`. (Named ``data`` so that
        ``hv.DynamicMap(gantt_overlay, streams=[hv.streams.Pipe(data=...)])`` works.)
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
        Layers bottom to top: baseline, links, summaries, bars, progress, milestones,
        arrow heads, deadlines, status line.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> overlay = gantt_overlay(gantt_data(sched))
    >>> [type(layer).__name__ for layer in overlay][:3]
    ['Rectangles', 'Segments', 'Rectangles']
    """
    frames = data
    rows = frames["rows"]
    layers = [
        baseline_layer(frames["baseline"], theme),
        hv.Segments(frames["links"], _SEGMENT_COLUMNS, group="Links").opts(
            color=theme.link, line_width=1),
        _bar_layer(frames["summaries"], "Summaries").opts(
            color=theme.summary, line_color=theme.summary),
        hv.Scatter(frames["summary_caps"], "x", ["y", "id"], group="SummaryCaps").opts(
            marker="inverted_triangle", color=theme.summary, size=theme.arrow_size + 2),
        _bar_layer(frames["bars"], "Bars").opts(
            color=dim("critical").categorize({True: theme.critical}, default=theme.task),
            line_color=None),
        hv.Rectangles(frames["progress"], _BAR_COLUMNS, ["id", "percent_complete"],
                      group="Progress").opts(color=theme.progress, line_color=None),
        hv.Scatter(frames["milestones"], "x", ["y", *_MILESTONE_INFO],
                   group="Milestones").opts(
            marker="diamond", size=theme.marker_size + 4, line_color="white",
            color=dim("critical").categorize({True: theme.critical}, default=theme.milestone),
            tools=["hover"], hover_tooltips=_MILESTONE_TOOLTIPS,
            hover_formatters={"@finish": "datetime"}),
        hv.Scatter(frames["arrows"], "x", ["y", "angle", "from", "to", "type"],
                   group="Arrows").opts(
            marker="triangle", angle=dim("angle"), size=theme.arrow_size,
            color=theme.link, line_color=theme.link),
        hv.Scatter(frames["deadlines"], "x",
                   ["y", "id", "name", "deadline", "finish", "deadline_missed"],
                   group="Deadlines").opts(
            marker="inverted_triangle", size=theme.marker_size,
            color=dim("deadline_missed").categorize({True: theme.bad}, default=theme.good),
            tools=["hover"], hover_tooltips=_DEADLINE_TOOLTIPS,
            hover_formatters={"@deadline": "datetime", "@finish": "datetime"}),
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
_MILESTONE_TOOLTIPS = [
    ("Milestone", "@name"),
    ("Id", "@id"),
    ("Date", "@finish{%F}"),
    ("Total float", "@total_float{0.[0]} d"),
    ("Owner", "@owner_name"),
    ("Critical", "@critical"),
]
_DEADLINE_TOOLTIPS = [
    ("Deadline", "@deadline{%F}"),
    ("Task", "@name"),
    ("Finish", "@finish{%F}"),
    ("Missed", "@deadline_missed"),
]


def row_labels(rows: pd.DataFrame, theme: Theme = THEME) -> pd.Series:
    """Y axis labels: names indented by WBS level, cut and padded to one width.

    Bokeh right-aligns labels on a left axis, so an indent alone would not show; padded
    to the same length in the theme's monospaced label font, the names line up on the
    left and the indents read as a tree.

    Examples
    --------
    >>> rows = pd.DataFrame({"label": ["Build", INDENT + "Code"]})
    >>> row_labels(rows).str.len().tolist()
    [6, 6]
    """
    cut = rows["label"].where(rows["label"].str.len() <= theme.label_chars,
                              rows["label"].str.slice(0, theme.label_chars - 1) + "\u2026")
    width = int(cut.str.len().max()) if len(cut) else 0
    return cut.str.ljust(width, "\u00a0")


def _bar_layer(frame: pd.DataFrame, group: str) -> hv.Rectangles:
    return hv.Rectangles(frame, _BAR_COLUMNS, _TASK_INFO, group=group).opts(
        tools=["hover"], hover_tooltips=_BAR_TOOLTIPS,
        hover_formatters={"@start": "datetime", "@finish": "datetime"})


def baseline_layer(frame: pd.DataFrame, theme: Theme = THEME) -> hv.Rectangles:
    """Thin baseline bars under each task; an empty element when there is no baseline.

    ``frame`` is ``gantt_data(...)["baseline"]``, built from the schedule's
    ``baseline_start`` / ``baseline_finish`` columns (empty when they are absent).

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> len(baseline_layer(gantt_data(sched)["baseline"]))
    0
    """
    return hv.Rectangles(
        frame, _BAR_COLUMNS, ["id", "name", "baseline_start", "baseline_finish"],
        group="Baseline",
    ).opts(color=theme.baseline, alpha=0.8, line_color=None, tools=["hover"],
           hover_tooltips=[("Baseline", "@name"), ("Start", "@baseline_start{%F}"),
                           ("Finish", "@baseline_finish{%F}")],
           hover_formatters={"@baseline_start": "datetime", "@baseline_finish": "datetime"})


def gantt_height(n_rows: int, theme: Theme = THEME) -> int:
    """Default plot height for ``n_rows`` rows.

    Examples
    --------
    >>> gantt_height(3), gantt_height(40), gantt_height(5000)
    (300, 1050, 2400)
    """
    return int(np.clip(n_rows * theme.row_height + theme.margin,
                       theme.min_height, theme.max_height))


# --------------------------------------------------------------------------- hooks

_row_counts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def row_count(element: hv.Overlay) -> int:
    """Number of Gantt rows an overlay from :func:`gantt_overlay` shows (from its yticks)."""
    ticks = hv.Store.lookup_options("bokeh", element, "plot").kwargs.get("yticks") or []
    return len(ticks)


def row_range_hook(plot: Any, element: hv.Overlay) -> None:
    """Bokeh hook: make the y range cover every row whenever the row count changes.

    With ``framewise=False`` a DynamicMap keeps the first frame's y range, so rows added
    later would be off screen. This resets the range (and what the reset tool returns
    to) when the count changes, and otherwise leaves the user's zoom alone.
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
        axis.major_label_policy = NoOverlap(min_distance=2)


# --------------------------------------------------------------------------- chart


def gantt(
    schedule: Any,
    *,
    status_date: dt.date | pd.Timestamp | None = None,
    today: dt.date | pd.Timestamp | None = None,
    height: int | None = None,
    width: int | None = None,
    theme: Theme = THEME,
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
    height, width, theme
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
    return gantt_overlay(frames, height=height, width=width, theme=theme)
