"""The workbench: editors, KPIs and the live Gantt around one state, for notebooks and serving."""

from __future__ import annotations

from pathlib import Path

import panel as pn
import param

from workbench.ui import markup
from workbench.ui.budget import BudgetPanel
from workbench.ui.editors import TableEditor
from workbench.ui.gantt_view import GanttChart
from workbench.ui.kpis import KpiStrip
from workbench.ui.resources import ResourcePanel
from workbench.ui.risk_panel import RiskPanel
from workbench.ui.scenarios import ScenarioPanel
from workbench.ui.state import WorkbenchState

EDITED_TABLES = ("tasks", "links", "resources", "assignments")


class Workbench(pn.viewable.Viewer):
    """Table editors beside a live Gantt chart and a KPI strip; scenarios in their own tab.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> wb = Workbench.from_file(sample_plan_path())
    >>> wb.editors["tasks"].edit_cell("T1", "duration", 6)
    True
    >>> wb.state.dirty
    True
    """

    state = param.ClassSelector(class_=WorkbenchState)

    def __init__(self, **params) -> None:
        super().__init__(**params)
        self.editors = {name: TableEditor(state=self.state, table=name)
                        for name in EDITED_TABLES}
        self.gantt = GanttChart(state=self.state)
        self.kpis = KpiStrip(state=self.state)
        # The views behind the plan view's tabs, in tab order; hidden until opened.
        self.resources = ResourcePanel(state=self.state, shown=False)
        self.budget = BudgetPanel(state=self.state, shown=False)
        self.risk = RiskPanel(state=self.state, shown=False)
        self.scenarios = ScenarioPanel(state=self.state, shown=False)
        self._save = pn.widgets.Button(label="Save", color="success", width=80,
                                       css_classes=["wb-save"])
        self._undo = pn.widgets.Button(label="Undo", width=70, css_classes=["wb-undo"])
        self._redo = pn.widgets.Button(label="Redo", width=70, css_classes=["wb-redo"])
        self._save.on_click(lambda _: self._save_clicked())
        self._undo.on_click(lambda _: self.state.undo())
        self._redo.on_click(lambda _: self.state.redo())
        self._status = pn.pane.HTML(self._status_html(), css_classes=["wb-status"],
                                    sizing_mode="stretch_width")
        self.state.param.watch(self._update_toolbar,
                               ["dirty", "can_undo", "can_redo", "message", "error"])
        self._update_toolbar()

    @classmethod
    def from_file(cls, path: str | Path, read_only: bool = False) -> Workbench:
        """A workbench on a plan file; Save writes back to it.

        Parameters
        ----------
        path : str or Path
            The plan file.
        read_only : bool
            True for a stakeholder view: no editing, no Save.

        Returns
        -------
        Workbench

        Raises
        ------
        PlanError
            When the file is not a valid plan.
        """
        return cls(state=WorkbenchState.from_file(path, read_only=read_only))

    def _save_clicked(self) -> None:
        # The page can send a click on a disabled Save: check here, on the server.
        if not self.state.dirty:
            self.state.message = "Nothing to save."
            return
        try:
            self.state.save()
        except (OSError, ValueError) as exc:
            self.state.error = f"Could not save: {exc}"

    def _status_html(self) -> str:
        state = self.state
        name = markup.text(state.path.name) if state.path else "unsaved plan"
        flag = ('<span class="wb-dirty" style="color:#b35c00">● unsaved edits</span>'
                if state.dirty else '<span class="wb-clean" style="color:#2b8a3e">saved</span>')
        if state.read_only:
            flag = '<span class="wb-read-only">read-only</span>'
        note = markup.text(state.message)
        return (f'<div style="display:flex;gap:16px;align-items:center">'
                f"<b>{markup.text(state.plan.project.name)}</b><span>{name}</span>{flag}"
                f'<span style="color:#52606d">{note}</span></div>')

    def _update_toolbar(self, *_events: param.parameterized.Event) -> None:
        self._status.object = self._status_html()
        self._save.disabled = not self.state.dirty or self.state.path is None
        self._undo.disabled = not self.state.can_undo
        self._redo.disabled = not self.state.can_redo

    def __panel__(self) -> pn.viewable.Viewable:
        tabs = pn.Tabs(*[(name.title(), editor) for name, editor in self.editors.items()],
                       sizing_mode="stretch_width", dynamic=False)
        toolbar = [self._status]
        if not self.state.read_only:
            toolbar = [self._save, self._undo, self._redo, self._status]
        views = [self.resources, self.budget, self.risk, self.scenarios]
        plan_view = pn.Row(
            pn.Column(tabs, sizing_mode="stretch_width", min_width=520),
            pn.Column(self.gantt, sizing_mode="stretch_width", min_width=520),
            sizing_mode="stretch_width",
        )
        # Other views are drawn when first opened and follow edits only while shown,
        # so the plan view stays as fast as it is alone.
        main = pn.Tabs(("Plan", plan_view), ("Resources", self.resources),
                       ("Budget", self.budget), ("Risk", self.risk),
                       ("Scenarios", self.scenarios),
                       sizing_mode="stretch_width", dynamic=True, css_classes=["wb-main-tabs"])

        def show_active(event: param.parameterized.Event) -> None:
            for position, view in enumerate(views, start=1):
                view.shown = event.new == position

        main.param.watch(show_active, "active")
        return pn.Column(pn.Row(*toolbar, sizing_mode="stretch_width"), self.kpis, main,
                         sizing_mode="stretch_width")
