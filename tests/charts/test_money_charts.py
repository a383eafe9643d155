"""S-curve, category bars and EVM trend: the data each layer draws."""

from __future__ import annotations

import holoviews as hv
import pandas as pd

from workbench.charts import cost_by_category_chart, evm_trend, s_curve
from workbench.engine import cost_by_category, evm_history, time_phased_cost


def layer(overlay: hv.Overlay, label: str) -> pd.DataFrame:
    return next(e for e in overlay if e.label == label).dframe()


def test_s_curve_layers_end_at_the_totals(sample_plan):
    phased = time_phased_cost(sample_plan, "W")
    history = evm_history(sample_plan)
    chart = s_curve(phased, history["ev"], sample_plan.project.status_date)
    assert layer(chart, "Plan")["cumulative_planned"].iloc[-1] == 474380
    assert layer(chart, "Baseline (PV)")["cumulative_baseline"].iloc[-1] == 474380
    actual = layer(chart, "Actual (AC)")
    assert actual["period"].max() <= pd.Timestamp("2027-03-01")
    assert actual["cumulative_actual"].iloc[-1] == sample_plan.actuals["amount"].sum()
    assert layer(chart, "Earned (EV)")["ev"].tolist() == history["ev"].tolist()
    hv.render(chart)  # draws with Bokeh


def test_category_bars_hold_budget_plan_and_actual(sample_plan):
    bars = cost_by_category_chart(cost_by_category(sample_plan))
    table = bars.data.set_index(["category", "measure"])["amount"]
    assert table.loc[("labour", "budget")] == 400000
    assert table.loc[("services", "actual")] == 12600
    assert ("other", "budget") not in table.index  # nothing in that category
    hv.render(bars)


def test_evm_trend_draws_spi_and_cpi(sample_plan):
    trend = evm_trend(evm_history(sample_plan))
    assert layer(trend, "CPI")["cpi"].round(3).tolist() == [0.974, 0.943]
    hv.render(trend)
