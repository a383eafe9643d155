"""The risk tab: the register editor, a run control and the Monte Carlo charts.

Small plans (up to ``LIVE_TASKS`` tasks) re-run the simulation after every edit;
larger ones re-run when the PM presses "Run". Read-only dashboards run once on open.
"""

from __future__ import annotations

import math

import panel as pn
import param

from workbench.charts.risk import (
    cost_histogram,
    criticality_chart,
    finish_cdf,
    finish_histogram,
    heat_map,
    joint_scatter,
    tornado_chart,
)
from workbench.engine import RiskResult, simulate
from workbench.engine.scheduling.defaults import SEED
from workbench.ui import markup
from workbench.ui.editors import TableEditor
from workbench.ui.guards import VIEWER_MAX_ITERATIONS
from workbench.ui.tab_view import TabView

#: Plans with at most this many tasks re-run the simulation on every edit.
LIVE_TASKS = 200


def risk_kpis(result: RiskResult) -> dict[str, str]:
    """The headline risk numbers as display strings.

    Parameters
    ----------
    result : RiskResult
        From :func:`workbench.simulate`.

    Returns
    -------
    dict of str
        ``p50``, ``p80``, ``p90``: finish dates (P80 with its standard error in
        working days); ``plan_confidence``: share of iterations finishing by the
        planned date; ``deadline``, ``budget``, ``joint``: chance of meeting the
        deadline, the budget and both, or ``"not set"``.

    Examples
    --------
    >>> import workbench
    >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
    ...                             iterations=500, seed=1)
    >>> sorted(risk_kpis(result))  # doctest: +NORMALIZE_WHITESPACE
    ['budget', 'deadline', 'joint', 'p50', 'p80', 'p90', 'plan_confidence']
    """

    def share(value: float) -> str:
        return "not set" if math.isnan(value) else f"{value:.0%}"

    return {
        "p50": f"{result.percentile(50):%Y-%m-%d}",
        "p80": f"{result.percentile(80):%Y-%m-%d} ±{result.p80_standard_error:.1f} d",
        "p90": f"{result.percentile(90):%Y-%m-%d}",
        "plan_confidence": f"{result.deterministic_percentile:.0%}",
        "deadline": share(result.probability_deadline),
        "budget": share(result.probability_budget),
        "joint": share(result.joint_confidence),
    }


LABELS = {"p50": "P50 finish", "p80": "P80 finish", "p90": "P90 finish",
          "plan_confidence": "Plan date confidence", "deadline": "P(deadline)",
          "budget": "P(budget)", "joint": "P(both)"}


