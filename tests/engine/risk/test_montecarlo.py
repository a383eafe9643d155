"""Monte Carlo schedule risk against analytic answers, a textbook, and invariants.

Tolerances follow from the iteration count: a mean is checked to 4 standard errors
(sd / sqrt(k)), a probability p to 4 * sqrt(p (1 - p) / k). With a fixed seed each test
is deterministic; the bound says how far an honest sampler can land from the truth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench
from workbench.engine.money.cost import task_costs
from workbench.engine.money.evm import earned_value
from workbench.engine.risk.pert import pert_estimate
from workbench.engine.scheduling.compiled import task_durations
from workbench.io.plan_file import plan_from_dict
from workbench.model import Plan
from workbench.model.project import project_from_dict

K = 20_000
FIXED = {"default_spread": [1, 1, 1]}


def plan_with(tasks, links=(), risks=(), resources=(), assignments=(), risk=FIXED) -> Plan:
    project = project_from_dict({"name": "MC", "start": "2027-01-04", "risk": dict(risk)})
    return Plan.build(project, tasks=list(tasks), links=list(links), risks=list(risks),
                      resources=list(resources), assignments=list(assignments))


def tri(task_id, low, mode, high, **extra):
    return {"id": task_id, "duration": mode, "optimistic": low, "most_likely": mode,
            "pessimistic": high, **extra}


def tri_moments(low, mode, high):
    mean = (low + mode + high) / 3
    var = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    return mean, var


def tri_cdf(t, low, mode, high):
    if t <= low:
        return 0.0
    if t <= mode:
        return (t - low) ** 2 / ((high - low) * (mode - low))
    if t < high:
        return 1 - (high - t) ** 2 / ((high - low) * (high - mode))
    return 1.0


def mean_tolerance(x: np.ndarray) -> float:
    return 4 * float(x.std()) / math.sqrt(len(x))


def variance_tolerance(x: np.ndarray) -> float:
    dev2 = (x - x.mean()) ** 2
    return 4 * float(dev2.std()) / math.sqrt(len(x))


def probability_tolerance(p: float, k: int) -> float:
    return 4 * math.sqrt(max(p * (1 - p), 1 / k) / k)


CHAIN = [(2, 4, 9), (5, 5.5, 7), (1, 3, 3), (10, 12, 20), (0.5, 1, 4)]


def test_chain_of_triangular_tasks_sums_means_and_variances():
    tasks = [tri(f"T{i}", *abc) for i, abc in enumerate(CHAIN)]
    links = [{"from": f"T{i}", "to": f"T{i + 1}"} for i in range(len(CHAIN) - 1)]
    result = workbench.simulate(plan_with(tasks, links), iterations=K, seed=11, risks="none")
    x = result.durations
    mean = sum(tri_moments(*abc)[0] for abc in CHAIN)
    var = sum(tri_moments(*abc)[1] for abc in CHAIN)
    assert x.mean() == pytest.approx(mean, abs=mean_tolerance(x))
    assert x.var() == pytest.approx(var, abs=variance_tolerance(x))
    assert result.criticality.tolist() == [1.0] * len(CHAIN)


def test_two_parallel_tasks_finish_by_t_is_the_product_of_their_cdfs():
    a, b = (4, 6, 12), (5, 8, 9)
    plan = plan_with([tri("A", *a), tri("B", *b)])
    result = workbench.simulate(plan, iterations=K, seed=5, risks="none")
    for t in (6.0, 7.0, 8.0, 9.0, 10.0):
        expected = tri_cdf(t, *a) * tri_cdf(t, *b)
        assert np.mean(result.durations <= t) == pytest.approx(
            expected, abs=probability_tolerance(expected, K)), t
    # A is critical exactly when it is the longer one: P(A > B) by the same sampler.
    p_a = float(result.criticality["A"])
    # Both are critical only when they end within the critical tolerance (1e-3 days).
    assert 1.0 <= p_a + float(result.criticality["B"]) <= 1.001
    grid = np.linspace(4, 12, 8001)
    density_a = np.gradient([tri_cdf(t, *a) for t in grid], grid)
    p_a_longer = float(np.trapezoid(density_a * [tri_cdf(t, *b) for t in grid], grid))
    assert p_a == pytest.approx(p_a_longer, abs=probability_tolerance(p_a_longer, K))


def test_risk_on_a_critical_task_shifts_the_mean_by_probability_times_impact():
    p, impact, cost = 0.3, 10.0, 5_000.0
    tasks = [{"id": "A", "duration": 5}, {"id": "B", "duration": 3}, {"id": "C", "duration": 2}]
    links = [{"from": "A", "to": "B"}]
    risk = {"id": "RK1", "probability": p, "schedule_impact": impact, "cost_impact": cost,
            "tasks": "A", "residual_probability": 0.1}
    resources = [{"id": "R1", "rate": 100}]
    assignments = [{"task": "A", "resource": "R1", "units": 1.0}]
    plan = plan_with(tasks, links, [risk], resources, assignments)
    for mode, chance in (("pre", p), ("post", 0.1)):
        result = workbench.simulate(plan, iterations=K, seed=2, risks=mode)
        tolerance = 4 * impact * math.sqrt(chance * (1 - chance) / K)
        assert result.durations.mean() == pytest.approx(8 + chance * impact, abs=tolerance)
        # Labour on A (100 a day) pays for the delay too.
        assert result.costs.mean() == pytest.approx(
            500 + chance * (impact * 100 + cost), abs=tolerance * (100 + cost / impact))
        assert result.risk_sensitivity["RK1"] > 0.9
    assert workbench.simulate(plan, iterations=100, seed=2, risks="none").durations.max() == 8


# Hillier & Lieberman, "Introduction to Operations Research", chapter "Project Management
# with PERT/CPM", the Reliable Construction Co. project: three-point estimates (Table
# 10.7 in the 7th-10th editions) give a mean critical path of 44 weeks with variance 9,
# and the normal approximation P(T <= 47) = Phi(1) = 0.8413 ("about 84 percent").
RELIABLE = {"A": (1, 2, 3), "B": (2, 3.5, 8), "C": (6, 9, 18), "D": (4, 5.5, 10),
            "E": (1, 4.5, 5), "F": (4, 4, 10), "G": (5, 6.5, 11), "H": (5, 8, 17),
            "I": (3, 7.5, 9), "J": (3, 9, 9), "K": (4, 4, 4), "L": (1, 5.5, 7),
            "M": (1, 2, 3), "N": (5, 5.5, 9)}


@pytest.fixture(scope="module")
def reliable() -> Plan:
    data = yaml.safe_load((Path(__file__).parents[1] / "data" /
                           "textbook_hillier_reliable.yaml").read_text())
    for task in data["tasks"]:
        task["optimistic"], task["most_likely"], task["pessimistic"] = RELIABLE[task["id"]]
    data["project"]["risk"] = {"distribution": "pert"}
    return plan_from_dict(data)


def test_pert_textbook_normal_approximation(reliable):
    est = pert_estimate(reliable)
    assert est.mean == pytest.approx(44.0)
    assert est.variance == pytest.approx(9.0)
    assert est.critical_path == ["A", "B", "C", "E", "F", "J", "L", "N"]
    assert est.probability_within(47) == pytest.approx(0.8413, abs=1e-4)


def test_pert_textbook_by_simulation(reliable):
    result = workbench.simulate(reliable, iterations=K, seed=3)
    path = ["A", "B", "C", "E", "F", "J", "L", "N"]
    rows = [result.task_ids.index(t) for t in path]
    path_length = result.task_samples[rows].astype(np.float64).sum(axis=0)
    # Beta-PERT keeps the textbook means; its variance is (mean - o)(p - mean) / 7.
    means = {t: (o + 4 * m + p) / 6 for t, (o, m, p) in RELIABLE.items()}
    beta_var = sum((means[t] - RELIABLE[t][0]) * (RELIABLE[t][2] - means[t]) / 7 for t in path)
    assert path_length.mean() == pytest.approx(44.0, abs=mean_tolerance(path_length))
    assert path_length.var() == pytest.approx(beta_var, abs=variance_tolerance(path_length))
    # The whole network finishes later than the one path: merge bias lowers the chance
    # of 47 weeks below the textbook's 84 %, and the path itself matches its normal law.
    p_path = 0.5 * (1 + math.erf((47 - 44) / math.sqrt(2 * beta_var)))
    assert np.mean(path_length <= 47) == pytest.approx(p_path, abs=0.02)
    p_project = result.probability_within_days(47)
    assert p_project < 0.8413 - probability_tolerance(0.8413, K)
    assert p_project == pytest.approx(np.mean(result.durations <= 47))
    assert result.criticality[["A", "B", "C"]].tolist() == [1.0, 1.0, 1.0]
    assert result.criticality["K"] < result.criticality["J"]


def test_same_seed_same_numbers_whatever_the_batching(sample_plan):
    first = workbench.simulate(sample_plan, iterations=3_000, seed=9)
    calls = []
    second = workbench.simulate(sample_plan, iterations=3_000, seed=9,
                                progress=lambda done, total: calls.append((done, total)))
    assert np.array_equal(first.durations, second.durations)
    assert np.array_equal(first.costs, second.costs)
    assert first.criticality.equals(second.criticality)
    assert calls[-1] == (3_000, 3_000)
    other = workbench.simulate(sample_plan, iterations=3_000, seed=10)
    assert not np.array_equal(first.durations, other.durations)


def test_target_standard_error_stops_early_on_a_prefix_of_the_full_run():
    tasks = [tri(f"T{i}", *abc) for i, abc in enumerate(CHAIN)]
    links = [{"from": f"T{i}", "to": f"T{i + 1}"} for i in range(len(CHAIN) - 1)]
    plan = plan_with(tasks, links)
    full = workbench.simulate(plan, iterations=50_000, seed=1)
    early = workbench.simulate(plan, iterations=50_000, seed=1, target_se=0.1)
    assert early.iterations < full.iterations
    assert early.p80_standard_error <= 0.1
    assert np.array_equal(early.durations, full.durations[:early.iterations])
    # More iterations, smaller error: it falls like 1 / sqrt(k).
    ratio = math.sqrt(full.iterations / early.iterations)
    assert full.p80_standard_error * ratio == pytest.approx(early.p80_standard_error, rel=0.3)


def test_correlation_group_keeps_marginals_and_sets_rank_correlation():
    rho = 0.6
    tasks = [tri("A", 2, 4, 9, correlation_group="integration"),
             tri("B", 2, 4, 9, correlation_group="integration"), tri("C", 2, 4, 9)]
    plan = plan_with(tasks, risk={**FIXED, "correlation": rho})
    result = workbench.simulate(plan, iterations=K, seed=4, criticality=False)
    a, b, c = (result.task_samples[result.task_ids.index(t)] for t in "ABC")
    expected = 6 / math.pi * math.asin(rho / 2)
    # Spearman's standard error is about 1 / sqrt(k - 1).
    tolerance = 4 / math.sqrt(K - 1)
    assert np.corrcoef(np.argsort(np.argsort(a)), np.argsort(np.argsort(b)))[0, 1] == \
        pytest.approx(expected, abs=tolerance)
    assert abs(np.corrcoef(a, c)[0, 1]) < tolerance
    mean, var = tri_moments(2, 4, 9)
    for x in (a, b):
        assert x.mean() == pytest.approx(mean, abs=mean_tolerance(x))
        assert x.var() == pytest.approx(var, abs=variance_tolerance(x))


def test_sample_plan_results_a_pm_reads(sample_plan):
    result = workbench.simulate(sample_plan, iterations=4_000, seed=42, deadline="2027-09-30",
                                budget=480_000)
    summary = result.summary()
    assert summary.loc[["P10", "P50", "P80", "P90"], "finish"].is_monotonic_increasing
    assert summary.loc["deterministic", "finish"] == workbench.schedule(sample_plan).finish
    assert summary.loc["P80", "confidence"] == pytest.approx(0.8, abs=1 / 4_000)
    # The plan's own date is optimistic: most iterations finish later.
    assert result.deterministic_percentile < 0.1
    assert 0 < result.joint_confidence <= min(result.probability_deadline,
                                              result.probability_budget)
    post = workbench.simulate(sample_plan, iterations=4_000, seed=42, risks="post")
    assert post.percentile(80) < result.percentile(80)
    assert result.criticality["T30"] == 1.0
    top_task = result.sensitivity.index[0]
    assert result.criticality[top_task] > 0.5


@st.composite
def fs_networks(draw):
    n = draw(st.integers(2, 8))
    tasks = []
    for i in range(n):
        low = draw(st.integers(0, 5))
        mode = low + draw(st.integers(0, 5))
        high = mode + draw(st.integers(0, 8))
        tasks.append(tri(f"T{i}", low, mode, high,
                         distribution=draw(st.sampled_from(["triangular", "pert"])),
                         correlation_group=draw(st.sampled_from(["", "g1", "g2"]))))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=2 * n))
    links = {(a, b) for a, b in pairs if a < b}
    link_rows = [{"from": f"T{a}", "to": f"T{b}", "type": draw(st.sampled_from(["FS", "SS"])),
                  "lag": draw(st.integers(0, 3))} for a, b in sorted(links)]
    risks = [{"id": f"RK{j}", "probability": draw(st.floats(0, 1)),
              "schedule_impact": f"{lo}, {lo + 2}, {lo + 5}",
              "tasks": f"T{draw(st.integers(0, n - 1))}"}
             for j, lo in enumerate(draw(st.lists(st.integers(0, 4), max_size=3)))]
    return tasks, link_rows, risks


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fs_networks(), st.integers(0, 2**31))
def test_percentiles_lie_between_all_optimistic_and_all_pessimistic(network, seed):
    tasks, links, risks = network
    plan = plan_with(tasks, links, risks)
    result = workbench.simulate(plan, iterations=300, seed=seed)
    low = workbench.schedule(plan.replace(tasks=[{**t, "duration": t["optimistic"]}
                                                 for t in tasks])).length
    worst = [{**t, "duration": t["pessimistic"]} for t in tasks]
    for r in risks:
        for t in worst:
            if t["id"] == r["tasks"]:
                t["duration"] += float(r["schedule_impact"].split(",")[-1])
    high = workbench.schedule(plan.replace(tasks=worst)).length
    for p in (10, 50, 80, 90):
        assert low - 1e-3 <= result.length_percentile(p) <= high + 1e-3
    assert low - 1e-3 <= result.durations.min() and result.durations.max() <= high + 1e-3


# One cost model: the simulation prices each iteration's schedule with the money engine.

def money_total(plan: Plan) -> float:
    """The plan's total cost as the money engine reports it: every task's cost (WBS
    roll-up, top level) plus the cost lines booked on no task."""
    costs = task_costs(plan)
    top = (plan.tasks["parent"] == "").to_numpy()
    lines = plan.cost_lines
    return float(costs["cost"].to_numpy()[top].sum()
                 + lines.loc[lines["task"] == "", "amount"].sum())


def priced_plan(risks=()) -> Plan:
    """Labour on several resources and rates, an effort-driven task, a resource day off,
    cost lines spread, dated, on a milestone and on no task at all."""
    project = project_from_dict({"name": "Priced", "start": "2027-01-04", "risk": FIXED})
    return Plan.build(
        project,
        tasks=[{"id": "W", "name": "Build"},
               {"id": "A", "parent": "W", "duration": 5},
               {"id": "B", "parent": "W", "effort": 12},  # 12 person-days / 1.5 units: 8 days
               {"id": "C", "duration": 3},
               {"id": "M", "milestone": True}],
        links=[{"from": "A", "to": "B"}, {"from": "A", "to": "C"}, {"from": "B", "to": "M"}],
        resources=[{"id": "DEV", "rate": 600, "time_off": ["2027-01-19"]},
                   {"id": "PM", "rate": 800},
                   # Off on Thursday 14 January: C (11-13 January) misses it unless A slips.
                   {"id": "QA", "rate": 500, "time_off": ["2027-01-14"]}],
        assignments=[{"task": "A", "resource": "DEV"},
                     {"task": "A", "resource": "PM", "units": 0.5},
                     {"task": "B", "resource": "DEV"},
                     {"task": "B", "resource": "PM", "units": 0.5},
                     {"task": "C", "resource": "QA"}],
        cost_lines=[{"id": "L1", "category": "hardware", "task": "A", "amount": 1200},
                    {"id": "L2", "category": "services", "task": "B", "amount": 3000,
                     "date": "2027-01-20"},
                    {"id": "L3", "category": "travel", "task": "M", "amount": 400},
                    {"id": "L4", "category": "other", "amount": 900,
                     "date": "2027-01-08"}],
        risks=list(risks))


def without_spread(plan: Plan) -> Plan:
    tasks = plan.tasks.copy()
    tasks[["optimistic", "most_likely", "pessimistic"]] = np.nan
    risk = dataclasses.replace(plan.project.risk, default_spread=(1.0, 1.0, 1.0))
    return plan.replace(project=plan.project.replace(risk=risk), tasks=tasks)


def test_priced_plan_costs_what_a_pm_adds_up():
    # A: DEV 5 x 600 + PM 2.5 x 800 + 1200; B: (DEV 8 - 1 day off) x 600 + PM 4 x 800
    # + 3000; C: QA 3 x 500; M: 400; the project-level line 900.
    assert money_total(priced_plan()) == 6200 + 10400 + 1500 + 400 + 900


@pytest.mark.parametrize("name", ["sample", "priced"])
def test_cost_without_spread_is_the_money_engines_total(name, sample_plan):
    plan = without_spread(sample_plan if name == "sample" else priced_plan())
    total = money_total(plan)
    result = workbench.simulate(plan, iterations=500, seed=3, risks="none")
    assert result.deterministic_cost == pytest.approx(total, abs=1e-6)
    assert result.costs.min() == pytest.approx(total, rel=1e-6)
    assert result.costs.max() == pytest.approx(total, rel=1e-6)
    assert result.cost_percentile(80) == pytest.approx(total, rel=1e-6)


def test_sample_plan_cost_is_its_budget_at_completion(sample_plan):
    # No cost lines without a task and a baseline that matches the plan: one number.
    bac = float(earned_value(sample_plan).loc["project", "bac"])
    result = workbench.simulate(sample_plan, iterations=200, seed=3)
    assert result.deterministic_cost == pytest.approx(bac) == pytest.approx(474_380)


def test_slipped_durations_cost_what_the_money_engine_says():
    # Every iteration: A 3 days longer, the effort-driven B 2 days longer, 2,000 of
    # extra cost. C then starts on 14 January, QA's day off: a day of QA not paid.
    slip_a = {"id": "RK1", "probability": 1.0, "schedule_impact": 3, "cost_impact": 2000,
              "tasks": "A"}
    slip_b = {"id": "RK2", "probability": 1.0, "schedule_impact": 2, "tasks": "B"}
    plan = priced_plan([slip_a, slip_b])
    result = workbench.simulate(plan, iterations=300, seed=8, risks="pre")
    tasks = plan.tasks.copy()
    tasks.loc[tasks["id"] == "A", "duration"] = 8
    tasks.loc[tasks["id"] == "B", "duration"] = 10
    slipped = money_total(plan.replace(tasks=tasks))
    assert slipped == money_total(plan) + 3 * 1000 + 2 * 1000 - 500
    assert result.costs == pytest.approx(np.full(300, slipped + 2000))
    assert result.deterministic_cost == money_total(plan)


def test_sample_plan_slips_cost_what_the_money_engine_says(sample_plan):
    # The effort-driven T8, the integration T13 and the CRM build T17 run into people's
    # days off when slipped: the simulation must price exactly what task_costs prices.
    slips = {"T8": 6, "T13": 9, "T17": 25}
    risks = [{"id": f"S{task}", "probability": 1.0, "schedule_impact": days, "tasks": task}
             for task, days in slips.items()]
    plan = without_spread(sample_plan).replace(risks=risks)
    result = workbench.simulate(plan, iterations=50, seed=1)
    tasks = plan.tasks.copy()
    planned = task_durations(plan)
    for task, days in slips.items():
        row = (tasks["id"] == task).to_numpy()
        tasks.loc[row, "duration"] = planned[row] + days
    expected = money_total(plan.replace(tasks=tasks))
    # Labour per day alone (T8 970, T13 1,200, T17 1,560 a day) would miss the days off.
    assert expected != pytest.approx(money_total(plan) + 6 * 970 + 9 * 1200 + 25 * 1560)
    assert result.costs == pytest.approx(np.full(50, expected), rel=1e-6)


def test_completed_work_is_never_critical():
    done = {"actual_start": "2027-01-04", "actual_finish": "2027-01-08", "percent_complete": 100}
    plan = plan_with([tri("A", 4, 5, 8, **done), tri("B", 2, 3, 6), tri("C", 1, 2, 3)],
                     links=[{"from": "A", "to": "B"}, {"from": "B", "to": "C"}])
    plan = plan.replace(project=plan.project.replace(status_date=dt.date(2027, 1, 8)))
    result = workbench.simulate(plan, iterations=500, seed=1)
    assert result.criticality.to_dict() == {"A": 0.0, "B": 1.0, "C": 1.0}
