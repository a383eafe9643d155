"""The resource panel: resource list, live loading chart, the Gantt of the picked
resource's work, and levelling the PM can keep or discard."""

from __future__ import annotations

import holoviews as hv
import pandas as pd
import panel as pn
import param

from workbench.charts import levelling_gantt, loading_chart
from workbench.engine import LevelledSchedule, level, loading
from workbench.model import Plan, PlanError
from workbench.ui import markup
from workbench.ui.gantt_view import GanttChart
from workbench.ui.tab_view import TabView

ALL = "All resources"

RESOURCE_LIST_TITLES = {"id": "Id", "name": "Name", "role": "Role", "capacity": "Capacity",
                        "peak_units": "Peak units", "over_days": "Over-allocated days"}
"""Column headings of the resource list, by :func:`resource_table` column."""


def resource_table(schedule) -> pd.DataFrame:
    """One row per resource (plan order): who it is and how hard it is booked.

    Parameters
    ----------
    schedule : Schedule
        A schedule; its plan supplies resources and assignments.

    Returns
    -------
    pd.DataFrame
        Indexed by resource ``id``: ``name``, ``role``, ``capacity`` (units), the
        ``peak_units`` booked on any working day, and ``over_days``, the working days
        booked above capacity (from :func:`workbench.loading`).

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> table = resource_table(sched)
    >>> r6 = table.loc["R6"]
    >>> r6["name"], float(r6["capacity"]), float(r6["peak_units"]), int(r6["over_days"])
    ('Jonas Schulz', 1.0, 2.0, 8)
    """
    daily = loading(schedule, freq="D")
    booked = daily.groupby("resource", sort=False).agg(
        peak_units=("units", "max"), over_days=("overallocated", "sum"))
    resources = schedule.plan.resources.set_index("id")[["name", "role", "capacity"]]
    table = resources.join(booked).fillna({"peak_units": 0.0, "over_days": 0})
    return table.astype({"over_days": int}).rename_axis("id")


def overload_summary(table: pd.DataFrame) -> str:
    """One line: which resources are booked above capacity, on how many working days.

    Parameters
    ----------
    table : pd.DataFrame
        A :func:`resource_table`.

    Returns
    -------
    str
        The over-allocated resource ids in table order with their working days, or
        a line saying no resource is over-allocated.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> overload_summary(resource_table(sched))
    'Over-allocated: R2 5 d, R5 5 d, R6 8 d, R7 5 d, R8 10 d, R11 3 d'
    """
    days = table.loc[table["over_days"] > 0, "over_days"]
    if days.empty:
        return "No resource is over-allocated."
    return "Over-allocated: " + ", ".join(f"{r} {n} d" for r, n in days.items())


def assigned_tasks(plan: Plan, resource: str) -> list[str]:
    """Ids of the tasks ``resource`` is assigned to, in plan (WBS) order.

    Parameters
    ----------
    plan : Plan
        The plan whose assignments are read.
    resource : str
        A resource id; an unknown id has no tasks.

    Returns
    -------
    list of str
        Task ids, each once; empty for a resource with no assignments.

    Examples
    --------
    >>> import workbench
    >>> assigned_tasks(workbench.load_plan(workbench.sample_plan_path()), "R9")
    ['T25', 'T26', 'T27']
    """
    assigned = plan.assignments.loc[plan.assignments["resource"] == resource, "task"]
    tasks = plan.tasks["id"]
    return tasks[tasks.isin(assigned)].astype(str).tolist()


