"""Pure maths from a plan to results: calendars, CPM scheduling (no UI imports here)."""

from workbench.engine.schedule import SCHEDULE_COLUMNS, Schedule, schedule

__all__ = ["SCHEDULE_COLUMNS", "Schedule", "schedule"]
