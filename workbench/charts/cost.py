"""Money charts: the cost S-curve and budget / planned / actual by category.

Both take engine frames as they come (:func:`workbench.engine.time_phased_cost`,
:func:`workbench.engine.cost_by_category`, :func:`workbench.engine.evm_history`)
and draw nothing else.
"""

from __future__ import annotations

import datetime as dt

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import pandas as pd

from workbench.charts.theme import Theme, resolve_theme

#: The S-curve's series: phased column, legend label, theme colour attribute.
S_CURVE_SERIES = (
    ("cumulative_baseline", "Baseline (PV)", "baseline"),
    ("cumulative_planned", "Plan", "task"),
    ("cumulative_actual", "Actual (AC)", "bad"),
)
CATEGORY_MEASURES = ("budget", "planned", "actual")


def s_curve(phased: pd.DataFrame, earned: pd.Series | None = None,
            status_date: dt.date | pd.Timestamp | None = None, currency: str = "EUR",
            theme: Theme | None = None) -> hv.Overlay:
    """Cumulative baseline, plan and actual cost over time, earned value as points.

    Parameters
    ----------
    phased : pd.DataFrame
        From :func:`workbench.engine.time_phased_cost` (any frequency).
    earned : pd.Series, optional
        Earned value indexed by status date (e.g. ``evm_history(plan)["ev"]``).
    status_date : date, optional
        Actual cost is drawn up to this day and a dashed line marks it.
    currency : str
        Currency code shown on the y axis (the plan's ``project.currency``).
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        One curve per series in ``S_CURVE_SERIES`` (the baseline only when it has
        cost), the earned value points and the status line.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> chart = s_curve(workbench.time_phased_cost(plan, "W"),
    ...                 workbench.evm_history(plan)["ev"], plan.project.status_date)
    >>> [layer.label for layer in chart]
    ['Baseline (PV)', 'Plan', 'Actual (AC)', 'Earned (EV)', '', '']
    """
    theme = resolve_theme(theme)
    frame = phased.reset_index()
    layers = []
    for column, label, colour in S_CURVE_SERIES:
        data = frame
        if column == "cumulative_baseline" and not frame["baseline"].any():
            continue
        if column == "cumulative_actual" and status_date is not None:
            data = frame[frame["period"] <= pd.Timestamp(status_date)]
        layers.append(hv.Curve(data, "period", hv.Dimension(column, label=currency),
                               label=label).opts(color=getattr(theme, colour), line_width=2,
                                                 tools=["hover"]))
    if earned is not None and len(earned):
        points = pd.DataFrame({"status_date": pd.to_datetime(earned.index),
                               "ev": earned.to_numpy(dtype=float)})
        layers.append(hv.Curve(points, "status_date", hv.Dimension("ev", label=currency),
                               label="Earned (EV)").opts(color=theme.good, line_width=2))
        layers.append(hv.Scatter(points, "status_date", "ev").opts(
            color=theme.good, size=theme.marker_size, tools=["hover"]))
    if status_date is not None:
        layers.append(hv.VLine(pd.Timestamp(status_date) + pd.Timedelta(days=1)).opts(
            color=theme.status_line, line_dash="dashed", line_width=1.5))
    return hv.Overlay(layers).opts(
        **theme.plot_opts(), height=theme.height, responsive=True, legend_position="top_left",
        xlabel="", ylabel=currency, yformatter="%.0f", title="Cumulative cost (S-curve)")


def cost_by_category_chart(table: pd.DataFrame, currency: str = "EUR",
                           theme: Theme | None = None) -> hv.Bars:
    """Budget, planned and actual cost side by side per category (empty categories left out).

    Parameters
    ----------
    table : pd.DataFrame
        From :func:`workbench.engine.cost_by_category`: one row per cost category with
        ``budget``, ``planned`` and ``actual`` amounts in the plan's currency.
    currency : str
        Currency code shown on the value axis (the plan's ``project.currency``).
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Bars
        Grouped bars keyed by ``category`` and ``measure`` (``budget``, ``planned``,
        ``actual``) with the ``amount`` as value.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> bars = cost_by_category_chart(workbench.cost_by_category(plan))
    >>> sorted(set(bars.data["category"]))[:3]
    ['cloud', 'contingency reserve', 'hardware']
    """
    theme = resolve_theme(theme)
    used = table[list(CATEGORY_MEASURES)].abs().sum(axis=1) > 0
    long = (table.loc[used, list(CATEGORY_MEASURES)].rename_axis("category").reset_index()
            .melt(id_vars="category", var_name="measure", value_name="amount"))
    colours = {"budget": theme.baseline, "planned": theme.task, "actual": theme.bad}
    return hv.Bars(long, ["category", "measure"], hv.Dimension("amount", label=currency)).opts(
        **theme.plot_opts(), height=theme.height, responsive=True, xrotation=30,
        color=hv.dim("measure").categorize(colours), tools=["hover"], yformatter="%.0f",
        xlabel="", title="Budget, plan and actual by category", show_legend=False)
