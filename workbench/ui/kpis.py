"""The KPI strip: finish date, working days, critical tasks, deadline status."""

from __future__ import annotations

import panel as pn
import param

from workbench.engine import Schedule
from workbench.ui import markup
from workbench.ui.state import WorkbenchState


def schedule_kpis(schedule: Schedule) -> dict[str, str]:
    """The headline numbers a PM reads first, as display strings.

    Parameters
    ----------
    schedule : Schedule
        The current schedule.

    Returns
    -------
    dict of str
        ``finish`` (ISO date), ``working_days`` (project length in working days),
        ``critical`` (number of critical work tasks) and ``deadlines`` (``"none
        set"``, ``"all 3 met"`` or ``"2 missed (T4, T9)"``, naming at most three).

    Examples
    --------
    >>> import workbench
    >>> kpis = schedule_kpis(workbench.schedule(workbench.load_plan(workbench.sample_plan_path())))
    >>> sorted(kpis)
    ['critical', 'deadlines', 'finish', 'working_days']
    """
    tasks = schedule.tasks
    work = tasks[~tasks["is_summary"]]
    with_deadline = tasks["deadline"].notna()
    missed = tasks.index[tasks["deadline_missed"]].tolist()
    if missed:
        deadlines = f"{len(missed)} missed ({', '.join(missed[:3])})"
    elif with_deadline.any():
        deadlines = f"all {int(with_deadline.sum())} met"
    else:
        deadlines = "none set"
    return {
        "finish": f"{schedule.finish:%Y-%m-%d}",
        "working_days": f"{schedule.length:g}",
        "critical": str(int(work["critical"].sum())),
        "deadlines": deadlines,
    }


LABELS = {"finish": "Finish", "working_days": "Working days", "critical": "Critical tasks",
          "deadlines": "Deadlines"}


class KpiStrip(pn.viewable.Viewer):
    """Headline numbers of the current schedule, updated with every edit."""

    state = param.ClassSelector(class_=WorkbenchState)

    def __init__(self, **params) -> None:
        super().__init__(**params)
        self._pane = pn.pane.HTML(self._html(), sizing_mode="stretch_width",
                                  css_classes=["wb-kpis"])
        self.state.param.watch(lambda e: setattr(self._pane, "object", self._html()),
                               ["schedule"])

    def _html(self) -> str:
        kpis = schedule_kpis(self.state.schedule)
        missed = "missed" in kpis["deadlines"]
        cells = []
        for key, label in LABELS.items():
            colour = "#b00020" if key == "deadlines" and missed else "#1f2933"
            cells.append(
                f'<div style="padding:6px 18px;border-left:3px solid #4c78a8">'
                f'<div style="font-size:12px;color:#52606d">{label}</div>'
                f'<div class="wb-kpi-{key.replace("_", "-")}" '
                f'style="font-size:20px;font-weight:600;color:{colour}">'
                f"{markup.text(kpis[key])}</div></div>"
            )
        return f'<div style="display:flex;gap:8px">{"".join(cells)}</div>'

    def __panel__(self) -> pn.viewable.Viewable:
        return self._pane
