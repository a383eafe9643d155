"""A plan whose every text field is a script payload, for the escaping tests.

Each payload names its field (``window.__xss = 'tasks.name'``), so a leak says where
it came from. Run through a page that escapes, none of them runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench import sample_plan_path
from workbench.io import load_plan, plan_from_dict, plan_to_dict, save_plan

#: Text columns filled with payloads, by table.
TEXT_COLUMNS = {
    "tasks": ("name", "notes", "correlation_group"),
    "resources": ("name", "role"),
    "cost_lines": ("notes",),
    "budget": ("notes",),
    "actuals": ("notes",),
    "risks": ("title", "category", "response"),
}
#: Ids renamed to payloads everywhere they occur (a task, a resource, a milestone).
RENAMED_IDS = ("T16", "R5", "M3")


def payload(where: str) -> str:
    """Markup that, if it ever reached the page as HTML, would run and say where from."""
    return (f"<img src=x onerror=\"window.__xss='{where}'\">"
            f"<script>window.__xss='{where}'</script>{where}")


def _rename(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, old, new) for v in value]
    return new if value == old else value


def xss_plan_dict() -> dict[str, Any]:
    """The sample plan as a dict, with payloads in every free-text field and some ids."""
    data = plan_to_dict(load_plan(sample_plan_path()))
    data["project"]["name"] = payload("project.name")
    data["project"]["currency"] = payload("project.currency")
    baseline = payload("baseline")
    data["project"]["current_baseline"] = baseline
    for row in data["baselines"]:
        row["baseline"] = baseline
    for table, columns in TEXT_COLUMNS.items():
        for i, row in enumerate(data[table]):
            for column in columns:
                row[column] = payload(f"{table}.{column}.{i}")
    for i in range(len(data["scenarios"])):
        data["scenarios"][i]["description"] = payload(f"scenarios.description.{i}")
        # Bases name other scenarios: rename them everywhere.
        data = _rename(data, data["scenarios"][i]["name"], payload(f"scenarios.name.{i}"))
    for old in RENAMED_IDS:
        data = _rename(data, old, f"{old}{payload(f'id.{old}')}")
    return data


def write_xss_plan(path: Path) -> Path:
    """Write the payload plan to ``path`` (validated on the way) and return the path."""
    return save_plan(plan_from_dict(xss_plan_dict()), path)
