"""How good and how fast is levelling? PSPLIB j30/j60 side by side, plus 1k/10k-task plans.

Per instance set and method the table shows the average % deviation of the makespan
from the reference, the number of instances that hit the reference, how many the
solver proved optimal, and the mean time per instance. References follow the
literature: on j30 the proven optimum (``j30opt.sm``); on j60 the critical-path
lower bound (``MPM-Time``), with hits counted against the best known makespan
(``j60hrs.sm``). Methods:

- ``baseline``: one pass of the serial SGS with the latest-finish-time rule (the
  textbook single-pass heuristic), implemented here;
- ``heuristic``: ``workbench.level``'s heuristic (sampling + forward-backward);
- ``cpsat``: the optimal mode (CP-SAT warm-started from the heuristic; a genetic
  search on the instances its first short run does not settle) at each
  ``--time-limits`` value; its time includes the heuristic.

Times are for the levelling itself on a built problem (``slot_problem``), not for
reading the file. Then the heuristic is timed on random 1k/10k-task plans with
resources (``--sizes``), end to end through ``workbench.level``.

Run all of it (about 20 min on 2 cores: most instances are solved or proven in well
under a second; at 10 s, 9 of j30 and 77 of j60 stay unproven and use the whole
limit)::

    .venv/bin/python benchmarks/bench_levelling.py

or a part: ``--sets j30 --methods baseline heuristic cpsat --time-limits 1 10 60
--instances 480 --sizes 1000 10000`` (at 60 s the solver proves all 480 j30 optima).
``--instances N`` takes N instances evenly spread over the set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

from workbench.engine import level
from workbench.engine.levelling.heuristic import level_starts
from workbench.engine.levelling.problem import slot_problem
from workbench.io.psplib import read_psplib, read_psplib_header
from workbench.model import Plan
from workbench.model.project import project_from_dict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_schedule import random_rows  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "psplib"


def solutions(path: Path, prefix: str) -> dict[str, int]:
    """Makespan per instance from a PSPLIB solution list (``Par Inst Makespan ...``)."""
    found = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            found[f"{prefix}{parts[0]}_{parts[1]}"] = int(parts[2])
    return found


def baseline(prob) -> tuple[object, np.ndarray]:
    """Single-pass serial SGS with the latest-finish-time rule (widening as needed)."""
    _, late = prob.unconstrained()
    key = (late + prob.p).astype(np.float64)
    while (start := prob.forward(prob.forward_list(key)))[0] < 0:
        prob = prob.widen()
    return prob, start


def run_method(prob, method: str, limit: float | None) -> tuple[np.ndarray, bool]:
    if method == "baseline":
        return baseline(prob)[1], False
    prob, start = level_starts(prob)
    if method == "heuristic":
        return start, False
    from workbench.engine.levelling.cpsat import solve

    result = solve(prob, hint=start, time_limit=limit, workers=2)
    return result.start, result.optimal


def bench_set(name: str, n: int | None, methods: list[str],
              limits: list[float]) -> list[tuple]:
    files = sorted((DATA / name).glob("*.sm"))
    if n is not None and n < len(files):
        files = [files[i] for i in np.linspace(0, len(files) - 1, n).round().astype(int)]
    if name == "j30":
        reference = solutions(DATA / "j30opt.sm", "j30")
        best = reference
    else:
        best = solutions(DATA / f"{name}hrs.sm", name)
        reference = {f.stem: read_psplib_header(f)["mpm_time"] for f in files}
    problems = [(f.stem, slot_problem(read_psplib(f))) for f in files]
    runs = [(m, None) for m in methods if m != "cpsat"]
    runs += [("cpsat", limit) for limit in limits if "cpsat" in methods]
    rows = []
    for method, limit in runs:
        dev, hits, proven, seconds = [], 0, 0, 0.0
        for stem, prob in problems:
            t0 = time.perf_counter()
            start, optimal = run_method(prob, method, limit)
            seconds += time.perf_counter() - t0
            makespan = prob.makespan(start)
            dev.append(100.0 * (makespan - reference[stem]) / reference[stem])
            hits += makespan <= best[stem]
            proven += optimal
        label = method if limit is None else f"cpsat {limit:g}s"
        rows.append((name, label, len(problems), float(np.mean(dev)), hits, proven,
                     seconds / len(problems)))
        print(f"  {rows[-1][0]} {label}: done", file=sys.stderr, flush=True)
    return rows


def resourced_plan(n: int, seed: int = 0) -> Plan:
    """A random n-task network with 1-2 assignments per task on ``n // 40`` resources."""
    rng = np.random.default_rng(seed)
    tasks, links = random_rows(n, seed=seed)
    n_res = max(n // 40, 4)
    resources = [{"id": f"R{k}", "capacity": float(rng.integers(1, 4))} for k in range(n_res)]
    assignments = []
    for task in tasks:
        for r in rng.choice(n_res, rng.integers(1, 3), replace=False):
            assignments.append({"task": task["id"], "resource": f"R{r}", "units": 1.0})
    project = project_from_dict({"name": f"random {n}", "start": dt.date(2027, 1, 4)})
    return Plan.build(project, tasks=tasks, links=links, resources=resources,
                      assignments=assignments)


def bench_sizes(sizes: list[int]) -> list[tuple]:
    rows = []
    for n in sizes:
        plan = resourced_plan(n)
        level(plan, iterations=1)  # compile the kernels outside the timing
        t0 = time.perf_counter()
        prob = slot_problem(plan)
        t1 = time.perf_counter()
        start_base = baseline(prob)[1]
        t2 = time.perf_counter()
        levelled = level(plan)
        t3 = time.perf_counter()
        rows.append((n, len(plan.resources), t1 - t0, t2 - t1, t3 - t2,
                     prob.makespan(start_base) / prob.q, levelled.unlevelled.length,
                     levelled.length))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=["j30", "j60"])
    parser.add_argument("--instances", type=int, default=None,
                        help="instances per set, evenly spread (default: all 480)")
    parser.add_argument("--methods", nargs="*", default=["baseline", "heuristic", "cpsat"])
    parser.add_argument("--time-limits", nargs="*", type=float, default=[1.0, 10.0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000])
    args = parser.parse_args()

    # Compile the numba kernels before anything is timed.
    level_starts(slot_problem(read_psplib(sorted((DATA / "j30").glob("*.sm"))[0])), 2)
    rows = []
    for name in args.sets:
        rows += bench_set(name, args.instances, args.methods, args.time_limits)
    if rows:
        print("PSPLIB (j30: % above the optimum; j60: % above the critical-path bound)")
        print(f"{'set':<5} {'method':<11} {'n':>4} {'avg dev %':>10} {'hits':>5} "
              f"{'proven':>6} {'s/inst':>8}")
        for name, label, n, dev, hits, proven, sec in rows:
            print(f"{name:<5} {label:<11} {n:>4} {dev:>10.2f} {hits:>5} {proven:>6} "
                  f"{sec:>8.3f}")
    if args.sizes:
        print("\nHeuristic on random plans (seconds; lengths in working days)")
        print(f"{'tasks':>6} {'res':>4} {'build':>7} {'baseline':>9} {'level()':>8} "
              f"{'baseline len':>12} {'CPM len':>8} {'levelled len':>12}")
        for n, res, build, base, full, base_len, cpm_len, lev_len in bench_sizes(args.sizes):
            print(f"{n:>6} {res:>4} {build:>7.3f} {base:>9.3f} {full:>8.3f} "
                  f"{base_len:>12g} {cpm_len:>8g} {lev_len:>12g}")


if __name__ == "__main__":
    main()
