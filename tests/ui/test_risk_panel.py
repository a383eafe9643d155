"""The risk tab without a browser: register edits, live re-runs, run control, charts."""

from __future__ import annotations

import html

import pytest

from tests.conftest import make_plan
from workbench import sample_plan_path
from workbench.ui import RiskPanel, Workbench, WorkbenchState


@pytest.fixture
def panel() -> RiskPanel:
    return RiskPanel(state=WorkbenchState.from_file(sample_plan_path()), iterations=1_000)


def test_panel_runs_on_open_and_shows_the_numbers(panel):
    result = panel.result
    assert result.iterations == 1_000 and result.mode == "pre"
    assert panel.progress.value == 100
    html = panel._kpis.object
    assert f"{result.percentile(80):%Y-%m-%d}" in html
    assert all(pane.object is not None for pane in panel.charts.values())


def test_register_edit_re_runs_and_moves_p80(panel):
    before = panel.result
    assert panel.register.edit_cell("RK6", "probability", 0.9)
    assert panel.register.edit_cell("RK6", "schedule_impact", "20, 30, 40")
    after = panel.result
    assert after.plan is panel.state.plan
    assert after.percentile(80) > before.percentile(80)
    risks = panel.state.plan.risks.set_index("id")
    assert risks.loc["RK6", "schedule_impact"] == "20, 30, 40"


def test_bad_register_edit_is_refused_with_table_row_column(panel):
    before = panel.result
    assert not panel.register.edit_cell("RK1", "schedule_impact", "10, 5")
    assert ("risks row 'RK1' column 'schedule_impact': expected a number or three numbers"
            in html.unescape(panel.register._error.object))
    assert not panel.register.edit_cell("RK1", "tasks", "T16, T99")
    assert "unknown task id 'T99'" in html.unescape(panel.register._error.object)
    assert panel.result is before


def test_add_risk_through_the_form(panel):
    assert panel.register.next_id() == "RK7"
    assert panel.register.add_row({"id": "RK7", "title": "Licence price rise",
                                   "probability": 0.5, "schedule_impact": "", "tasks": ""})
    assert "RK7" in set(panel.state.plan.risks["id"])


def test_post_response_and_seed_controls(panel):
    pre = panel.result
    panel.mode = "post"
    assert panel.result.mode == "post"
    assert panel.result.percentile(80) < pre.percentile(80)
    panel.seed = 2
    assert panel.result.seed == 2


def test_large_plans_run_only_on_demand():
    tasks = [{"id": f"T{i}", "duration": 2} for i in range(201)]
    links = [{"from": f"T{i}", "to": f"T{i + 1}"} for i in range(200)]
    panel = RiskPanel(state=WorkbenchState(make_plan(tasks, links)), iterations=200)
    assert panel.result is None and not panel.is_live
    result = panel.run()
    assert result is panel.result
    # 201 tasks of 2 days in a chain with the default spread (0.9, 1.0, 1.3).
    assert 201 * 2 * 0.9 <= result.length_percentile(50) <= 201 * 2 * 1.3


def test_dashboard_has_a_risk_tab():
    wb = Workbench.from_file(sample_plan_path())
    layout = wb.__panel__()
    views = [obj for obj in layout.objects if "wb-main-tabs" in (obj.css_classes or [])][0]
    assert views._names == ["Plan", "Resources", "Budget", "Risk", "Scenarios"]
    assert wb.risk.result is not None


def test_deleting_or_renaming_a_task_updates_the_register(panel):
    tasks = panel.register.state.plan.tasks
    from workbench.ui import TableEditor

    editor = TableEditor(state=panel.state, table="tasks")
    assert editor.delete_rows(["T15"])
    risks = panel.state.plan.risks.set_index("id")
    assert risks.loc["RK6", "tasks"] == "T13, T16"
    assert editor.edit_cell("T13", "id", "T13a")
    risks = panel.state.plan.risks.set_index("id")
    assert risks.loc["RK3", "tasks"] == "T13a"
    assert risks.loc["RK6", "tasks"] == "T13a, T16"
    # RK1 would lose its only task while it still has a schedule impact: refused.
    assert not editor.delete_rows(["T16"])
    assert "risks row 'RK1' column 'tasks': a schedule impact needs the affected task ids" \
        in html.unescape(editor._error.object)
    assert len(panel.state.plan.tasks) == len(tasks) - 1
