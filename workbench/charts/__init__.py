"""Charts: pure functions from engine results to HoloViews objects (Bokeh backend)."""

from workbench.charts.gantt import (
    baseline_layer,
    gantt,
    gantt_data,
    gantt_overlay,
    row_range_hook,
)
from workbench.charts.scenario import (
    diff_gantt,
    diff_gantt_data,
    diff_gantt_overlay,
    finish_chart,
    sweep_chart,
)
from workbench.charts.theme import THEME, Theme

__all__ = ["THEME", "Theme", "baseline_layer", "diff_gantt", "diff_gantt_data",
           "diff_gantt_overlay", "finish_chart", "gantt", "gantt_data", "gantt_overlay",
           "row_range_hook", "sweep_chart"]
