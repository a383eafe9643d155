"""Every action checks its own precondition on the server, whatever the page sends.

A disabled or hidden button is only a hint to the browser: the page can still send
its click, and a slider can send any number. These tests send what a crafted page
could and check that the server refuses it.
"""

from __future__ import annotations

import shutil

import pytest

from workbench import sample_plan_path
from workbench.ui import ResourcePanel, RiskPanel, ScenarioPanel, Workbench, WorkbenchState
from workbench.ui.guards import VIEWER_MAX_ITERATIONS


@pytest.fixture
def plan_file(tmp_path):
    return shutil.copy(sample_plan_path(), tmp_path / "plan.yaml")


def test_save_click_on_a_clean_plan_writes_nothing(plan_file):
    wb = Workbench.from_file(plan_file)
    assert wb._save.disabled
    # Someone else changed the file since; a Save without edits must not overwrite it.
    with open(plan_file, "a") as out:
        out.write("# kept\n")
    before = plan_file.read_text()
    wb._save.clicks += 1  # what the page sends, disabled button or not
    assert plan_file.read_text() == before
    assert wb.state.message == "Nothing to save."


def test_read_only_refuses_every_action(plan_file):
    wb = Workbench.from_file(plan_file, read_only=True)
    before = plan_file.read_text()
    plan = wb.state.plan
    wb._save.clicks += 1
    wb._undo.clicks += 1
    wb._redo.clicks += 1
    assert not wb.editors["tasks"].edit_cell("T1", "duration", 9)
    assert not wb.editors["tasks"].add_row({"id": "T99", "name": "x", "duration": 1})
    assert not wb.editors["tasks"].delete_rows(["T1"])
    assert not wb.state.undo() and not wb.state.redo()
    assert not wb.resources.run_level() and wb.resources.proposal is None
    assert not wb.resources.keep()
    assert not wb.budget.save_baseline("sneaky")
    assert not wb.budget.record_status()
    scenarios = wb.scenarios
    scenarios.scenario_name.value = "sneaky"
    assert not scenarios.add_change("delay")
    assert not scenarios.save()
    assert wb.state.plan is plan and not wb.state.dirty
    assert plan_file.read_text() == before


def test_viewers_get_a_capped_monte_carlo(plan_file):
    viewer = RiskPanel(state=WorkbenchState.from_file(plan_file, read_only=True))
    assert viewer.result.iterations <= VIEWER_MAX_ITERATIONS
    with pytest.raises(ValueError, match="at most 2000"):
        viewer.iterations = 200_000
    assert viewer.iterations <= VIEWER_MAX_ITERATIONS
    editor = RiskPanel(state=WorkbenchState.from_file(plan_file), iterations=500)
    editor.iterations = 20_000  # editors keep the full range
    assert editor.iterations == 20_000


@pytest.mark.parametrize("widget, value", [("delay_days", 10**9), ("delay_days", -5),
                                           ("branch_percent", 10**6), ("role_units", 1e12)])
def test_scenario_sliders_refuse_values_outside_their_range(plan_file, widget, value):
    panel = ScenarioPanel(state=WorkbenchState.from_file(plan_file))
    panel.delay_task.value = "M3"
    before = panel.comparison.loc["draft", "finish"]
    slider = getattr(panel, widget)
    old = slider.value
    with pytest.raises(ValueError, match="must be at (most|least)"):
        slider.value = value
    assert slider.value == old
    assert panel.comparison.loc["draft", "finish"] == before
    assert panel.error == ""


def test_scenario_pickers_refuse_values_they_do_not_offer(plan_file):
    panel = ScenarioPanel(state=WorkbenchState.from_file(plan_file))
    with pytest.raises(ValueError, match="not one of the options"):
        panel.set_table.value = "__class__"
    assert panel.set_table.value == "tasks"
    with pytest.raises(ValueError, match="not one of the options"):
        panel.delay_task.value = "T999"
    assert panel.delay_task.value in panel.delay_task.options


def test_levelling_time_limit_stays_bounded(plan_file):
    panel = ResourcePanel(state=WorkbenchState.from_file(plan_file))
    with pytest.raises(ValueError):
        panel.time_limit = 1e9
