"""The resource panel without a browser: resource list, highlighted Gantt, live loading,
Level, Keep, Discard, undo."""

from __future__ import annotations

import pandas as pd
import panel as pn
import pytest
from bokeh.document import Document
from bokeh.models import ColumnDataSource

from workbench import sample_plan_path
from workbench.charts.gantt_chart import FADED_ALPHA
from workbench.ui import ResourcePanel, Workbench, WorkbenchState
from workbench.ui.resources import ALL

# Jonas Schulz (R6, data engineer) in the sample plan's assignments table.
R6_TASKS = ["T5", "T7", "T8", "T10", "T11", "T12", "T28", "T29", "T30", "T32"]


@pytest.fixture
def panel() -> ResourcePanel:
    return ResourcePanel(state=WorkbenchState.from_file(sample_plan_path()))


def over_periods(panel: ResourcePanel) -> list[str]:
    return panel.chart.Scatter.I.data["period"].tolist()


def click_row(panel: ResourcePanel, resource: str) -> None:
    """What a click on a row of the resource list does to the widget."""
    panel._list.selection = [panel._list.value.index.get_loc(resource)]


def bar_alpha(panel: ResourcePanel) -> dict[str, float]:
    """Per task id, the opacity of its work bar in the Resources tab's Gantt."""
    rectangles = panel.gantt.rectangles
    bars = rectangles[rectangles["kind"] == "bar"]
    return dict(zip(bars["id"], bars["alpha"], strict=True))


def rendered_alpha(root) -> dict[tuple[str, str], float]:
    """Per (task id, kind), the opacity of its rectangle in the rendered Bokeh figure."""
    for source in root.select({"type": ColumnDataSource}):
        data = source.data
        if "kind" in data and "alpha" in data and "right" in data:
            return {(i, k): a for i, k, a in zip(data["id"], data["kind"], data["alpha"],
                                                 strict=True)}
    raise AssertionError("no rectangles source in the Gantt")


def test_resource_list_shows_capacity_peak_and_overallocated_days(panel):
    table = panel._list.value
    assert table.index.tolist() == panel.state.plan.resources["id"].tolist()
    assert table.loc["R6", "name"] == "Jonas Schulz"
    # R6 is booked at 2.0 units (T7 + T10) on 8 working days; R8 over on 10; R9 never.
    assert table.loc["R6", ["capacity", "peak_units", "over_days"]].tolist() == [1.0, 2.0, 8]
    assert table.loc["R8", "over_days"] == 10 and table.loc["R9", "over_days"] == 0
    assert table["over_days"].sum() == 5 + 5 + 8 + 5 + 10 + 3  # as the summary line says
    assert panel._list.disabled


def test_clicking_a_resource_highlights_exactly_its_tasks(panel):
    click_row(panel, "R6")
    assert panel.resource == "R6"
    assert panel.gantt.highlight == R6_TASKS
    assert panel.chart.opts.get().kwargs["title"] == "Loading of R6"
    alpha = bar_alpha(panel)
    assert {t for t, a in alpha.items() if a == 1.0} == set(R6_TASKS)
    assert {t for t, a in alpha.items() if a == FADED_ALPHA} == set(alpha) - set(R6_TASKS)
    rectangles = panel.gantt.rectangles
    assert (rectangles.loc[rectangles["kind"] == "summary", "alpha"] == 1.0).all()
    # The Select follows the list and the list follows the Select.
    panel.resource = "R9"
    assert panel._list.selection == [panel._list.value.index.get_loc("R9")]
    assert panel.gantt.highlight == ["T25", "T26", "T27"]
    panel.resource = ALL
    assert panel._list.selection == [] and panel.gantt.highlight is None
    assert set(bar_alpha(panel).values()) == {1.0}
    click_row(panel, "R6")
    panel._list.selection = []  # a click on the selected row deselects it
    assert panel.resource == ALL and panel.gantt.highlight is None


def test_highlight_restyles_the_drawn_gantt_without_rescheduling(panel, monkeypatch):
    root = panel.gantt.__panel__().get_root(Document())
    schedule, frames = panel.state.schedule, panel.gantt.data
    names = [s.data["name"] for s in root.select({"type": ColumnDataSource})
             if "alpha" in s.data][0]

    def refused(*_args, **_kwargs):
        raise AssertionError("a highlight must not recompute the schedule or its frames")

    monkeypatch.setattr("workbench.ui.state.schedule", refused)
    monkeypatch.setattr("workbench.ui.gantt_view.gantt_data", refused)
    monkeypatch.setattr(panel.gantt._pipe, "send", refused)  # no full redraw either
    click_row(panel, "R6")
    alpha = rendered_alpha(root)
    assert alpha[("T7", "bar")] == 1.0 and alpha[("T1", "bar")] == FADED_ALPHA
    assert alpha[("W3", "summary")] == 1.0
    assert panel.state.schedule is schedule and panel.gantt.data is frames
    source = [s for s in root.select({"type": ColumnDataSource}) if "alpha" in s.data][0]
    assert source.data["name"] is names  # only the alpha column was sent
    panel.resource = ALL
    assert rendered_alpha(root)[("T1", "bar")] == 1.0


