"""Charts: pure functions from engine results to HoloViews objects (Bokeh backend)."""

from workbench.charts.cost import cost_by_category_chart, s_curve
from workbench.charts.evm import evm_trend
from workbench.charts.gantt_chart import gantt, gantt_data, gantt_overlay, row_range_hook
from workbench.charts.loading import (
    levelling_gantt,
    loading_chart,
    loading_frames,
    loading_overlay,
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
from workbench.charts.scenario import (
    diff_gantt,
    diff_gantt_data,
    diff_gantt_overlay,
    finish_chart,
    sweep_chart,
)
from workbench.charts.theme import THEME, Theme

__all__ = ["THEME", "Theme", "cost_by_category_chart", "cost_histogram", "criticality_chart",
           "delivery_chart", "diff_gantt", "diff_gantt_data", "diff_gantt_overlay",
           "evm_trend", "finish_cdf", "finish_chart", "finish_histogram", "gantt",
           "gantt_data", "gantt_overlay", "heat_map", "heat_map_data", "joint_scatter",
           "levelling_gantt", "loading_chart", "loading_frames", "loading_overlay",
           "row_range_hook", "s_curve", "sweep_chart", "tornado_chart"]
