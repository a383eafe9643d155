"""The scenario panel: build a what-if with sliders and pickers, compare it live, save it.

The panel holds a *draft* scenario (name, base, description, committed changes) plus
the pending changes of its three sliders ("scale branch X by N %", "delay task X by N
days", "add N units to role R"). Every move of a slider re-applies the draft and
updates the KPI table, the diff Gantt (streamed into one figure, so zoom is kept) and
the finish chart. Saving writes the scenario into the plan through
:meth:`WorkbenchState.apply`, so it is undoable and the file Save writes it.
"""

from __future__ import annotations

from typing import Any

import holoviews as hv
import pandas as pd
import panel as pn
import param

from workbench.charts.scenario import diff_gantt_data, diff_gantt_overlay, finish_chart, sweep_chart
from workbench.engine import ScenarioRunner, compare, sweep
from workbench.engine.scenarios.comparison import schedule_deltas
from workbench.engine.scenarios.kpis import default_kpis
from workbench.model import TABLES, Change, PlanError, Scenario
from workbench.model.scenario import PLAN_BASE
from workbench.model.tables import row_labels
from workbench.ui import markup
from workbench.ui.guards import in_range, offered
from workbench.ui.risk_panel import LIVE_TASKS
from workbench.ui.tab_view import TabView

NEW = "(new scenario)"
KPI_SHOWN = ["base", "finish", "slip_days", "working_days", "critical_tasks",
             "critical_path_changed", "entered_critical", "left_critical", "missed_deadlines",
             "peak_load"]
SWEEPS = {"delay task (days)": list(range(0, 21, 2)),
          "scale branch (%)": list(range(50, 205, 15)),
          "add units to role": [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6]}


def _offer(select: pn.widgets.Select, options: list[str]) -> None:
    """Set a picker's options, keeping its value if still offered, else the first."""
    value = select.value if select.value in options else (options[0] if options else None)
    select.param.update(options=options, value=value)


