"""Risk charts: probability × impact heat map, finish and cost distributions, criticality, tornado.

Each chart is a pure function of a plan's risk register or a
:class:`workbench.engine.RiskResult`, returning a HoloViews object with the shared theme.
Dates on the finish charts are the inclusive finish days of the iterations; the P-lines
are :meth:`RiskResult.percentile` dates.
"""

from __future__ import annotations

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import numpy as np
import pandas as pd

from workbench.charts.theme import Theme, resolve_theme
from workbench.engine.risk.release_forecast import DeliveryForecast
from workbench.engine.risk.result import RiskResult
from workbench.model.plan import Plan
from workbench.model.tables import parse_three_point

#: Probability bands of the heat map (upper edges, inclusive) and their labels.
PROBABILITY_BANDS = (0.1, 0.3, 0.5, 0.7, 1.0)
PROBABILITY_LABELS = ("very low ≤10%", "low ≤30%", "medium ≤50%", "high ≤70%", "very high")
#: Schedule impact bands (most likely working days, upper edges) and their labels.
IMPACT_BANDS = (2.0, 5.0, 10.0, 20.0, np.inf)
IMPACT_LABELS = ("≤2 d", "≤5 d", "≤10 d", "≤20 d", ">20 d")
P_LINES = (50, 80, 90)
MAX_SCATTER = 2_000
#: Green to red by score (probability band × impact band, 1..25).
SCORE_COLOURS = ["#2e7d32", "#9ccc65", "#ffeb3b", "#ff9800", "#d62728"]


def _band(values: np.ndarray, edges: tuple[float, ...]) -> np.ndarray:
    return np.searchsorted(np.asarray(edges), values, side="left") + 1


def heat_map_data(plan: Plan, mode: str = "pre") -> pd.DataFrame:
    """One row per open (not closed) risk with its probability and impact band (1-5).

    Bands follow :data:`PROBABILITY_BANDS` and :data:`IMPACT_BANDS` (working days).

    Parameters
    ----------
    plan : Plan
        The plan whose risk register is banded.
    mode : {"pre", "post"}
        ``"pre"`` rates each risk before its response; ``"post"`` uses the residual
        probability and impacts where the register gives them (any other value reads
        as ``"pre"``).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``title``, ``probability`` (0..1), ``impact_days`` (most likely
        schedule impact, working days), ``cost_impact`` (most likely, plan currency),
        ``probability_band``, ``impact_band`` and ``score`` (their product, 1..25).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> row = heat_map_data(plan).set_index("id").loc["RK1"]
    >>> int(row["probability_band"]), int(row["impact_band"])
    (3, 3)
    """
    risks = plan.risks[plan.risks["status"] != "closed"]
    probability = risks["probability"].to_numpy(dtype=np.float64)
    schedule, cost = risks["schedule_impact"], risks["cost_impact"]
    if mode == "post":
        residual = risks["residual_probability"].to_numpy(dtype=np.float64)
        probability = np.where(np.isnan(residual), probability, residual)
        schedule = risks["residual_schedule_impact"].where(
            risks["residual_schedule_impact"] != "", schedule)
        cost = risks["residual_cost_impact"].where(risks["residual_cost_impact"] != "", cost)
    days = np.array([(parse_three_point(c) or (0.0,) * 3)[1] for c in schedule])
    money = np.array([(parse_three_point(c) or (0.0,) * 3)[1] for c in cost])
    frame = pd.DataFrame({"id": risks["id"].to_numpy(), "title": risks["title"].to_numpy(),
                          "probability": probability, "impact_days": days,
                          "cost_impact": money})
    frame["probability_band"] = _band(probability, PROBABILITY_BANDS)
    frame["impact_band"] = _band(days, IMPACT_BANDS)
    frame["score"] = frame["probability_band"] * frame["impact_band"]
    return frame


