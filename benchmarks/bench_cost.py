"""How fast are cost roll-up, time-phased cost and earned value? Plans of 1k, 10k, 100k tasks.

Each plan has a work package (summary) per 20 tasks, chains of finish-to-start links
inside each package, one or two assignments per task (rates 400-1,200 a day, a few
resources with days off), a cost line on every tenth task (half of them dated), a
baseline (``set_baseline``), 30 % of the tasks in progress with an actual each, and a
status date a third into the project. Per size, the median time of

- ``cost_items``: the plan's labour and cost lines as spread items (pandas joins),
- ``task_costs``: work and cost per task, rolled up the WBS (given the items),
- ``daily_series``: the time-phased kernel, planned + baseline + actual per working
  day (given the items), the 5 ms target at 100k tasks,
- ``time_phased_cost(freq="W")``: the whole call, items and weekly buckets included,
- ``earned_value``: the whole call for the project and ``by="task"`` (the 100 ms target),

against straightforward per-task Python loops doing the same sums (one loop over
assignments and summaries for the roll-up, one over every item's days for the
time-phasing, one over tasks for earned value), run in the same process.

Run: ``.venv/bin/python benchmarks/bench_cost.py [--sizes 1000 10000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from workbench.engine import earned_value, schedule, set_baseline, task_costs
from workbench.engine.money.baseline import measurement_baseline
from workbench.engine.money.cost import cost_items
from workbench.engine.money.time_phased import daily_series, time_phased_cost
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.model import Plan
from workbench.model.project import project_from_dict

PACKAGE = 20


def build_plan(n: int, seed: int = 0) -> Plan:
    """A plan of about ``n`` leaf tasks with costs, a baseline, progress and actuals."""
    rng = np.random.default_rng(seed)
    packages = max(1, n // PACKAGE)
    tasks, links, assignments = [], [], []
    duration = rng.integers(1, 21, n) / 2
    for p in range(packages):
        tasks.append({"id": f"W{p}", "name": f"Package {p}"})
    for i in range(n):
        p = i % packages
        tasks.append({"id": f"T{i}", "parent": f"W{p}", "duration": float(duration[i])})
        if i >= packages:
            links.append({"from": f"T{i - packages}", "to": f"T{i}"})
    resources = [{"id": f"R{r}", "rate": float(rng.integers(400, 1201)),
                  "time_off": ["2027-02-15..2027-02-19"] if r % 7 == 0 else []}
                 for r in range(50)]
    who = rng.integers(0, 50, n)
    for i in range(n):
        assignments.append({"task": f"T{i}", "resource": f"R{who[i]}", "units": 1.0})
        if i % 3 == 0:
            assignments.append({"task": f"T{i}", "resource": f"R{(who[i] + 1) % 50}",
                                "units": 0.5})
    cost_lines = [{"id": f"C{i}", "category": "hardware" if i % 20 else "cloud",
                   "task": f"T{i}", "amount": float(rng.integers(100, 5000)),
                   **({"date": "2027-03-01"} if i % 20 == 0 else {})}
                  for i in range(0, n, 10)]
    project = project_from_dict({"name": f"bench {n}", "start": "2027-01-04"})
    plan = Plan.build(project, tasks=tasks, links=links, resources=resources,
                      assignments=assignments, cost_lines=cost_lines)
    plan = set_baseline(plan)
    sched = schedule(plan)
    status = sched.start + (sched.finish - sched.start) / 3
    share = np.clip((status - sched.tasks["start"]) / (sched.tasks["finish"] - sched.tasks["start"]
                                                       + pd.Timedelta(days=1)), 0, 1)
    progress = (share * 100 * rng.uniform(0.8, 1.1, len(share))).clip(0, 100)
    leaf = ~sched.tasks["is_summary"].to_numpy()
    busy = np.flatnonzero(leaf & (progress.to_numpy() > 0))
    ids = sched.tasks.index.to_numpy()
    actuals = pd.DataFrame({"date": status.normalize(), "task": ids[busy],
                            "amount": rng.uniform(100, 3000, len(busy))})
    return plan.replace(tasks=plan.tasks.assign(percent_complete=np.where(leaf, progress, 0)),
                        actuals=actuals,
                        project=plan.project.replace(status_date=status.date()))


def loop_roll_up(plan: Plan, sched) -> dict[str, float]:
    """Per assignment, then per task up its parents: the cost every summary carries."""
    rate = dict(zip(plan.resources["id"], plan.resources["rate"], strict=True))
    parent = dict(zip(plan.tasks["id"], plan.tasks["parent"], strict=True))
    length = dict(zip(sched.tasks.index, sched.tasks["finish_offset"]
                      - sched.tasks["start_offset"], strict=True))
    cost: dict[str, float] = dict.fromkeys(plan.tasks["id"], 0.0)
    for task, resource, units in zip(plan.assignments["task"], plan.assignments["resource"],
                                     plan.assignments["units"], strict=True):
        amount = units * length[task] * rate[resource]
        node = task
        while node:
            cost[node] += amount
            node = parent[node]
    for task, amount in zip(plan.cost_lines["task"], plan.cost_lines["amount"], strict=True):
        node = task
        while node:
            cost[node] += amount
            node = parent[node]
    return cost


def loop_daily(items, n_days: int) -> np.ndarray:
    """Every item's amount added day by day."""
    daily = np.zeros(n_days + 1)
    for s, f, a in zip(items.start.tolist(), items.finish.tolist(), items.amount.tolist(),
                       strict=True):
        rate = a / (f - s)
        day = math.floor(s)
        while day < f:
            daily[day] += rate * (min(f, day + 1) - max(s, day))
            day += 1
    return daily


