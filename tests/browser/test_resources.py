"""The Resources tab in a real headless Chromium: click a resource, see its tasks stand out."""

from __future__ import annotations

from tests.browser.support import open_dashboard
from workbench.charts.gantt_chart import FADED_ALPHA

# Jonas Schulz (R6, data engineer) in the sample plan's assignments table.
R6_TASKS = {"T5", "T7", "T8", "T10", "T11", "T12", "T28", "T29", "T30", "T32"}

# Per Gantt rectangles source in the page, the opacity of each task's work bar.
BAR_ALPHA_JS = """() => {
  const out = [];
  for (const m of Bokeh.documents[0].all_models) {
    if (m.constructor.__name__ !== 'ColumnDataSource') continue;
    const data = m.data instanceof Map ? Object.fromEntries(m.data) : m.data;
    if (!(data.id && data.kind && data.alpha && data.right)) continue;
    const bars = {};
    for (let i = 0; i < data.id.length; i++) {
      if (data.kind[i] === 'bar') bars[data.id[i]] = Number(data.alpha[i]);
    }
    out.push(bars);
  }
  return out;
}"""


def test_clicking_a_resource_row_highlights_its_tasks_in_the_gantt(page, dashboard):
    open_dashboard(page, dashboard)
    # The first "Resources" tab is the dashboard's; the plan view's editors have one too.
    page.locator(".bk-tab", has_text="Resources").first.click()
    row = page.locator(".wb-resource-list .tabulator-row", has_text="Jonas Schulz")
    row.wait_for(timeout=30_000)
    page.locator(".wb-resource-gantt canvas").first.wait_for(timeout=30_000)
    assert all(alpha == 1 for bars in page.evaluate(BAR_ALPHA_JS) for alpha in bars.values())
    row.locator('.tabulator-cell[tabulator-field="name"]').click()
    page.wait_for_function(
        f"() => ({BAR_ALPHA_JS})().some(bars => bars['T7'] === 1 && bars['T1'] < 1)",
        timeout=20_000)
    highlighted = [bars for bars in page.evaluate(BAR_ALPHA_JS)
                   if any(alpha < 1 for alpha in bars.values())]
    assert len(highlighted) == 1  # the Resources tab's Gantt; the Plan tab's stays as is
    bars = highlighted[0]
    assert {task for task, alpha in bars.items() if alpha == 1} == R6_TASKS
    assert {alpha for task, alpha in bars.items() if task not in R6_TASKS} == {
        FADED_ALPHA}
    # The Select and the list show the pick too.
    assert page.locator(".wb-resource-select select").input_value() == "R6"
    assert "tabulator-selected" in row.get_attribute("class")
