"""The fast levelling heuristic: priority rules, biased sampling, forward-backward improvement.

Each iteration builds a precedence-feasible activity list from a priority rule
(latest finish, latest start, greatest rank positional weight) plus random noise,
schedules it with the serial SGS, then improves it by forward-backward improvement
(justification, Valls et al. 2005): shift every task as late as possible against the
current makespan in order of finish, then as early as possible in order of those late
starts; repeat while the makespan shrinks. The best schedule by makespan, then by
priority-weighted start times, wins. Seeded, so the same plan and seed give the same
schedule.
"""

from __future__ import annotations

import numpy as np

from workbench.engine.levelling.problem import SlotProblem

#: Largest noise, as a share of a rule's spread, added to the keys of sampled lists.
MAX_NOISE = 0.5
#: The same for lists drawn near the best schedule so far.
NEAR_NOISE = 0.3


def default_iterations(m: int) -> int:
    """Sampled schedules by plan size: many for small plans, a few for 10,000 tasks.

    Parameters
    ----------
    m : int
        Number of leaf tasks in the plan (summaries are not scheduled by the heuristic).

    Returns
    -------
    int
        Schedules to sample: ``12,000 // m`` kept between 1 and 400, so a run costs about
        the same on any plan size.

    Examples
    --------
    >>> default_iterations(30), default_iterations(1_000), default_iterations(10_000)
    (400, 12, 1)
    """
    return int(max(1, min(400, 12_000 // max(m, 1))))


def priority_rules(prob: SlotProblem) -> list[np.ndarray]:
    """Priority keys (lower first): latest finish, latest start, greatest rank positional
    weight, each with the plan's priority breaking ties.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem (from :func:`workbench.engine.levelling.problem.slot_problem`).

    Returns
    -------
    list of np.ndarray
        Three key arrays, one value per leaf task, in slots: latest finish, latest start
        (both from the unlevelled backward pass) and minus the rank positional weight (own
        duration plus that of direct successors). A fraction below 0.5 from the task's
        ``priority`` (0-1000, higher goes first) only orders tasks with equal rule values.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> latest_finish, latest_start, _ = priority_rules(prob)
    >>> bool(np.allclose(latest_finish - latest_start, prob.p))
    True
    """
    _, late = prob.unconstrained()
    p = prob.p.astype(np.float64)
    successors_work = np.bincount(prob.edge_src, weights=p[prob.edge_dst], minlength=prob.m)
    tie = (1000.0 - prob.priority) / 2001.0  # < 0.5: only orders equal rule values
    return [late + p + tie, late + tie, -(p + successors_work) + tie]


def objective(prob: SlotProblem, start: np.ndarray) -> tuple[int, float]:
    """Makespan, then priority-weighted sum of starts (lower is better).

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    start : np.ndarray
        Start slot per leaf task of a feasible schedule.

    Returns
    -------
    tuple of (int, float)
        Project length in slots, then the sum of start slots weighted by ``priority + 1``,
        so that among equally short schedules the one starting important work earlier wins.
        Compare tuples: lower is better.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> objective(prob, prob.unconstrained()[0])[0]
    164
    """
    return prob.makespan(start), float(np.dot(prob.priority + 1.0, start))


def justify(prob: SlotProblem, start: np.ndarray) -> np.ndarray:
    """Forward-backward improvement of a feasible schedule; never makes it worse.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    start : np.ndarray
        Start slot per leaf task of a schedule that respects links and capacity.

    Returns
    -------
    np.ndarray
        Start slots of a schedule at least as good by :func:`objective`: each round shifts
        every task as late as possible against the current length, then as early as
        possible, and keeps the result only while it improves.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> first = prob.forward(prob.forward_list(np.zeros(prob.m)))
    >>> objective(prob, justify(prob, first)) <= objective(prob, first)
    True
    """
    best = start
    while True:
        deadline = prob.makespan(best)
        late = prob.backward(prob.backward_list(-(best + prob.p).astype(np.float64)),
                             deadline)
        if late[0] < 0:
            return best
        early = prob.forward(prob.forward_list(late.astype(np.float64)))
        if early[0] < 0 or objective(prob, early) >= objective(prob, best):
            return best
        best = early


def noisy_key(rule: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """A rule's keys plus uniform noise of a random size, up to ``noise`` of their spread.

    Parameters
    ----------
    rule : np.ndarray
        Priority keys, one per leaf task (lower goes first).
    noise : float
        Largest noise as a share of the keys' spread (max minus min, at least 1 slot);
        :data:`MAX_NOISE` for fresh samples, :data:`NEAR_NOISE` near the best schedule.
    rng : np.random.Generator
        Seeded generator; the same seed gives the same keys.

    Returns
    -------
    np.ndarray
        ``rule`` plus uniform noise; the noise size itself is drawn from ``[0, noise)``
        so some samples stay close to the rule and others wander.

    Examples
    --------
    >>> rule = np.array([3.0, 1.0, 2.0])
    >>> key = noisy_key(rule, MAX_NOISE, np.random.default_rng(0))
    >>> bool(((key >= rule) & (key <= rule + MAX_NOISE * 2.0)).all())
    True
    """
    spread = max(float(rule.max() - rule.min()), 1.0)
    return rule + rng.uniform(0.0, rng.uniform(0.0, noise) * spread, len(rule))


def decode(prob: SlotProblem, key: np.ndarray) -> np.ndarray | None:
    """The justified serial-SGS schedule of priority keys, None if it overruns the horizon.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    key : np.ndarray
        Priority key per leaf task (lower goes first); ties and precedence are resolved
        by :meth:`SlotProblem.forward_list`.

    Returns
    -------
    np.ndarray or None
        Start slot per leaf task after :func:`justify`; None when some task finds no room
        before the end of the capacity profile (the caller widens the horizon).

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> start = decode(prob, np.zeros(prob.m))
    >>> prob.makespan(start) >= prob.bound
    True
    """
    start = prob.forward(prob.forward_list(key))
    return None if start[0] < 0 else justify(prob, start)


def heuristic_starts(prob: SlotProblem, iterations: int | None = None,
                     seed: int = 0) -> np.ndarray | None:
    """Start slot per task of the best schedule found, or None if none fits the horizon.

    Parameters
    ----------
    prob : SlotProblem
        From :func:`workbench.engine.levelling.problem.slot_problem`.
    iterations : int, optional
        Schedules to sample (the first ones use the plain rules); default by size.
    seed : int
        Seed of the sampling noise.

    Returns
    -------
    np.ndarray or None
        Start slots; never above capacity on any slot except where fixed tasks collide.
        None when the capacity profile is too short (see :func:`level_starts`).

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> start = heuristic_starts(prob, iterations=3)
    >>> prob.makespan(start) >= prob.makespan(prob.unconstrained()[0])
    True
    """
    if prob.m == 0:
        return np.zeros(0, dtype=np.int64)
    iterations = default_iterations(prob.m) if iterations is None else max(int(iterations), 1)
    rng = np.random.default_rng(seed)
    rules = priority_rules(prob)
    bound = prob.bound
    best, best_value = None, None
    for it in range(iterations):
        rule, noise = rules[it % len(rules)], MAX_NOISE
        if best is not None and it % 2:
            # Search near the best schedule so far: its start order, slightly shuffled.
            rule, noise = best.astype(np.float64), NEAR_NOISE
        key = rule if it < len(rules) else noisy_key(rule, noise, rng)
        start = decode(prob, key)
        if start is None:
            if best is None:
                return None
            continue
        value = objective(prob, start)
        if best_value is None or value < best_value:
            best, best_value = start, value
            if value[0] <= bound and it >= len(rules):
                break
    return best


def level_starts(prob: SlotProblem, iterations: int | None = None,
                 seed: int = 0) -> tuple[SlotProblem, np.ndarray]:
    """:func:`heuristic_starts`, widening the problem's horizon until a schedule fits.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    iterations : int, optional
        Schedules to sample per attempt; default by plan size (:func:`default_iterations`).
    seed : int
        Seed of the sampling noise; the same plan and seed give the same schedule.

    Returns
    -------
    tuple of (SlotProblem, np.ndarray)
        The problem actually solved (``prob`` itself, or a copy with a longer capacity
        profile when the tasks did not fit) and the start slot of each leaf task in it.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob, start = level_starts(slot_problem(
    ...     workbench.load_plan(workbench.sample_plan_path())), iterations=3)
    >>> len(start) == prob.m
    True
    """
    while True:
        start = heuristic_starts(prob, iterations=iterations, seed=seed)
        if start is not None:
            return prob, start
        prob = prob.widen()
