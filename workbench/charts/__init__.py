"""Charts: pure functions from engine results to HoloViews objects (Bokeh backend)."""

from workbench.charts.cost import cost_by_category_chart, s_curve
from workbench.charts.evm import evm_trend
from workbench.charts.gantt import (
    baseline_layer,
    gantt,
    gantt_data,
    gantt_overlay,
    row_range_hook,
)
from workbench.charts.theme import THEME, Theme

__all__ = ["THEME", "Theme", "baseline_layer", "cost_by_category_chart", "evm_trend", "gantt",
           "gantt_data", "gantt_overlay", "row_range_hook", "s_curve"]
