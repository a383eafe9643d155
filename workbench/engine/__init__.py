"""Pure maths from a plan to results: calendars, CPM scheduling, scenarios (no UI imports)."""

from workbench.engine.compare import compare, sweep, task_deltas
from workbench.engine.scenario_kpis import KPIS, Kpi, register_kpi
from workbench.engine.scenarios import ScenarioRunner, apply
from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule

__all__ = ["KPIS", "SCHEDULE_COLUMNS", "Kpi", "Schedule", "ScenarioRunner", "apply", "compare",
           "register_kpi", "schedule", "sweep", "task_deltas"]