class ResourcePanel(TabView):
    """Resource list, loading and the picked resource's work, following every edit,
    and a Level control.

    The list shows each resource's capacity, peak units and over-allocated days.
    Picking a resource (a row of the list, or the Select) shows its loading and
    highlights its tasks in a Gantt of the current schedule (:attr:`gantt`, every
    other task faded); "All resources" clears the highlight. Picking only restyles:
    nothing is rescheduled.

    Level runs :func:`workbench.level` on the current plan and shows the result
    against the current schedule (ghost bars) with each delay explained; Keep applies
    the levelled plan (its ``level_delay`` column) through ``WorkbenchState.apply``,
    Discard drops it.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> from workbench.ui.state import WorkbenchState
    >>> panel = ResourcePanel(state=WorkbenchState.from_file(sample_plan_path()))
    >>> panel.resource = "R9"
    >>> panel.gantt.highlight
    ['T25', 'T26', 'T27']
    >>> panel.run_level()
    True
    >>> panel.keep()
    True
    >>> panel.state.schedule.length
    181.0
    """

    resource = param.Selector(default=ALL, objects=[ALL], doc="Resource shown in the chart")
    stack = param.Selector(default="role", objects=["role", "task"], doc="Stack bars by")
    freq = param.Selector(default="W", objects=["W", "D"], doc="Weeks or days")
    method = param.Selector(default="heuristic", objects=["heuristic", "optimal"])
    time_limit = param.Number(default=10.0, bounds=(1.0, 600.0),
                              doc="Seconds the optimal mode may run")
    proposal = param.ClassSelector(class_=LevelledSchedule, default=None, allow_None=True,
                                   doc="A levelled schedule waiting for Keep or Discard")
    error = param.String(default="")

    def __init__(self, **params) -> None:
        super().__init__(**params)
        self._chart = pn.pane.HoloViews(sizing_mode="stretch_width",
                                        css_classes=["wb-loading"])
        self._summary = pn.pane.HTML(css_classes=["wb-overload"], sizing_mode="stretch_width")
        # Read-only and one row at a time: clicking a row picks that resource, clicking
        # it again goes back to all of them.
        self._list = pn.widgets.Tabulator(disabled=True, selectable=1, show_index=True,
                                          titles=RESOURCE_LIST_TITLES,
                                          layout="fit_data_table", max_height=400,
                                          css_classes=["wb-resource-list"])
        self._list.param.watch(self._row_picked, "selection")
        self.gantt = GanttChart(state=self.state, shown=self.shown)
        self._level = pn.widgets.Button(label="Level", color="primary", width=80,
                                        css_classes=["wb-level"])
        self._keep = pn.widgets.Button(label="Keep", color="success", width=70,
                                       css_classes=["wb-level-keep"])
        self._discard = pn.widgets.Button(label="Discard", width=80,
                                          css_classes=["wb-level-discard"])
        self._level.on_click(lambda _: self.run_level())
        self._keep.on_click(lambda _: self.keep())
        self._discard.on_click(lambda _: self.discard())
        self._result = pn.pane.HTML(css_classes=["wb-level-result"],
                                    sizing_mode="stretch_width")
        self._delays = pn.widgets.Tabulator(disabled=True, show_index=True, height=260,
                                            sizing_mode="stretch_width",
                                            css_classes=["wb-level-delays"])
        self._compare = pn.pane.HoloViews(sizing_mode="stretch_width",
                                          css_classes=["wb-level-gantt"])
        self.follow(self._plan_changed, ["schedule"])
        self._plan_changed()
        self._show_proposal()

    # ------------------------------------------------------------------ actions
    def run_level(self) -> bool:
        """Level the current plan into :attr:`proposal`; False (see ``error``) if refused."""
        if self.state.read_only:  # levelling can run for minutes: editors only
            self.error = "This workbench is read-only."
            return False
        try:
            proposal = level(self.state.plan, method=self.method, time_limit=self.time_limit)
        except PlanError as exc:
            self.error = str(exc)
            return False
        self.param.update(proposal=proposal, error="")
        return True

    def keep(self) -> bool:
        """Apply the proposal to the plan (undoable); False when there is none."""
        proposal = self.proposal
        if proposal is None or self.state.read_only:
            return False
        moved = len(proposal.delays)
        self.proposal = None
        return self.state.apply(proposal.plan, f"level resources ({moved} tasks moved)")

    def discard(self) -> None:
        """Drop the proposal."""
        self.proposal = None

    # ------------------------------------------------------------------ views
    @property
    def chart(self) -> hv.Overlay:
        """The loading chart currently shown."""
        return self._chart.object

    def _plan_changed(self, *_events: param.parameterized.Event) -> None:
        ids = self.state.plan.resources["id"].tolist()
        self.param.resource.objects = [ALL, *ids]
        if self.resource not in self.param.resource.objects:
            self.resource = ALL
        if self.proposal is not None and self.proposal.unlevelled.plan is not self.state.plan:
            self.proposal = None
        table = resource_table(self.state.schedule)
        self._list.value = table
        self._summary.object = markup.text(overload_summary(table))
        self._draw()
        self._pick()

    @param.depends("resource", "stack", "freq", watch=True)
    def _draw(self) -> None:
        resource = None if self.resource == ALL else self.resource
        self._chart.object = loading_chart(self.state.schedule, resource=resource,
                                           by=self.stack, freq=self.freq)

    @param.depends("resource", watch=True)
    def _pick(self) -> None:
        """Show the picked resource in the list and its tasks in the Gantt."""
        picked = self.resource != ALL
        self._list.selection = ([self._list.value.index.get_loc(self.resource)] if picked
                                else [])
        self.gantt.highlight = (assigned_tasks(self.state.plan, self.resource) if picked
                                else None)

    def _row_picked(self, event: param.parameterized.Event) -> None:
        self.resource = self._list.value.index[event.new[0]] if event.new else ALL

    @param.depends("shown", watch=True)
    def _show_gantt(self) -> None:
        self.gantt.shown = self.shown

    @param.depends("proposal", "error", watch=True)
    def _show_proposal(self) -> None:
        proposal = self.proposal
        visible = proposal is not None
        self._keep.visible = self._discard.visible = visible
        self._delays.visible = self._compare.visible = visible
        self._keep.disabled = self.state.read_only
        if self.error:
            self._result.object = f'<span style="color:#d62728">{markup.text(self.error)}</span>'
            return
        if not visible:
            self._result.object = ""
            return
        before, after = proposal.unlevelled, proposal
        proof = ("proven optimal" if proposal.proven_optimal
                 else f"gap to lower bound {proposal.gap:.1%}")
        self._result.object = (
            f"<b>Levelled ({proposal.method})</b>: finish {before.finish:%Y-%m-%d} → "
            f"{after.finish:%Y-%m-%d} ({after.length - before.length:+g} working days), "
            f"{len(proposal.delays)} tasks moved, {proof}.")
        self._delays.value = proposal.delays[["name", "delay", "held", "pushed", "reason"]]
        self._compare.object = levelling_gantt(proposal)

    def __panel__(self) -> pn.viewable.Viewable:
        controls = pn.Row(
            pn.widgets.Select.from_param(self.param.resource, name="Resource", width=180,
                                         css_classes=["wb-resource-select"]),
            pn.widgets.RadioButtonGroup.from_param(self.param.stack, width=120),
            pn.widgets.RadioButtonGroup.from_param(self.param.freq, width=80),
        )
        levelling = pn.Row(
            pn.widgets.RadioButtonGroup.from_param(self.param.method, width=180),
            pn.widgets.FloatInput.from_param(self.param.time_limit, name="Time limit (s)",
                                             width=110),
            self._level, self._keep, self._discard,
        )
        loading_view = pn.Row(self._list, self._chart, sizing_mode="stretch_width")
        work = pn.Column(self.gantt, sizing_mode="stretch_width",
                         css_classes=["wb-resource-gantt"])
        if self.state.read_only:  # stakeholders see the loading, not the Level control
            return pn.Column(controls, self._summary, loading_view, work,
                             sizing_mode="stretch_width")
        return pn.Column(controls, self._summary, loading_view, work, levelling,
                         self._result, self._delays, self._compare,
                         sizing_mode="stretch_width")
