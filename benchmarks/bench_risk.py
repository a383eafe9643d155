"""How fast is ``simulate()``? Monte Carlo schedule risk on random task networks.

Networks come from ``bench_schedule.random_rows`` (~3 links per task, all four link
types, lags and leads); every task gets a three-point estimate (0.8, 1.0, 1.5 times
its duration, triangular) and a register of 20 risks hits random tasks. Cases:

- 1,000 tasks × 10,000 iterations with the criticality index (target <= 0.3 s);
- 3,614 tasks × 1,000 iterations with the criticality index (target <= 0.15 s).

For each case the table shows the median wall time of ``simulate()`` (sampling, risk
events, forward and backward passes, criticality counts, costs; sensitivity is lazy and
timed separately), and a naive baseline in the same process: a Python loop over the
iterations that runs the engine's one-plan CPM passes (``run_passes`` on one duration
vector) per iteration. The baseline runs only ``--baseline-iterations`` iterations and
is **extrapolated** linearly to the case's iteration count (marked "extrapolated").

Run: ``.venv/bin/python benchmarks/bench_risk.py [--repeat 3] [--baseline-iterations 200]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
from bench_schedule import random_rows

import workbench
from workbench.engine.scheduling.compiled import compile_plan
from workbench.engine.scheduling.cpm import run_passes
from workbench.model import Plan
from workbench.model.project import project_from_dict

CASES = ((1_000, 10_000, 0.3), (3_614, 1_000, 0.15))


def risk_plan(n: int, seed: int = 0) -> Plan:
    """A random network with three-point estimates and a 20-risk register."""
    tasks, links = random_rows(n, seed=seed)
    for task in tasks:
        d = task["duration"]
        task.update(optimistic=0.8 * d, most_likely=d, pessimistic=1.5 * d)
    rng = np.random.default_rng(seed)
    risks = [{"id": f"RK{j}", "probability": float(rng.uniform(0.05, 0.5)),
              "schedule_impact": "2, 5, 10", "cost_impact": "1000, 5000, 20000",
              "tasks": ", ".join(f"T{i}" for i in rng.choice(n, 3, replace=False))}
             for j in range(20)]
    return Plan.build(project_from_dict({"name": f"bench {n}", "start": "2027-01-04"}),
                      tasks=tasks, links=links, risks=risks)


def naive_loop(plan: Plan, iterations: int, seed: int) -> np.ndarray:
    """Per-iteration baseline: sample one duration vector, run both passes, count critical."""
    net = compile_plan(plan)
    rng = np.random.default_rng(seed)
    tasks = plan.tasks
    low, mode, high = (tasks[c].to_numpy(dtype=np.float64)
                       for c in ("optimistic", "most_likely", "pessimistic"))
    critical = np.zeros(net.n)
    lengths = np.empty(iterations)
    for i in range(iterations):
        d = np.where(high > low, rng.triangular(low, mode, np.maximum(high, low + 1e-12)), mode)
        passes = run_passes(net, d)
        lengths[i] = passes.project_end
        critical += passes.total_float <= 1e-9
    return lengths


def timings(fn, repeat: int) -> tuple[float, float]:
    """Median and best wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-iterations", type=int, default=200)
    args = parser.parse_args()
    header = (f"{'tasks':>6} {'links':>6} {'levels':>6} {'iters':>7} {'median s':>8} "
              f"{'best s':>7} {'target s':>8} {'sens. s':>7} {'base iters':>10} "
              f"{'baseline s':>22} {'speed-up':>8}")
    print(header)
    print("-" * len(header))
    for n, iterations, target in CASES:
        plan = risk_plan(n)
        net = compile_plan(plan)
        workbench.simulate(plan, iterations=200, seed=0, compiled=net)  # warm caches
        t_sim, t_best = timings(lambda plan=plan, net=net, iterations=iterations:
                                workbench.simulate(plan, iterations=iterations, seed=1,
                                                   compiled=net), args.repeat)
        result = workbench.simulate(plan, iterations=iterations, seed=1, compiled=net)
        t0 = time.perf_counter()
        result.sensitivity  # noqa: B018 - computed on first use
        t_sens = time.perf_counter() - t0
        base_iters = min(args.baseline_iterations, iterations)
        t_base, _ = timings(lambda plan=plan, k=base_iters: naive_loop(plan, k, 1), 1)
        t_base_full = t_base * iterations / base_iters
        note = " (extrapolated)" if base_iters < iterations else ""
        print(f"{n:>6} {len(net.src):>6} {len(net.forward.bounds):>6} {iterations:>7} "
              f"{t_sim:>8.3f} {t_best:>7.3f} {target:>8.2f} {t_sens:>7.2f} {base_iters:>10} "
              f"{t_base_full:>8.1f}{note:>14} {t_base_full / t_sim:>7.0f}x")
    print("\nsimulate: float32, criticality index on, 20 risk events, labour costs; median and "
          f"best of {args.repeat} runs; speed-up against the median. sens. = Spearman "
          "sensitivity of every task (lazy, first use).")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("baseline: Python loop over iterations, engine CPM on one duration vector each.")


if __name__ == "__main__":
    main()
