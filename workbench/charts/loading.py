"""Resource loading chart, and the Gantt of a levelled schedule over its unlevelled ghost.

- :func:`loading_frames` turns a schedule into the frames the chart draws (stacked
  load, capacity, over-allocated periods);
- :func:`loading_overlay` draws them: load stacked by role or by task, the capacity as
  a dashed step line, over-allocated periods marked in ``theme.bad``;
- :func:`loading_chart` is the two in a row;
- :func:`levelling_gantt` draws a levelled schedule with the unlevelled dates as ghost
  (baseline) bars under each task.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import pandas as pd

from workbench.charts.gantt_chart import gantt
from workbench.charts.theme import Theme, resolve_theme
from workbench.engine.resources.workload import loading, task_loading
from workbench.engine.scheduling.defaults import FREQ

Stack = Literal["role", "task"]


def _label(period: pd.Series, freq: str) -> pd.Series:
    return period.dt.strftime("%Y-%m-%d" if freq == "D" else "wk %Y-%m-%d")


def loading_frames(schedule: Any, resource: str | None = None, by: Stack = "role",
                   freq: Literal["D", "W"] = FREQ) -> dict[str, pd.DataFrame]:
    """The frames of the loading chart for one resource, or all resources together.

    Parameters
    ----------
    schedule : Schedule
        A schedule, levelled or not.
    resource : str, optional
        A resource id; all resources summed when None.
    by : {"role", "task"}
        What the bars are stacked by.
    freq : {"D", "W"}
        Per working day or per week.

    Returns
    -------
    dict of pd.DataFrame
        ``stack`` (``period``, ``group``, ``load``), ``capacity`` (``period``,
        ``capacity``, ``load``, ``over``) and ``over`` (the over-allocated rows of
        ``capacity``); ``period`` is a text label.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> frames = loading_frames(sched, resource="R6", by="task")
    >>> frames["over"]["period"].tolist()
    ['wk 2027-03-29', 'wk 2027-04-05']
    """
    per_resource = loading(schedule, freq=freq)
    if resource is not None:
        per_resource = per_resource[per_resource["resource"] == resource]
    totals = per_resource.groupby("period", sort=True)[["capacity", "load", "over"]].sum()
    totals = totals.reset_index()
    by_task = task_loading(schedule, freq=freq)
    if resource is not None:
        by_task = by_task[by_task["resource"] == resource]
    key = "task" if by == "task" else "role"
    stack = by_task.groupby(["period", key], sort=True)["load"].sum().reset_index()
    stack = stack.rename(columns={key: "group"})
    stack["group"] = stack["group"].replace("", "(no role)")
    stack["period"] = _label(stack["period"], freq)
    totals["period"] = _label(totals["period"], freq)
    return {"stack": stack, "capacity": totals,
            "over": totals[totals["over"] > 0].reset_index(drop=True)}


def loading_overlay(frames: dict[str, pd.DataFrame], title: str = "Resource loading",
                    height: int | None = None, theme: Theme | None = None) -> hv.Overlay:
    """Stacked load bars, the capacity line and over-allocation markers.

    Parameters
    ----------
    frames : dict of pandas.DataFrame
        From :func:`loading_frames` (``stack``, ``capacity``, ``over``).
    title : str
        Chart title.
    height : int, optional
        Plot height in pixels; default ``theme.height``.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        The stacked load bars (person-days per period and group), the capacity curve
        and the over-allocation markers, in that order.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> fig = hv.render(loading_overlay(loading_frames(sched)), backend="bokeh")
    >>> fig.title.text
    'Resource loading'
    """
    theme = resolve_theme(theme)
    periods = frames["capacity"]["period"].tolist()
    bars = hv.Bars(frames["stack"], ["period", "group"], "load").opts(
        stacked=True, cmap=list(theme.palette), tools=["hover"], xrotation=60,
        line_color=None, legend_position="right")
    capacity = hv.Curve(frames["capacity"], "period", "capacity").opts(
        color=theme.summary, line_dash="dashed", line_width=2)
    over = hv.Scatter(frames["over"], "period", ["load", "over"]).opts(
        color=theme.bad, marker="triangle", size=theme.marker_size, tools=["hover"])
    return hv.Overlay([bars, capacity, over]).redim.values(period=periods).opts(
        title=title, height=height or theme.height, responsive=True, ylabel="person-days",
        xlabel="", **theme.plot_opts())


def loading_chart(schedule: Any, resource: str | None = None, by: Stack = "role",
                  freq: Literal["D", "W"] = FREQ, theme: Theme | None = None) -> hv.Overlay:
    """The resource loading chart of a schedule (HoloViews, Bokeh backend).

    Parameters
    ----------
    schedule : Schedule
        A schedule, levelled or not.
    resource : str, optional
        A resource id; all resources summed when None. Named in the title.
    by : {"role", "task"}
        What the bars are stacked by.
    freq : {"D", "W"}
        Per working day or per week.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        As :func:`loading_overlay` draws :func:`loading_frames`.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> chart = loading_chart(sched, resource="R6", by="task")
    >>> sorted(chart.Scatter.I.data["period"])
    ['wk 2027-03-29', 'wk 2027-04-05']
    """
    title = f"Loading of {resource}" if resource else "Resource loading"
    return loading_overlay(loading_frames(schedule, resource, by, freq), title=title,
                           theme=theme)


def levelling_gantt(levelled: Any, theme: Theme | None = None) -> hv.Overlay:
    """The levelled schedule's Gantt with the unlevelled dates as ghost bars.

    Parameters
    ----------
    levelled : LevelledSchedule
        From :func:`workbench.level`; its ``unlevelled`` schedule gives the ghost bars
        (drawn where the Gantt draws baseline bars, in place of any saved baseline).
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        The Gantt of :func:`workbench.charts.gantt.gantt`.

    Examples
    --------
    >>> import workbench
    >>> levelled = workbench.level(workbench.load_plan(workbench.sample_plan_path()))
    >>> chart = levelling_gantt(levelled)
    >>> len(chart.get(0).data) > 0
    True
    """
    before = levelled.unlevelled.tasks
    tasks = levelled.tasks.assign(has_baseline=True, baseline_start=before["start"],
                                  baseline_finish=before["finish"])
    return gantt(dataclasses.replace(levelled, tasks=tasks), theme=theme)
