"""The loading chart's frames: stacks, capacity and over-allocation markers."""

from __future__ import annotations

import holoviews as hv
import pytest

from workbench.charts import loading_chart, loading_frames
from workbench.engine import level, schedule


def test_r6_weeks_stack_by_task_and_mark_the_overload(sample_plan):
    frames = loading_frames(schedule(sample_plan), resource="R6", by="task")
    week = frames["stack"][frames["stack"]["period"] == "wk 2027-03-29"]
    assert week.set_index("group")["load"].to_dict() == pytest.approx({"T8": 4.0, "T10": 4.0})
    over = frames["over"].set_index("period")
    assert over.loc["wk 2027-03-29", "capacity"] == 4.0  # Easter Monday is a holiday
    assert over["over"].sum() == pytest.approx(8.0)


def test_all_resources_by_role_sum_to_the_total_work(sample_plan):
    sched = schedule(sample_plan)
    frames = loading_frames(sched, by="role", freq="D")
    assert frames["stack"]["load"].sum() == pytest.approx(frames["capacity"]["load"].sum())
    assert "Data engineer" in set(frames["stack"]["group"])


def test_levelled_chart_has_no_overload_marker_for_r6(sample_plan):
    chart = loading_chart(level(sample_plan), resource="R6", by="task")
    assert chart.Scatter.I.data.empty
    fig = hv.render(chart, backend="bokeh")
    assert fig.title.text == "Loading of R6"
