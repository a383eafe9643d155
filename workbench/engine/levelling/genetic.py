"""A genetic search for shorter schedules, the optimal mode's warm start on hard plans.

A biased random-key genetic algorithm (Gonçalves, Mendes & Resende 2008) with
forward-backward improvement as the decoder. An individual is one key per task; its
schedule is the serial SGS over the keys' activity list, justified
(:func:`workbench.engine.levelling.heuristic.justify`), and the justified start times become its
keys, so what the improvement learnt is inherited. Each generation keeps the elite,
breeds children from an elite and a non-elite parent (each task's key from the elite
parent with probability ``ELITE_BIAS``, ties broken at random), and adds fresh
individuals drawn around the latest-finish rule, as the heuristic samples them.

Sampling alone stalls on plans where resources are scarce everywhere; recombining good
schedules keeps finding shorter ones there, and CP-SAT starts from the best of them.
"""

from __future__ import annotations

import time

import numpy as np

from workbench.engine.levelling.heuristic import (
    MAX_NOISE,
    decode,
    noisy_key,
    objective,
    priority_rules,
)
from workbench.engine.levelling.problem import SlotProblem

#: Individuals per generation.
POPULATION = 40
#: Share of the population kept as the elite, and share replaced by fresh samples.
ELITE_SHARE, FRESH_SHARE = 0.2, 0.15
#: Chance that a child takes a task's key from its elite parent.
ELITE_BIAS = 0.7


def evolve_starts(prob: SlotProblem, start: np.ndarray, seconds: float,
                  schedules: int | None = None, seed: int = 0) -> np.ndarray:
    """A schedule at least as good as ``start`` after a genetic search.

    The search stops when the schedule reaches the critical-path bound, after
    ``seconds``, or after ``schedules`` decoded children, whichever comes first.
    Seeded: with the same number of schedules it gives the same answer.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    start : np.ndarray
        A feasible schedule (start slots): the first individual and the fallback.
    seconds : float
        Time the search may take.
    schedules : int, optional
        Most schedules to decode; no limit by default.
    seed : int
        Seed of the search.

    Returns
    -------
    np.ndarray
        Start slots, never worse than ``start`` by makespan, then priority-weighted starts.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> from workbench.engine.levelling.heuristic import level_starts, objective
    >>> prob, start = level_starts(slot_problem(
    ...     workbench.load_plan(workbench.sample_plan_path())), iterations=1)
    >>> better = evolve_starts(prob, start, seconds=5, schedules=200)
    >>> objective(prob, better) <= objective(prob, start)
    True
    """
    finish_by = time.perf_counter() + float(seconds)
    budget = np.inf if schedules is None else int(schedules)
    rng = np.random.default_rng(seed)
    rule = priority_rules(prob)[0]  # latest finish first
    n_elite = max(1, round(POPULATION * ELITE_SHARE))
    n_fresh = max(1, round(POPULATION * FRESH_SHARE))

    best, best_value = start, objective(prob, start)
    keys, values = [start.astype(np.float64)], [best_value]
    decoded = 0

    def done() -> bool:
        return (decoded >= budget or best_value[0] <= prob.bound
                or time.perf_counter() >= finish_by)

    while not done():
        ranked = sorted(range(len(keys)), key=values.__getitem__)
        elite, rest = ranked[:n_elite], ranked[n_elite:]
        children_keys = [keys[i] for i in elite]
        children_values = [values[i] for i in elite]
        for n in range(POPULATION - n_elite):
            if done():
                break
            if n >= POPULATION - n_elite - n_fresh or not rest:
                key = noisy_key(rule, MAX_NOISE, rng)
            else:
                a, b = keys[elite[rng.integers(len(elite))]], keys[rest[rng.integers(len(rest))]]
                # Keys are start times: the noise below one slot only reorders ties.
                key = np.where(rng.random(prob.m) < ELITE_BIAS, a, b) + rng.random(prob.m)
            child = decode(prob, key)
            decoded += 1
            if child is None:
                continue
            value = objective(prob, child)
            children_keys.append(child.astype(np.float64))
            children_values.append(value)
            if value < best_value:
                best, best_value = child, value
        keys, values = children_keys, children_values
    return best