def test_an_edit_keeps_the_highlight_and_follows_the_assignments(panel):
    click_row(panel, "R6")
    root = panel.gantt.__panel__().get_root(Document())
    plan = panel.state.plan
    tasks = plan.tasks.copy()
    tasks.loc[tasks["id"] == "T7", "duration"] += 5
    assert panel.state.apply(plan.replace(tasks=tasks), "T7 +5 d")
    assert panel.resource == "R6" and panel.gantt.highlight == R6_TASKS
    bars = panel.gantt.data["bars"].set_index("id")
    assert bars.loc["T7", "duration"] == tasks.set_index("id").loc["T7", "duration"]
    assert rendered_alpha(root)[("T1", "bar")] == FADED_ALPHA
    # Taking R6 off T10 and putting him on T1 moves the highlight with him.
    assignments = panel.state.plan.assignments
    moved = assignments[~((assignments["task"] == "T10") & (assignments["resource"] == "R6"))]
    moved = pd.concat([moved, pd.DataFrame({"task": ["T1"], "resource": ["R6"],
                                            "units": [0.5]})], ignore_index=True)
    assert panel.state.apply(panel.state.plan.replace(assignments=moved), "R6 to T1")
    assert panel.gantt.highlight == ["T1", *[t for t in R6_TASKS if t != "T10"]]
    alpha = rendered_alpha(root)
    assert alpha[("T1", "bar")] == 1.0 and alpha[("T10", "bar")] == FADED_ALPHA
    assert panel._list.selection == [panel._list.value.index.get_loc("R6")]
    assert panel.state.undo() and panel.gantt.highlight == R6_TASKS


def test_hidden_tab_gantt_catches_up_when_shown():
    wb = Workbench.from_file(sample_plan_path())
    wb.resources.resource = "R6"
    wb.editors["tasks"].edit_cell("T7", "duration", 30)
    assert wb.resources.gantt.stale  # a hidden tab's Gantt costs nothing per edit
    assert wb.gantt.data["bars"].set_index("id").loc["T7", "duration"] == 30
    wb.resources.shown = True
    assert not wb.resources.gantt.stale
    assert wb.resources.gantt.data["bars"].set_index("id").loc["T7", "duration"] == 30
    assert wb.resources.gantt.highlight == R6_TASKS


def test_loading_chart_follows_resource_choice_and_edits(panel):
    panel.resource = "R6"
    assert over_periods(panel) == ["wk 2027-03-29", "wk 2027-04-05"]
    assert "R6 8 d" in panel._summary.object
    # Half of T10 for the data engineer ends his overload with T8.
    assignments = panel.state.plan.assignments.copy()
    assignments.loc[(assignments["task"] == "T10") & (assignments["resource"] == "R6"),
                    "units"] = 0.0
    assert panel.state.apply(panel.state.plan.replace(assignments=assignments), "R6 off T10")
    assert over_periods(panel) == []
    assert "R6" not in panel._summary.object
    panel.param.update(stack="task", freq="D")
    assert panel.chart.Bars.I.data["group"].str.startswith("T").all()


def test_level_shows_ghost_bars_and_delays_then_keep_applies_and_undo_restores(panel):
    before = panel.state.schedule.length
    assert not panel._keep.visible
    assert panel.run_level()
    proposal = panel.proposal
    assert panel._keep.visible and panel._delays.visible
    assert "164" not in panel._result.object and "+17 working days" in panel._result.object
    assert panel._delays.value.loc["T10", "reason"].startswith("waited 3 d for R6")
    rectangles = panel._compare.object.Rectangles.I.dframe()
    ghost = rectangles[rectangles["kind"] == "baseline"].set_index("id")
    bars = rectangles[rectangles["kind"] == "bar"].set_index("id")
    assert len(ghost) == len(panel.state.plan.tasks)
    assert (bars.loc["T10", "x0"] - ghost.loc["T10", "x0"]).days == 10  # 8 working days
    assert panel.state.schedule.length == before  # nothing applied yet
    assert panel.keep()
    assert panel.proposal is None and not panel._keep.visible
    assert panel.state.schedule.length == proposal.length == 181.0
    assert panel.state.plan.tasks.set_index("id").loc["T10", "level_delay"] == 3.0
    assert "R6" not in panel._summary.object
    assert panel.state.undo() and panel.state.schedule.length == before


def test_discard_keeps_the_plan_and_an_edit_drops_a_stale_proposal(panel):
    plan = panel.state.plan
    assert panel.run_level()
    panel.discard()
    assert panel.proposal is None and panel.state.plan is plan
    assert panel.run_level()
    tasks = plan.tasks.copy()
    tasks.loc[tasks["id"] == "T1", "notes"] = "edited"
    assert panel.state.apply(plan.replace(tasks=tasks), "note")
    assert panel.proposal is None


def test_optimal_mode_reports_the_proof(panel):
    pytest.importorskip("ortools")
    panel.param.update(method="optimal", time_limit=20.0)
    assert panel.run_level()
    assert "proven optimal" in panel._result.object


def test_read_only_cannot_keep_but_can_pick_a_resource():
    panel = ResourcePanel(state=WorkbenchState.from_file(sample_plan_path(), read_only=True))
    assert not panel.run_level()  # levelling can run for minutes: editors only
    assert "read-only" in panel.error and panel.proposal is None
    assert panel._keep.disabled
    assert not panel.keep()
    layout = panel.__panel__()
    assert not layout.select(pn.widgets.Button)
    assert layout.select(pn.widgets.Tabulator) == [panel._list]
    click_row(panel, "R6")
    assert panel.gantt.highlight == R6_TASKS and bar_alpha(panel)["T1"] == FADED_ALPHA


def test_dashboard_has_the_resource_tab():
    wb = Workbench.from_file(sample_plan_path())
    assert isinstance(wb.resources, ResourcePanel)
    layout = wb.__panel__()
    tabs = [obj for obj in layout.objects if obj.__class__.__name__ == "Tabs"][0]
    assert tabs._names[1] == "Resources"
    assert tabs._names == ["Plan", "Resources", "Budget", "Risk", "Scenarios"]
