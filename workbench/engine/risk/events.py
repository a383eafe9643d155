"""Risk events from the register: who fires in which iteration, and what it adds.

``risks="pre"`` uses each risk's ``probability``, ``schedule_impact`` and
``cost_impact``; ``risks="post"`` uses the residual values after the response
(``residual_*``), falling back to the pre-response value where a residual cell is
empty; ``risks="none"`` ignores the register. Closed risks never fire. A fired risk
draws one schedule impact (triangular over its three points, or the fixed number)
that is added to *each* affected task's duration in that iteration, and one cost impact
added once to the project cost. ``trigger_date`` is informative only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from workbench.engine.risk.sampling import triangular_from_uniform
from workbench.model.plan import Plan
from workbench.model.tables import parse_three_point, split_ids

RiskMode = Literal["pre", "post", "none"]
RISK_MODES = ("pre", "post", "none")


@dataclass(frozen=True)
class RiskEvents:
    """The active risks as arrays.

    Attributes
    ----------
    ids : list of str
        Active risk ids (not closed), in register order.
    probability : np.ndarray
        Chance per iteration of each risk.
    schedule, cost : np.ndarray
        Shape ``(r, 3)``: (optimistic, most likely, pessimistic) impacts; zeros if none.
    pair_risk, pair_task : np.ndarray
        Every (risk, affected task position) pair.
    """

    ids: list[str]
    probability: np.ndarray
    schedule: np.ndarray
    cost: np.ndarray
    pair_risk: np.ndarray
    pair_task: np.ndarray

    @property
    def count(self) -> int:
        """Number of active risks."""
        return len(self.ids)


def _triples(pre: pd.Series, post: pd.Series | None) -> np.ndarray:
    cells = pre if post is None else post.where(post != "", pre)
    return np.array([parse_three_point(c) or (0.0, 0.0, 0.0) for c in cells],
                    dtype=np.float64).reshape(len(cells), 3)


def risk_events(plan: Plan, mode: RiskMode = "pre") -> RiskEvents:
    """The register's active risks for ``mode`` (``"pre"``, ``"post"`` or ``"none"``).

    Parameters
    ----------
    plan : Plan
        The plan; reads its ``risks`` register (closed risks are left out).
    mode : {"pre", "post", "none"}
        ``"pre"``: probabilities and impacts before mitigation; ``"post"``: the residual
        probability and impacts after mitigation where the register gives them, else the
        pre-mitigation ones; ``"none"``: no risk events at all.

    Returns
    -------
    RiskEvents
        Per active risk: probability (0-1), three-point schedule impact (working days) and
        cost impact (plan currency), and every (risk, affected task) pair.

    Raises
    ------
    ValueError
        For an unknown mode.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> pre, post = risk_events(plan, "pre"), risk_events(plan, "post")
    >>> float(pre.probability[0]), float(post.probability[0]), post.schedule[0].tolist()
    (0.4, 0.2, [3.0, 5.0, 10.0])
    """
    if mode not in RISK_MODES:
        raise ValueError(f"risks must be one of {', '.join(RISK_MODES)}, got {mode!r}")
    risks = plan.risks
    if mode == "none":
        risks = risks.iloc[:0]
    risks = risks[risks["status"] != "closed"]
    post = mode == "post"
    probability = risks["probability"].to_numpy(dtype=np.float64)
    if post:
        residual = risks["residual_probability"].to_numpy(dtype=np.float64)
        probability = np.where(np.isnan(residual), probability, residual)
    schedule = _triples(risks["schedule_impact"],
                        risks["residual_schedule_impact"] if post else None)
    cost = _triples(risks["cost_impact"], risks["residual_cost_impact"] if post else None)
    position = pd.Index(plan.tasks["id"])
    pairs = [(r, t) for r, cell in enumerate(risks["tasks"]) for t in split_ids(cell)]
    pair_risk = np.array([r for r, _ in pairs], dtype=np.int64)
    pair_task = position.get_indexer([t for _, t in pairs]).astype(np.int64)
    return RiskEvents(ids=risks["id"].tolist(), probability=probability, schedule=schedule,
                      cost=cost, pair_risk=pair_risk, pair_task=pair_task)


def _draw(rng: np.random.Generator, triple: np.ndarray, k: int, dtype: type) -> np.ndarray:
    u = rng.random((len(triple), k), dtype=np.float32).astype(dtype, copy=False)
    return triangular_from_uniform(u, triple[:, 0], triple[:, 1], triple[:, 2])


def sample_events(events: RiskEvents, rng: np.random.Generator, k: int,
                  dtype: type = np.float32) -> tuple[np.ndarray, np.ndarray]:
    """Per risk and iteration, the schedule and cost impact (0 where it did not fire).

    Parameters
    ----------
    events : RiskEvents
        The active risks (:func:`risk_events`).
    rng : np.random.Generator
        Seeded generator; the same seed gives the same draws.
    k : int
        Number of Monte Carlo iterations.
    dtype : type
        Float type of the schedule impacts (float32 halves memory on large runs); cost
        impacts are always float64.

    Returns
    -------
    tuple of np.ndarray
        ``(days, cost)``, each of shape ``(r, k)``.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> days, cost = sample_events(risk_events(plan), np.random.default_rng(0), 20_000)
    >>> round(float((days[0] > 0).mean()), 1)  # RK1 fires with probability 0.4
    0.4
    """
    r = events.count
    fired = rng.random((r, k), dtype=np.float32) < events.probability[:, None]
    days = _draw(rng, events.schedule, k, dtype) * fired
    cost = _draw(rng, events.cost, k, np.float64) * fired
    return days, cost
