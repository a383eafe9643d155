"""The native plan file: one human-readable YAML document, safe-loaded, written atomically."""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from workbench.model import TABLES, Plan, PlanError, Problem
from workbench.model.arguments import expect_plan
from workbench.model.project import project_from_dict, project_to_dict
from workbench.model.scenario import scenarios_from_list
from workbench.model.schema import TableSpec


def plan_from_dict(data: Any) -> Plan:
    """Build a plan from the mapping a plan file holds.

    Raises
    ------
    PlanError
        For unknown top-level keys, tables that are not lists, or any plan problem.

    Examples
    --------
    >>> plan = plan_from_dict({"project": {"start": "2027-01-04"},
    ...                        "tasks": [{"id": "T1", "duration": 5}]})
    >>> plan.tasks["id"].tolist()
    ['T1']
    """
    if not isinstance(data, dict):
        raise PlanError(Problem("file", None, None, "must be a mapping with 'project' and tables"))
    allowed = ("project", *TABLES, "scenarios")
    problems = [Problem("file", None, str(key), f"unknown key (allowed: {', '.join(allowed)})")
                for key in data if key not in allowed]
    if "project" not in data:
        problems.append(Problem("file", None, "project", "is required"))
    for name in TABLES:
        if data.get(name) is not None and not isinstance(data[name], list):
            problems.append(Problem(name, None, None, "must be a list of rows"))
    if problems:
        raise PlanError(problems)
    project = project_from_dict(data["project"])
    tables = {name: data.get(name) or [] for name in TABLES}
    return Plan.build(project, scenarios_from_list(data.get("scenarios")), **tables)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The mapping a plan file holds; only non-default values are written per row.

    Examples
    --------
    >>> plan = plan_from_dict({"project": {"start": "2027-01-04"},
    ...                        "tasks": [{"id": "T1", "duration": 5}]})
    >>> plan_to_dict(plan)["tasks"]
    [{'id': 'T1', 'duration': 5}]
    """
    out: dict[str, Any] = {"project": project_to_dict(plan.project)}
    for name, spec in TABLES.items():
        frame = plan.tables[name]
        if len(frame):
            out[name] = table_records(spec, frame)
    if plan.scenarios:
        out["scenarios"] = [scenario.to_dict() for scenario in plan.scenarios]
    return out


def table_records(spec: TableSpec, frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain YAML-friendly dicts, leaving out empty and default values."""
    columns = {c.name: c for c in spec.columns}
    records = []
    for row in frame.to_dict("records"):
        record = {}
        for name, value in row.items():
            plain = _plain(value)
            column = columns[name]
            if plain is None or plain == "" or (plain == column.default and not column.required):
                continue
            if column.kind in ("dates", "ids"):
                plain = [part.strip() for part in str(plain).split(",")]
            elif column.kind == "three_point":
                numbers = [_plain(float(part)) for part in str(plain).split(",")]
                plain = numbers[0] if len(numbers) == 1 else numbers
            record[name] = plain
        records.append(record)
    return records


def _plain(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    return value


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file.

    Parameters
    ----------
    path : path-like
        A ``.yaml`` plan file.

    Returns
    -------
    Plan

    Raises
    ------
    PlanError
        When the file is missing, is not valid YAML, or holds a plan with problems.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> load_plan(sample_plan_path()).project.name
    'CRM migration'
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(Problem("file", None, None, f"cannot read {path}: {exc.strerror}")) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanError(Problem("file", None, None,
                                f"{path.name} is not valid YAML{where}: {problem}")) from exc
    return plan_from_dict(data)


def dump_plan(plan: Plan) -> str:
    """The plan file text for a plan (YAML, block style, keys in declaration order).

    Examples
    --------
    >>> plan = plan_from_dict({"project": {"start": "2027-01-04"}})
    >>> dump_plan(plan).splitlines()[0]
    'project:'
    """
    return yaml.safe_dump(plan_to_dict(plan), sort_keys=False, allow_unicode=True,
                          default_flow_style=None, width=100)


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> Path:
    """Write a plan file atomically: a temp file in the same folder, then ``os.replace``.

    A crash while writing leaves the previous file untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> plan = plan_from_dict({"project": {"start": "2027-01-04"}})
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "plan.yaml"
    >>> load_plan(save_plan(plan, target)).equals(plan)
    True
    """
    expect_plan(plan)
    path = Path(path)
    text = dump_plan(plan)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