def heat_map(plan: Plan, mode: str = "pre", theme: Theme | None = None) -> hv.Overlay:
    """Probability × schedule-impact matrix with the risk ids in their cells.

    Parameters
    ----------
    plan : Plan
        The plan whose open risks are placed (see :func:`heat_map_data`).
    mode : {"pre", "post"}
        Before (``"pre"``) or after (``"post"``) the risk responses.
    theme : Theme, optional
        Fonts and toolbar; None uses the shared default theme. Cell colours run green
        to red by score (:data:`SCORE_COLOURS`) whatever the theme.

    Returns
    -------
    holoviews.Overlay
        A 5 × 5 heat map with the risk ids as labels, labelled with its title.

    Examples
    --------
    >>> import workbench
    >>> chart = heat_map(workbench.load_plan(workbench.sample_plan_path()), "post")
    >>> chart.label
    'Risk matrix after response'
    """
    theme = resolve_theme(theme)
    data = heat_map_data(plan, mode)
    grid = pd.DataFrame([(i, p) for p in range(1, 6) for i in range(1, 6)],
                        columns=["impact_band", "probability_band"])
    grid["score"] = grid["impact_band"] * grid["probability_band"]
    cells = data.groupby(["impact_band", "probability_band"])["id"].agg(", ".join)
    grid = grid.join(cells, on=["impact_band", "probability_band"])
    grid["id"] = grid["id"].fillna("")
    grid["count"] = grid["id"].map(lambda s: len(s.split(", ")) if s else 0)
    title = "Risk matrix " + ("after response" if mode == "post" else "before response")
    colours = [c for c in SCORE_COLOURS for _ in range(5)]
    heat = hv.HeatMap(grid, kdims=["impact_band", "probability_band"],
                      vdims=["score", "id", "count"]).opts(
        cmap=colours, clim=(1, 25), alpha=0.75, colorbar=False, tools=["hover"],
        xticks=list(enumerate(IMPACT_LABELS, start=1)),
        yticks=list(enumerate(PROBABILITY_LABELS, start=1)),
        xlabel="Schedule impact (most likely)", ylabel="Probability",
        width=420, height=340, title=title, line_color="white", line_width=2,
        **_shared(theme))
    labels = hv.Labels(grid[grid["id"] != ""], kdims=["impact_band", "probability_band"],
                       vdims=["id"]).opts(text_font_size="9pt", text_color="#1f2933")
    return (heat * labels).opts(title=title).relabel(title)


def _shared(theme: Theme) -> dict:
    opts = theme.plot_opts()
    opts.pop("show_grid", None)
    opts.pop("gridstyle", None)
    return opts


def _markers(result: RiskResult, theme: Theme, deadline: bool = True) -> list[hv.Element]:
    lines = [hv.VLine(result.percentile(p)).opts(color=theme.neutral, line_dash="dashed",
                                                 line_width=1.5)
             for p in P_LINES]
    labels = [hv.Text(result.percentile(p), 0, f" P{p}", halign="left", valign="bottom")
              .opts(text_font_size="9pt", text_color=theme.neutral) for p in P_LINES]
    out: list[hv.Element] = [*lines, *labels]
    if deadline and result.deadline is not None:
        out.append(hv.VLine(result.deadline).opts(color=theme.bad, line_width=2))
    out.append(hv.VLine(result.deterministic_finish).opts(color=theme.task, line_width=2,
                                                          line_dash="dotted"))
    return out


def finish_histogram(result: RiskResult, theme: Theme | None = None) -> hv.Overlay:
    """Histogram of finish dates (one bin per week) with P50/P80/P90, the plan and deadline.

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        The histogram (share of iterations per week), dashed P-lines with their
        labels, the deadline (when the simulation had one) and the dotted plan finish.

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1)
    >>> isinstance(finish_histogram(result), hv.Overlay)
    True
    """
    theme = resolve_theme(theme)
    days = result.finish_dates.astype("datetime64[D]").astype(np.int64)
    first, last = days.min(), days.max()
    edges = np.arange(first - first % 7 - 3, last + 8, 7)  # weeks starting Monday
    counts, edges = np.histogram(days, bins=edges)
    share = counts / result.iterations
    hist = hv.Histogram((edges.astype("datetime64[D]"), share), kdims=["finish"],
                        vdims=["share"]).opts(
        color=theme.task, alpha=0.7, line_color="white", xlabel="Finish date",
        ylabel="Share of iterations", tools=["hover"], responsive=True,
        height=theme.height, **theme.plot_opts())
    return hv.Overlay([hist, *_markers(result, theme)]).opts(
        title="Finish date distribution (dashed: P50/P80/P90, dotted: plan, red: deadline)")


