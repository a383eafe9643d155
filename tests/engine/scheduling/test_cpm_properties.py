"""Invariants of the CPM passes on random networks (hypothesis)."""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_plan
from workbench.engine import schedule
from workbench.engine.scheduling.compiled import compile_plan
from workbench.engine.scheduling.cpm import run_passes

TOL = 1e-9
TYPES = ("FS", "SS", "FF", "SF")
CONSTRAINTS = ("SNET", "FNET", "MSO", "MFO", "SNLT", "FNLT")


@st.composite
def networks(draw, max_leaves: int = 18, with_wbs: bool = True, with_dates: bool = False):
    """Plan rows of a random acyclic network: links go from lower to higher leaf numbers.

    ``with_dates`` also gives tasks (summaries too) random date constraints and deadlines.
    """
    n = draw(st.integers(1, max_leaves))
    halves = st.integers(0, 20).map(lambda k: k / 2)
    durations = draw(st.lists(halves, min_size=n, max_size=n))
    tasks = [{"id": f"L{i}", "duration": d, "milestone": d == 0}
             for i, d in enumerate(durations)]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=3 * n))
    links, seen = [], set()
    for a, b in pairs:
        a, b = min(a, b), max(a, b)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        links.append({"from": f"L{a}", "to": f"L{b}", "type": draw(st.sampled_from(TYPES)),
                      "lag": draw(st.integers(-6, 6)) / 2})
    if with_wbs and n >= 4 and draw(st.booleans()):
        # Summaries over runs of consecutive leaves, linked only forward in leaf order.
        cut = sorted(set(draw(st.lists(st.integers(1, n - 1), min_size=1, max_size=3))))
        bounds = [0, *cut, n]
        for k, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
            if hi - lo < 2:
                continue
            tasks.append({"id": f"S{k}"})
            for i in range(lo, hi):
                tasks[i]["parent"] = f"S{k}"
            if hi < n and draw(st.booleans()):
                links.append({"from": f"S{k}", "to": f"L{draw(st.integers(hi, n - 1))}",
                              "type": draw(st.sampled_from(TYPES)), "lag": 0.0})
            if lo > 0 and draw(st.booleans()):
                links.append({"from": f"L{draw(st.integers(0, lo - 1))}", "to": f"S{k}",
                              "type": "FS", "lag": 1.0})
    start = draw(st.dates(dt.date(2027, 1, 1), dt.date(2029, 12, 31)))
    if with_dates:
        day = st.integers(-3, 40).map(lambda k: start + dt.timedelta(days=k))
        for task in tasks:
            if "duration" in task and draw(st.booleans()):
                task["constraint"] = draw(st.sampled_from(CONSTRAINTS))
                task["constraint_date"] = draw(day)
            if draw(st.integers(0, 3)) == 0:
                task["deadline"] = draw(day)
    return tasks, links, start


def reference_cpm(net, d):
    """Plain relaxation until nothing changes (no levels, no vectorising)."""
    n = net.n
    w = (net.from_finish * d[net.src] + net.lag - net.to_finish * d[net.dst]).tolist()
    edges = list(zip(net.src.tolist(), net.dst.tolist(), w, strict=True))
    es = [0.0] * n
    for _ in range(n + 1):
        for i, j, wij in edges:
            es[j] = max(es[j], es[i] + wij)
    leaf = net.is_leaf
    end = max((es[i] + d[i] for i in range(n) if leaf[i]), default=0.0)
    ls = [end - d[i] for i in range(n)]
    for _ in range(n + 1):
        for i, j, wij in edges:
            ls[i] = min(ls[i], ls[j] - wij)
    return np.array(es), np.array(ls), end


