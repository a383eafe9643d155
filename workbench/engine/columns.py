"""Every result table's columns and what each means: declared once, read by docs and code.

Each engine result (``Schedule.tasks``, ``loading``, ``task_costs``, ...) selects its
columns in this order, and each module's docstring lists them through
:func:`bullet_list`, so the documentation cannot drift from the frames.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.engine.resources.capacity import HOURS_PER_DAY


def bullet_list(columns: Mapping[str, str]) -> str:
    """The columns as a reST bullet list for a module docstring.

    Parameters
    ----------
    columns : Mapping[str, str]
        Column name to its meaning.

    Returns
    -------
    str
        One ``- ``name``: meaning`` line per column.

    Examples
    --------
    >>> print(bullet_list({"finish": "Project finish date"}))
    - ``finish``: Project finish date
    """
    return "\n".join(f"- ``{name}``: {text}" for name, text in columns.items())


#: Every column of ``Schedule.tasks`` and what it means; the one place they are documented.
SCHEDULE_COLUMNS: dict[str, str] = {
    "name": "Task name",
    "parent": "WBS parent (summary) id, '' at the top level",
    "wbs_level": "Depth in the WBS, 0 at the top level",
    "is_summary": "True for summary tasks (tasks that are someone's parent)",
    "is_milestone": "True for zero-duration leaf tasks",
    "duration": "Working days; for summaries finish_offset - start_offset",
    "start_offset": "Early start in working days from the project start",
    "finish_offset": "Early finish in working days from the project start (end of work)",
    "late_start_offset": "Late start in working days from the project start",
    "late_finish_offset": "Late finish in working days from the project start",
    "early_start": "Early start date",
    "early_finish": "Early finish date (inclusive: the last day with work)",
    "late_start": "Late start date",
    "late_finish": "Late finish date (inclusive)",
    "start": "Scheduled start date (= early_start)",
    "finish": "Scheduled finish date (= early_finish)",
    "total_float": "Working days the task can slip without delaying the project or "
                   "breaking a constraint/deadline (late - early start); negative = conflict; "
                   "NaN for completed tasks (actual finish or 100 %): done work cannot slip. "
                   "Summaries: the lowest of their remaining tasks (NaN when all are done)",
    "free_float": "Working days the task can slip without delaying any successor, never "
                  "more than total_float; NaN for completed tasks",
    "critical": "total_float <= critical_tolerance: never for completed tasks, so the "
                "critical path is the work that remains",
    "constraint": "Date constraint type (ASAP, SNET, FNET, MSO, MFO, SNLT, FNLT)",
    "constraint_date": "Date of the constraint",
    "deadline": "Deadline date from the plan",
    "deadline_missed": "True when the early finish is after the deadline",
    "owner": "Accountable resource id",
    "percent_complete": "Progress, 0-100",
}

#: Every column of ``LevelledSchedule.delays``; the one place they are documented.
DELAY_COLUMNS: dict[str, str] = {
    "name": "Task name",
    "delay": "Working days the start moved against the unlevelled schedule",
    "held": "Of those, working days the task waited for a resource (its level_delay)",
    "pushed": "Of those, working days its predecessors' moves pushed it (delay - held)",
    "resources": "Resources that were fully booked when the task could have started",
    "blocking_tasks": "Tasks holding those resources then (or 'time off')",
    "pushed_by": "Moved predecessors that pushed it",
    "reason": "One sentence a PM can read: why did it move",
}

#: Every column of :func:`loading` and what it means; the one place they are documented.
LOADING_COLUMNS: dict[str, str] = {
    "period": "First day of the period (the day, or the Monday of the week)",
    "resource": "Resource id",
    "name": "Resource name",
    "role": "Resource role",
    "working_days": "Project working days in the period",
    "load": "Person-days of work booked in the period (units x days)",
    "hours": f"load x {HOURS_PER_DAY:g} hours",
    "capacity": "Person-days available in the period (zero on the resource's days off)",
    "units": "Average units booked per working day (load / working_days)",
    "over": "Person-days booked above capacity, summed day by day",
    "overallocated": "True when some day in the period is booked above capacity",
}

TASK_COST_COLUMNS: dict[str, str] = {
    "work": "Person-days of assigned work (summaries: sum of their tasks)",
    "labour": "Labour cost: units x rate x working days, less resource days off",
    "fixed": "Cost lines booked on the task",
    "cost": "labour + fixed",
}

CATEGORY_COLUMNS: dict[str, str] = {
    "budget": "Approved budget (reserves are rows of their own)",
    "planned": "Planned cost of the whole plan (tasks and project-level cost lines)",
    "actual": "Actual cost booked so far (all actuals, whatever their date)",
    "variance": "budget - planned; negative = the plan overruns the budget",
    "remaining": "budget - actual; what is left to spend",
}

VARIANCE_COLUMNS: dict[str, str] = {
    "baseline_start": "Start in the current baseline",
    "baseline_finish": "Finish in the current baseline (inclusive)",
    "start": "Scheduled start now",
    "finish": "Scheduled finish now",
    "start_variance": "Working days the start moved; positive = later than the baseline",
    "finish_variance": "Working days the finish moved; positive = later than the baseline",
    "baseline_duration": "Working days in the baseline",
    "duration_variance": "duration - baseline_duration",
    "baseline_cost": "Cost in the baseline",
    "cost": "Planned cost now",
    "cost_variance": "cost - baseline_cost; positive = more expensive than the baseline",
}

EVM_COLUMNS: dict[str, str] = {
    "name": "Task, branch or project name",
    "bac": "Budget at completion",
    "pv": "Planned value at the status date",
    "ev": "Earned value at the status date",
    "ac": "Actual cost up to the status date",
    "sv": "Schedule variance ev - pv",
    "cv": "Cost variance ev - ac",
    "spi": "Schedule performance index ev / pv (NaN while pv is 0)",
    "cpi": "Cost performance index ev / ac (NaN while ac is 0)",
    "eac": "Estimate at completion bac / cpi",
    "etc": "Estimate to complete eac - ac",
    "vac": "Variance at completion bac - eac",
    "tcpi": "To-complete performance index (bac - ev) / (bac - ac)",
    "eac_remaining_at_budget": "EAC when the remaining work goes as budgeted: ac + bac - ev",
    "eac_cpi_spi": "EAC when cost and schedule performance both persist",
    "es": "Earned schedule: working days at which the baseline planned today's ev",
    "at": "Actual time: working days from the project start to the end of the status day",
    "sv_t": "Schedule variance in time es - at (working days; negative = behind)",
    "spi_t": "Schedule performance index in time es / at",
}

PHASED_COLUMNS: dict[str, str] = {
    "planned": "Planned cost in the period",
    "baseline": "Baseline cost in the period",
    "actual": "Actual cost in the period",
    "cumulative_planned": "Planned cost up to the end of the period",
    "cumulative_baseline": "Baseline cost up to the end of the period",
    "cumulative_actual": "Actual cost up to the end of the period",
}

#: Every column of ``RiskResult.summary()``; the one place they are documented.
RISK_SUMMARY_COLUMNS: dict[str, str] = {
    "finish": "Project finish date (inclusive: the last day with work)",
    "working_days": "Project length in working days from the project start",
    "cost": "Total cost: the money engine's cost of the schedule plus fired risk costs",
    "confidence": "Share of iterations finishing no later than this row's finish, 0-1",
}

KPI_COLUMNS: dict[str, str] = {
    "finish": "Project finish date",
    "slip_days": "Working days the finish moved against the base (base calendar)",
    "working_days": "Working days from the start to the finish",
    "working_days_delta": "Change in working days against the base",
    "critical_tasks": "Number of critical work tasks and milestones",
    "critical_tasks_delta": "Change in the number of critical tasks",
    "critical_path_changed": "True when any task entered or left the critical path",
    "entered_critical": "Tasks critical here but not in the base (comma-separated)",
    "left_critical": "Tasks critical in the base but not here (comma-separated)",
    "missed_deadlines": "Tasks finishing after their deadline",
    "peak_load": "Highest daily load of any resource as a share of its capacity",
    "peak_load_delta": "Change in peak load against the base",
}
"""Every column the built-in KPIs give and what it means."""
