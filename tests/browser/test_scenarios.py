"""The Scenarios tab in a real headless Chromium: move a slider, see the KPIs and diff Gantt."""

from __future__ import annotations

from tests.browser.support import open_dashboard

# Per task id, how the draft scenario moved its bar in the diff Gantt.
DIFF_BARS_JS = """() => {
  const out = {};
  for (const m of Bokeh.documents[0].all_models) {
    if (m.constructor.__name__ !== 'ColumnDataSource') continue;
    const data = m.data instanceof Map ? Object.fromEntries(m.data) : m.data;
    // Scenario bars sit in the upper part of their row (y0 = row - 0.36), base bars lower.
    if (data.id && data.change && data.y0 && ((data.y0[0] % 1) + 1) % 1 > 0.5) {
      for (let i = 0; i < data.id.length; i++) out[data.id[i]] = data.change[i];
    }
  }
  return out;
}"""


def draft_row(page) -> str:
    row = page.locator(".wb-scenario-kpis .tabulator-row", has_text="draft")
    return row.inner_text()


def test_moving_the_delay_slider_updates_table_and_diff_gantt(page, dashboard, tmp_path):
    open_dashboard(page, dashboard)
    page.locator(".bk-tab", has_text="Scenarios").click()
    page.locator(".wb-scenario-kpis .tabulator-row", has_text="draft").wait_for(timeout=30_000)
    page.locator(".wb-scenario-task select").select_option("M3")
    before = draft_row(page)
    assert "2027-08-25" in before
    handle = page.locator(".wb-scenario-delay .noUi-handle")
    handle.focus()
    for _ in range(15):
        handle.press("ArrowRight")
    page.locator(".wb-scenario-kpis .tabulator-row", has_text="draft").filter(
        has_text="2027-09-07").wait_for(timeout=20_000)
    page.wait_for_function(f"() => ({DIFF_BARS_JS})()['T16'] === 'later'", timeout=20_000)
    bars = page.evaluate(DIFF_BARS_JS)
    assert bars["T1"] == "same" and bars["M3"] == "later"
    page.screenshot(path=str(tmp_path / "scenarios.png"), full_page=True)
    assert (tmp_path / "scenarios.png").stat().st_size > 10_000
