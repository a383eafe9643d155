"""The scenario panel without a browser: sliders, the change list, saving, stale drafts."""

from __future__ import annotations

import datetime as dt

import holoviews as hv
import pytest

from workbench import sample_plan_path
from workbench.io import load_plan
from workbench.ui import ScenarioPanel, Workbench, WorkbenchState


@pytest.fixture
def panel(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(sample_plan_path().read_text())
    return ScenarioPanel(state=WorkbenchState.from_file(path))


def test_the_saved_scenarios_are_compared_at_once(panel):
    table = panel.comparison
    assert table.index.tolist()[:4] == ["plan", "vendor slips 2 weeks",
                                        "add a second integration developer",
                                        "descope reporting module"]
    assert table.loc["vendor slips 2 weeks", "finish"].date() == dt.date(2027, 8, 30)
    assert panel._kpi_table.value.loc["plan", "finish"] == "2027-08-25"


def test_a_delay_slider_moves_kpis_and_diff_gantt(panel):
    panel.delay_task.value = "M3"
    panel.delay_days.value = 15
    assert panel.comparison.loc["draft", "slip_days"] == 9
    bars = panel._gantt_pipe.data["scenario"].set_index("id")
    assert bars.loc["T16", "change"] == "later" and bars.loc["T1", "change"] == "same"
    assert panel.deltas.loc["T16", "start_change"] == 15  # follows M3, 15 working days
    panel.delay_days.value = 0
    assert panel.comparison.loc["draft", "slip_days"] == 0


def test_branch_and_role_sliders(panel):
    panel.branch.value = "W3"
    panel.branch_percent.value = 150
    assert panel.comparison.loc["draft", "slip_days"] > 0
    panel.branch_percent.value = 100
    panel.role.value = "Integration developer"
    panel.role_units.value = 1
    assert panel.comparison.loc["draft", "finish"].date() == dt.date(2027, 8, 19)


def test_change_list_add_reorder_remove_and_save(panel):
    panel.scenario_name.value = "late and slow"
    panel.delay_task.value, panel.delay_days.value = "M3", 10
    panel.add_change("delay")
    panel.branch.value, panel.branch_percent.value = "W6", 120
    panel.add_change("scale")
    assert panel.delay_days.value == 0 and panel.branch_percent.value == 100
    assert [c.op for c in panel.changes] == ["delay", "scale"]
    panel.change_list.selection = [1]
    panel.move_change(-1)
    assert [c.op for c in panel.changes] == ["scale", "delay"]
    panel.remove_change(0)
    assert [c.op for c in panel.changes] == ["delay"]
    assert panel.save()
    saved = panel.state.plan.scenarios[-1]
    assert saved.name == "late and slow" and saved.changes[0].to_dict() == {
        "op": "delay", "id": "M3", "days": 10}
    assert panel.state.dirty and panel.state.can_undo
    panel.state.save()
    assert load_plan(panel.state.path).scenarios[-1] == saved
    panel.state.undo()
    assert "late and slow" not in [s.name for s in panel.state.plan.scenarios]


def test_set_builder_and_editing_a_saved_scenario(panel):
    panel.edit.value = "vendor slips 2 weeks"
    assert panel.scenario_name.value == "vendor slips 2 weeks" and len(panel.changes) == 1
    panel.set_table.value = "tasks"
    panel.set_row.value, panel.set_field.value, panel.set_value.value = "T16", "duration", "15"
    panel.add_change("set")
    assert panel.comparison.loc["vendor slips 2 weeks", "slip_days"] == 8
    assert panel.save()
    assert len(panel.state.plan.scenarios[-1].changes) == 2


def test_a_stale_draft_shows_the_error_and_keeps_the_last_good_results(panel):
    panel.set_table.value = "tasks"
    panel.set_row.value, panel.set_field.value, panel.set_value.value = "T5", "duration", "-2"
    assert not panel.add_change("set")
    assert "scenarios row 'draft' column 'changes[0]': tasks row 'T5' column 'duration'" \
        in panel.error
    assert panel._error.visible
    assert panel.comparison.loc["draft", "slip_days"] == 0


def test_unnamed_scenario_is_not_saved(panel):
    assert not panel.save()
    assert "Name the scenario" in panel.error


def test_sweep_chart_follows_the_chosen_builder(panel):
    panel.delay_task.value = "M3"
    assert panel.sweep_result.index.name == "days"
    assert panel.sweep_result.loc[20, "slip_days"] == 14
    panel.sweep_kind.value = "add units to role"
    panel.role.value = "Integration developer"
    assert panel.sweep_result.index.name == "units"
    assert isinstance(panel._sweep.object, hv.Overlay)


def test_the_dashboard_has_a_scenarios_tab():
    wb = Workbench.from_file(sample_plan_path(), read_only=True)
    layout = wb.__panel__()
    tabs = [obj for obj in layout.objects if obj.__class__.__name__ == "Tabs"][0]
    assert tabs._names == ["Plan", "Resources", "Budget", "Risk", "Scenarios"]
    assert wb.scenarios._save.disabled
    assert wb.scenarios.delay_days in list(tabs.select(type(wb.scenarios.delay_days)))


def test_the_kpi_table_has_cost_and_p80_on_a_small_plan(panel):
    table = panel.comparison
    assert {"total_cost", "cost_delta", "p80_finish", "p80_slip_days"} <= set(table.columns)
    vendor = table.loc["vendor slips 2 weeks"]
    assert (vendor["slip_days"], vendor["cost_delta"]) == (3, 0)  # later, same work
    assert table.loc["descope reporting module", "cost_delta"] == -9450  # T20's labour
    assert (table["p80_finish"] >= table["finish"]).all()
