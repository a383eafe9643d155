"""The simple cost model of risk analysis: labour by the day plus risk cost impacts.

Per iteration, ``cost = sum over tasks of daily_rate * duration + fixed + risk costs``,
where a task's ``daily_rate`` is the sum over its assignments of ``units * rate`` of the
resource. Durations include risk delays, so a delay also costs the assigned people's
time. This is the whole model on purpose: a fuller cost engine (fixed task costs, cost
lines, time-phased rates) can replace it by passing any object with the same two
attributes, ``daily_rate`` (per task position) and ``fixed``, to ``simulate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from workbench.model.plan import Plan


class CostModel(Protocol):
    """What ``simulate`` needs from a cost model."""

    daily_rate: np.ndarray
    fixed: float


@dataclass(frozen=True)
class LabourCostModel:
    """Labour cost per working day of each task, plus a fixed amount.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> model = labour_cost_model(plan)
    >>> i = list(plan.tasks["id"]).index("T1")  # PM 720 + analyst 580 + 0.5 * change 850
    >>> float(model.daily_rate[i])
    1725.0
    """

    daily_rate: np.ndarray
    fixed: float = 0.0

    def cost(self, durations: np.ndarray) -> np.ndarray | float:
        """Cost of durations of shape ``(n,)`` or ``(n, k)`` (one value per column)."""
        return self.daily_rate @ durations + self.fixed


def labour_cost_model(plan: Plan) -> LabourCostModel:
    """The labour cost model of a plan: ``units * rate`` summed per task.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> from workbench.engine.scheduling.compiled import task_durations
    >>> round(float(labour_cost_model(plan).cost(task_durations(plan))))
    393780
    """
    tasks, assignments = plan.tasks, plan.assignments
    rate = np.zeros(len(tasks))
    if len(assignments):
        resource_rate = plan.resources.set_index("id")["rate"]
        per_day = (assignments["units"].to_numpy(dtype=np.float64)
                   * resource_rate.reindex(assignments["resource"]).to_numpy(dtype=np.float64))
        position = pd.Index(tasks["id"]).get_indexer(assignments["task"])
        np.add.at(rate, position, np.nan_to_num(per_day))
    return LabourCostModel(daily_rate=rate)
