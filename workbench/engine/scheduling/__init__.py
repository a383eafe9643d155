"""Scheduling core: working-day calendar, compiled plan, CPM passes, progress, ``schedule()``."""
