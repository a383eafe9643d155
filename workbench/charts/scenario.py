"""Scenario charts: a diff Gantt (scenario bars over base bars), finish slips, sweeps.

Like :mod:`workbench.charts.gantt_chart`, the diff Gantt is two pure steps so a live view
can stream new frames into one figure and keep the user's zoom:

- :func:`diff_gantt_data` turns a per-task delta table
  (:func:`workbench.engine.scenarios.comparison.task_deltas`) into frames, and
- :func:`diff_gantt_overlay` draws them on a numeric row axis.

Each task row holds the base bar (thin, grey, lower half) and the scenario bar (upper
half), coloured by how it moved: later (``theme.bad``), earlier (``theme.good``),
unchanged (``theme.task``) or added (a palette colour). Removed tasks keep only their
base bar.
"""

from __future__ import annotations

from typing import Any

import holoviews as hv
import numpy as np
import pandas as pd
from holoviews import dim

from workbench.charts.gantt_chart import ONE_DAY, gantt_height, row_labels, row_range_hook
from workbench.charts.theme import Theme, resolve_theme

SCENARIO_TOP, SCENARIO_BOTTOM = -0.36, 0.04
BASE_TOP, BASE_BOTTOM = 0.1, 0.34
CHANGES = ("later", "earlier", "same", "added")

_BAR_COLUMNS = ["start", "y0", "end", "y1"]
_INFO = ["id", "name", "change", "start_date", "finish_date", "start_change", "finish_change",
         "float_change"]


