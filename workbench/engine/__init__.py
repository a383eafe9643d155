"""Pure maths from a plan to results, one sub-package per domain.

- :mod:`~workbench.engine.scheduling`: calendar, compiled plan, CPM, progress, ``schedule``
- :mod:`~workbench.engine.levelling`: slot problem, SGS, heuristic, genetic search, CP-SAT
- :mod:`~workbench.engine.resources`: capacity and loading
- :mod:`~workbench.engine.money`: cost, time-phased cost, baselines, earned value
- :mod:`~workbench.engine.risk`: sampling, risk events, Monte Carlo, PERT, release forecast
- :mod:`~workbench.engine.scenarios`: applying changes, the runner, KPIs, comparison

Nothing here imports a UI library.
"""

from workbench.engine.levelling.leveller import DELAY_COLUMNS, LevelledSchedule, level
from workbench.engine.money.baseline import baseline_variance, set_baseline, with_baseline
from workbench.engine.money.cost import cost_by_category, task_costs
from workbench.engine.money.evm import earned_value, evm_history, record_status
from workbench.engine.money.time_phased import time_phased_cost
from workbench.engine.resources.workload import LOADING_COLUMNS, loading, task_loading
from workbench.engine.risk.montecarlo import simulate
from workbench.engine.risk.release_forecast import DeliveryForecast, forecast_delivery
from workbench.engine.risk.result import RISK_SUMMARY_COLUMNS, RiskResult
from workbench.engine.scenarios.comparison import compare, sweep, task_deltas
from workbench.engine.scenarios.kpis import KPIS, Kpi, register_kpi
from workbench.engine.scenarios.runner import ScenarioRunner, apply
from workbench.engine.scheduling.scheduler import SCHEDULE_COLUMNS, Schedule, schedule

__all__ = ["DELAY_COLUMNS", "KPIS", "LOADING_COLUMNS", "RISK_SUMMARY_COLUMNS",
           "SCHEDULE_COLUMNS", "DeliveryForecast", "Kpi", "LevelledSchedule", "RiskResult",
           "Schedule", "ScenarioRunner", "apply", "baseline_variance", "compare",
           "cost_by_category", "earned_value", "evm_history", "forecast_delivery", "level",
           "loading", "record_status", "register_kpi", "schedule", "set_baseline", "simulate",
           "sweep", "task_costs", "task_deltas", "task_loading", "time_phased_cost",
           "with_baseline"]
