"""The budget panel without a browser: edit money tables, save a baseline, read EVM."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import pytest

from workbench import sample_plan_path
from workbench.ui import BudgetPanel, GanttChart, Workbench, WorkbenchState


@pytest.fixture
def state() -> WorkbenchState:
    return WorkbenchState.from_file(sample_plan_path())


def test_figures_show_the_sample_plans_earned_value(state):
    panel = BudgetPanel(state=state)
    assert panel.evm.loc["project", "ac"] == pytest.approx(121214)
    html = panel._figures.object
    assert 'class="wb-evm-cpi" style="font-size:18px;font-weight:600;color:#b00020">0.94' in html
    assert "474,380 EUR" in html


def test_cost_line_edit_updates_the_category_chart(state):
    panel = BudgetPanel(state=state)
    editor = panel.editors["cost_lines"]
    assert editor.edit_cell("C4", "amount", 6500)
    bars = panel._categories.object.data.set_index(["category", "measure"])["amount"]
    assert bars.loc[("cloud", "planned")] == 6500
    assert state.dirty


def test_bad_money_edits_are_refused_with_their_cell(state):
    panel = BudgetPanel(state=state)
    before = state.plan
    assert not panel.editors["cost_lines"].edit_cell("C4", "amount", -10)
    assert "cost_lines row 'C4' column 'amount': must be >= 0, got -10" in \
        html.unescape(panel.editors["cost_lines"]._error.object)
    assert not panel.editors["actuals"].add_row({"date": "2027-03-01", "task": "T99",
                                                 "amount": 100})
    assert "unknown task id 'T99'" in html.unescape(panel.editors["actuals"]._error.object)
    assert state.plan is before


def test_save_baseline_button_then_a_slip_shows_in_variance_and_gantt(state):
    panel = BudgetPanel(state=state)
    gantt = GanttChart(state=state)
    panel._baseline_name.value = "re-plan"
    panel._save_baseline.clicks += 1
    assert state.plan.project.current_baseline == "re-plan"
    assert state.can_undo
    tasks = state.plan.tasks.copy()
    tasks.loc[tasks["id"] == "T12", "duration"] = 8
    assert state.apply(state.plan.replace(tasks=tasks), "T12 longer")
    variance = panel._variance.value
    assert variance.loc["T12", "finish_variance"] == 3
    assert "color: #d62728" in panel._variance.style.to_html()
    rectangles = gantt.data["rectangles"]
    ghost = rectangles[rectangles["kind"] == "baseline"].set_index("id")
    assert ghost.loc["T12", "x1"] == pd.Timestamp("2027-05-20")  # end of 2027-05-19


def test_record_status_adds_a_point_to_the_trend(state):
    panel = BudgetPanel(state=state)
    plan = state.plan
    assert state.apply(plan.replace(project=plan.project.replace(
        status_date=dt.date(2027, 3, 8))), "status date")
    assert panel.record_status()
    assert len(state.plan.evm_history) == 3
    spi = next(e for e in panel._trend.object if e.label == "SPI").dframe()["spi"]
    assert len(spi) == 3 and spi.iloc[-1] < 1


def test_without_status_date_the_panel_says_so(state):
    plan = state.plan
    assert state.apply(plan.replace(project=plan.project.replace(status_date=None)), "none")
    panel = BudgetPanel(state=state)
    assert panel.evm is None
    assert "status date" in panel._figures.object


def test_workbench_has_a_budget_tab(state):
    wb = Workbench(state=state)
    assert isinstance(wb.budget, BudgetPanel)
    layout = wb.__panel__()
    tabs = [obj for obj in layout.objects if obj.__class__.__name__ == "Tabs"][0]
    assert "Budget" in tabs._names
