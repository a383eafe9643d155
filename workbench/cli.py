"""The ``workbench`` command line: schedule a plan file, serve the dashboard."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd

from workbench.engine import schedule as schedule_plan
from workbench.io import load_plan
from workbench.model import PlanError, Problem
from workbench.model.errors import shown

TABLE_COLUMNS = ["name", "duration", "start", "finish", "total_float", "free_float", "critical"]
#: Problems listed on the terminal, and the longest line printed; the rest is counted or cut.
MAX_PROBLEMS_SHOWN = 20
MAX_LINE = 120


def _problem_lines(problem: Problem) -> list[str]:
    """One line per problem, or two (where, then what) when one would be too long."""
    where = problem.table
    if problem.row is not None:
        where += f" row {shown(problem.row)}"
    if problem.column is not None:
        where += f" column {shown(problem.column)}"
    message = " ".join(problem.message.split())
    line = f"  {where}: {message}"
    if len(line) <= MAX_LINE:
        return [line]
    return [_cut(f"  {where}:"), _cut(f"      {message}")]


def _cut(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[:MAX_LINE - 3] + "..."


def _fail_plan(path: Path, exc: PlanError) -> None:
    """Print a plan's problems as a short list on stderr and exit with code 2.

    A file can hold thousands of problems with values of any length; the terminal gets
    a line or two each, cut to ``MAX_LINE`` characters, for the first
    ``MAX_PROBLEMS_SHOWN``, then how many more there are.
    """
    problems = exc.problems
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    lines = [f"error: {path}: plan has {count}:"]
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        lines += _problem_lines(problem)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more")
    click.echo("\n".join(lines), err=True)
    sys.exit(2)


def _load(path: Path):
    try:
        return load_plan(path)
    except PlanError as exc:
        _fail_plan(path, exc)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="workbench")
def main() -> None:
    """Planning Workbench: plans as files, a scheduling engine and live charts.

    A plan is one YAML file (see templates/plans/crm-migration.yaml).
    \f
    (Click shows the help above the form feed; the rest is for the API reader.)

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> result = CliRunner().invoke(main, ["--help"])
    >>> result.exit_code, [c for c in ("schedule", "serve", "users") if c in result.output]
    (0, ['schedule', 'serve', 'users'])
    """


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--critical-only", is_flag=True, help="Only the tasks on the critical path.")
def schedule(plan: Path, fmt: str, critical_only: bool) -> None:
    """Schedule PLAN and print every task's dates, float and criticality.

    Exits with code 2 and the list of problems when the plan is not valid.
    \f
    (Click shows the help above the form feed; the rest is for the API reader.)

    Parameters
    ----------
    plan : Path
        The plan file.
    fmt : {"table", "csv", "json"}
        ``table``: a headline (project span, working days, critical task count) and
        an aligned table; ``csv`` and ``json``: the rows only, dates as ISO text.
        Durations and float are in working days.
    critical_only : bool
        Print only the work tasks on the critical path.

    Raises
    ------
    SystemExit
        With code 2 (problems on stderr) when the plan is not valid.

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> from workbench import sample_plan_path
    >>> result = CliRunner().invoke(main, ["schedule", str(sample_plan_path()),
    ...                                    "--critical-only", "--format", "csv"])
    >>> result.exit_code, result.output.splitlines()[1]  # done work is never critical
    (0, 'T7,Legacy data profiling,10.0,2027-02-24,2027-03-09,0.0,0.0,True')
    """
    try:
        result = schedule_plan(_load(plan))
    except PlanError as exc:  # valid plans can still reach beyond the calendar's span
        _fail_plan(plan, exc)
    frame = result.tasks
    if critical_only:
        frame = frame[frame["critical"] & ~frame["is_summary"]]
    frame = frame[TABLE_COLUMNS].rename_axis("id")
    if fmt == "csv":
        click.echo(frame.to_csv(date_format="%Y-%m-%d"), nl=False)
    elif fmt == "json":
        click.echo(frame.reset_index().to_json(orient="records", date_format="iso", indent=2))
    else:
        project = result.plan.project
        click.echo(f"{project.name}: {result.start:%Y-%m-%d} .. {result.finish:%Y-%m-%d} "
                   f"({result.length:g} working days, "
                   f"{int((result.tasks['critical'] & ~result.tasks['is_summary']).sum())} "
                   "critical tasks)")
        shown = frame.assign(
            start=frame["start"].dt.strftime("%Y-%m-%d"),
            finish=frame["finish"].dt.strftime("%Y-%m-%d"),
            critical=frame["critical"].map({True: "yes", False: ""}),
        )
        with pd.option_context("display.max_rows", None, "display.width", 200,
                               "display.max_colwidth", 40):
            click.echo(shown.to_string())


@main.command()
@click.argument("plan", type=click.Path(path_type=Path), required=False)
@click.option("--port", type=int, default=5006, show_default=True, help="Port to listen on.")
@click.option("--address", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine (127.0.0.1, ::1, "
                   "localhost) needs a login: --basic-auth or --oauth-provider.")
@click.option("--read-only", is_flag=True, help="Stakeholder mode: no editing, no saving.")
@click.option("--show", is_flag=True, help="Open the dashboard in a browser.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="HOST[:PORT]",
              help="Host name others use to reach the dashboard (repeatable); "
                   "by default only this machine may connect.")
@click.option("--basic-auth", "users_file", metavar="USERS_FILE",
              type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Log in with the users file of `workbench users add`; its roles "
                   "decide who may edit.")
@click.option("--oauth-provider", metavar="NAME",
              help="Log in through Panel's OAuth provider NAME (github, google, azure, "
                   "gitlab, okta, generic...).")
@click.option("--oauth-key", envvar="PANEL_OAUTH_KEY", help="OAuth client id.")
@click.option("--oauth-secret", envvar="PANEL_OAUTH_SECRET",
              help="OAuth client secret (better: the PANEL_OAUTH_SECRET variable).")
@click.option("--oauth-redirect-uri", envvar="PANEL_OAUTH_REDIRECT_URI",
              help="OAuth redirect URI, when the server sits behind a proxy.")
@click.option("--editor", "editors", multiple=True, metavar="USER",
              help="With --oauth-provider: a user who may edit (repeatable); "
                   "everyone else gets the read-only view.")
@click.option("--cookie-secret", envvar="PANEL_COOKIE_SECRET",
              help="Secret that signs login cookies (default: random per run).")
@click.option("--no-auth", is_flag=True,
              help="DANGEROUS: serve a network address without any login; anyone "
                   "who reaches it can change and save the plan.")
def serve(plan: Path | None, port: int, address: str, read_only: bool, show: bool,
          allow_origins: tuple[str, ...], users_file: Path | None,
          oauth_provider: str | None, oauth_key: str | None, oauth_secret: str | None,
          oauth_redirect_uri: str | None, editors: tuple[str, ...],
          cookie_secret: str | None, no_auth: bool) -> None:
    """Serve the dashboard on PLAN (default: the bundled sample plan).

    Every browser session gets its own copy of the plan; Save writes it back to PLAN.
    Only this machine can connect unless --address says otherwise, and then a login
    is required (viewers get the read-only view).
    \f
    (Click shows the help above the form feed; the rest is for the API reader.)

    Parameters
    ----------
    plan : Path, optional
        The plan file; None serves the bundled sample plan.
    port : int
        TCP port to listen on.
    address : str
        Network address to listen on; loopback by default.
    read_only : bool
        Stakeholder mode: no editing, no Save, for everyone.
    show : bool
        Open the dashboard in a browser.
    allow_origins : tuple of str
        ``host[:port]`` names others use to reach the dashboard.
    users_file : Path, optional
        Users file (:mod:`workbench.io.users_file`) for a password login.
    oauth_provider, oauth_key, oauth_secret, oauth_redirect_uri : str, optional
        Panel's OAuth login.
    editors : tuple of str
        OAuth users who may edit.
    cookie_secret : str, optional
        Signs login cookies.
    no_auth : bool
        Allow a network address without a login.

    Raises
    ------
    SystemExit
        With code 2 (problems on stderr) when the plan is not valid, or when the
        address is not loopback and no login (nor --no-auth) is given; both are
        checked before the server starts.

    Examples
    --------
    Serving blocks, so only the refusal is shown here:

    >>> from click.testing import CliRunner
    >>> result = CliRunner().invoke(main, ["serve", "--address", "0.0.0.0"])
    >>> result.exit_code, "Refusing to serve 0.0.0.0 without a login" in result.output
    (2, True)
    """
    from workbench import sample_plan_path
    from workbench.ui.access import Access, check_exposure
    from workbench.ui.app import serve as serve_app

    if users_file is not None and oauth_provider:
        _fail("use either --basic-auth or --oauth-provider, not both")
    if editors and not oauth_provider:
        _fail("--editor names OAuth users; with --basic-auth the users file holds the roles")
    login = "users" if users_file is not None else "oauth" if oauth_provider else "none"
    access = Access(login=login, users_file=users_file, oauth_provider=oauth_provider,
                    editors=frozenset(editors), read_only=read_only)
    try:
        check_exposure(address, access, no_auth)
    except ValueError as exc:
        _fail(str(exc))
    plan = plan or sample_plan_path()
    _load(plan)
    oauth = {key: value for key, value in (("oauth_key", oauth_key),
                                           ("oauth_secret", oauth_secret),
                                           ("oauth_redirect_uri", oauth_redirect_uri))
             if value}
    if no_auth and login == "none":
        click.echo("warning: --no-auth: anyone who reaches this address can change the plan",
                   err=True)
    click.echo(f"Serving {plan} on http://{address}:{port}/ (Ctrl+C to stop)")
    serve_app(plan, port=port, show=show, address=address, allow_origins=list(allow_origins),
              access=access, no_auth=no_auth, cookie_secret=cookie_secret, **oauth)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@main.group()
def users() -> None:
    """Manage the users file of a shared dashboard (serve --basic-auth USERS_FILE).
    \f
    (Click shows the help above the form feed; the rest is for the API reader.)

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> result = CliRunner().invoke(main, ["users", "--help"])
    >>> result.exit_code, "add" in result.output, "API reader" in result.output
    (0, True, False)
    """


@users.command("add")
@click.argument("users_file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("name")
@click.option("--role", type=click.Choice(["editor", "viewer"]), default="viewer",
              show_default=True, help="Editors may change and save the plan.")
@click.password_option("--password", prompt="Password",
                       help="Asked for when not given (it is never stored, only its hash).")
def users_add(users_file: Path, name: str, role: str, password: str) -> None:
    """Add NAME to USERS_FILE (or change their password and role).
    \f
    Parameters
    ----------
    users_file : Path
        The users file; created if missing, readable by its owner only.
    name : str
        The login name.
    role : {"editor", "viewer"}
        What the user may do.
    password : str
        Asked for twice; only a salted scrypt hash is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from click.testing import CliRunner
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "users.json"
    >>> result = CliRunner().invoke(main, ["users", "add", str(path), "sam"],
    ...                             input="pa55word\\npa55word\\n")
    >>> result.exit_code, result.output.splitlines()[-1]
    (0, 'sam (viewer) saved in users.json')
    """
    from workbench.io.users_file import add_user

    try:
        user = add_user(users_file, name, password, role)
    except ValueError as exc:
        _fail(str(exc))
    click.echo(f"{user.name} ({user.role}) saved in {users_file.name}")


# Click turns the commands into objects doctest does not look into; naming their
# functions here runs their examples with the rest.
__test__ = {"schedule": schedule.callback, "serve": serve.callback,
            "users_add": users_add.callback}

if __name__ == "__main__":  # pragma: no cover
    main()