def finish_cdf(result: RiskResult, theme: Theme | None = None) -> hv.Overlay:
    """Cumulative probability of finishing by each date (S-curve) with P-lines and deadline.

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        A step curve of ``probability`` (0..1) over ``finish`` dates, and the same
        markers as :func:`finish_histogram`.

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1)
    >>> curve = finish_cdf(result).Curve.I
    >>> float(curve.dimension_values("probability").max())
    1.0
    """
    theme = resolve_theme(theme)
    days, counts = np.unique(result.finish_dates, return_counts=True)
    frame = pd.DataFrame({"finish": days.astype("datetime64[us]"),
                          "probability": np.cumsum(counts) / result.iterations})
    curve = hv.Curve(frame, "finish", "probability").opts(
        interpolation="steps-post", color=theme.task, line_width=2, tools=["hover"],
        xlabel="Finish date", ylabel="P(finish on or before)", ylim=(0, 1.02),
        responsive=True, height=theme.height, **theme.plot_opts())
    return hv.Overlay([curve, *_markers(result, theme)]).opts(
        title="Probability of finishing by a date")


def cost_histogram(result: RiskResult, bins: int = 40, theme: Theme | None = None) -> hv.Overlay:
    """Histogram of total cost with P50/P80/P90, the plan's cost and the budget.

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`.
    bins : int
        Number of equal-width cost bins.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        The histogram (share of iterations per bin), dashed P50/P80/P90 lines, the
        dotted deterministic cost and the budget (when the simulation had one).

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1)
    >>> isinstance(cost_histogram(result), hv.Overlay)
    True
    """
    theme = resolve_theme(theme)
    counts, edges = np.histogram(result.costs, bins=bins)
    hist = hv.Histogram((edges, counts / result.iterations), kdims=["cost"],
                        vdims=["share"]).opts(
        color=theme.palette[1], alpha=0.7, line_color="white", xlabel="Total cost",
        ylabel="Share of iterations", tools=["hover"], responsive=True,
        height=theme.height, xformatter="%.0f", **theme.plot_opts())
    layers: list[hv.Element] = [hist]
    layers += [hv.VLine(result.cost_percentile(p)).opts(color=theme.neutral,
                                                        line_dash="dashed", line_width=1.5)
               for p in P_LINES]
    layers.append(hv.VLine(result.deterministic_cost).opts(color=theme.task, line_width=2,
                                                           line_dash="dotted"))
    if result.budget is not None:
        layers.append(hv.VLine(result.budget).opts(color=theme.bad, line_width=2))
    return hv.Overlay(layers).opts(title="Cost distribution (red: budget)")


