"""The live Gantt: the same Bokeh figure for the whole session, fed new data per edit."""

from __future__ import annotations

import logging
from typing import Any

import holoviews as hv
import numpy as np
import pandas as pd
import panel as pn
import param
from bokeh.models import ColumnDataSource

from workbench.charts import gantt_data, gantt_overlay
from workbench.charts.gantt_chart import style_rectangles
from workbench.engine import with_baseline
from workbench.ui.tab_view import TabView

log = logging.getLogger(__name__)


class _Highlight(hv.streams.Stream):
    """The task ids a Gantt highlights, as a stream for its DynamicMap."""

    highlight = param.List(default=None, allow_None=True, item_type=str, constant=True)


class GanttChart(TabView):
    """A Gantt chart that follows the state's schedule and keeps the user's zoom.

    New schedules go into one ``DynamicMap`` through a ``Pipe``, so the figure is
    updated in place rather than rebuilt. When the rows are unchanged (most edits)
    the new columns are written straight into the figure's data sources, which
    skips HoloViews' range bookkeeping and halves the cost of an update.

    ``highlight`` picks out tasks (their bars keep full colour, the others fade);
    changing it restyles the frames already drawn, without rescheduling, and sends
    only the bars' ``alpha`` column. Like every :class:`TabView` it follows edits only
    while ``shown`` and catches up when shown again.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> from workbench.ui.state import WorkbenchState
    >>> state = WorkbenchState.from_file(sample_plan_path())
    >>> chart = GanttChart(state=state)
    >>> len(chart.data["bars"]) > 0
    True
    >>> chart.highlight = ["T7", "T8"]
    >>> bars = chart.rectangles.query("kind == 'bar'").set_index("id")
    >>> float(bars.loc["T7", "alpha"]), float(bars.loc["T1", "alpha"])
    (1.0, 0.2)
    """

    highlight = param.List(default=None, allow_None=True, item_type=str,
                           doc="Task ids whose bars keep full colour while the others "
                               "fade; None highlights nothing")

    def __init__(self, **params) -> None:
        super().__init__(**params)
        self._drawn = self.state.schedule
        self._pipe = hv.streams.Pipe(data=gantt_data(with_baseline(self._drawn)))
        self._highlight = _Highlight(highlight=self.highlight)
        self._dmap = hv.DynamicMap(gantt_overlay, streams=[self._pipe, self._highlight])
        self._pane = pn.pane.HoloViews(self._dmap, sizing_mode="stretch_width",
                                       css_classes=["wb-gantt"])
        self.follow(self._push, ["schedule"])

    @property
    def data(self) -> dict[str, pd.DataFrame]:
        """The frames currently drawn (bars, rectangles, links, markers, ...)."""
        return self._pipe.data

    @property
    def rectangles(self) -> pd.DataFrame:
        """The rectangles drawn, styled: each row's ``color`` role and ``alpha``."""
        return style_rectangles(self.data["rectangles"], self._highlight.highlight)

    def _push(self, *_events: param.parameterized.Event) -> None:
        if self.state.schedule is self._drawn:
            return
        self._drawn = self.state.schedule
        frames = gantt_data(with_baseline(self._drawn))
        if self._update_sources(frames, self._highlight.highlight):
            self._pipe.update(data=frames)
        else:
            self._pipe.send(frames)

    @param.depends("highlight", watch=True)
    def _restyle(self) -> None:
        if self._update_sources(self.data, self.highlight):
            self._highlight.update(highlight=self.highlight)
        else:
            self._highlight.event(highlight=self.highlight)

    def _update_sources(self, frames: dict[str, pd.DataFrame],
                        highlight: list[str] | None) -> bool:
        """Write new layer data into every rendered figure; False if a full redraw is due.

        A full redraw is due when the rows changed (the y axis and its labels must
        follow) or nothing is rendered yet.
        """
        old_rows = self._pipe.data["rows"]
        if not self._pane._plots or not old_rows["label"].equals(frames["rows"]["label"]):
            return False
        layers = {(element.group, element.label or "I"): element
                  for element in gantt_overlay(frames, highlight=highlight)}
        try:
            for plot, _pane in self._pane._plots.values():
                for key, subplot in plot.subplots.items():
                    element, source = layers.get(key), subplot.handles.get("source")
                    if element is None or source is None:
                        continue
                    ranges = subplot.current_ranges
                    style = subplot.style[subplot.cyclic_index]
                    data, _mapping, style = subplot.get_data(element, ranges, style)
                    subplot._apply_transforms(element, data, ranges, style)
                    _write_changed(source, data)
                plot.push()
        except Exception:  # a HoloViews internals change must not break editing
            log.debug("in-place Gantt update failed; redrawing", exc_info=True)
            return False
        return True

    def __panel__(self) -> pn.viewable.Viewable:
        return self._pane


def _write_changed(source: ColumnDataSource, data: dict[str, np.ndarray]) -> None:
    """Send only the columns that changed (names and ids rarely do), or all when the
    row count changed."""
    old = source.data
    if set(old) != set(data) or any(len(old[k]) != len(v) for k, v in data.items()):
        source.data = data
        return
    changed = {k: v for k, v in data.items() if not _same(old[k], v)}
    if changed:
        source.data.update(changed)


def _same(old: Any, new: Any) -> bool:
    old, new = np.asarray(old), np.asarray(new)
    try:
        return bool(np.array_equal(old, new, equal_nan=True))
    except TypeError:  # object columns cannot hold NaN comparisons
        return bool(np.array_equal(old, new))
