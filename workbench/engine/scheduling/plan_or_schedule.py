"""One way to hand a plan to a function that needs its schedule: the plan or the schedule.

Functions that work on scheduled dates (loading, cost, earned value, baselines) take
``plan: Plan | Schedule`` as their first argument. A :class:`Schedule` carries the plan
it was computed from, so passing one you already have (levelled, say) skips the
rescheduling and uses its dates.
"""

from __future__ import annotations

from workbench.engine.scheduling.scheduler import Schedule, schedule
from workbench.model.arguments import expect_plan
from workbench.model.plan import Plan

#: What functions that need a schedule accept as ``plan``.
PlanOrSchedule = Plan | Schedule


def as_schedule(plan: PlanOrSchedule) -> Schedule:
    """The schedule itself, or ``schedule(plan)`` for a plan.

    Raises
    ------
    TypeError
        If ``plan`` is neither a Plan nor a Schedule.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> sched = as_schedule(plan)
    >>> as_schedule(sched) is sched, sched.plan is plan
    (True, True)
    >>> as_schedule("crm-migration.yaml")
    Traceback (most recent call last):
    ...
    TypeError: plan must be a Plan or Schedule, got str; load a file with workbench.load_plan(path)
    """
    if isinstance(plan, Schedule):
        return plan
    return schedule(expect_plan(plan, also=(Schedule,)))


def plan_of(plan: PlanOrSchedule) -> Plan:
    """The plan itself, or the plan a schedule was computed from (nothing is scheduled).

    Raises
    ------
    TypeError
        If ``plan`` is neither a Plan nor a Schedule.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> plan_of(workbench.schedule(plan)) is plan, plan_of(plan) is plan
    (True, True)
    """
    if isinstance(plan, Schedule):
        return plan.plan
    return expect_plan(plan, also=(Schedule,))
