"""The resource panel without a browser: live loading, Level, Keep, Discard, undo."""

from __future__ import annotations

import panel as pn
import pytest

from workbench import sample_plan_path
from workbench.ui import ResourcePanel, Workbench, WorkbenchState


@pytest.fixture
def panel() -> ResourcePanel:
    return ResourcePanel(state=WorkbenchState.from_file(sample_plan_path()))


def over_periods(panel: ResourcePanel) -> list[str]:
    return panel.chart.Scatter.I.data["period"].tolist()


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


def test_read_only_cannot_keep():
    panel = ResourcePanel(state=WorkbenchState.from_file(sample_plan_path(), read_only=True))
    assert panel.run_level()
    assert panel._keep.disabled
    assert not panel.keep()
    assert "read-only" in panel.state.error
    assert not panel.__panel__().select(pn.widgets.Button)


def test_dashboard_has_the_resource_tab():
    wb = Workbench.from_file(sample_plan_path())
    assert isinstance(wb.resources, ResourcePanel)
    layout = wb.__panel__()
    tabs = [obj for obj in layout.objects if obj.__class__.__name__ == "Tabs"][0]
    assert tabs._names[1] == "Resources"
    assert tabs._names == ["Plan", "Resources", "Budget", "Risk", "Scenarios"]
