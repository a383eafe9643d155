"""A plan compiled to integer arrays (the "level plan") that the CPM passes run over.

Compiling does everything that depends on the network's *shape* once: task positions,
the WBS, summary links expanded to leaf links, topological levels, the edge orderings
each pass loops over, and constraint offsets. Only durations change between Monte
Carlo iterations, so a :class:`CompiledPlan` can be cached and re-run with other
durations (see :func:`workbench.engine.scheduling.cpm.run_passes`).

Each stage declares what it reads (:data:`NETWORK_READS`, :data:`DURATION_READS`,
:data:`COMPILE_READS`, see :mod:`workbench.engine.scheduling.reads`) and sees nothing
else, so a cache of the shape (:class:`Network`) or of the whole compiled plan knows
exactly which edits leave it valid.

Every edge ``e`` from task ``i`` to task ``j`` is one inequality on start offsets::

    ES_j + to_finish_e * d_j  >=  ES_i + from_finish_e * d_i + lag_e

``from_finish`` is 1 for FS/FF links, ``to_finish`` 1 for FF/SF links.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.engine.resources.capacity import ASSIGNMENT_UNITS_READS, assignment_units
from workbench.engine.scheduling.calendar import CALENDAR_READS, WorkCalendar
from workbench.engine.scheduling.progress import PROGRESS_READS, completed, progress_bounds
from workbench.engine.scheduling.reads import Reads
from workbench.model.network import build_hierarchy, expand_links, level_edges
from workbench.model.plan import Plan
from workbench.model.schema import CONSTRAINT_TYPES

#: Integer code per constraint type, in ``CONSTRAINT_TYPES`` order (ASAP = 0).
CONSTRAINT_CODE = {name: code for code, name in enumerate(CONSTRAINT_TYPES)}
ASAP, SNET, FNET, MSO, MFO, SNLT, FNLT = (CONSTRAINT_CODE[c] for c in CONSTRAINT_TYPES)

#: What the network shape (:func:`compile_network`) is built from.
NETWORK_READS = Reads.of(tasks=("id", "parent"), links=("from", "to"))


@dataclass(frozen=True)
class LevelEdges:
    """Edges in the order one CPM pass visits them, cut into topological levels.

    Attributes
    ----------
    edge : np.ndarray
        Edge numbers in pass order.
    read : np.ndarray
        Per ordered edge, the task whose (final) date the pass reads.
    write : np.ndarray
        Per ordered edge, the task whose date the pass tightens.
    bounds : list of tuple of int
        ``(e0, e1)`` per level in pass order: all writes of one level can be applied
        together because every read task of that level is already final.
    """

    edge: np.ndarray
    read: np.ndarray
    write: np.ndarray
    bounds: list[tuple[int, int]]

    @functools.cached_property
    def rounds(self) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                   list[tuple[np.ndarray, np.ndarray]]]]:
        """Per level ``(edges, reads, tasks, first, more)`` for 2-D (Monte Carlo) passes.

        ``edges`` are the level's edge numbers grouped by written task, ``reads`` their
        read tasks, ``tasks`` the written tasks and ``first`` the position of each task's
        first edge. ``more`` lists, per further edge rank ``r``, the ``(slot, position)``
        pairs of tasks with more than ``r`` edges: combining candidates round by round
        is several times faster than ``ufunc.reduceat`` along axis 0.
        """
        out = []
        for e0, e1 in self.bounds:
            write = self.write[e0:e1]
            order = np.argsort(write, kind="stable")
            sorted_write = write[order]
            first_mask = np.ones(len(order), dtype=bool)
            first_mask[1:] = sorted_write[1:] != sorted_write[:-1]
            first = np.flatnonzero(first_mask)
            count = np.diff(np.append(first, len(order)))
            slot = np.repeat(np.arange(len(first)), count)
            rank = np.arange(len(order)) - first[slot]
            more = [(slot[rank == r], np.flatnonzero(rank == r))
                    for r in range(1, int(count.max()))]
            out.append((self.edge[order + e0], self.read[order + e0], sorted_write[first],
                        first, more))
        return out

def level_edges_for(keep: np.ndarray, order: np.ndarray, level_of_edge: np.ndarray,
                    read: np.ndarray, write: np.ndarray, n_levels: int,
                    descending: bool = False) -> LevelEdges:
    """The kept edges of ``order`` (grouped by ascending level) as a :class:`LevelEdges`.

    Examples
    --------
    >>> g = level_edges_for(np.array([True, True]), np.array([1, 0]), np.array([1, 0]),
    ...                     np.array([1, 0]), np.array([2, 1]), 3)
    >>> g.edge.tolist(), g.bounds
    ([1, 0], [(0, 1), (1, 2)])
    """
    edge = order[keep[order]]
    lvl = level_of_edge[edge]
    cuts = np.searchsorted(lvl, np.arange(n_levels + 1)).tolist()
    bounds = [(a, b) for a, b in zip(cuts[:-1], cuts[1:], strict=True) if b > a]
    if descending:
        # Reverse the level order but keep each level's edges contiguous.
        edge = edge[::-1].copy()
        m = len(edge)
        bounds = [(m - b, m - a) for a, b in reversed(bounds)]
    return LevelEdges(edge, read[edge], write[edge], bounds)


@dataclass(frozen=True)
class Network:
    """The plan's shape, decided by task ids, WBS parents and link ends alone.

    Attributes
    ----------
    ids : np.ndarray
        Task ids (object array) in plan order.
    parent, depth, is_summary : np.ndarray
        The WBS per task (parent position, -1 at the top).
    src, dst, link : np.ndarray
        Leaf-to-leaf edges after expanding summary links, and the plan link row each
        came from.
    level, order : np.ndarray
        Topological level of each task; edges ordered by the level of their source.
    n_levels : int
        Number of topological levels.
    ancestor, leaf : np.ndarray
        Every (ancestor, leaf) pair of the WBS, a leaf paired with itself too.
    """

    ids: np.ndarray
    parent: np.ndarray
    depth: np.ndarray
    is_summary: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    link: np.ndarray
    level: np.ndarray
    order: np.ndarray
    n_levels: int
    ancestor: np.ndarray
    leaf: np.ndarray


def compile_network(plan: Plan) -> Network:
    """The shape of a validated plan (reads only :data:`NETWORK_READS`).

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Project
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "S"}, {"id": "A", "parent": "S", "duration": 2},
    ...                          {"id": "B", "duration": 1}],
    ...                   links=[{"from": "S", "to": "B"}])
    >>> shape = compile_network(plan)
    >>> shape.is_summary.tolist(), shape.src.tolist(), shape.dst.tolist()
    ([True, False, False], [1], [2])
    """
    plan = NETWORK_READS.view(plan)
    tasks, links = plan.tasks, plan.links
    ids = tasks["id"].to_numpy(dtype=object)
    position = pd.Index(ids)
    parent = position.get_indexer(tasks["parent"])  # "" is not an id: -1
    hierarchy = build_hierarchy(parent)
    is_summary = hierarchy.is_summary
    link_src = position.get_indexer(links["from"])
    link_dst = position.get_indexer(links["to"])
    if is_summary[link_src].any() or is_summary[link_dst].any():
        src, dst, link = expand_links(hierarchy, link_src, link_dst)
    else:
        src, dst, link = link_src, link_dst, np.arange(len(links))
    level, order, _ = level_edges(len(ids), src, dst)
    ancestor, leaf = hierarchy.leaf_of
    return Network(ids=ids, parent=parent, depth=hierarchy.depth, is_summary=is_summary,
                   src=src, dst=dst, link=link, level=level, order=order,
                   n_levels=int(level.max()) + 1 if len(ids) else 0,
                   ancestor=ancestor, leaf=leaf)


@dataclass(frozen=True)
class CompiledPlan:
    """The plan as arrays over task positions (plan order), ready for the CPM passes.

    Attributes
    ----------
    ids : np.ndarray
        Task ids (object array) in plan order.
    calendar : WorkCalendar
        The calendar the constraint offsets were computed with.
    parent, depth, is_summary, is_leaf, is_milestone : np.ndarray
        The WBS per task.
    duration : np.ndarray
        Working days per task (effort-driven where given); 0 for summaries.
    src, dst, from_finish, to_finish, lag : np.ndarray
        Leaf-to-leaf edges after expanding summary links; ``link`` is the plan link
        row each came from.
    level : np.ndarray
        Topological level of each task over the leaf edges.
    forward, backward : LevelEdges
        Edges grouped by the level of their source, ascending for the forward pass
        (edges into MSO/MFO-pinned and started tasks left out) and descending for the backward
        pass (edges out of pinned tasks left out).
    constraint : np.ndarray
        Constraint code per task (see ``CONSTRAINT_CODE``), after progress: started
        and waiting tasks get SNET bounds (see :mod:`workbench.engine.scheduling.progress`).
    constraint_offset : np.ndarray
        The constraint date as an offset (start of day for start-type constraints,
        end of day for finish-type ones); NaN without a constraint.
    deadline_offset : np.ndarray
        End-of-day offset of the task's own deadline; NaN without one.
    leaf_deadline : np.ndarray
        Tightest deadline on a leaf from itself or any summary above it.
    rollup_summary, rollup_leaf : np.ndarray
        Every (summary, leaf below it) pair, for rolling values up the WBS.
    level_delay : np.ndarray
        Working days levelling holds each leaf back after its predecessors and
        constraints allow it to start (0 for summaries and MSO/MFO-pinned tasks).
    done : np.ndarray
        Completed leaves (see :func:`workbench.engine.scheduling.progress.completed`):
        they have no float and are never critical.
    network : Network
        The shape it was compiled on, for compiling edits that keep it.
    """

    ids: np.ndarray
    calendar: WorkCalendar
    parent: np.ndarray
    depth: np.ndarray
    is_summary: np.ndarray
    is_leaf: np.ndarray
    is_milestone: np.ndarray
    duration: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    link: np.ndarray
    from_finish: np.ndarray
    to_finish: np.ndarray
    lag: np.ndarray
    level: np.ndarray
    forward: LevelEdges
    backward: LevelEdges
    constraint: np.ndarray
    constraint_offset: np.ndarray
    deadline_offset: np.ndarray
    leaf_deadline: np.ndarray
    rollup_summary: np.ndarray
    rollup_leaf: np.ndarray
    level_delay: np.ndarray
    done: np.ndarray
    network: Network

    @property
    def n(self) -> int:
        """Number of tasks (summaries included)."""
        return len(self.ids)

    @property
    def pinned(self) -> np.ndarray:
        """Tasks whose dates are fixed by MSO/MFO."""
        return (self.constraint == MSO) | (self.constraint == MFO)


#: What :func:`task_durations` reads.
DURATION_READS = Reads.of(tasks=("id", "duration", "effort", "milestone"),
                          assignments=("task",)) | ASSIGNMENT_UNITS_READS


def task_durations(plan: Plan) -> np.ndarray:
    """Working days per task: ``duration``, else effort / assigned units, else effort.

    Assigned units count at most up to each resource's capacity
    (:func:`workbench.engine.resources.capacity.assignment_units`), so asking for two units of a
    one-person resource does not halve the duration. Milestones and summaries get 0.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Project
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "effort": 10}, {"id": "M", "milestone": True}],
    ...                   resources=[{"id": "R1"}, {"id": "R2"}],
    ...                   assignments=[{"task": "A", "resource": "R1"},
    ...                                {"task": "A", "resource": "R2", "units": 3}])
    >>> task_durations(plan).tolist()
    [5.0, 0.0]
    """
    plan = DURATION_READS.view(plan)
    tasks = plan.tasks
    duration = tasks["duration"].to_numpy(dtype=np.float64, copy=True)
    effort = tasks["effort"].to_numpy(dtype=np.float64)
    by_effort = np.isnan(duration) & ~np.isnan(effort)
    if by_effort.any():
        units = np.zeros(len(tasks))
        assignments = plan.assignments
        if len(assignments):
            pos = pd.Index(tasks["id"]).get_indexer(assignments["task"])
            np.add.at(units, pos, assignment_units(plan))
        per = np.where(units > 0, units, 1.0)
        duration[by_effort] = effort[by_effort] / per[by_effort]
    duration[tasks["milestone"].to_numpy(dtype=bool)] = 0.0
    return np.nan_to_num(duration, nan=0.0)


#: Everything :func:`compile_plan` reads, its stages included.
COMPILE_READS = (NETWORK_READS | DURATION_READS | PROGRESS_READS | CALENDAR_READS
                 | Reads.of(tasks=("constraint", "constraint_date", "deadline", "level_delay"),
                            links=("type", "lag")))


def compile_plan(plan: Plan, calendar: WorkCalendar | None = None,
                 network: Network | None = None) -> CompiledPlan:
    """Compile a validated plan into the arrays the CPM passes use.

    Parameters
    ----------
    plan : Plan
        A validated plan (acyclic, links between existing tasks).
    calendar : WorkCalendar, optional
        Calendar for constraint and deadline dates; built from the project if absent.
        One built for a plan that agrees on :data:`CALENDAR_READS` may be reused.
    network : Network, optional
        The plan's shape; built if absent. One compiled for a plan that agrees on
        :data:`NETWORK_READS` may be reused.

    Returns
    -------
    CompiledPlan

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Project
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 2}],
    ...                   links=[{"from": "A", "to": "B"}])
    >>> net = compile_plan(plan)
    >>> net.level.tolist(), net.duration.tolist()
    ([0, 1], [3.0, 2.0])
    >>> longer = plan.replace(tasks=[{"id": "A", "duration": 4}, {"id": "B", "duration": 2}])
    >>> compile_plan(longer, net.calendar, net.network).duration.tolist()
    [4.0, 2.0]
    """
    plan = COMPILE_READS.view(plan)
    calendar = calendar or WorkCalendar(plan.project)
    shape = network or compile_network(plan)
    tasks, links = plan.tasks, plan.links
    n = len(tasks)
    is_summary = shape.is_summary
    src, dst, link, level = shape.src, shape.dst, shape.link, shape.level
    duration = task_durations(plan)
    duration[is_summary] = 0.0

    kind, kinds = pd.factorize(links["type"].to_numpy())
    from_finish = np.isin(kinds, ("FS", "FF")).astype(np.float64)[kind][link]
    to_finish = np.isin(kinds, ("FF", "SF")).astype(np.float64)[kind][link]
    lag = links["lag"].to_numpy(dtype=np.float64)[link]

    code, names = pd.factorize(tasks["constraint"].to_numpy())
    known = np.array([CONSTRAINT_CODE.get(name, ASAP) for name in names], dtype=np.int8)
    constraint = known[code] if n else np.zeros(0, dtype=np.int8)
    dates = tasks["constraint_date"].to_numpy(dtype="datetime64[D]")
    start_type = np.isin(constraint, (SNET, MSO, SNLT))
    finish_type = np.isin(constraint, (FNET, MFO, FNLT))
    constraint_offset = np.full(n, np.nan)
    if start_type.any():
        constraint_offset[start_type] = calendar.start_offset(dates[start_type])
    if finish_type.any():
        constraint_offset[finish_type] = calendar.finish_offset(dates[finish_type])
    deadline = tasks["deadline"].to_numpy(dtype="datetime64[D]")
    deadline_offset = np.full(n, np.nan)
    has_deadline = ~np.isnat(deadline)
    if has_deadline.any():
        deadline_offset[has_deadline] = calendar.finish_offset(deadline[has_deadline])
    anc, leaf = shape.ancestor, shape.leaf
    leaf_deadline = np.full(n, np.inf)
    np.fmin.at(leaf_deadline, leaf, deadline_offset[anc])

    duration, constraint, constraint_offset, started = progress_bounds(
        plan, calendar, duration, is_summary, constraint, constraint_offset)
    is_milestone = ~is_summary & (duration == 0)
    pinned = np.isin(constraint, (MSO, MFO))
    level_delay = np.nan_to_num(tasks["level_delay"].to_numpy(dtype=np.float64))
    level_delay[is_summary | pinned] = 0.0
    summary_pair = is_summary[anc]
    src_level = level[src]
    order, n_levels = shape.order, shape.n_levels
    return CompiledPlan(
        ids=shape.ids, calendar=calendar, parent=shape.parent, depth=shape.depth,
        is_summary=is_summary, is_leaf=~is_summary, is_milestone=is_milestone,
        duration=duration, src=src, dst=dst, link=link, from_finish=from_finish,
        to_finish=to_finish, lag=lag, level=level,
        forward=level_edges_for(~(pinned | started)[dst], order, src_level, src, dst, n_levels),
        backward=level_edges_for(~pinned[src], order, src_level, dst, src, n_levels,
                                 descending=True),
        constraint=constraint, constraint_offset=constraint_offset,
        deadline_offset=deadline_offset,
        leaf_deadline=np.where(np.isinf(leaf_deadline), np.nan, leaf_deadline),
        rollup_summary=anc[summary_pair], rollup_leaf=leaf[summary_pair],
        level_delay=level_delay, done=completed(plan, is_summary), network=shape,
    )
