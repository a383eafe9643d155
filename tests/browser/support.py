"""Running the real dashboard server and reading its page: shared by tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served_dashboard(plan: Path, read_only: bool = False, timeout: float = 90,
                     extra_args: tuple[str, ...] = ()) -> Iterator[str]:
    """Run ``workbench serve PLAN [extra_args]`` in its own process group; yield the page URL."""
    port = free_port()
    command = [sys.executable, "-m", "workbench.cli", "serve", str(plan), "--port", str(port),
               "--address", "127.0.0.1"]
    if read_only:
        command.append("--read-only")
    command.extend(extra_args)
    env = {**os.environ, "TZ": "UTC"}
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                raise RuntimeError(f"workbench serve exited early:\n{output}")
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"dashboard did not answer at {url}") from None
                time.sleep(0.3)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def open_dashboard(page, url: str) -> None:
    """Load the page and wait until its websocket is open and the tables are drawn."""
    with page.expect_console_message(
        lambda msg: "Websocket connection 0 is now open" in msg.text, timeout=60_000
    ):
        page.goto(url)
    page.locator('.tabulator-cell[tabulator-field="duration"]').first.wait_for(timeout=60_000)


# JavaScript run in the page: the Gantt bar data per task id, and the Gantt x range.
GANTT_BARS_JS = """() => {
  const out = {};
  for (const m of Bokeh.documents[0].all_models) {
    if (m.constructor.__name__ !== 'ColumnDataSource') continue;
    const data = m.data instanceof Map ? Object.fromEntries(m.data) : m.data;
    if (data.id && data.right && data.kind) {
      for (let i = 0; i < data.id.length; i++) {
        if (data.kind[i] === 'bar') out[data.id[i]] = Number(data.right[i]);
      }
    }
  }
  return out;
}"""

GANTT_X_RANGE_JS = """() => {
  for (const m of Bokeh.documents[0].all_models) {
    if (m.constructor.__name__ === 'Figure' || m.constructor.__name__ === 'Plot') {
      if (m.x_range && m.x_range.start > 1e12) return [m.x_range.start, m.x_range.end];
    }
  }
  return null;
}"""

SET_GANTT_X_RANGE_JS = """([start, end]) => {
  for (const m of Bokeh.documents[0].all_models) {
    if ((m.constructor.__name__ === 'Figure' || m.constructor.__name__ === 'Plot')
        && m.x_range && m.x_range.start > 1e12) {
      m.x_range.setv({start: start, end: end});
      return true;
    }
  }
  return false;
}"""


def task_cell(page, task_id: str, field: str):
    """The cell of column ``field`` in the task table row of ``task_id``."""
    table = page.locator(".wb-tasks-table")
    row = table.locator(".tabulator-row", has=page.locator(
        '.tabulator-cell[tabulator-field="id"]', has_text=re.compile(rf"^{re.escape(task_id)}$")))
    return row.locator(f'.tabulator-cell[tabulator-field="{field}"]')


def edit_cell(page, cell, text: str) -> None:
    """Click a Tabulator cell, type a new value and press Enter."""
    cell.click()
    editor = cell.locator("input")
    editor.wait_for(timeout=10_000)
    editor.fill(text)
    editor.press("Enter")
