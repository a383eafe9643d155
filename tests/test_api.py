"""One way to call things: the rules every public function of ``workbench`` follows."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench.charts.loading import loading_chart, loading_frames
from workbench.engine.scheduling.defaults import FREQ, SEED
from workbench.ui.risk_panel import RiskPanel

FUNCTIONS = {name: getattr(workbench, name) for name in workbench.__all__
             if inspect.isfunction(getattr(workbench, name))}


def _first_parameter(function) -> str | None:
    parameters = list(inspect.signature(function).parameters)
    return parameters[0] if parameters else None


TAKE_PLAN = sorted(name for name, f in FUNCTIONS.items() if _first_parameter(f) == "plan")

#: Functions that work on scheduled dates: they take a Plan or a Schedule.
NEED_SCHEDULE = ["baseline_variance", "cost_by_category", "earned_value", "loading",
                 "record_status", "set_baseline", "task_costs", "task_loading",
                 "time_phased_cost"]

#: What each function needs after ``plan`` to get as far as checking it.
MORE_ARGUMENTS = {
    "apply": ("vendor slips 2 weeks",),
    "sweep": ({"op": "delay", "id": "M3"}, [0, 5]),
    "task_deltas": ("vendor slips 2 weeks",),
    "save_plan": ("never-written.yaml",),
}


def test_every_public_function_that_takes_a_plan_calls_it_plan():
    assert TAKE_PLAN == sorted([*NEED_SCHEDULE, "apply", "compare", "evm_history", "level",
                                "save_plan", "schedule", "simulate", "sweep", "task_deltas"])
    assert not [name for name, f in FUNCTIONS.items()
                if {"sched", "schedule"} & set(inspect.signature(f).parameters)]


@pytest.mark.parametrize("wrong", [[{"op": "delay", "id": "M3", "days": 5}], "plan.yaml", 3],
                         ids=["list", "str", "int"])
@pytest.mark.parametrize("name", TAKE_PLAN)
def test_a_wrong_plan_is_a_type_error_naming_the_expected_type(name, wrong, tmp_path,
                                                               monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = "a Plan or Schedule" if name in NEED_SCHEDULE else "a Plan"
    with pytest.raises(TypeError, match=rf"^plan must be {expected}, got "
                                        rf"{type(wrong).__name__}"):
        FUNCTIONS[name](wrong, *MORE_ARGUMENTS.get(name, ()))
    assert not (tmp_path / "never-written.yaml").exists()


def test_a_file_name_instead_of_a_plan_says_how_to_load_it():
    with pytest.raises(TypeError, match=r"load a file with workbench\.load_plan\(path\)"):
        workbench.schedule("templates/plans/crm-migration.yaml")


def test_a_schedule_where_only_a_plan_fits_says_to_pass_its_plan(sample_plan):
    with pytest.raises(TypeError, match=r"got Schedule; pass the schedule's \.plan"):
        workbench.simulate(workbench.schedule(sample_plan), iterations=10)


def test_a_list_of_changes_is_not_a_scenario(sample_plan):
    changes = [{"op": "delay", "id": "M3", "days": 10}]
    with pytest.raises(TypeError, match=r"^scenario must be a Scenario, Mapping or str, "
                                        r"got list; put a list of changes in Scenario"):
        workbench.apply(sample_plan, changes)
    late = workbench.apply(sample_plan, {"name": "late", "changes": changes})
    assert workbench.schedule(late).finish > workbench.schedule(sample_plan).finish


def test_one_scenario_name_is_not_a_list_of_scenarios(sample_plan):
    with pytest.raises(TypeError, match="scenarios must be a list of scenarios, got one str"):
        workbench.compare(sample_plan, "vendor slips 2 weeks")


@pytest.mark.parametrize("name", NEED_SCHEDULE)
def test_plan_or_its_schedule_give_the_same_answer(name, sample_plan):
    function = FUNCTIONS[name]
    # DataFrame.equals or Plan.equals: value by value.
    assert function(sample_plan).equals(function(workbench.schedule(sample_plan)))


def test_a_levelled_schedule_is_used_as_it_is(sample_plan):
    levelled = workbench.level(sample_plan)
    ahead = pd.Timestamp(sample_plan.project.status_date)
    for days in (workbench.loading(sample_plan, freq="D"), workbench.loading(levelled, "D")):
        assert days["period"].min() == pd.Timestamp("2027-01-04")
    unlevelled = workbench.loading(sample_plan, freq="D")
    assert unlevelled.loc[unlevelled["period"] > ahead, "overallocated"].any()
    after = workbench.loading(levelled, freq="D")
    assert not after.loc[after["period"] > ahead, "overallocated"].any()
    assert workbench.task_costs(levelled)["cost"].sum() == pytest.approx(
        workbench.task_costs(sample_plan)["cost"].sum())


def _defaults(parameter: str) -> dict[str, object]:
    functions = {**FUNCTIONS, "loading_chart": loading_chart, "loading_frames": loading_frames}
    return {name: inspect.signature(f).parameters[parameter].default
            for name, f in functions.items() if parameter in inspect.signature(f).parameters}


def test_period_tables_default_to_the_same_period():
    freq = _defaults("freq")
    assert set(freq) == {"loading", "task_loading", "time_phased_cost", "loading_chart",
                         "loading_frames"}
    assert set(freq.values()) == {FREQ} == {"W"}


def test_random_functions_default_to_the_same_fixed_seed():
    seed = _defaults("seed")
    assert set(seed) == {"level", "simulate", "forecast_delivery"}
    assert set(seed.values()) == {SEED} == {0}
    assert RiskPanel.param.seed.default == SEED


def test_results_are_reproducible_by_default(sample_plan):
    first = workbench.simulate(sample_plan, iterations=300)
    again = workbench.simulate(sample_plan, iterations=300)
    assert first.seed == SEED
    assert np.array_equal(first.durations, again.durations)
    forecast = workbench.forecast_delivery(200, velocity_range=(20, 30), start="2027-01-04")
    assert forecast.sprints_percentile(80) == workbench.forecast_delivery(
        200, velocity_range=(20, 30), start="2027-01-04").sprints_percentile(80)
