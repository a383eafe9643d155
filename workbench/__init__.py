"""Planning Workbench: plans as files, a real scheduling engine, live charts in Jupyter.

Examples
--------
>>> import workbench
>>> plan = workbench.load_plan(workbench.sample_plan_path())
>>> sched = workbench.schedule(plan)
>>> sched.tasks.loc[sched.critical_path[0], "critical"]
np.True_
"""

from importlib import import_module
from pathlib import Path
from typing import Any

# Public names and the module that defines each; imported on first use so that
# ``import workbench.model`` stays light and layers load only what they need.
_EXPORTS = {
    "Calendar": "workbench.model",
    "Plan": "workbench.model",
    "PlanError": "workbench.model",
    "Problem": "workbench.model",
    "Project": "workbench.model",
    "Change": "workbench.model",
    "Scenario": "workbench.model",
    "Schedule": "workbench.engine",
    "schedule": "workbench.engine",
    "loading": "workbench.engine",
    "level": "workbench.engine",
    "LevelledSchedule": "workbench.engine",
    "task_loading": "workbench.engine",
    "apply": "workbench.engine",
    "compare": "workbench.engine",
    "sweep": "workbench.engine",
    "task_deltas": "workbench.engine",
    "set_baseline": "workbench.engine",
    "earned_value": "workbench.engine",
    "record_status": "workbench.engine",
    "evm_history": "workbench.engine",
    "baseline_variance": "workbench.engine",
    "task_costs": "workbench.engine",
    "cost_by_category": "workbench.engine",
    "time_phased_cost": "workbench.engine",
    "RiskResult": "workbench.engine",
    "simulate": "workbench.engine",
    "forecast_delivery": "workbench.engine",
    "load_plan": "workbench.io",
    "save_plan": "workbench.io",
}

__all__ = [*_EXPORTS, "sample_plan_path"]

__version__ = "0.1.0"


def sample_plan_path() -> Path:
    """Path of the bundled sample plan (``templates/plans/crm-migration.yaml``).

    Examples
    --------
    >>> sample_plan_path().name
    'crm-migration.yaml'
    """
    return Path(__file__).resolve().parent.parent / "templates" / "plans" / "crm-migration.yaml"


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
