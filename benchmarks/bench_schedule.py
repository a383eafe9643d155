"""How fast is ``schedule()``? Random task networks of 1k, 10k and 100k tasks.

Each network has ~3 links per task of random type (FS/SS/FF/SF) and lag, from a lower
to a higher task number within a bounded span. By default the span is ``4 * sqrt(n)``,
so the depth (topological levels, the longest chain of linked tasks) grows like
``sqrt(n)``: ~50 levels at 1k tasks, ~170 at 10k, ~550 at 100k. ``--span 100`` gives
much deeper networks (~580 levels at 10k, ~5,900 at 100k) as a worst case.
For each size the table shows the median time of

- ``Plan.build`` validation (building the plan, outside the schedule timing),
- ``schedule()`` (compile, both passes, roll-up, calendar dating, result frame),
- a straightforward networkx CPM (graph from the plan's tables, topological sort,
  Python forward/backward loops over all four link types) as the baseline.

Run: ``.venv/bin/python benchmarks/bench_schedule.py [--sizes 1000 10000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

import networkx as nx
import numpy as np

from workbench.engine import schedule
from workbench.engine.scheduling.compiled import compile_plan
from workbench.model import Plan
from workbench.model.project import project_from_dict

TYPES = np.array(["FS", "SS", "FF", "SF"])


def random_rows(n: int, links_per_task: float = 3.0, span: int | None = None,
                seed: int = 0) -> tuple[list[dict], list[dict]]:
    """Task and link rows of a random acyclic network (edges go to higher numbers)."""
    rng = np.random.default_rng(seed)
    span = span or round(4 * np.sqrt(n))
    duration = rng.integers(1, 41, n) / 2
    duration[rng.random(n) < 0.05] = 0
    m = int(n * links_per_task)
    dst = rng.integers(1, n, m)
    src = dst - rng.integers(1, span + 1, m)
    keep = src >= 0
    pairs = np.unique(np.stack([src[keep], dst[keep]], axis=1), axis=0)
    kind = rng.choice(TYPES, len(pairs), p=[0.7, 0.1, 0.1, 0.1])
    lag = rng.integers(-2, 4, len(pairs)) * (rng.random(len(pairs)) < 0.3)
    ids = [f"T{i}" for i in range(n)]
    tasks = [{"id": ids[i], "name": f"Task {i}", "duration": float(duration[i])}
             for i in range(n)]
    links = [{"from": ids[s], "to": ids[d], "type": str(k), "lag": float(g)}
             for (s, d), k, g in zip(pairs.tolist(), kind.tolist(), lag.tolist(), strict=True)]
    return tasks, links


def networkx_cpm(plan: Plan) -> float:
    """Textbook CPM with networkx and Python loops; returns the project length."""
    tasks, links = plan.tasks, plan.links
    duration = dict(zip(tasks["id"], tasks["duration"].fillna(0.0), strict=True))
    graph = nx.DiGraph()
    graph.add_nodes_from(duration)
    for a, b, kind, lag in zip(links["from"], links["to"], links["type"], links["lag"],
                               strict=True):
        graph.add_edge(a, b, kind=kind, lag=lag)
    order = list(nx.topological_sort(graph))
    es: dict[str, float] = {}
    for node in order:
        d = duration[node]
        start = 0.0
        for pred, _, data in graph.in_edges(node, data=True):
            kind, lag, dp = data["kind"], data["lag"], duration[pred]
            if kind == "FS":
                cand = es[pred] + dp + lag
            elif kind == "SS":
                cand = es[pred] + lag
            elif kind == "FF":
                cand = es[pred] + dp + lag - d
            else:
                cand = es[pred] + lag - d
            start = max(start, cand)
        es[node] = start
    end = max((es[v] + duration[v] for v in order), default=0.0)
    ls: dict[str, float] = {}
    for node in reversed(order):
        d = duration[node]
        late = end - d
        for _, succ, data in graph.out_edges(node, data=True):
            kind, lag, ds = data["kind"], data["lag"], duration[succ]
            if kind == "FS":
                cand = ls[succ] - lag - d
            elif kind == "SS":
                cand = ls[succ] - lag
            elif kind == "FF":
                cand = ls[succ] + ds - lag - d
            else:
                cand = ls[succ] + ds - lag
            late = min(late, cand)
        ls[node] = late
    return end


def median_ms(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--span", type=int, default=None,
                        help="max task-number distance of a link (default 4*sqrt(n))")
    args = parser.parse_args()
    project = project_from_dict({"name": "bench", "start": dt.date(2027, 1, 4),
                                 "calendar": {"country": "DE"}})
    header = (f"{'tasks':>8} {'links':>8} {'levels':>7} {'build ms':>9} {'compile ms':>10} "
              f"{'ours ms':>8} {'networkx ms':>12} {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        tasks, links = random_rows(n, span=args.span)
        t0 = time.perf_counter()
        plan = Plan.build(project, tasks=tasks, links=links)
        build = (time.perf_counter() - t0) * 1000
        ours = schedule(plan)
        nx_length = networkx_cpm(plan)
        if abs(ours.length - nx_length) > 1e-9:
            raise SystemExit(f"mismatch at n={n}: ours {ours.length} vs networkx {nx_length}")
        levels = int(compile_plan(plan).level.max()) + 1
        repeat = args.repeat if n <= 10_000 else max(3, args.repeat // 2)
        compile_ms = median_ms(lambda plan=plan: compile_plan(plan), repeat)
        ours_ms = median_ms(lambda plan=plan: schedule(plan), repeat)
        nx_ms = median_ms(lambda plan=plan: networkx_cpm(plan), max(1, repeat // 2))
        print(f"{n:>8} {len(plan.links):>8} {levels:>7} {build:>9.0f} {compile_ms:>10.1f} "
              f"{ours_ms:>8.1f} {nx_ms:>12.1f} {nx_ms / ours_ms:>6.1f}")


if __name__ == "__main__":
    main()