class RiskPanel(TabView):
    """Risk register, run control and risk charts bound to a :class:`WorkbenchState`.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> from workbench.ui.state import WorkbenchState
    >>> panel = RiskPanel(state=WorkbenchState.from_file(sample_plan_path()), iterations=1000)
    >>> panel.result.iterations
    1000
    >>> panel.register.edit_cell("RK1", "probability", 0.9)
    True
    >>> panel.result.plan is panel.state.plan  # re-run live: the sample plan is small
    True
    """

    iterations = param.Integer(default=5_000, bounds=(100, 200_000),
                               doc="Monte Carlo iterations per run")
    seed = param.Integer(default=SEED, bounds=(0, 2**32 - 1),
                         doc="Random seed: the same seed gives the same numbers")
    mode = param.Selector(default="pre", objects=["pre", "post"],
                          doc="Risk values before or after the response")
    live = param.Boolean(default=True, doc="Re-run after every edit (small plans only)")
    result = param.ClassSelector(class_=RiskResult, allow_None=True, default=None)
    error = param.String(default="", doc="Why the last run failed")

    def __init__(self, **params) -> None:
        super().__init__(**params)
        if self.state.read_only:
            # Viewers may re-run, but not keep the server busy for minutes.
            self.iterations = min(self.iterations, VIEWER_MAX_ITERATIONS)
            self.param.iterations.bounds = (self.param.iterations.bounds[0],
                                            VIEWER_MAX_ITERATIONS)
        self.register = TableEditor(state=self.state, table="risks")
        self._iterations = pn.widgets.IntInput.from_param(
            self.param.iterations, name="Iterations", width=110, step=1000,
            css_classes=["wb-risk-iterations"])
        self._seed = pn.widgets.IntInput.from_param(self.param.seed, name="Seed", width=80,
                                                    css_classes=["wb-risk-seed"])
        self._mode = pn.widgets.RadioButtonGroup.from_param(
            self.param.mode, name="Risks", css_classes=["wb-risk-mode"])
        self._run = pn.widgets.Button(label="Run", color="primary", width=80,
                                      css_classes=["wb-risk-run"])
        self._run.on_click(lambda _: self.run())
        self.progress = pn.indicators.Progress(value=0, max=100, width=160,
                                               css_classes=["wb-risk-progress"])
        self._kpis = pn.pane.HTML("", sizing_mode="stretch_width", css_classes=["wb-risk-kpis"])
        self._alert = pn.pane.Alert("", alert_type="danger", visible=False,
                                    css_classes=["wb-risk-error"])
        self.charts = {name: pn.pane.HoloViews(None, sizing_mode="stretch_width")
                       for name in ("heat_pre", "heat_post", "histogram", "cdf", "cost",
                                    "joint", "criticality", "tornado")}
        self.follow(self._plan_changed, ["plan"])
        self._draw_register()
        # Stakeholders (read-only) get no Run button, so their page runs once on open.
        if self.is_live or self.state.read_only:
            self.run()

    @property
    def is_live(self) -> bool:
        """Whether edits re-run the simulation (live on and a small plan)."""
        return self.live and len(self.state.plan.tasks) <= LIVE_TASKS

    def _plan_changed(self, *_events: param.parameterized.Event) -> None:
        self._draw_register()
        if self.is_live:
            self.run()

    @param.depends("mode", "seed", watch=True)
    def _settings_changed(self) -> None:
        if self.is_live:
            self.run()

    def _draw_register(self) -> None:
        plan = self.state.plan
        self.charts["heat_pre"].object = heat_map(plan, "pre")
        self.charts["heat_post"].object = heat_map(plan, "post")

    def _progress(self, done: int, total: int) -> None:
        self.progress.value = round(100 * done / total)

    def run(self) -> RiskResult | None:
        """Simulate the current plan and redraw; returns the result (None on failure)."""
        self.progress.value = 0
        try:
            result = simulate(self.state.plan, iterations=self.iterations, seed=self.seed,
                              risks=self.mode, progress=self._progress)
        except ValueError as exc:
            self.error = str(exc)
            self._alert.param.update(object=markup.lines(self.error), visible=True)
            return None
        self._alert.visible = False
        self.error = ""
        self.result = result
        with pn.io.hold():
            self._kpis.object = self._kpi_html(result)
            self.charts["histogram"].object = finish_histogram(result)
            self.charts["cdf"].object = finish_cdf(result)
            self.charts["cost"].object = cost_histogram(result)
            self.charts["joint"].object = joint_scatter(result)
            self.charts["criticality"].object = criticality_chart(result)
            self.charts["tornado"].object = tornado_chart(result)
        return result

    @staticmethod
    def _kpi_html(result: RiskResult) -> str:
        kpis = risk_kpis(result)
        cells = "".join(
            f'<div style="padding:6px 14px;border-left:3px solid #d62728">'
            f'<div style="font-size:12px;color:#52606d">{label}</div>'
            f'<div class="wb-risk-kpi-{key.replace("_", "-")}" '
            f'style="font-size:17px;font-weight:600">{markup.text(kpis[key])}</div></div>'
            for key, label in LABELS.items())
        note = (f'<div style="color:#52606d;font-size:12px">{result.iterations:,} iterations, '
                f"risks {result.mode}-response, seed {result.seed}</div>")
        return f'<div style="display:flex;flex-wrap:wrap;gap:6px">{cells}</div>{note}'

    def __panel__(self) -> pn.viewable.Viewable:
        c = self.charts
        run = [] if self.state.read_only else [self._run]
        controls = pn.Row(self._iterations, self._seed, self._mode, *run, self.progress,
                          align="end")
        return pn.Column(
            pn.pane.Markdown("### Risk register"),
            self.register,
            pn.Row(c["heat_pre"], c["heat_post"]),
            pn.pane.Markdown("### Monte Carlo schedule and cost risk"),
            controls,
            self._alert,
            self._kpis,
            pn.Row(c["histogram"], c["cdf"], sizing_mode="stretch_width"),
            pn.Row(c["cost"], c["joint"], sizing_mode="stretch_width"),
            pn.Row(c["criticality"], c["tornado"], sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )
