"""Pure maths from a plan to results: calendars, CPM scheduling (no UI imports here)."""

from workbench.engine.levelling import DELAY_COLUMNS, LevelledSchedule, level
from workbench.engine.loading import LOADING_COLUMNS, loading, task_loading
from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule

__all__ = ["DELAY_COLUMNS", "LOADING_COLUMNS", "SCHEDULE_COLUMNS", "LevelledSchedule",
           "Schedule", "level", "loading", "schedule", "task_loading"]
