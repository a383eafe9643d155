"""Logins on the served dashboard: a viewer gets a page with nothing to edit."""

from __future__ import annotations

from pathlib import Path

from tests.browser.support import served_dashboard
from workbench.io.users_file import add_user

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def log_in(page, url: str, name: str, password: str) -> None:
    page.goto(url)
    page.locator('input[name="username"]').fill(name)
    page.locator('input[name="password"]').fill(password)
    with page.expect_console_message(
        lambda msg: "Websocket connection 0 is now open" in msg.text, timeout=90_000
    ):
        page.locator('button[type="submit"], input[type="submit"]').first.click()
    page.locator('.tabulator-cell[tabulator-field="duration"]').first.wait_for(timeout=60_000)


def test_a_viewer_has_no_editable_cell_and_no_save(page, plan_copy, tmp_path):
    users = tmp_path / "users.json"
    add_user(users, "sam", "viewer pass", "viewer")
    add_user(users, "dana", "editor pass", "editor")
    with served_dashboard(plan_copy, extra_args=("--basic-auth", str(users))) as url:
        page.goto(url)
        assert "/login" in page.url  # nobody gets in without logging in
        log_in(page, url, "sam", "viewer pass")
        page.locator(".wb-user", has_text="sam (viewer)").wait_for(timeout=30_000)
        assert page.locator(".wb-tasks-table .tabulator-cell").count() > 50
        assert page.locator(".wb-tasks-table .tabulator-editable").count() == 0
        cell = page.locator('.wb-tasks-table .tabulator-cell[tabulator-field="duration"]').first
        cell.click()
        page.wait_for_timeout(500)
        assert cell.locator("input").count() == 0
        assert page.locator(".wb-save").count() == 0 and page.locator(".wb-undo").count() == 0
        page.locator(".wb-read-only").wait_for(timeout=10_000)
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "viewer-page.png"), full_page=True)
        # The same page as an editor: the cells are editable (the check above can fail).
        page.goto(url.rstrip("/") + "/logout")
        log_in(page, url, "dana", "editor pass")
        page.locator(".wb-user", has_text="dana (editor)").wait_for(timeout=30_000)
        assert page.locator(".wb-tasks-table .tabulator-editable").count() > 50
