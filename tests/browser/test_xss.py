"""A plan full of script payloads, served and opened in Chromium: nothing runs.

Every free-text field (and a few ids) of the plan is ``<img onerror=...>`` and
``<script>`` markup that would set ``window.__xss`` (see ``tests/xss_plan.py``). The
test opens every tab, hovers the Gantt, makes the status line and an error alert
show payloads, and checks that no script ran and no dialog opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.support import open_dashboard, served_dashboard
from tests.xss_plan import write_xss_plan

# Each tab of the dashboard and what shows it is drawn.
TABS = {"Resources": ".wb-resource-list .tabulator-row", "Budget": ".wb-evm-bac",
        "Risk": ".wb-risk-kpi-p50", "Scenarios": ".wb-scenario-kpis"}
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def xss_dashboard(tmp_path):
    with served_dashboard(write_xss_plan(tmp_path / "xss.yaml")) as url:
        yield url


def test_plan_payloads_run_no_script_in_the_page(page, xss_dashboard):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_dashboard(page, xss_dashboard)
    title = page.title()
    # The payload is on screen as text: the header shows its characters.
    page.get_by_text("window.__xss='project.name'").first.wait_for(timeout=10_000)
    box = page.locator(".wb-gantt").first.bounding_box()
    for fraction in (0.3, 0.5, 0.7):  # hover bars: tooltips show task names
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * fraction)
        page.wait_for_timeout(300)
    name = page.locator('.wb-tasks-table .tabulator-cell[tabulator-field="name"]').nth(2)
    name.click()
    name.locator("input").fill("<img src=x onerror=\"window.__xss='typed'\">typed")
    name.locator("input").press("Enter")
    page.locator(".wb-status", has_text="typed").wait_for(timeout=15_000)
    duration = page.locator('.wb-tasks-table .tabulator-cell[tabulator-field="duration"]')
    duration.nth(3).click()
    duration.nth(3).locator("input").fill("-1")
    duration.nth(3).locator("input").press("Enter")
    page.locator(".wb-error", has_text="must be >= 0").wait_for(timeout=15_000)
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "xss-page.png"), full_page=True)
    for tab, drawn in TABS.items():
        page.locator(".wb-main-tabs .bk-tab", has_text=tab).first.click(timeout=60_000)
        page.locator(drawn).first.wait_for(timeout=60_000)
    page.locator(".wb-main-tabs .bk-tab", has_text="Plan").first.click(timeout=60_000)
    page.locator(".wb-tasks-table").first.wait_for(timeout=60_000)
    assert page.evaluate("() => window.__xss") is None
    assert page.title() == title
    assert dialogs == []
