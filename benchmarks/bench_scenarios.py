"""How fast are scenario comparisons and sweeps? A 1,000-task plan, 10 scenarios, 50 values.

The plan is a random network from ``bench_schedule.random_rows`` (1,000 tasks, ~3 links
per task) with 20 resources in 5 roles and one or two assignments per task. The table
shows the median time of

- ``compare(plan, 10 scenarios)``: eight number-only what-ifs (durations, a branch
  scaled, a delay, capacity, rates, extra staff, a later start, extra days off) and two
  that change the network (a task removed, a link added), all KPIs;
- ``sweep(plan, scale a group of tasks, 50 factors)``: compiled on the base's network;

each done the workbench's way (a :class:`ScenarioRunner` reusing the base's compiled
plan and skipping network re-validation where the change allows) and the plain way as
a baseline in the same process: apply, ``Plan.build`` the result from scratch (full
validation), ``schedule`` it (compile from scratch), same KPIs.
Targets: compare <= 0.5 s, sweep <= 1 s.

Run: ``.venv/bin/python benchmarks/bench_scenarios.py [--tasks 1000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_schedule import random_rows  # noqa: E402

from workbench.engine import ScenarioRunner, apply, compare, schedule, sweep  # noqa: E402
from workbench.engine.scenarios.comparison import kpi_rows  # noqa: E402
from workbench.engine.scenarios.runner import Outcome  # noqa: E402
from workbench.model import Change, Plan, Scenario  # noqa: E402
from workbench.model.project import project_from_dict  # noqa: E402

ROLES = ("Developer", "Tester", "Analyst", "Engineer", "Architect")


def bench_plan(n: int, seed: int = 0) -> Plan:
    """A random 1,000-task network with resources, roles and assignments."""
    tasks, links = random_rows(n, seed=seed)
    rng = np.random.default_rng(seed)
    resources = [{"id": f"R{i}", "role": ROLES[i % len(ROLES)], "capacity": 1.0,
                  "rate": 500.0 + 10 * i} for i in range(20)]
    assignments = []
    for i, task in enumerate(tasks):
        task["owner"] = f"R{i % 20}"
        for r in rng.choice(20, size=1 + (i % 2), replace=False):
            assignments.append({"task": task["id"], "resource": f"R{r}",
                                "units": float(rng.choice([0.5, 1.0]))})
    project = project_from_dict({"name": "Benchmark", "start": "2027-01-04",
                                 "calendar": {"country": "DE"}})
    return Plan.build(project, tasks=tasks, links=links, resources=resources,
                      assignments=assignments)


def scenarios(plan: Plan) -> list[Scenario]:
    ids = plan.tasks["id"].tolist()
    links = plan.links
    free = next(f"{a}->{b}" for a, b in zip(ids[:-5], ids[5:], strict=True)
                if not ((links["from"] == a) & (links["to"] == b)).any())
    src, dst = free.split("->")
    changes = [
        [{"op": "set", "table": "tasks", "id": ids[10], "field": "duration", "value": 40}],
        [{"op": "scale", "table": "tasks", "ids": ids[100:300], "field": "duration",
          "factor": 1.3}],
        [{"op": "scale", "table": "tasks", "where": {"owner": "R3"}, "field": "duration",
          "factor": 0.8}],
        [{"op": "delay", "id": ids[50], "days": 10}],
        [{"op": "set", "table": "resources", "id": "R2", "field": "capacity", "value": 2}],
        [{"op": "scale", "table": "resources", "where": {"role": "Tester"}, "field": "rate",
          "factor": 1.1}],
        [{"op": "add_units", "role": "Developer", "units": 1}],
        [{"op": "shift_start", "days": 14}],
        [{"op": "remove", "table": "tasks", "id": ids[500]}],
        [{"op": "add", "table": "links", "row": {"from": src, "to": dst, "lag": 2}}],
    ]
    return [Scenario(f"s{i}", changes=tuple(c)) for i, c in enumerate(changes)]


def plain_outcome(plan: Plan, scenario: Scenario) -> Outcome:
    """No reuse: the applied plan rebuilt and validated from scratch, then scheduled."""
    applied = apply(plan, scenario)
    rebuilt = Plan.build(applied.project, **applied.tables)
    return Outcome(scenario.name, rebuilt, schedule(rebuilt), 3)


def plain_compare(plan: Plan, chosen: list[Scenario]) -> list[dict]:
    base = Outcome("plan", plan, schedule(plan), 3)
    return kpi_rows([base] + [plain_outcome(plan, s) for s in chosen], base)


def plain_sweep(plan: Plan, template: Change, values: list[float]) -> list[dict]:
    base = Outcome("plan", plan, schedule(plan), 3)
    outcomes = [plain_outcome(plan, Scenario(f"v{v}", changes=(template.with_parameter(v),)))
                for v in values]
    return kpi_rows(outcomes, base)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    plan = bench_plan(args.tasks)
    chosen = scenarios(plan)
    ids = plan.tasks["id"].tolist()
    template = Change("scale", table="tasks", ids=ids[::7], field="duration")
    values = np.linspace(0.5, 2.0, 50).round(3).tolist()

    # Same answers both ways before timing anything.
    fast = compare(plan, chosen).drop(columns=["description", "base"])
    plain = plain_compare(plan, chosen)
    assert fast["finish"].tolist() == [row["finish"] for row in plain]
    assert (sweep(plan, template, values)["working_days"].tolist()
            == [row["working_days"] for row in plain_sweep(plan, template, values)])

    rows = [
        ("compare, 10 scenarios", 0.5,
         median_time(lambda: compare(plan, chosen), args.repeat),
         median_time(lambda: plain_compare(plan, chosen), args.repeat)),
        ("sweep, 50 values", 1.0,
         median_time(lambda: sweep(plan, template, values), args.repeat),
         median_time(lambda: plain_sweep(plan, template, values), args.repeat)),
    ]
    runner = ScenarioRunner(plan)
    reuse = [runner.run(s).reuse for s in chosen]
    print(f"{len(plan.tasks)} tasks, {len(plan.links)} links, {len(plan.assignments)} "
          f"assignments; reuse levels of the 10 scenarios: {reuse} "
          "(0 all, 1 network+calendar, 2 network, 3 rebuild)")
    print(f"{'what':<24}{'target s':>10}{'workbench s':>13}{'no reuse s':>12}{'speed-up':>10}")
    for what, target, ours, baseline in rows:
        print(f"{what:<24}{target:>10.2f}{ours:>13.3f}{baseline:>12.3f}"
              f"{baseline / ours:>9.1f}x")


if __name__ == "__main__":
    main()
