"""How live is the workbench? Time from a duration edit to new Gantt data.

For plans of 50, 1,000 and 5,000 tasks (random networks from ``bench_schedule``,
grouped under one summary per 25 tasks), two measurements:

- **server**: ``TableEditor.edit_cell`` on a critical task of a workbench whose
  Gantt is rendered into a Bokeh document, until the Gantt's data sources hold the
  new bars. Split into the schedule alone (the engine's share, the simple baseline
  the rest is compared against), and the whole edit (validation, schedule, table
  refresh, KPI and Gantt update).
- **browser**: the real ``workbench serve`` in a subprocess and Debian's Chromium
  through Playwright: from the Enter key that commits the edited cell to the moment
  the page's Gantt data source shows the moved bar.

Run: ``.venv/bin/python benchmarks/bench_live_edit.py [--sizes 50 1000] [--no-browser]``.
Targets: <= 150 ms server side and <= 300 ms in the browser at 1,000 tasks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_schedule import random_rows  # noqa: E402

from workbench.engine import schedule  # noqa: E402
from workbench.io import save_plan  # noqa: E402
from workbench.model import Plan  # noqa: E402
from workbench.model.project import project_from_dict  # noqa: E402


def summary_plan(n: int, seed: int = 0) -> Plan:
    """A random network of ``n`` tasks under summaries of 25 tasks each."""
    tasks, links = random_rows(n, links_per_task=1.5, seed=seed)
    summaries = [{"id": f"W{k}", "name": f"Work package {k}"} for k in range(0, n, 25)]
    for i, task in enumerate(tasks):
        task["parent"] = f"W{i - i % 25}"
        task["name"] = f"Task {i} of package {i // 25}"
    rows = []
    for k, summary in enumerate(summaries):
        rows += [summary, *tasks[k * 25:(k + 1) * 25]]
    project = project_from_dict({"name": f"Bench {n}", "start": "2027-01-04",
                                 "calendar": {"country": "DE"}})
    return Plan.build(project, tasks=rows, links=links)


def critical_task(plan: Plan) -> str:
    sched = schedule(plan)
    work = sched.tasks[~sched.tasks["is_summary"] & (sched.tasks["duration"] > 0)]
    return str(work.index[work["critical"]][len(work.index[work["critical"]]) // 2])


def server_side(plan: Plan, repeat: int) -> tuple[float, float]:
    """Median ms of schedule() alone and of a full edit until the Gantt sources change."""
    import holoviews as hv
    import panel as pn
    from bokeh.document import Document

    from workbench.ui import Workbench, WorkbenchState

    pn.extension("tabulator")
    hv.extension("bokeh")
    bench = Workbench(state=WorkbenchState(plan))
    root = bench.__panel__().get_root(Document())
    assert root is not None
    task = critical_task(plan)
    base = float(plan.tasks.set_index("id").loc[task, "duration"])
    engine, full = [], []
    for k in range(repeat):
        value = base + 1 + k % 2
        start = time.perf_counter()
        schedule(plan)
        engine.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert bench.editors["tasks"].edit_cell(task, "duration", value)
        full.append(time.perf_counter() - start)
        assert bench.gantt.data["bars"].set_index("id").loc[task, "duration"] == value
    return statistics.median(engine) * 1e3, statistics.median(full) * 1e3


def browser_side(plan: Plan, repeat: int) -> float | None:
    """Median ms from Enter in a duration cell to the moved bar in the page's data."""
    from playwright.sync_api import sync_playwright

    from tests.browser.support import (
        CHROMIUM_ARGS,
        GANTT_BARS_JS,
        chromium_path,
        open_dashboard,
        served_dashboard,
        task_cell,
    )

    if chromium_path() is None:
        return None
    # The task table draws only the rows in view: edit the first work task, whose bar
    # moves with its duration whether or not it is critical.
    task = str(plan.tasks.loc[plan.tasks["duration"] > 0, "id"].iloc[0])
    with tempfile.TemporaryDirectory() as folder:
        path = save_plan(plan, Path(folder) / "bench.yaml")
        with served_dashboard(path) as url, sync_playwright() as play:
            browser = play.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.set_default_timeout(120_000)
            open_dashboard(page, url)
            times = []
            for k in range(repeat):
                before = page.evaluate(GANTT_BARS_JS)[task]
                cell = task_cell(page, task, "duration")
                cell.click()
                editor = cell.locator("input")
                editor.fill(str(float(cell.inner_text() or 0) + 1 + k % 2))
                start = time.perf_counter()
                editor.press("Enter")
                page.wait_for_function(
                    f"([bars, before]) => (({GANTT_BARS_JS})()[{task!r}] !== before)",
                    arg=[None, before], polling="raf")
                times.append(time.perf_counter() - start)
            browser.close()
    return statistics.median(times) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print(f"{'tasks':>6} {'links':>6} {'schedule ms':>12} {'edit->gantt ms':>15} "
          f"{'ratio':>6} {'browser ms':>11}")
    for n in args.sizes:
        plan = summary_plan(n)
        engine_ms, full_ms = server_side(plan, args.repeat)
        browser_ms = None if args.no_browser else browser_side(plan, max(3, args.repeat // 2))
        shown = "skipped" if browser_ms is None else f"{browser_ms:.0f}"
        print(f"{len(plan.tasks):>6} {len(plan.links):>6} {engine_ms:>12.1f} {full_ms:>15.1f} "
              f"{full_ms / engine_ms:>6.1f} {shown:>11}", flush=True)


if __name__ == "__main__":
    main()