def build(tasks, links, start, **calendar):
    return make_plan(tasks, links, start=start, **calendar)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_links_hold_on_early_and_late_dates(network):
    tasks, links, start = network
    plan = build(tasks, links, start)
    net = compile_plan(plan)
    p = run_passes(net)
    d = net.duration
    a, b = net.from_finish, net.to_finish
    i, j = net.src, net.dst
    early_gap = (p.early_start[j] + b * d[j]) - (p.early_start[i] + a * d[i] + net.lag)
    late_gap = (p.late_start[j] + b * d[j]) - (p.late_start[i] + a * d[i] + net.lag)
    assert (early_gap >= -TOL).all()
    assert (late_gap >= -TOL).all()
    leaf = net.is_leaf
    assert (p.early_start[leaf] >= 0).all()
    assert (p.late_finish[leaf] <= p.project_end + TOL).all()
    assert (p.total_float >= -TOL).all()
    assert (p.free_float >= -TOL).all()
    es, ls, end = reference_cpm(net, d)
    assert np.allclose(p.early_start[leaf], es[leaf])
    assert np.allclose(p.late_start[leaf], ls[leaf])
    assert np.isclose(p.project_end, end)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(with_dates=True))
def test_free_float_never_exceeds_total_float(network):
    tasks, links, start = network
    plan = build(tasks, links, start)
    t = schedule(plan).tasks
    assert (t["free_float"] <= t["total_float"] + TOL).all()
    samples = compile_plan(plan).duration[:, None] * np.array([0.5, 1.0, 2.0])
    p = run_passes(compile_plan(plan), samples)
    assert (p.free_float <= p.total_float + TOL).all()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_critical_tasks_form_driving_chains(network):
    tasks, links, start = network
    plan = build(tasks, links, start)
    result = schedule(plan)
    t = result.tasks
    net = compile_plan(plan)
    leaf = net.is_leaf
    es = t["start_offset"].to_numpy()
    d = net.duration
    critical = t["critical"].to_numpy() & leaf
    ef = es + d
    assert (critical & (np.abs(ef - result.length) <= TOL)).any()
    w = net.from_finish * d[net.src] + net.lag - net.to_finish * d[net.dst]
    tight = np.abs(es[net.dst] - es[net.src] - w) <= TOL
    for task in np.flatnonzero(critical):
        if es[task] <= TOL:
            continue
        drivers = tight & (net.dst == task) & critical[net.src]
        assert drivers.any(), f"critical {net.ids[task]} has no critical driving predecessor"
    assert set(result.critical_path) == set(net.ids[critical])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.sampled_from([("DE", None), ("DE", "BY"), ("US", None), ("FR", None)]))
def test_dates_never_fall_on_weekends_or_holidays(network, place):
    tasks, links, start = network
    country, subdivision = place
    plan = build(tasks, links, start, country=country,
                 **({"subdivision": subdivision} if subdivision else {}))
    result = schedule(plan)
    t = result.tasks
    columns = ["early_start", "early_finish", "late_start", "late_finish"]
    values = np.concatenate([t[c].to_numpy().astype("datetime64[D]") for c in columns])
    years = range(start.year - 2, start.year + 10)
    public = set(holidays.country_holidays(country, subdiv=subdivision, years=years))
    assert np.is_busday(values).all()
    assert not public & {v.item() for v in values}
    assert (t["early_start"] <= t["early_finish"]).all()
    assert (t["start_offset"] <= t["finish_offset"]).all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_summaries_roll_up_their_leaves(network):
    tasks, links, start = network
    result = schedule(build(tasks, links, start))
    t = result.tasks
    for summary in t.index[t["is_summary"]]:
        kids = t[t["parent"] == summary]
        row = t.loc[summary]
        assert row["start_offset"] == kids["start_offset"].min()
        assert row["finish_offset"] == kids["finish_offset"].max()
        assert row["late_finish_offset"] == kids["late_finish_offset"].max()
        assert row["total_float"] == kids["total_float"].min()
        assert row["free_float"] == kids["free_float"].min()
        assert row["start"] == kids["start"].min() and row["finish"] == kids["finish"].max()
        assert row["duration"] == row["finish_offset"] - row["start_offset"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.integers(0, 2**31))
def test_many_duration_sets_at_once_match_one_at_a_time(network, seed):
    tasks, links, start = network
    net = compile_plan(build(tasks, links, start))
    rng = np.random.default_rng(seed)
    samples = net.duration[:, None] * rng.uniform(0.5, 2.0, (net.n, 4))
    p = run_passes(net, samples)
    for k in range(4):
        one = run_passes(net, samples[:, k])
        for name in ("early_start", "late_start", "total_float", "free_float"):
            assert np.allclose(getattr(p, name)[:, k], getattr(one, name)), name
        assert np.isclose(p.project_end[k], one.project_end)
