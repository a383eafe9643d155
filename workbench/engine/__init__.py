"""Pure maths from a plan to results: calendars, CPM, resources, scenarios (no UI imports)."""

from workbench.engine.compare import compare, sweep, task_deltas
from workbench.engine.levelling import DELAY_COLUMNS, LevelledSchedule, level
from workbench.engine.loading import LOADING_COLUMNS, loading, task_loading
from workbench.engine.scenario_kpis import KPIS, Kpi, register_kpi
from workbench.engine.scenarios import ScenarioRunner, apply
from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule

__all__ = ["DELAY_COLUMNS", "KPIS", "LOADING_COLUMNS", "SCHEDULE_COLUMNS", "Kpi",
           "LevelledSchedule", "Schedule", "ScenarioRunner", "apply", "compare", "level",
           "loading", "register_kpi", "schedule", "sweep", "task_deltas", "task_loading"]
