"""The live Gantt: the same Bokeh figure for the whole session, fed new data per edit."""

from __future__ import annotations

import holoviews as hv
import panel as pn
import param

from workbench.charts import gantt_data, gantt_overlay
from workbench.engine import with_baseline
from workbench.ui.state import WorkbenchState


class GanttChart(pn.viewable.Viewer):
    """A Gantt chart that follows the state's schedule and keeps the user's zoom.

    New schedules are streamed through a ``Pipe`` into one ``DynamicMap``, so the
    figure is updated in place rather than rebuilt.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> state = WorkbenchState.from_file(sample_plan_path())
    >>> chart = GanttChart(state=state)
    >>> len(chart.data["bars"]) > 0
    True
    """

    state = param.ClassSelector(class_=WorkbenchState)

    def __init__(self, **params) -> None:
        super().__init__(**params)
        self._pipe = hv.streams.Pipe(data=gantt_data(with_baseline(self.state.schedule)))
        self._dmap = hv.DynamicMap(gantt_overlay, streams=[self._pipe])
        self._pane = pn.pane.HoloViews(self._dmap, sizing_mode="stretch_width",
                                       css_classes=["wb-gantt"])
        self.state.param.watch(self._push, ["schedule"])

    @property
    def data(self) -> dict:
        """The frames currently drawn (bars, milestones, links, ...)."""
        return self._pipe.data

    def _push(self, event: param.parameterized.Event) -> None:
        self._pipe.send(gantt_data(with_baseline(event.new)))

    def __panel__(self) -> pn.viewable.Viewable:
        return self._pane
