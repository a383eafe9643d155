"""The genetic search that warm-starts the optimal mode, on a hard PSPLIB j60 instance."""

from __future__ import annotations

import numpy as np

from workbench.engine.levelling.genetic import evolve_starts
from workbench.engine.levelling.heuristic import level_starts, objective
from workbench.engine.levelling.problem import slot_problem
from workbench.io.psplib import read_psplib


def hard_instance(shared_data):
    # Scarce resources everywhere: the sampling heuristic ends well above the best known
    # makespan (112, j60hrs.sm), far from the critical-path bound (69).
    return level_starts(slot_problem(read_psplib(shared_data / "psplib" / "j60" / "j6013_1.sm")))


def test_recombining_schedules_beats_sampling_on_a_hard_instance(shared_data):
    prob, start = hard_instance(shared_data)
    better = evolve_starts(prob, start, seconds=60, schedules=1500)
    assert (prob.usage(better) <= prob.cap + 1e-9).all()
    assert (better[prob.edge_dst] >= better[prob.edge_src] + prob.edge_w).all()
    assert prob.makespan(start) >= 121
    assert 112 <= prob.makespan(better) <= prob.makespan(start) - 4


def test_same_seed_and_budget_give_the_same_schedule(shared_data):
    prob, start = hard_instance(shared_data)
    first = evolve_starts(prob, start, seconds=60, schedules=150, seed=3)
    again = evolve_starts(prob, start, seconds=60, schedules=150, seed=3)
    np.testing.assert_array_equal(first, again)
    assert objective(prob, first) <= objective(prob, start)


def test_a_schedule_on_the_critical_path_bound_is_returned_as_it_is(shared_data):
    # j3010_5 overloads its resources at the CPM dates, yet levels within the CPM length.
    prob = slot_problem(read_psplib(shared_data / "psplib" / "j30" / "j3010_5.sm"))
    assert (prob.usage(prob.unconstrained()[0]) > prob.cap).any()
    prob, start = level_starts(prob)
    assert prob.makespan(start) == prob.bound
    assert evolve_starts(prob, start, seconds=60) is start
