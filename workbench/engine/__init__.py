"""Pure maths from a plan to results: calendars, CPM, resources, money, risk, scenarios.

Nothing here imports a UI library.
"""

from workbench.engine.baseline import baseline_variance, set_baseline, with_baseline
from workbench.engine.compare import compare, sweep, task_deltas
from workbench.engine.cost import cost_by_category, task_costs
from workbench.engine.earned_value import earned_value, evm_history, record_status
from workbench.engine.forecast import DeliveryForecast, forecast_delivery
from workbench.engine.levelling import DELAY_COLUMNS, LevelledSchedule, level
from workbench.engine.loading import LOADING_COLUMNS, loading, task_loading
from workbench.engine.montecarlo import simulate
from workbench.engine.risk_result import RISK_SUMMARY_COLUMNS, RiskResult
from workbench.engine.scenario_kpis import KPIS, Kpi, register_kpi
from workbench.engine.scenarios import ScenarioRunner, apply
from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule
from workbench.engine.time_phased import time_phased_cost

__all__ = ["DELAY_COLUMNS", "KPIS", "LOADING_COLUMNS", "RISK_SUMMARY_COLUMNS",
           "SCHEDULE_COLUMNS", "DeliveryForecast", "Kpi", "LevelledSchedule", "RiskResult",
           "Schedule", "ScenarioRunner", "apply", "baseline_variance", "compare",
           "cost_by_category", "earned_value", "evm_history", "forecast_delivery", "level",
           "loading", "record_status", "register_kpi", "schedule", "set_baseline", "simulate",
           "sweep", "task_costs", "task_deltas", "task_loading", "time_phased_cost",
           "with_baseline"]
