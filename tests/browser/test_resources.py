"""The Resources tab in a real browser: clicking a resource highlights its tasks."""

from __future__ import annotations

import time

from tests.browser.support import open_dashboard

R6_TASKS = {"T5", "T7", "T8", "T10", "T11", "T12", "T28", "T29", "T30", "T32"}

# Per Gantt source in the page: the opacity of each work bar, by task id.
BAR_ALPHA_JS = """() => {
  const out = [];
  for (const m of Bokeh.documents[0].all_models) {
    if (m.constructor.__name__ !== 'ColumnDataSource') continue;
    const d = m.data instanceof Map ? Object.fromEntries(m.data) : m.data;
    if (!(d.id && d.kind && d.alpha)) continue;
    const bars = {};
    for (let i = 0; i < d.id.length; i++) {
      if (d.kind[i] === 'bar') bars[d.id[i]] = Number(d.alpha[i]);
    }
    out.push(bars);
  }
  return out;
}"""


def highlighted(bars: dict[str, float]) -> set[str]:
    return {task for task, alpha in bars.items() if alpha > 0.5}


def wait_for_gantt(page, predicate, timeout: float = 20.0) -> list[dict[str, float]]:
    deadline = time.monotonic() + timeout
    while True:
        sources = page.evaluate(BAR_ALPHA_JS)
        if any(predicate(bars) for bars in sources) or time.monotonic() > deadline:
            return sources
        time.sleep(0.2)


def test_clicking_a_resource_highlights_its_tasks(page, dashboard):
    open_dashboard(page, dashboard)
    # The main tab bar (the one with Budget), not the plan's Resources table tab.
    page.locator(".bk-header:has(.bk-tab:text-is('Budget')) .bk-tab:text-is('Resources')").click()
    row = page.locator(".wb-resource-list .tabulator-row", has=page.locator(
        '.tabulator-cell[tabulator-field="resource"]', has_text="R6"))
    row.first.wait_for(timeout=30_000)
    wait_for_gantt(page, lambda bars: len(bars) > 30)
    row.first.click()
    sources = wait_for_gantt(page, lambda bars: highlighted(bars) == R6_TASKS)
    assert any(highlighted(bars) == R6_TASKS and len(bars) > len(R6_TASKS)
               for bars in sources), sources
    page.locator(".wb-loading").wait_for(timeout=10_000)
    # Clicking the row again clears the highlight.
    row.first.click()
    sources = wait_for_gantt(page, lambda bars: len(bars) > 30 and highlighted(bars) == set(bars))
    assert any(len(bars) > 30 and highlighted(bars) == set(bars) for bars in sources), sources