class ScenarioPanel(TabView):
    """Build, compare and save what-if scenarios of the state's plan.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> from workbench.ui.state import WorkbenchState
    >>> state = WorkbenchState.from_file(sample_plan_path())
    >>> panel = ScenarioPanel(state=state)
    >>> panel.delay_task.value, panel.delay_days.value = "M3", 10
    >>> panel.comparison.loc["draft", "slip_days"]
    np.float64(4.0)
    >>> panel.scenario_name.value = "vendor 2 weeks late"
    >>> panel.add_change("delay")
    True
    >>> panel.save()
    True
    >>> [s.name for s in state.plan.scenarios][-1]
    'vendor 2 weeks late'
    """

    changes = param.List(default=[], doc="Committed changes of the draft scenario")
    comparison = param.DataFrame(default=None, doc="KPIs of the plan, saved scenarios and draft")
    deltas = param.DataFrame(default=None, doc="Per-task moves of the draft against its base")
    error = param.String(default="", doc="Why the draft cannot be applied")
    sweep_result = param.DataFrame(default=None, doc="KPIs over the chosen sweep")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self._runner = ScenarioRunner(self.state.plan)
        self.edit = pn.widgets.Select(label="Scenario", css_classes=["wb-scenario-edit"])
        self.scenario_name = pn.widgets.TextInput(label="Name", value="",
                                                  placeholder="e.g. vendor slips 2 weeks",
                                                  css_classes=["wb-scenario-name"])
        self.base = pn.widgets.Select(label="Base", css_classes=["wb-scenario-base"])
        self.description = pn.widgets.TextInput(label="Description",
                                                css_classes=["wb-scenario-description"])
        self.branch = pn.widgets.Select(label="Scale durations of branch",
                                        css_classes=["wb-scenario-branch"])
        self.branch_percent = in_range(pn.widgets.IntSlider(label="by %", start=50, end=200, step=5,
                                                   value=100,
                                                   css_classes=["wb-scenario-branch-percent"]))
        self.delay_task = pn.widgets.Select(label="Delay task", css_classes=["wb-scenario-task"])
        self.delay_days = in_range(pn.widgets.IntSlider(
            label="by working days", start=0, end=30, value=0,
            css_classes=["wb-scenario-delay"]))
        self.role = pn.widgets.Select(label="Add units to role", css_classes=["wb-scenario-role"])
        self.role_units = in_range(pn.widgets.FloatSlider(
            label="units", start=0, end=6, step=0.5, value=0,
            css_classes=["wb-scenario-units"]))
        self.set_table = pn.widgets.Select(label="Set in table",
                                           options=["tasks", "resources", "assignments", "links"],
                                           css_classes=["wb-scenario-set-table"])
        self.set_row = pn.widgets.Select(label="row", css_classes=["wb-scenario-set-row"])
        self.set_field = pn.widgets.Select(label="field", css_classes=["wb-scenario-set-field"])
        self.set_value = pn.widgets.TextInput(label="value", css_classes=["wb-scenario-set-value"])
        self._buttons = {kind: pn.widgets.Button(label="Add", width=60,
                                                 css_classes=[f"wb-scenario-add-{kind}"])
                         for kind in ("scale", "delay", "units", "set")}
        for kind, button in self._buttons.items():
            button.on_click(lambda _, kind=kind: self.add_change(kind))
        self.change_list = pn.widgets.Tabulator(
            pd.DataFrame({"change": []}, dtype=object), disabled=True, selectable=1,
            show_index=True, height=160, sizing_mode="stretch_width",
            css_classes=["wb-scenario-changes"])
        self._move_up = pn.widgets.Button(label="Up", width=60)
        self._move_down = pn.widgets.Button(label="Down", width=60)
        self._remove = pn.widgets.Button(label="Remove", width=80, color="danger")
        self._move_up.on_click(lambda _: self.move_change(-1))
        self._move_down.on_click(lambda _: self.move_change(1))
        self._remove.on_click(lambda _: self.remove_change())
        self._save = pn.widgets.Button(label="Save scenario", color="success",
                                       css_classes=["wb-scenario-save"],
                                       disabled=self.state.read_only)
        self._save.on_click(lambda _: self.save())
        self.sweep_kind = pn.widgets.Select(label="Sweep", options=list(SWEEPS),
                                            css_classes=["wb-scenario-sweep"])
        self._error = pn.pane.Alert("", alert_type="danger", visible=False,
                                    css_classes=["wb-scenario-error"],
                                    sizing_mode="stretch_width")
        self._kpi_table = pn.widgets.Tabulator(disabled=True, show_index=True,
                                               sizing_mode="stretch_width", height=220,
                                               css_classes=["wb-scenario-kpis"])
        self._gantt_pipe: hv.streams.Pipe | None = None
        self._gantt = pn.pane.HoloViews(sizing_mode="stretch_width",
                                        css_classes=["wb-scenario-gantt"])
        self._finish = pn.pane.HoloViews(sizing_mode="stretch_width",
                                         css_classes=["wb-scenario-finish"])
        self._sweep = pn.pane.HoloViews(sizing_mode="stretch_width",
                                        css_classes=["wb-scenario-sweep-chart"])
        # Before any other watcher: a pick the page invents never reaches them.
        for select in (self.edit, self.base, self.branch, self.delay_task, self.role,
                       self.set_table, self.set_row, self.set_field, self.sweep_kind):
            offered(select)
        self._refresh_options()
        self.edit.param.watch(self._load, "value")
        self.set_table.param.watch(lambda _: self._refresh_set_options(), "value")
        for widget in (self.base, self.branch, self.branch_percent, self.delay_task,
                       self.delay_days, self.role, self.role_units):
            widget.param.watch(lambda _: self.update(), "value")
        for widget in (self.sweep_kind, self.branch, self.delay_task, self.role):
            widget.param.watch(lambda _: self.update_sweep(), "value")
        self.follow(self._plan_changed, ["plan"])
        self.update()
        self.update_sweep()

    # ------------------------------------------------------------------ options

    def _refresh_options(self) -> None:
        plan = self.state.plan
        names = [s.name for s in plan.scenarios]
        tasks = plan.tasks
        summaries = set(tasks["parent"]) - {""}
        leaves = tasks.loc[~tasks["id"].isin(summaries), "id"].tolist()
        roles = sorted(set(plan.resources["role"]) - {""})
        _offer(self.edit, [NEW, *names])
        _offer(self.base, [PLAN_BASE, *[n for n in names if n != self.scenario_name.value]])
        _offer(self.branch, sorted(summaries, key=tasks["id"].tolist().index))
        _offer(self.delay_task, leaves)
        _offer(self.role, roles)
        self._refresh_set_options()

    def _refresh_set_options(self) -> None:
        table = self.set_table.value
        spec = TABLES[table]
        frame = self.state.plan.tables[table]
        _offer(self.set_row, row_labels(spec, frame))
        _offer(self.set_field, [c for c in spec.column_names if c not in spec.key])

    def _plan_changed(self, *_events: param.parameterized.Event) -> None:
        self._runner = ScenarioRunner(self.state.plan)
        self._refresh_options()
        self.update()
        self.update_sweep()

    # ------------------------------------------------------------------ the draft

    def pending(self) -> list[Change]:
        """Changes the sliders describe but that are not added yet."""
        out = []
        if self.branch.value and self.branch_percent.value != 100:
            out.append(self._builder("scale"))
        if self.delay_task.value and self.delay_days.value:
            out.append(self._builder("delay"))
        if self.role.value and self.role_units.value:
            out.append(self._builder("units"))
        return out

    def _builder(self, kind: str) -> Change:
        if kind == "scale":
            return Change("scale", table="tasks", where={"parent": self.branch.value},
                          field="duration", factor=self.branch_percent.value / 100)
        if kind == "delay":
            return Change("delay", id=self.delay_task.value, days=self.delay_days.value)
        if kind == "units":
            return Change("add_units", role=self.role.value, units=self.role_units.value)
        return Change("set", table=self.set_table.value, id=self.set_row.value,
                      field=self.set_field.value, value=self.set_value.value)

    def draft(self) -> Scenario:
        """The scenario as the panel shows it: committed changes plus the sliders'."""
        return Scenario(self.scenario_name.value.strip() or "draft", base=self.base.value,
                        description=self.description.value,
                        changes=tuple(self.changes + self.pending()))

    def add_change(self, kind: str) -> bool:
        """Commit the change a builder (``scale``, ``delay``, ``units``, ``set``) describes."""
        if self.state.read_only:  # viewers explore with the sliders but commit nothing
            return False
        change = self._builder(kind)
        self.changes = [*self.changes, change]
        with param.parameterized.batch_call_watchers(self):
            if kind == "scale":
                self.branch_percent.value = 100
            elif kind == "delay":
                self.delay_days.value = 0
            elif kind == "units":
                self.role_units.value = 0
        self._show_changes()
        return self.update()

    def move_change(self, step: int) -> None:
        """Move the selected change up (-1) or down (+1)."""
        if self.state.read_only or not self.change_list.selection:
            return
        i = self.change_list.selection[0]
        j = min(max(i + step, 0), len(self.changes) - 1)
        changes = list(self.changes)
        changes[i], changes[j] = changes[j], changes[i]
        self.changes = changes
        self._show_changes()
        self.change_list.selection = [j]
        self.update()

    def remove_change(self, index: int | None = None) -> None:
        """Remove a committed change (default: the selected one)."""
        if self.state.read_only:
            return
        if index is None:
            if not self.change_list.selection:
                return
            index = self.change_list.selection[0]
        self.changes = [c for i, c in enumerate(self.changes) if i != index]
        self._show_changes()
        self.change_list.selection = []
        self.update()

    def _show_changes(self) -> None:
        self.change_list.value = pd.DataFrame(
            {"change": [c.summary() for c in self.changes]}, dtype=object)

    def _load(self, event: param.parameterized.Event) -> None:
        scenario = next((s for s in self.state.plan.scenarios if s.name == event.new), None)
        with param.parameterized.batch_call_watchers(self):
            self.scenario_name.value = scenario.name if scenario else ""
            self.description.value = scenario.description if scenario else ""
            self.changes = list(scenario.changes) if scenario else []
            self.base.value = scenario.base if scenario else PLAN_BASE
        self._show_changes()
        self.update()

    def save(self) -> bool:
        """Write the draft into the plan (replacing a scenario of the same name)."""
        if self.state.read_only:
            self._show_error("This workbench is read-only.")
            return False
        name = self.scenario_name.value.strip()
        if not name:
            self._show_error("Name the scenario before saving it.")
            return False
        scenario = self.draft()
        kept = [s for s in self.state.plan.scenarios if s.name != name]
        if not self.state.apply(lambda plan: plan.replace(scenarios=[*kept, scenario]),
                                f"save scenario {name}"):
            self._show_error(self.state.error)
            return False
        self.changes = list(scenario.changes)
        with param.parameterized.batch_call_watchers(self):
            self.branch_percent.value, self.delay_days.value, self.role_units.value = 100, 0, 0
        self._show_changes()
        self.edit.value = name
        return True

    # ------------------------------------------------------------------ results

    def _show_error(self, message: str) -> None:
        self.error = message
        self._error.object = markup.lines(message)
        self._error.visible = bool(message)

    def kpi_names(self) -> list[str]:
        """The KPIs compared: the defaults, plus the P80 finish on plans small enough to
        simulate live (see :data:`workbench.ui.risk_panel.LIVE_TASKS`)."""
        names = default_kpis()
        if len(self.state.plan.tasks) <= LIVE_TASKS:
            names.append("p80_finish")
        return names

    def update(self) -> bool:
        """Re-apply the draft and refresh the KPI table, diff Gantt and finish chart."""
        draft = self.draft()
        saved = [s.name for s in self.state.plan.scenarios if s.name != draft.name]
        try:
            table = compare(self.state.plan, [*saved, draft], kpis=self.kpi_names(),
                            runner=self._runner)
            deltas = schedule_deltas(self._runner.run(draft.base).schedule,
                                     self._runner.run(draft).schedule)
        except PlanError as exc:
            self._show_error(str(exc))
            return False
        self._show_error("")
        self.param.update(comparison=table, deltas=deltas)
        with pn.io.hold():
            shown = table[[c for c in KPI_SHOWN if c in table.columns]].copy()
            shown["finish"] = shown["finish"].dt.strftime("%Y-%m-%d")
            self._kpi_table.value = shown
            frames = diff_gantt_data(deltas)
            if self._gantt_pipe is None:
                self._gantt_pipe = hv.streams.Pipe(data=frames)
                self._gantt.object = hv.DynamicMap(diff_gantt_overlay, streams=[self._gantt_pipe])
            else:
                self._gantt_pipe.send(frames)
            self._finish.object = finish_chart(table)
        return True

    def update_sweep(self) -> None:
        """Sweep the chosen builder's parameter and draw finish against it."""
        kind = self.sweep_kind.value
        values = SWEEPS[kind]
        if kind.startswith("delay"):
            template, marker = Change("delay", id=self.delay_task.value), self.delay_days.value
        elif kind.startswith("scale"):
            template = Change("scale", table="tasks", where={"parent": self.branch.value},
                              field="duration")
            values, marker = [v / 100 for v in values], self.branch_percent.value / 100
        else:
            template, marker = Change("add_units", role=self.role.value), self.role_units.value
        try:
            table = sweep(self.state.plan, template, values, base=self.base.value,
                          runner=self._runner)
        except PlanError as exc:
            self._show_error(str(exc))
            return
        self.sweep_result = table
        self._sweep.object = sweep_chart(table, "finish", marker=marker)

    def __panel__(self) -> pn.viewable.Viewable:
        header = pn.Row(self.edit, self.scenario_name, self.base, self.description,
                        sizing_mode="stretch_width")
        read_only = self.state.read_only

        def builder(*widgets: pn.viewable.Viewable, kind: str) -> pn.Row:
            # Stakeholders (read-only) explore with the sliders but add and save nothing.
            extra = () if read_only else (self._buttons[kind],)
            return pn.Row(*widgets, *extra, align="end")

        rows = [builder(self.branch, self.branch_percent, kind="scale"),
                builder(self.delay_task, self.delay_days, kind="delay"),
                builder(self.role, self.role_units, kind="units")]
        if not read_only:
            rows.append(builder(self.set_table, self.set_row, self.set_field, self.set_value,
                                kind="set"))
        builders = pn.Column(*rows)
        controls = () if read_only else (
            pn.Row(self._move_up, self._move_down, self._remove, self._save),)
        changes = pn.Column(self.change_list, *controls, sizing_mode="stretch_width")
        charts = pn.Tabs(("Diff Gantt", self._gantt), ("Finish", self._finish),
                         ("Sweep", pn.Column(self.sweep_kind, self._sweep,
                                             sizing_mode="stretch_width")),
                         dynamic=False, sizing_mode="stretch_width")
        return pn.Column(self._error, header,
                         pn.Row(builders, changes, sizing_mode="stretch_width"),
                         self._kpi_table, charts, sizing_mode="stretch_width")
