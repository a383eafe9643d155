"""The served dashboard in a real headless Chromium: edit, see the Gantt and KPIs change."""

from __future__ import annotations

from tests.browser.support import (
    GANTT_BARS_JS,
    GANTT_X_RANGE_JS,
    SET_GANTT_X_RANGE_JS,
    edit_cell,
    open_dashboard,
    task_cell,
)
from workbench.io import load_plan

CRITICAL_TASK = "T7"  # Legacy data profiling: on the sample plan's critical path


def kpi(page, name: str) -> str:
    return page.locator(f".wb-kpi-{name}").inner_text().strip()


def test_editing_a_critical_duration_moves_gantt_and_finish(page, dashboard, plan_copy,
                                                            tmp_path):
    open_dashboard(page, dashboard)
    finish_before = kpi(page, "finish")
    bars_before = page.evaluate(GANTT_BARS_JS)
    cell = task_cell(page, CRITICAL_TASK, "duration")
    old = float(cell.inner_text())
    edit_cell(page, cell, str(old + 5))
    page.locator(".wb-kpi-finish").filter(has_not_text=finish_before).wait_for(timeout=15_000)
    bars_after = page.evaluate(GANTT_BARS_JS)
    assert bars_after[CRITICAL_TASK] > bars_before[CRITICAL_TASK]
    assert kpi(page, "finish") > finish_before
    assert float(task_cell(page, CRITICAL_TASK, "duration").inner_text()) == old + 5
    page.locator(".wb-dirty").wait_for(timeout=10_000)
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    page.locator(".wb-save button").click()
    page.locator(".wb-clean").wait_for(timeout=10_000)
    saved = load_plan(plan_copy).tasks.set_index("id")
    assert saved.loc[CRITICAL_TASK, "duration"] == old + 5


def test_negative_duration_is_refused_in_the_page(page, dashboard):
    open_dashboard(page, dashboard)
    finish_before = kpi(page, "finish")
    cell = task_cell(page, CRITICAL_TASK, "duration")
    old = cell.inner_text()
    edit_cell(page, cell, "-3")
    error = page.get_by_text("must be >= 0, got -3")
    error.wait_for(timeout=15_000)
    assert f"tasks row '{CRITICAL_TASK}' column 'duration'" in error.inner_text()
    page.wait_for_timeout(300)
    assert task_cell(page, CRITICAL_TASK, "duration").inner_text() == old
    assert kpi(page, "finish") == finish_before


def test_link_closing_a_cycle_is_refused(page, dashboard):
    open_dashboard(page, dashboard)
    page.locator(".bk-tab", has_text="Links").click()
    links_before = page.locator(".wb-links-table .tabulator-row").count()
    page.locator(".wb-links-form-from select").select_option("M7")
    page.locator(".wb-links-form-to select").select_option("T1")
    page.locator(".wb-add-links button").click()
    error = page.get_by_text("closes a cycle")
    error.wait_for(timeout=15_000)
    assert "T1" in error.inner_text() and "M7" in error.inner_text()
    assert page.locator(".wb-links-table .tabulator-row").count() == links_before


def test_zoom_survives_an_edit(page, dashboard):
    open_dashboard(page, dashboard)
    start, end = page.evaluate(GANTT_X_RANGE_JS)
    zoom = [start + (end - start) * 0.2, start + (end - start) * 0.5]
    assert page.evaluate(SET_GANTT_X_RANGE_JS, zoom)
    finish_before = kpi(page, "finish")
    cell = task_cell(page, CRITICAL_TASK, "duration")
    edit_cell(page, cell, str(float(cell.inner_text()) + 2))
    page.locator(".wb-kpi-finish").filter(has_not_text=finish_before).wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    assert page.evaluate(GANTT_X_RANGE_JS) == zoom


def test_read_only_mode_has_no_editing(page, read_only_dashboard, tmp_path):
    open_dashboard(page, read_only_dashboard)
    assert page.locator(".tabulator-editable").count() == 0
    assert page.locator(".wb-save").count() == 0
    assert page.locator(".wb-add-tasks").count() == 0
    page.locator(".wb-read-only").wait_for(timeout=10_000)
    page.screenshot(path=str(tmp_path / "read-only.png"))
