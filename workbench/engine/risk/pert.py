"""Classical PERT: expected durations, the critical path's variance and the normal approximation.

Each task's expected duration is ``(o + 4 m + p) / 6`` and its variance
``((p - o) / 6) ** 2``; the project's expected length is the critical path of the
expected durations, its variance the sum of the variances along that path, and the
chance of finishing within ``t`` working days is ``Phi((t - mean) / sd)``. This is the
textbook method (it ignores merge bias: near-critical paths only make things later);
:func:`workbench.simulate` gives the full answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbench.engine.risk.sampling import estimates
from workbench.engine.scheduling.compiled import compile_plan
from workbench.engine.scheduling.cpm import run_passes
from workbench.model.plan import Plan


@dataclass(frozen=True)
class PertEstimate:
    """Expected project length, its variance and the path they come from.

    Attributes
    ----------
    mean : float
        Expected project length (working days).
    variance : float
        Sum of the task variances along ``critical_path``.
    critical_path : list of str
        Leaf tasks with zero float on the expected durations, in plan order.
    """

    mean: float
    variance: float
    critical_path: list[str]

    @property
    def sd(self) -> float:
        """Standard deviation of the project length."""
        return math.sqrt(self.variance)

    def probability_within(self, days: float) -> float:
        """Normal approximation of P(length <= ``days``).

        Parameters
        ----------
        days : float
            Project length to test, in working days from the project start.

        Returns
        -------
        float
            Chance 0-1 that the project takes at most ``days`` working days, from a normal
            distribution with the PERT mean and the critical path's variance (a step at the
            mean when the variance is 0).

        Examples
        --------
        >>> import workbench
        >>> est = pert_estimate(workbench.load_plan(workbench.sample_plan_path()))
        >>> est.probability_within(est.mean), est.probability_within(est.mean + 3 * est.sd) > 0.99
        (0.5, True)
        """
        if self.variance == 0:
            return float(days >= self.mean)
        return 0.5 * (1 + math.erf((days - self.mean) / (self.sd * math.sqrt(2))))


def pert_estimate(plan: Plan) -> PertEstimate:
    """The PERT expected length and variance of a plan (three-point estimates per task).

    Parameters
    ----------
    plan : Plan
        A validated plan; tasks without a three-point estimate get the project's
        ``risk.default_spread`` of their planned duration, and done work counts as
        planned.

    Returns
    -------
    PertEstimate
        ``mean``: expected project length in working days (CPM on the PERT means
        ``(low + 4 mode + high) / 6``); ``variance``: sum of the variances of the critical
        tasks, in working days squared; ``critical_path``: their ids.

    Examples
    --------
    >>> import workbench
    >>> est = pert_estimate(workbench.load_plan(workbench.sample_plan_path()))
    >>> est.mean > workbench.schedule(workbench.load_plan(workbench.sample_plan_path())).length
    True
    """
    net = compile_plan(plan)
    est = estimates(plan, net)
    remaining = 1 - est.done
    expected = est.done * est.planned + remaining * (est.low + 4 * est.mode + est.high) / 6
    variance = (remaining * (est.high - est.low) / 6) ** 2
    passes = run_passes(net, expected)
    critical = net.is_leaf & (passes.total_float <= 1e-9)
    return PertEstimate(mean=float(passes.project_end),
                        variance=float(variance[critical].sum()),
                        critical_path=net.ids[np.flatnonzero(critical)].tolist())
