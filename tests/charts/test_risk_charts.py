"""Risk charts render to Bokeh and show the numbers of the result they were given."""

from __future__ import annotations

import holoviews as hv
import numpy as np
import pandas as pd
import pytest

import workbench
from workbench.charts import (
    cost_histogram,
    criticality_chart,
    finish_cdf,
    finish_histogram,
    heat_map,
    heat_map_data,
    joint_scatter,
    tornado_chart,
)

hv.extension("bokeh")


@pytest.fixture(scope="module")
def result(sample_plan):
    return workbench.simulate(sample_plan, iterations=2_000, seed=3, deadline="2027-09-30",
                              budget=480_000)


def vlines(overlay: hv.Overlay) -> list:
    return [el.data for el in overlay if isinstance(el, hv.VLine)]


def test_heat_map_moves_mitigated_risks_down(sample_plan):
    pre = heat_map_data(sample_plan, "pre").set_index("id")
    post = heat_map_data(sample_plan, "post").set_index("id")
    # RK2 (data quality): 0.5 -> 0.3 and 8 -> 4 days after the extra cleansing sprint.
    assert pre.loc["RK2", ["probability_band", "impact_band"]].tolist() == [3, 3]
    assert post.loc["RK2", ["probability_band", "impact_band"]].tolist() == [2, 2]
    assert (post["score"] <= pre["score"]).all()
    # RK6 has no response: it stays where it is.
    assert post.loc["RK6", "score"] == pre.loc["RK6", "score"]
    chart = heat_map(sample_plan, "pre")
    labels = chart.Labels.I.data
    assert set(", ".join(labels["id"]).split(", ")) == set(pre.index)
    hv.render(chart)


def test_finish_charts_mark_the_percentiles_plan_and_deadline(result):
    chart = finish_cdf(result)
    hv.render(chart)
    expected = [result.percentile(p) for p in (50, 80, 90)]
    expected += [result.deadline, result.deterministic_finish]
    assert [pd.Timestamp(x) for x in vlines(chart)] == expected
    curve = finish_cdf(result).Curve.I
    probability = curve.dimension_values("probability")
    assert np.all(np.diff(probability) > 0) and probability[-1] == 1.0
    dates = curve.dimension_values("finish")
    # The curve passes 0.8 at the P80 date.
    p80 = np.datetime64(result.percentile(80))
    assert probability[dates < p80].max() < 0.8 <= probability[dates == p80][0]
    hist = finish_histogram(result).Histogram.I
    assert hist.dimension_values("share").sum() == pytest.approx(1.0)
    hv.render(finish_histogram(result))


def test_cost_and_joint_charts(result):
    hist = cost_histogram(result)
    hv.render(hist)
    assert vlines(hist)[-1] == result.budget
    assert vlines(hist)[1] == result.cost_percentile(80)
    assert hist.Histogram.I.dimension_values("share").sum() == pytest.approx(1.0)
    scatter = joint_scatter(result)
    title = scatter.opts.get().kwargs["title"]
    assert f"{result.joint_confidence:.0%}" in title
    assert len(scatter.Scatter.I) == min(result.iterations, 2_000)
    hv.render(scatter)


def test_criticality_and_tornado_rank_the_largest_first(result):
    crit = criticality_chart(result, top=8)
    values = crit.dimension_values("criticality")[::-1]  # drawn bottom-up
    assert list(values) == sorted(values, reverse=True)
    assert values[0] == 1.0
    tornado = tornado_chart(result, top=10)
    strength = np.abs(tornado.dimension_values("sensitivity")[::-1])
    assert list(strength) == sorted(strength, reverse=True)
    items = tornado.dimension_values("item")
    assert any(i.startswith("risk ") for i in items) and any(i.startswith("task ") for i in items)
    hv.render(crit)
    hv.render(tornado)