def loop_evm(plan: Plan, calendar: WorkCalendar) -> tuple[float, float, float]:
    """PV, EV and AC task by task, from the plan's baseline rows, progress and actuals."""
    cal, origin = calendar.busdaycal, calendar.start
    one_day = np.timedelta64(1, "D")
    status = np.datetime64(plan.project.status_date, "D")
    at = float(np.busday_count(origin, status + one_day, busdaycal=cal))
    current = plan.project.current_baseline
    base = {row.task: (row.start, row.finish, row.cost)
            for row in plan.baselines.itertuples() if row.baseline == current}
    summaries = set(plan.tasks["parent"])
    pv = ev = 0.0
    for task, done in zip(plan.tasks["id"], plan.tasks["percent_complete"], strict=True):
        if task in summaries or task not in base:
            continue
        start, finish, cost = base[task]
        s = float(np.busday_count(origin, np.datetime64(start, "D"), busdaycal=cal))
        f = float(np.busday_count(origin, np.datetime64(finish, "D") + one_day, busdaycal=cal))
        f = max(f, s + 1)
        pv += cost * min(1.0, max(0.0, (at - s) / (f - s)))
        ev += cost * done / 100
    stamp = pd.Timestamp(status)
    ac = sum(a for d, a in zip(plan.actuals["date"], plan.actuals["amount"], strict=True)
             if d <= stamp)
    return pv, ev, ac


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def measure(n: int, repeat: int) -> str:
    """One table row: every timing for a plan of ``n`` tasks."""
    plan = build_plan(n)
    sched = schedule(plan)
    calendar = WorkCalendar(plan.project)
    items = cost_items(sched, calendar)
    base = measurement_baseline(sched, calendar)
    day = calendar.start_offset(plan.actuals["date"].to_numpy("datetime64[D]"))
    amount = plan.actuals["amount"].to_numpy()
    first, daily = daily_series(items, base, day, amount)
    # The loops must agree with the engine before they are timed.
    costs = task_costs(sched, items)
    looped = loop_roll_up(plan, sched)
    assert np.isclose(costs.loc["W0", "cost"], looped["W0"], rtol=1e-3)
    assert np.allclose(loop_daily(items, daily.shape[1])[:-1], daily[0])
    evm = earned_value(plan).iloc[0]
    assert np.allclose(loop_evm(plan, calendar), (evm["pv"], evm["ev"], evm["ac"]))

    r = repeat
    reps_loop = 1 if n >= 100000 else r
    t_items = median_ms(lambda: cost_items(sched, calendar), r)
    t_costs = median_ms(lambda: task_costs(sched, items), r)
    t_roll_loop = median_ms(lambda: loop_roll_up(plan, sched), reps_loop)
    t_daily = median_ms(lambda: daily_series(items, base, day, amount), r)
    t_daily_loop = median_ms(lambda: loop_daily(items, daily.shape[1]), reps_loop)
    t_weekly = median_ms(lambda: time_phased_cost(sched, "W"), r)
    t_evm = median_ms(lambda: earned_value(sched), r)
    t_evm_task = median_ms(lambda: earned_value(sched, by="task"), r)
    t_evm_loop = median_ms(lambda: loop_evm(plan, calendar), reps_loop)
    return (f"{n:>7} {len(items.amount):>7} {daily.shape[1]:>5} | {t_items:>8.1f}ms "
            f"{t_costs:>8.1f}ms {t_roll_loop:>6.0f}ms {t_roll_loop / t_costs:>5.0f} | "
            f"{t_daily:>5.2f}ms {t_daily_loop:>6.0f}ms {t_daily_loop / t_daily:>6.0f} "
            f"{t_weekly:>5.0f}ms | {t_evm:>5.1f}ms {t_evm_task:>5.0f}ms {t_evm_loop:>5.0f}ms "
            f"{t_evm_loop / t_evm:>5.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    header = (f"{'tasks':>7} {'items':>7} {'days':>5} | {'cost_items':>10} {'task_costs':>10} "
              f"{'loop':>8} {'x':>5} | {'daily':>7} {'loop':>8} {'x':>6} {'weekly':>7} | "
              f"{'evm':>7} {'by task':>7} {'loop':>7} {'x':>5}")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        print(measure(n, args.repeat), flush=True)
    print("\nTargets: daily (time-phased kernel) <= 5 ms and evm <= 100 ms at 100,000 tasks. "
          f"Run on {dt.date.today()}.")


if __name__ == "__main__":
    main()
