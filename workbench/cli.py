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


def _fail(path: Path, exc: PlanError) -> None:
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
        _fail(path, exc)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="workbench")
def main() -> None:
    """Planning Workbench: plans as files, a scheduling engine and live charts.

    A plan is one YAML file (see templates/plans/crm-migration.yaml).
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
    >>> result.exit_code, result.output.splitlines()[1]
    (0, 'T1,Kick-off and stakeholder interviews,10.0,2027-01-04,2027-01-15,0.0,0.0,True')
    """
    try:
        result = schedule_plan(_load(plan))
    except PlanError as exc:  # valid plans can still reach beyond the calendar's span
        _fail(plan, exc)
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
@click.option("--address", default=None, help="Address to listen on (default: all).")
@click.option("--read-only", is_flag=True, help="Stakeholder mode: no editing, no saving.")
@click.option("--show", is_flag=True, help="Open the dashboard in a browser.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="HOST[:PORT]",
              help="Host name others use to reach the dashboard (repeatable); "
                   "by default only this machine may connect.")
def serve(plan: Path | None, port: int, address: str | None, read_only: bool,
          show: bool, allow_origins: tuple[str, ...]) -> None:
    """Serve the dashboard on PLAN (default: the bundled sample plan).

    Every browser session gets its own copy of the plan; Save writes it back to PLAN.
    \f
    (Click shows the help above the form feed; the rest is for the API reader.)

    Parameters
    ----------
    plan : Path, optional
        The plan file; None serves the bundled sample plan.
    port : int
        TCP port to listen on.
    address : str, optional
        Network address to listen on; None listens on all.
    read_only : bool
        Stakeholder mode: no editing, no Save.
    show : bool
        Open the dashboard in a browser.
    allow_origins : tuple of str
        ``host[:port]`` names others use to reach the dashboard; by default only
        this machine may connect.

    Raises
    ------
    SystemExit
        With code 2 (problems on stderr) when the plan is not valid; the plan is
        checked before the server starts.

    Examples
    --------
    Serving blocks, so only the help is shown here:

    >>> from click.testing import CliRunner
    >>> result = CliRunner().invoke(main, ["serve", "--help"])
    >>> "--allow-origin HOST[:PORT]" in result.output, "Parameters" in result.output
    (True, False)
    """
    from workbench import sample_plan_path
    from workbench.ui.app import serve as serve_app

    plan = plan or sample_plan_path()
    _load(plan)
    click.echo(f"Serving {plan} on http://localhost:{port}/ (Ctrl+C to stop)")
    serve_app(plan, port=port, read_only=read_only, show=show, address=address,
              allow_origins=list(allow_origins))


# Click turns the commands into objects doctest does not look into; naming their
# functions here runs their examples with the rest.
__test__ = {"schedule": schedule.callback, "serve": serve.callback}

if __name__ == "__main__":  # pragma: no cover
    main()
