"""The served dashboard: one independent workbench per browser session.

Serve it with ``workbench serve PLAN`` or ``panel serve workbench/ui/app.py``
(the plan then comes from the ``WORKBENCH_PLAN`` environment variable, the
sample plan by default).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import replace
from pathlib import Path
from typing import Any

import holoviews as hv
import panel as pn

from workbench import sample_plan_path
from workbench.ui import markup
from workbench.ui.access import EDITOR, Access, auth_provider, check_exposure
from workbench.ui.workbench import Workbench


def create_app(plan_path: str | Path, read_only: bool = False,
               user: str | None = None) -> pn.viewable.Viewable:
    """A fresh dashboard page for one session.

    Parameters
    ----------
    plan_path : str or Path
        The plan file the session opens; Save writes back to it.
    read_only : bool
        True for a stakeholder view: no editing, no Save.
    user : str, optional
        Who is logged in: shown in the title bar with a "Log out" link.

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
    signed_in = ""
    if user:
        role = "viewer" if read_only else "editor"
        signed_in = (f'<span class="wb-user" style="float:right;font-size:14px">'
                     f"{markup.text(user)} ({role}) · "
                     f'<a href="./logout" style="color:white">Log out</a></span>')
    # A plain layout rather than a template: templates pull fonts and styles from
    # the internet, and the dashboard must render on offline machines.
    header = pn.pane.HTML(
        f'<div style="background:#1f3b57;color:white;padding:10px 16px;font-size:20px">'
        f"{markup.text(title)}{signed_in}</div>", sizing_mode="stretch_width")
    page = pn.Column(header, workbench, sizing_mode="stretch_width")
    page.title = title
    page.workbench = workbench  # reachable from tests and admin tools
    return page


def session_page(plan_path: Path, access: Access) -> pn.viewable.Viewable:
    """The page of a new session, read-only unless the server knows the user as an editor.

    The role comes from the signed login cookie and the server's own lists; nothing
    the page sends can change it.
    """
    user = pn.state.user
    read_only = access.role(user) != EDITOR
    return create_app(plan_path, read_only=read_only,
                      user=user if access.login != "none" else None)


def serve(plan_path: str | Path, port: int = 5006, read_only: bool = False,
          show: bool = False, threaded: bool = False, address: str = "127.0.0.1",
          allow_origins: list[str] | None = None, access: Access | None = None,
          no_auth: bool = False, cookie_secret: str | None = None, **login_options: Any):
    """Serve the dashboard; each session gets its own state (a factory, not an object).

    Listens on this machine only by default. Browsers may connect through
    ``localhost``, ``127.0.0.1``, the ``address`` itself and the ``allow_origins``
    names; websocket connections from any other page, or without an ``Origin``, are
    refused. A network address needs a login (``access``) unless ``no_auth``.

    Parameters
    ----------
    plan_path : str or Path
        The plan file every session opens.
    port : int
        TCP port to listen on.
    read_only : bool
        True for a stakeholder dashboard: everyone a viewer, no Save.
    show : bool
        Open the page in a browser once the server runs.
    threaded : bool
        Run the server in a background thread and return at once (for notebooks and
        tests); else block until the server stops.
    address : str
        Network address to listen on; ``127.0.0.1`` (this machine) by default.
    allow_origins : list of str, optional
        Extra ``host[:port]`` names browsers may connect through.
    access : Access, optional
        Login and roles; default: no login (loopback only).
    no_auth : bool
        Serve a network address without a login. Dangerous: anyone who reaches it
        can change and save the plan.
    cookie_secret : str, optional
        Signs the login cookies; a random one per run by default (logins then end
        when the server restarts).
    **login_options
        Passed to :func:`panel.serve`: ``oauth_key``, ``oauth_secret``,
        ``oauth_redirect_uri``, ``oauth_extra_params``...

    Returns
    -------
    bokeh.server.server.Server or panel.io.server.StoppableThread
        What :func:`panel.serve` returns: the server, or with ``threaded`` its
        thread (call ``stop()`` to end it).

    Raises
    ------
    ValueError
        For a network address without a login and without ``no_auth``.

    Examples
    --------
    Not run here (it opens a port):

    >>> server = serve(sample_plan_path(), port=5007, threaded=True)  # doctest: +SKIP
    >>> server.stop()  # doctest: +SKIP
    """
    access = access or Access()
    if read_only:
        access = replace(access, read_only=True)
    check_exposure(address, access, no_auth)
    pn.extension("tabulator", inline=True)
    hv.extension("bokeh")
    if access.login == "oauth":
        pn.config.oauth_provider = access.oauth_provider
    if access.login != "none":
        login_options["cookie_secret"] = cookie_secret or secrets.token_hex(32)
    plan_path = Path(plan_path).resolve()
    origins = [*(allow_origins or ()), f"localhost:{port}", f"127.0.0.1:{port}"]
    if address not in ("0.0.0.0", "::", "") and ":" not in address:
        origins.append(f"{address}:{port}")
    return pn.serve(
        {"/": lambda: session_page(plan_path, access)},
        port=port, show=show, threaded=threaded, address=address,
        title="Planning Workbench", websocket_origin=origins,
        auth_provider=auth_provider(access), **login_options,
    )


if __name__.startswith("bokeh"):
    pn.extension("tabulator", inline=True)
    hv.extension("bokeh")
    create_app(os.environ.get("WORKBENCH_PLAN", sample_plan_path()),
               read_only=os.environ.get("WORKBENCH_READ_ONLY", "") == "1").servable()
