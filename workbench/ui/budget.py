"""The budget panel: cost lines, budget and actuals editors, baselines, EVM and money charts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import panel as pn
import param

from workbench.charts import cost_by_category_chart, evm_trend, s_curve
from workbench.engine import (
    baseline_variance,
    cost_by_category,
    earned_value,
    evm_history,
    record_status,
    set_baseline,
    time_phased_cost,
)
from workbench.model import PlanError
from workbench.ui import markup
from workbench.ui.editors import TableEditor
from workbench.ui.tab_view import TabView

MONEY_TABLES = ("cost_lines", "budget", "actuals")
#: Headline earned-value figures and how they are shown.
EVM_FIGURES = (("bac", "BAC", "money"), ("pv", "PV", "money"), ("ev", "EV", "money"),
               ("ac", "AC", "money"), ("spi", "SPI", "index"), ("cpi", "CPI", "index"),
               ("eac", "EAC", "money"), ("vac", "VAC", "money"))
VARIANCE_SHOWN = ("baseline_finish", "finish", "finish_variance", "baseline_cost", "cost",
                  "cost_variance")


def evm_summary(evm: pd.Series, currency: str) -> dict[str, str]:
    """Earned-value headline figures as display strings.

    Parameters
    ----------
    evm : pd.Series
        One row of :func:`workbench.earned_value` (``bac``, ``pv``, ``ev``, ``ac``,
        ``spi``, ``cpi``, ``eac``, ``vac``).
    currency : str
        Currency code appended to money figures (the plan's ``project.currency``).

    Returns
    -------
    dict of str
        By key of :data:`EVM_FIGURES`: money as ``"12,345 EUR"``, indices with two
        decimals, ``"n/a"`` where the figure is undefined (NaN).

    Examples
    --------
    >>> import workbench
    >>> evm = workbench.earned_value(workbench.load_plan(workbench.sample_plan_path()))
    >>> evm_summary(evm.iloc[0], "EUR")["cpi"]
    '0.94'
    """
    out = {}
    for key, _, kind in EVM_FIGURES:
        value = float(evm[key])
        if np.isnan(value):
            out[key] = "n/a"
        elif kind == "index":
            out[key] = f"{value:.2f}"
        else:
            out[key] = f"{value:,.0f} {currency}"
    return out


def variance_colour(value: float) -> str:
    """CSS for a variance cell: red when later/dearer than the baseline, green when better.

    Parameters
    ----------
    value : float
        A finish variance (working days) or cost variance (plan currency) against the
        baseline; positive is later or dearer. NaN for tasks without a baseline.

    Returns
    -------
    str
        A CSS declaration, or ``""`` for no variance or none known.

    Examples
    --------
    >>> variance_colour(3), variance_colour(-1), variance_colour(0)
    ('color: #d62728', 'color: #2e7d32', '')
    """
    if isinstance(value, float) and np.isnan(value):
        return ""
    if value > 0:
        return "color: #d62728"
    if value < 0:
        return "color: #2e7d32"
    return ""


class BudgetPanel(TabView):
    """Money editors, baseline and status actions, EVM figures, charts and variance.

    Every edit and action goes through :meth:`WorkbenchState.apply`, so a bad cost
    line or actual is refused with its table/row/column message and the plan stays.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> from workbench.ui.state import WorkbenchState
    >>> panel = BudgetPanel(state=WorkbenchState.from_file(sample_plan_path()))
    >>> panel.save_baseline("re-plan")
    True
    >>> panel.state.plan.project.current_baseline
    're-plan'
    """


    def __init__(self, **params) -> None:
        super().__init__(**params)
        self.editors = {name: TableEditor(state=self.state, table=name) for name in MONEY_TABLES}
        self._baseline_name = pn.widgets.TextInput(value="baseline", width=140,
                                                   css_classes=["wb-baseline-name"])
        self._save_baseline = pn.widgets.Button(label="Save baseline", color="primary",
                                                css_classes=["wb-save-baseline"])
        self._record = pn.widgets.Button(label="Record status", css_classes=["wb-record-status"])
        self._save_baseline.on_click(lambda _: self.save_baseline(self._baseline_name.value))
        self._record.on_click(lambda _: self.record_status())
        self._figures = pn.pane.HTML("", sizing_mode="stretch_width", css_classes=["wb-evm"])
        self._s_curve = pn.pane.HoloViews(sizing_mode="stretch_width")
        self._categories = pn.pane.HoloViews(sizing_mode="stretch_width")
        self._trend = pn.pane.HoloViews(sizing_mode="stretch_width")
        self._variance = pn.widgets.Tabulator(pd.DataFrame(), disabled=True, show_index=True,
                                              pagination=None, height=300,
                                              sizing_mode="stretch_width",
                                              css_classes=["wb-variance-table"])
        self.follow(self._refresh, ["schedule"])
        self._refresh()
        self._variance.style.map(variance_colour, subset=["finish_variance", "cost_variance"])

    def save_baseline(self, name: str) -> bool:
        """Store the current plan as baseline ``name`` (and make it current).

        Parameters
        ----------
        name : str
            The baseline's name; blanks around it are dropped. A baseline already
            saved under this name is replaced.

        Returns
        -------
        bool
            True when saved; False when refused (no name, a read-only workbench),
            with the reason in ``state.error``.
        """
        name = (name or "").strip()
        if not name:
            self.state.error = "Give the baseline a name."
            return False
        # The state's schedule is the current plan's: reuse it instead of rescheduling.
        return self.state.apply(lambda _plan: set_baseline(self.state.schedule, name),
                                f"save baseline {name}")

    def record_status(self) -> bool:
        """Keep today's earned value (at the project's status date) in the EVM history."""
        return self.state.apply(lambda _plan: record_status(self.state.schedule),
                                "record status")

    @property
    def evm(self) -> pd.DataFrame | None:
        """Project earned value at the status date (None without a status date)."""
        return self._evm

    def _refresh(self, *_events: param.parameterized.Event) -> None:
        plan, sched = self.state.plan, self.state.schedule
        currency = plan.project.currency
        try:
            self._evm = earned_value(sched)
        except PlanError:
            self._evm = None
        history = evm_history(plan)
        earned = history["ev"]
        if self._evm is not None:
            earned = pd.concat([earned[earned.index != pd.Timestamp(plan.project.status_date)],
                                pd.Series([self._evm["ev"].iloc[0]],
                                          index=[pd.Timestamp(plan.project.status_date)])])
        with pn.io.hold():
            self._figures.object = self._figures_html(currency)
            self._s_curve.object = s_curve(time_phased_cost(sched, "W"),
                                           earned.sort_index(), plan.project.status_date,
                                           currency)
            self._categories.object = cost_by_category_chart(cost_by_category(sched),
                                                             currency)
            self._trend.object = evm_trend(history) if len(history) else None
            self._variance.value = baseline_variance(sched)[list(VARIANCE_SHOWN)]

    def _figures_html(self, currency: str) -> str:
        if self._evm is None:
            return "<i>Set the project's status date to see earned value.</i>"
        figures = evm_summary(self._evm.iloc[0], currency)
        cells = []
        for key, label, kind in EVM_FIGURES:
            value = float(self._evm[key].iloc[0])
            bad = (kind == "index" and value < 1) or (key == "vac" and value < 0)
            colour = "#b00020" if bad else "#1f2933"
            cells.append(f'<div style="padding:4px 14px;border-left:3px solid #4c78a8">'
                         f'<div style="font-size:12px;color:#52606d">{label}</div>'
                         f'<div class="wb-evm-{key}" style="font-size:18px;font-weight:600;'
                         f'color:{colour}">{markup.text(figures[key])}</div></div>')
        return f'<div style="display:flex;flex-wrap:wrap;gap:6px">{"".join(cells)}</div>'

    def __panel__(self) -> pn.viewable.Viewable:
        editors = pn.Tabs(*[(name.replace("_", " ").title(), editor)
                            for name, editor in self.editors.items()],
                          sizing_mode="stretch_width", dynamic=False)
        actions = [] if self.state.read_only else [
            pn.Row(self._baseline_name, self._save_baseline, self._record, align="end")]
        return pn.Column(
            *actions, self._figures,
            pn.Tabs(("S-curve", self._s_curve), ("By category", self._categories),
                    ("EVM trend", self._trend), ("Baseline variance", self._variance),
                    sizing_mode="stretch_width", dynamic=False),
            editors, sizing_mode="stretch_width",
        )
