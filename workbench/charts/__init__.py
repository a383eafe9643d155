"""Charts: pure functions from engine results to HoloViews objects (Bokeh backend)."""

from workbench.charts.gantt import (
    baseline_layer,
    gantt,
    gantt_data,
    gantt_overlay,
    row_range_hook,
)
from workbench.charts.risk import (
    cost_histogram,
    criticality_chart,
    delivery_chart,
    finish_cdf,
    finish_histogram,
    heat_map,
    heat_map_data,
    joint_scatter,
    tornado_chart,
)
from workbench.charts.theme import THEME, Theme

__all__ = ["THEME", "Theme", "baseline_layer", "cost_histogram", "criticality_chart",
           "delivery_chart", "finish_cdf", "finish_histogram", "gantt", "gantt_data",
           "gantt_overlay", "heat_map", "heat_map_data", "joint_scatter", "row_range_hook",
           "tornado_chart"]
