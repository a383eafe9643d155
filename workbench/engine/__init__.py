"""Pure maths from a plan to results: calendars, CPM scheduling, cost, earned value (no UI)."""

from workbench.engine.baseline import baseline_variance, set_baseline, with_baseline
from workbench.engine.cost import cost_by_category, task_costs
from workbench.engine.earned_value import earned_value, evm_history, record_status
from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule
from workbench.engine.time_phased import time_phased_cost

__all__ = ["SCHEDULE_COLUMNS", "Schedule", "baseline_variance", "cost_by_category",
           "earned_value", "evm_history", "record_status", "schedule", "set_baseline",
           "task_costs", "time_phased_cost", "with_baseline"]