def joint_scatter(result: RiskResult, theme: Theme | None = None) -> hv.Overlay:
    """Finish date against cost per iteration (at most 2,000 points), deadline and budget.

    The title gives the joint confidence: the share of iterations inside both limits.

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`; give it a ``deadline`` and a ``budget`` to
        get the limit lines and the joint confidence.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        The scatter of iterations, then the deadline and budget lines when set.

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1, deadline="2027-09-30",
    ...                             budget=480_000)
    >>> "joint confidence" in joint_scatter(result).opts.get().kwargs["title"]
    True
    """
    theme = resolve_theme(theme)
    step = max(1, result.iterations // MAX_SCATTER)
    frame = pd.DataFrame({"finish": result.finish_dates[::step].astype("datetime64[us]"),
                          "cost": result.costs[::step]})
    points = hv.Scatter(frame, "finish", "cost").opts(
        color=theme.task, alpha=0.25, size=4, tools=["hover"], xlabel="Finish date",
        ylabel="Total cost", yformatter="%.0f", responsive=True, height=theme.height,
        **theme.plot_opts())
    layers: list[hv.Element] = [points]
    if result.deadline is not None:
        layers.append(hv.VLine(result.deadline).opts(color=theme.bad, line_width=2))
    if result.budget is not None:
        layers.append(hv.HLine(result.budget).opts(color=theme.bad, line_width=2))
    title = "Finish and cost per iteration"
    if not np.isnan(result.joint_confidence):
        title += f" — joint confidence {result.joint_confidence:.0%}"
    return hv.Overlay(layers).opts(title=title)


def _ranked_bars(values: pd.Series, label: str, colour: str, theme: Theme,
                 title: str) -> hv.Bars:
    frame = values.rename(label).rename_axis("item").reset_index().iloc[::-1]
    return hv.Bars(frame, "item", label).opts(
        invert_axes=True, color=colour, tools=["hover"], xlabel="", ylabel=label,
        height=max(theme.min_height, 22 * len(frame) + 80), responsive=True, title=title,
        **theme.plot_opts())


def criticality_chart(result: RiskResult, top: int = 15, theme: Theme | None = None) -> hv.Bars:
    """The ``top`` tasks by criticality index (share of iterations on the critical path).

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`.
    top : int
        How many tasks to show, most critical first.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Bars
        Horizontal bars keyed by task id (``item``) with the ``criticality`` (0..1).

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1)
    >>> len(criticality_chart(result, top=5))
    5
    """
    theme = resolve_theme(theme)
    crit = result.criticality.sort_values(ascending=False, kind="stable").head(top)
    return _ranked_bars(crit, "criticality", theme.critical, theme, "Criticality index")


def tornado_chart(result: RiskResult, top: int = 15, theme: Theme | None = None) -> hv.Bars:
    """Tasks and risks ranked by rank correlation of their days with the finish.

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`.
    top : int
        How many tasks and risks to show together, strongest correlation (either
        sign) first.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Bars
        Horizontal bars keyed by ``item`` (``"task T12"``, ``"risk RK1"``) with the
        ``sensitivity`` (Spearman correlation, -1..1).

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1)
    >>> bars = tornado_chart(result, top=6)
    >>> len(bars), bool((abs(bars.dimension_values("sensitivity")) <= 1).all())
    (6, True)
    """
    theme = resolve_theme(theme)
    both = pd.concat([result.sensitivity.rename(lambda t: f"task {t}"),
                      result.risk_sensitivity.rename(lambda r: f"risk {r}")])
    both = both.iloc[np.argsort(-np.abs(both.to_numpy()), kind="stable")].head(top)
    return _ranked_bars(both, "sensitivity", theme.palette[3], theme,
                        "Sensitivity: rank correlation with the finish")


def delivery_chart(forecast: DeliveryForecast, theme: Theme | None = None) -> hv.Overlay:
    """Agile release forecast: probability per sprint count with the cumulative line.

    Parameters
    ----------
    forecast : DeliveryForecast
        From :func:`workbench.forecast_delivery`.
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        Bars of the probability of finishing in exactly that many sprints (labelled
        with the last sprint day), the cumulative curve and its points; the title
        gives the P80 sprint count and date.

    Examples
    --------
    >>> import workbench
    >>> f = workbench.forecast_delivery(240, velocity_samples=[28, 35, 31, 22, 38, 30],
    ...                                 start="2027-01-04", iterations=2_000, seed=1)
    >>> chart = delivery_chart(f)
    >>> float(chart.Curve.I.dimension_values("cumulative")[-1])
    1.0
    """
    theme = resolve_theme(theme)
    table = forecast.distribution()
    table["label"] = [f"{s} ({d:%d %b})" for s, d in zip(table["sprints"], table["finish"],
                                                         strict=True)]
    bars = hv.Bars(table, "label", ["probability", "finish"]).opts(
        color=theme.task, alpha=0.8, tools=["hover"], xlabel="Sprints (last day)",
        ylabel="Probability", responsive=True, height=theme.height, **theme.plot_opts())
    curve = hv.Curve(table, "label", "cumulative").opts(color=theme.critical, line_width=2)
    points = hv.Scatter(table, "label", "cumulative").opts(color=theme.critical, size=7)
    return (bars * curve * points).opts(
        title=f"Release forecast: {forecast.backlog_points:g} points "
              f"(P80 {forecast.sprints_percentile(80)} sprints, "
              f"{forecast.percentile(80):%Y-%m-%d})")
