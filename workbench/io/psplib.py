"""PSPLIB single-mode RCPSP instances (``.sm`` files) as plans.

Jobs become tasks ``"1".."N"`` named ``"Job 1"``..; the dummy source and sink (duration
0) become milestones; precedences become FS links with lag 0; renewable resources
``R1``.. get their availability as capacity; each non-zero request becomes an
assignment with that many units.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from workbench.model import Plan
from workbench.model.project import project_from_dict

#: Every PSPLIB plan starts on this Monday with a Mon-Fri calendar and no holidays.
PSPLIB_START = dt.date(2027, 1, 4)


def _sections(text: str) -> dict[str, list[str]]:
    """Lines per section: the header block, then each ``NAME:`` block between ``***`` rules."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("*") or line.startswith("---"):
            continue
        heading = re.fullmatch(r"([A-Z][A-Z /]+):", line)
        if heading:
            current = heading.group(1).strip()
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def _header_value(lines: list[str], label: str) -> int:
    for line in lines:
        if line.lower().startswith(label):
            return int(line.split(":")[-1].split()[0])
    raise ValueError(f"PSPLIB header line {label!r} not found")


def read_psplib_header(path: str | Path) -> dict[str, Any]:
    """The header numbers of a PSPLIB ``.sm`` file.

    Returns
    -------
    dict
        ``jobs`` (incl. dummy source and sink), ``horizon``, ``renewable``,
        ``release_date``, ``due_date``, ``tardiness_cost`` and ``mpm_time`` (the
        critical-path length without resource limits).

    Examples
    --------
    >>> import workbench
    >>> from pathlib import Path
    >>> repo = Path(workbench.__file__).parents[1]
    >>> header = read_psplib_header(repo / "tests" / "io" / "data" / "tiny.sm")
    >>> header["jobs"], header["renewable"], header["mpm_time"]
    (5, 2, 7)
    """
    return _parse_header(_sections(Path(path).read_text()))


def _parse_header(sections: dict[str, list[str]]) -> dict[str, Any]:
    head = sections[""] + sections.get("RESOURCES", [])
    info = sections["PROJECT INFORMATION"]
    values = [int(v) for v in info[1].split()]  # after the column titles
    _pronr, _jobs, release, due, tardcost, mpm = values[:6]
    return {
        "jobs": _header_value(head, "jobs"),
        "horizon": _header_value(head, "horizon"),
        "renewable": _header_value(head, "- renewable"),
        "release_date": release,
        "due_date": due,
        "tardiness_cost": tardcost,
        "mpm_time": mpm,
    }


def read_psplib(path: str | Path) -> Plan:
    """Read a PSPLIB single-mode ``.sm`` file as a plan.

    Parameters
    ----------
    path : str or Path
        The ``.sm`` file.

    Returns
    -------
    Plan
        Named after the file, starting Monday 2027-01-04 on a Mon-Fri calendar.

    Raises
    ------
    ValueError
        If a section is missing or malformed.

    Examples
    --------
    >>> import workbench
    >>> from pathlib import Path
    >>> repo = Path(workbench.__file__).parents[1]
    >>> plan = read_psplib(repo / "tests" / "io" / "data" / "tiny.sm")
    >>> len(plan.tasks), len(plan.links), plan.resources["capacity"].tolist()
    (5, 5, [4.0, 3.0])
    >>> workbench.schedule(plan).length  # the file's MPM-Time
    7.0
    """
    path = Path(path)
    sections = _sections(path.read_text())
    header = _parse_header(sections)
    n_jobs = header["jobs"]

    links = []
    for line in sections["PRECEDENCE RELATIONS"][1:]:
        numbers = line.split()
        job, count = numbers[0], int(numbers[2])
        links += [{"from": job, "to": succ} for succ in numbers[3:3 + count]]

    request_lines = sections["REQUESTS/DURATIONS"]
    resource_ids = [f"R{k}" for k in
                    re.findall(r"R\s*(\d+)", request_lines[0])]
    tasks, assignments = [], []
    for line in request_lines[1:]:
        numbers = line.split()
        job, duration = numbers[0], int(numbers[2])
        tasks.append({"id": job, "name": f"Job {job}", "duration": duration,
                      "milestone": duration == 0})
        for resource, units in zip(resource_ids, numbers[3:], strict=True):
            if int(units):
                assignments.append({"task": job, "resource": resource, "units": int(units)})
    if len(tasks) != n_jobs:
        raise ValueError(f"{path.name}: header says {n_jobs} jobs, found {len(tasks)}")

    availability = [int(v) for v in sections["RESOURCEAVAILABILITIES"][1].split()]
    resources = [{"id": r, "name": r, "capacity": cap, "rate": 0.0}
                 for r, cap in zip(resource_ids, availability, strict=True)]
    project = project_from_dict({"name": path.stem, "start": PSPLIB_START,
                                 "calendar": {"workweek": ["Mon", "Tue", "Wed", "Thu", "Fri"]}})
    return Plan.build(project, tasks=tasks, links=links, resources=resources,
                      assignments=assignments)
