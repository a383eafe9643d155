"""Earned value charts: SPI and CPI over the recorded status dates."""

from __future__ import annotations

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import pandas as pd

from workbench.charts.theme import Theme, resolve_theme

#: The index series drawn: history column, legend label, theme colour attribute.
INDEX_SERIES = (("spi", "SPI", "task"), ("cpi", "CPI", "bad"))


def evm_trend(history: pd.DataFrame, theme: Theme | None = None) -> hv.Overlay:
    """SPI and CPI per status date, with the line at 1.0 (on plan, on budget).

    Parameters
    ----------
    history : pd.DataFrame
        From :func:`workbench.engine.evm_history` (indexed by status date, with
        ``spi`` and ``cpi`` columns).
    theme : Theme, optional
        Colours and sizes; None uses the shared default theme.

    Returns
    -------
    holoviews.Overlay
        A curve and points per index (SPI, then CPI) and a dotted line at 1.0.

    Examples
    --------
    >>> import workbench
    >>> trend = evm_trend(workbench.evm_history(
    ...     workbench.load_plan(workbench.sample_plan_path())))
    >>> [layer.label for layer in trend][::2]
    ['SPI', 'CPI', '']
    """
    theme = resolve_theme(theme)
    frame = history.reset_index()
    layers = []
    for column, label, colour in INDEX_SERIES:
        curve = hv.Curve(frame, "status_date", hv.Dimension(column, label="index"), label=label)
        layers.append(curve.opts(color=getattr(theme, colour), line_width=2, tools=["hover"]))
        layers.append(hv.Scatter(frame, "status_date", hv.Dimension(column, label="index"),
                                 label=label).opts(color=getattr(theme, colour),
                                                   size=theme.marker_size))
    layers.append(hv.HLine(1.0).opts(color=theme.neutral, line_dash="dotted", line_width=1))
    return hv.Overlay(layers).opts(
        **theme.plot_opts(), height=theme.height, responsive=True, legend_position="top_left",
        xlabel="", ylabel="index", title="Performance indices (1.0 = on plan / on budget)")