def diff_gantt_data(deltas: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Frames for the diff Gantt from a per-task delta table.

    Parameters
    ----------
    deltas : pandas.DataFrame
        From :func:`workbench.engine.scenarios.comparison.task_deltas` (indexed by task id).

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``rows`` (row, id, label), ``base`` and ``scenario`` bars; work tasks and
        milestones only (summaries keep their row and label).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> frames = diff_gantt_data(workbench.task_deltas(plan, "vendor slips 2 weeks"))
    >>> frames["scenario"].set_index("id").loc["T16", "change"]
    'later'
    """
    rows = pd.DataFrame({"row": np.arange(len(deltas)), "id": deltas.index.astype(str),
                         "label": deltas["name"].where(deltas["name"].astype(str) != "",
                                                       pd.Series(deltas.index,
                                                                 index=deltas.index))
                         .astype(str).to_numpy()})
    work = deltas.assign(row=rows["row"].to_numpy())[~deltas["is_summary"].to_numpy()]
    finish_change = work["finish_change"].fillna(0).to_numpy()
    start_change = work["start_change"].fillna(0).to_numpy()
    change = np.select(
        [work["status"].to_numpy() == "added",
         (finish_change > 0) | ((finish_change == 0) & (start_change > 0)),
         (finish_change < 0) | (start_change < 0)],
        ["added", "later", "earlier"], "same")
    info = {"id": work.index.astype(str), "name": work["name"].astype(str).to_numpy(),
            "change": change, "start_change": work["start_change"].to_numpy(),
            "finish_change": work["finish_change"].to_numpy(),
            "float_change": work["float_change"].to_numpy()}
    scenario = pd.DataFrame({
        "start": work["start"].to_numpy(), "y0": work["row"].to_numpy() + SCENARIO_TOP,
        "end": (work["finish"] + ONE_DAY).to_numpy(),
        "y1": work["row"].to_numpy() + SCENARIO_BOTTOM,
        **info, "start_date": work["start"].to_numpy(), "finish_date": work["finish"].to_numpy(),
    })
    base = pd.DataFrame({
        "start": work["base_start"].to_numpy(), "y0": work["row"].to_numpy() + BASE_TOP,
        "end": (work["base_finish"] + ONE_DAY).to_numpy(),
        "y1": work["row"].to_numpy() + BASE_BOTTOM,
        **info, "start_date": work["base_start"].to_numpy(),
        "finish_date": work["base_finish"].to_numpy(),
    })
    return {"rows": rows,
            "base": base[base["start"].notna()].reset_index(drop=True),
            "scenario": scenario[scenario["start"].notna()].reset_index(drop=True)}


_TOOLTIPS = [("Task", "@name"), ("Id", "@id"), ("Start", "@start_date{%F}"),
             ("Finish", "@finish_date{%F}"), ("Start moved", "@start_change{+0.[0]} d"),
             ("Finish moved", "@finish_change{+0.[0]} d"),
             ("Float change", "@float_change{+0.[0]} d")]
_FORMATTERS = {"@start_date": "datetime", "@finish_date": "datetime"}


def diff_gantt_overlay(data: dict[str, pd.DataFrame], *, height: int | None = None,
                       theme: Theme | None = None) -> hv.Overlay:
    """The diff Gantt drawn from :func:`diff_gantt_data` frames.

    Parameters
    ----------
    data : dict of pandas.DataFrame
        From :func:`diff_gantt_data`. (Named ``data`` so that a DynamicMap fed by a
        ``Pipe`` stream can call it.)
    height : int, optional
        Plot height in pixels; default grows with the rows
        (:func:`workbench.charts.gantt.gantt_height`).
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        Two layers of rectangles: the base bars (group ``Base``) under the scenario
        bars (group ``Scenario``).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> chart = diff_gantt_overlay(diff_gantt_data(workbench.task_deltas(plan, "plan")))
    >>> [layer.group for layer in chart]
    ['Base', 'Scenario']
    """
    theme = resolve_theme(theme)
    rows = data["rows"]
    colours = {"later": theme.bad, "earlier": theme.good, "same": theme.task,
               "added": theme.palette[1]}
    base = hv.Rectangles(data["base"], _BAR_COLUMNS, _INFO, group="Base").opts(
        color=theme.baseline, line_color=None, alpha=0.9, tools=["hover"],
        hover_tooltips=[("Base", "@name"), ("Start", "@start_date{%F}"),
                        ("Finish", "@finish_date{%F}")], hover_formatters=_FORMATTERS)
    scenario = hv.Rectangles(data["scenario"], _BAR_COLUMNS, _INFO, group="Scenario").opts(
        color=dim("change").categorize(colours, default=theme.task), line_color=None,
        tools=["hover"], hover_tooltips=_TOOLTIPS, hover_formatters=_FORMATTERS)
    labels = row_labels(rows, theme)
    return hv.Overlay([base, scenario]).opts(
        **theme.plot_opts(), height=height or gantt_height(len(rows), theme), responsive=True,
        invert_yaxis=True, yticks=list(zip(rows["row"].tolist(), labels.tolist(),
                                           strict=True)) or None,
        xaxis="top", xlabel="", ylabel="", show_legend=False, tools=["xwheel_zoom"],
        active_tools=["pan", "xwheel_zoom"], hooks=[row_range_hook])


def diff_gantt(deltas: pd.DataFrame, *, height: int | None = None,
               theme: Theme | None = None) -> hv.Overlay:
    """The diff Gantt of a per-task delta table (see :func:`diff_gantt_data`).

    Parameters
    ----------
    deltas : pandas.DataFrame
        From :func:`workbench.engine.scenarios.comparison.task_deltas`.
    height, theme
        See :func:`diff_gantt_overlay`.

    Returns
    -------
    holoviews.Overlay

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> fig = hv.render(diff_gantt(workbench.task_deltas(plan, "vendor slips 2 weeks")))
    >>> type(fig).__name__
    'figure'
    """
    return diff_gantt_overlay(diff_gantt_data(deltas), height=height, theme=theme)


def finish_chart(comparison: pd.DataFrame, *, theme: Theme | None = None) -> hv.Bars:
    """Working days each scenario finishes after (or before) the plan, as bars.

    Parameters
    ----------
    comparison : pandas.DataFrame
        From :func:`workbench.engine.scenarios.comparison.compare`: one row per
        scenario with its ``finish`` date and ``slip_days`` (working days, positive =
        later than the plan).
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme. Later is
        ``theme.bad``, earlier ``theme.good``, on time ``theme.neutral``.

    Returns
    -------
    holoviews.Bars
        Horizontal bars keyed by ``scenario`` with ``slip_days``.

    Examples
    --------
    >>> import workbench
    >>> table = workbench.compare(workbench.load_plan(workbench.sample_plan_path()))
    >>> finish_chart(table).data["slip_days"].tolist()[:2]
    [0.0, 3.0]
    """
    theme = resolve_theme(theme)
    frame = pd.DataFrame({"scenario": comparison.index.astype(str),
                          "slip_days": comparison["slip_days"].to_numpy(dtype=float),
                          "finish": comparison["finish"].to_numpy()})
    frame["direction"] = np.sign(frame["slip_days"]).astype(int).astype(str)
    return hv.Bars(frame, "scenario", ["slip_days", "finish", "direction"]).opts(
        **theme.plot_opts(), invert_axes=True, responsive=True,
        height=max(theme.min_height // 2, 40 * len(frame) + 60),
        color=dim("direction").categorize({"1": theme.bad, "-1": theme.good},
                                          default=theme.neutral),
        xlabel="", ylabel="Finish vs plan (working days)", tools=["hover"],
        hover_tooltips=[("Scenario", "@scenario"), ("Finish", "@finish{%F}"),
                        ("Slip", "@slip_days{+0.[0]} d")],
        hover_formatters={"@finish": "datetime"})


def sweep_chart(table: pd.DataFrame, column: str = "finish", *, marker: Any = None,
                theme: Theme | None = None) -> hv.Overlay:
    """One KPI over a sweep's parameter (a line with points), optionally a marker line.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`workbench.engine.scenarios.comparison.sweep`: indexed by the swept
        parameter, one column per KPI.
    column : str
        The KPI drawn, a column of ``table`` (``"finish"``, ``"slip_days"``,
        ``"total_cost"``, ...). Dates show as dates in the tooltip.
    marker : optional
        A parameter value to mark with a dashed vertical line (the current slider
        position, say); None draws no marker.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        The curve, its points and the marker line when given.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> chart = sweep_chart(workbench.sweep(plan, {"op": "delay", "id": "M3"}, [0, 10]))
    >>> chart.get(0).data["finish"].dt.date.astype(str).tolist()
    ['2027-08-25', '2027-08-31']
    """
    theme = resolve_theme(theme)
    parameter = table.index.name or "value"
    frame = pd.DataFrame({parameter: table.index.to_numpy(), column: table[column].to_numpy()})
    hover = [(parameter, f"@{{{parameter}}}"), (column, f"@{{{column}}}")]
    formatters = {}
    if pd.api.types.is_datetime64_any_dtype(frame[column]):
        hover[1] = (column, f"@{{{column}}}{{%F}}")
        formatters = {f"@{{{column}}}": "datetime"}
    curve = hv.Curve(frame, parameter, column).opts(color=theme.task, line_width=2)
    points = hv.Scatter(frame, parameter, column).opts(
        color=theme.task, size=7, tools=["hover"], hover_tooltips=hover,
        hover_formatters=formatters)
    layers = [curve, points]
    if marker is not None:
        layers.append(hv.VLine(marker).opts(color=theme.status_line, line_dash="dashed"))
    return hv.Overlay(layers).opts(**theme.plot_opts(), responsive=True,
                                   height=theme.height, show_legend=False)
