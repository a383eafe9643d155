"""The served dashboard: one independent workbench per browser session.

Serve it with ``workbench serve PLAN`` or ``panel serve workbench/ui/app.py``
(the plan then comes from the ``WORKBENCH_PLAN`` environment variable, the
sample plan by default).
"""

from __future__ import annotations

import os
from pathlib import Path

import holoviews as hv
import panel as pn

from workbench import sample_plan_path
from workbench.ui.workbench import Workbench


def create_app(plan_path: str | Path, read_only: bool = False) -> pn.viewable.Viewable:
    """A fresh dashboard page for one session.

    Parameters
    ----------
    plan_path : str or Path
        The plan file the session opens; Save writes back to it.
    read_only : bool
        True for a stakeholder view: no editing, no Save.

    Returns
    -------
    panel.viewable.Viewable
        A column with the title bar and the :class:`Workbench`, titled after the
        project; its ``workbench`` attribute is the session's workbench.

    Raises
    ------
    PlanError
        When the plan file is not a valid plan.

    Examples
    --------
    >>> page = create_app(sample_plan_path(), read_only=True)
    >>> page.title
    'CRM migration — Planning Workbench'
    """
    workbench = Workbench.from_file(plan_path, read_only=read_only)
    title = f"{workbench.state.plan.project.name} — Planning Workbench"
    # A plain layout rather than a template: templates pull fonts and styles from
    # the internet, and the dashboard must render on offline machines.
    header = pn.pane.HTML(
        f'<div style="background:#1f3b57;color:white;padding:10px 16px;font-size:20px">'
        f"{title}</div>", sizing_mode="stretch_width")
    page = pn.Column(header, workbench, sizing_mode="stretch_width")
    page.title = title
    page.workbench = workbench  # reachable from tests and admin tools
    return page


def serve(plan_path: str | Path, port: int = 5006, read_only: bool = False,
          show: bool = False, threaded: bool = False, address: str | None = None,
          allow_origins: list[str] | None = None):
    """Serve the dashboard; each session gets its own state (a factory, not an object).

    Browsers may connect from this machine only, unless ``allow_origins`` lists the
    ``host[:port]`` names stakeholders use to reach it.

    Parameters
    ----------
    plan_path : str or Path
        The plan file every session opens.
    port : int
        TCP port to listen on.
    read_only : bool
        True for a stakeholder dashboard: no editing, no Save.
    show : bool
        Open the page in a browser once the server runs.
    threaded : bool
        Run the server in a background thread and return at once (for notebooks and
        tests); else block until the server stops.
    address : str, optional
        Network address to listen on; default all interfaces Panel chooses.
    allow_origins : list of str, optional
        Extra ``host[:port]`` names browsers may connect through (besides
        ``localhost`` and ``127.0.0.1`` on ``port``).

    Returns
    -------
    bokeh.server.server.Server or panel.io.server.StoppableThread
        What :func:`panel.serve` returns: the server, or with ``threaded`` its
        thread (call ``stop()`` to end it).

    Examples
    --------
    Not run here (it opens a port):

    >>> server = serve(sample_plan_path(), port=5007, threaded=True)  # doctest: +SKIP
    >>> server.stop()  # doctest: +SKIP
    """
    pn.extension("tabulator", inline=True)
    hv.extension("bokeh")
    plan_path = Path(plan_path).resolve()
    return pn.serve(
        {"/": lambda: create_app(plan_path, read_only)},
        port=port, show=show, threaded=threaded, address=address,
        title="Planning Workbench",
        websocket_origin=[*(allow_origins or ()), f"localhost:{port}", f"127.0.0.1:{port}"],
    )


if __name__.startswith("bokeh"):
    pn.extension("tabulator", inline=True)
    hv.extension("bokeh")
    create_app(os.environ.get("WORKBENCH_PLAN", sample_plan_path()),
               read_only=os.environ.get("WORKBENCH_READ_ONLY", "") == "1").servable()
