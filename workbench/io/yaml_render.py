"""Plan values as YAML text the way a person writes them: flow rows, plain scalars, bare dates.

One renderer serves the clean writer (a plan that never had a file) and the minimal
editor (a changed cell, an added row), so both write the same style. Text written
here reads back with ``yaml.safe_load`` to the value it was made from.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from typing import Any

import pandas as pd
import yaml

from workbench.model import TABLES
from workbench.model.project import project_from_dict

INDENT = 2
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YAML_SPECIAL = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def plain_value(value: Any) -> Any:
    """A table cell as a plain Python value: None for empty, ISO text for dates, 5 for 5.0.

    Examples
    --------
    >>> [plain_value(v) for v in (float("nan"), 5.0, 2.5, pd.Timestamp("2027-01-04"))]
    [None, 5, 2.5, '2027-01-04']
    """
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


def scalar(value: Any) -> str:
    """One value as a YAML scalar, plain where that reads back unchanged, else double-quoted.

    Examples
    --------
    >>> [scalar(v) for v in (5, 2.5, True, dt.date(2027, 1, 4), "Go live", "2027-01-04")]
    ['5', '2.5', 'true', '2027-01-04', 'Go live', '"2027-01-04"']
    >>> scalar("Sprint 1: data model")
    '"Sprint 1: data model"'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        # YAML 1.1 (PyYAML) reads "1e-05" as text: it wants a dot in the mantissa.
        return text.replace("e", ".0e") if "e" in text and "." not in text else text
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_reads_back(text):
        return text
    # JSON's escapes are YAML's too; YAML also folds or refuses a few characters
    # that JSON leaves as they are (NEL, line/paragraph separators, C1 controls, BOM).
    return _YAML_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04x}",
                             json.dumps(text, ensure_ascii=False))


@functools.lru_cache(maxsize=4096)
def _plain_reads_back(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or "#" in text:
        return False
    try:
        return (yaml.safe_load(f"[{text}]") == [text]
                and yaml.safe_load(f"{{k: {text}}}") == {"k": text})
    except yaml.YAMLError:
        return False


def flow(value: Any) -> str:
    """A value in flow style: ``{id: T1, duration: 5}``, ``[Mon, Tue]`` or a scalar.

    Examples
    --------
    >>> flow({"id": "T1", "tasks": ["T2", "T3"], "notes": "a, b"})
    '{id: T1, tasks: [T2, T3], notes: "a, b"}'
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def is_rows(value: Any) -> bool:
    """Whether a value is a non-empty list of mappings (written as a block list)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def mapping_lines(mapping: dict[str, Any], indent: int) -> list[str]:
    """A block mapping: one ``key: value`` line per key, lists of rows as block lists."""
    pad = " " * indent
    lines = []
    for key, value in mapping.items():
        if is_rows(value):
            lines.append(f"{pad}{scalar(key)}:")
            lines += row_lines(value, indent + INDENT)
        else:
            lines.append(f"{pad}{scalar(key)}: {flow(value)}")
    return lines


def row_lines(rows: list[dict[str, Any]], indent: int, block: bool | None = None) -> list[str]:
    """A block list of rows, the dash at ``indent``: flow rows unless a row holds rows.

    Examples
    --------
    >>> row_lines([{"from": "T1", "to": "T2"}], 2)
    ['  - {from: T1, to: T2}']
    >>> row_lines([{"name": "late", "changes": [{"op": "delay", "days": 3}]}], 0)
    ['- name: late', '  changes:', '    - {op: delay, days: 3}']
    """
    pad = " " * indent
    lines = []
    for row in rows:
        as_block = block if block is not None else any(is_rows(v) for v in row.values())
        if as_block and row:
            inner = mapping_lines(row, indent + INDENT)
            lines += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        else:
            lines.append(f"{pad}- {flow(row)}")
    return lines


def section_text(key: str, value: Any) -> str:
    """One top-level section of a plan file, without its final newline."""
    if isinstance(value, dict):
        return "\n".join([f"{key}:", *mapping_lines(value, INDENT)])
    if is_rows(value):
        return "\n".join([f"{key}:", *row_lines(value, INDENT)])
    return f"{key}: {flow(value)}"


def document_text(data: dict[str, Any]) -> str:
    """A whole plan file: sections in the given order, a blank line between them."""
    return "\n\n".join(section_text(key, value) for key, value in data.items()) + "\n"


def native(data: dict[str, Any]) -> dict[str, Any]:
    """A plan-file mapping (as ``plan_to_dict`` gives it) with its dates as dates.

    ``plan_to_dict`` writes dates as ISO text; YAML has a date type, and a person
    writes ``start: 2027-01-04``, not ``start: '2027-01-04'``. Table columns follow
    their declared kind; the project section is converted wherever an ISO text
    stands, and kept as text if that would change the project read back.

    Examples
    --------
    >>> native({"tasks": [{"id": "T1", "deadline": "2027-02-01"}]})["tasks"]
    [{'id': 'T1', 'deadline': datetime.date(2027, 2, 1)}]
    """
    out = dict(data)
    if "project" in data:
        dated = _dates_in(data["project"])
        try:
            same = project_from_dict(dated) == project_from_dict(data["project"])
        except ValueError:
            same = False
        out["project"] = dated if same else data["project"]
    for name, spec in TABLES.items():
        if name in data:
            kinds = {c.name: c.kind for c in spec.columns}
            out[name] = [{k: _typed(v, kinds.get(k)) for k, v in row.items()}
                         for row in data[name]]
    return out


def _typed(value: Any, kind: str | None) -> Any:
    if kind == "date" and isinstance(value, str) and _ISO_DATE.match(value):
        return dt.date.fromisoformat(value)
    if kind == "dates" and isinstance(value, list):
        return [_typed(v, "date") for v in value]
    return value


def _dates_in(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates_in(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_in(v) for v in value]
    return _typed(value, "date")
