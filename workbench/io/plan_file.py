"""The native plan file: one human-readable YAML document, safe-loaded, saved with care.

Saving a plan over its file changes only what changed (see :mod:`workbench.io.yaml_edit`):
comments, key order, row style and blank lines stay as the person wrote them. Saving
keeps the file's nature (see :mod:`workbench.io.safe_write`), and a :class:`PlanFile`
remembers which version of the file a plan was read from, so a save can refuse to
overwrite somebody else's change (:class:`~workbench.io.errors.SaveConflict`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from workbench.io.errors import SaveConflict
from workbench.io.safe_write import write_atomically
from workbench.io.yaml_edit import edit_document, section_texts
from workbench.io.yaml_render import document_text, native, plain_value
from workbench.model import TABLES, Plan, PlanError, Problem
from workbench.model.arguments import expect_plan
from workbench.model.project import project_from_dict, project_to_dict
from workbench.model.scenario import scenarios_from_list
from workbench.model.schema import TableSpec
from workbench.model.tables import coerce_table, mark_not_a_number

# libyaml reads a plan file several times faster; both loaders are safe.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def plan_from_dict(data: Any) -> Plan:
    """Build a plan from the mapping a plan file holds.

    Parameters
    ----------
    data : Any
        The safe-loaded YAML document: a mapping with ``project`` (required), any of
        the plan tables as lists of row mappings, and ``scenarios``.

    Returns
    -------
    Plan
        The validated plan.

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
    tables = {name: mark_not_a_number(spec, data.get(name) or []) for name, spec in TABLES.items()}
    return Plan.build(project, scenarios_from_list(data.get("scenarios")), **tables)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The mapping a plan file holds; only non-default values are written per row.

    Parameters
    ----------
    plan : Plan
        The plan to write.

    Returns
    -------
    dict
        ``project``, then every non-empty table as a list of rows (dates as ISO text,
        numbers without needless ``.0``), then ``scenarios`` if the plan has any.

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
    """Rows as plain YAML-friendly dicts, leaving out empty and default values.

    Parameters
    ----------
    spec : TableSpec
        The table's declaration (column kinds, defaults, which are required).
    frame : pd.DataFrame
        The table's rows, with the declared columns.

    Returns
    -------
    list of dict
        One mapping per row: empty cells and non-required defaults left out, dates as
        ISO text, whole numbers as ``int``, ``dates``/``ids`` columns as lists and
        three-point estimates as one number or a list of three.

    Examples
    --------
    >>> from workbench.model import TABLES
    >>> plan = plan_from_dict({"project": {"start": "2027-01-04"},
    ...                        "tasks": [{"id": "T1", "duration": 5}, {"id": "T2", "duration": 3}],
    ...                        "links": [{"from": "T1", "to": "T2", "lag": 2}]})
    >>> table_records(TABLES["links"], plan.links)
    [{'from': 'T1', 'to': 'T2', 'lag': 2}]
    """
    columns = {c.name: c for c in spec.columns}
    records = []
    for row in frame.to_dict("records"):
        record = {}
        for name, value in row.items():
            plain = plain_value(value)
            column = columns[name]
            if plain is None or plain == "" or (plain == column.default and not column.required):
                continue
            if column.kind in ("dates", "ids"):
                plain = [part.strip() for part in str(plain).split(",")]
            elif column.kind == "three_point":
                numbers = [plain_value(float(part)) for part in str(plain).split(",")]
                plain = numbers[0] if len(numbers) == 1 else numbers
            record[name] = plain
        records.append(record)
    return records


def file_version(path: str | os.PathLike[str]) -> str | None:
    """The version of a file as it is on disk (a hash of its bytes); None when missing.

    Parameters
    ----------
    path : str or os.PathLike
        The file (a symlink is followed to the file it points at).

    Returns
    -------
    str or None
        SHA-256 of the file's bytes in hex, as :attr:`PlanFile.version` holds it.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> file_version(sample_plan_path()) == PlanFile.open(sample_plan_path()).version
    True
    """
    try:
        return _version(Path(os.path.realpath(path)).read_bytes())
    except FileNotFoundError:
        return None


def _version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, eq=False)
class PlanFile:
    """A plan together with the file it was read from and the version it was read at.

    The version lives here, not on the :class:`Plan`, so two equal plans are equal
    whatever file they came from. A handle made with ``version=None`` (a plan not
    read from this file) saves without checking.

    Examples
    --------
    >>> import shutil, tempfile, pathlib
    >>> from workbench import sample_plan_path
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.yaml"
    >>> _ = shutil.copy(sample_plan_path(), path)
    >>> mine, theirs = PlanFile.open(path), PlanFile.open(path)
    >>> mine = mine.save(mine.plan.replace(project=mine.plan.project.replace(name="CRM 2")))
    >>> theirs.save(theirs.plan)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbench.io.errors.SaveConflict: file: plan.yaml changed on disk since it was read; ...
    """

    path: Path
    plan: Plan
    version: str | None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> PlanFile:
        """Read a plan file and remember its version.

        Parameters
        ----------
        path : str or os.PathLike
            The plan file (YAML).

        Returns
        -------
        PlanFile
            The plan, the path and the version (hash) of the bytes read.

        Raises
        ------
        PlanError
            As :func:`load_plan`.

        Examples
        --------
        >>> from workbench import sample_plan_path
        >>> handle = PlanFile.open(sample_plan_path())
        >>> handle.plan.project.name, len(handle.version)
        ('CRM migration', 64)
        """
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PlanError(Problem("file", None, None,
                                    f"cannot read {path}: {exc.strerror}")) from exc
        plan, version = _parse(_text(data), path.name), _version(data)
        _remember(version, native(plan_to_dict(plan)))
        return cls(path, plan, version)

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the version this plan was read from."""
        return file_version(self.path) != self.version

    def save(self, plan: Plan) -> PlanFile:
        """Write ``plan`` over this file unless the file changed since it was read.

        Parameters
        ----------
        plan : Plan
            The plan to write; only what differs from the file's content is rewritten, so
            comments and layout stay.

        Returns
        -------
        PlanFile
            The handle for the file just written (its new version).

        Raises
        ------
        SaveConflict
            When the file on disk is not the version this handle read.
        SaveError
            When the file cannot be written.

        Examples
        --------
        >>> import shutil, tempfile, pathlib
        >>> from workbench import sample_plan_path
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.yaml"
        >>> _ = shutil.copy(sample_plan_path(), path)
        >>> handle = PlanFile.open(path)
        >>> saved = handle.save(handle.plan.replace(
        ...     project=handle.plan.project.replace(name="CRM 2")))
        >>> saved.version == file_version(path) != handle.version
        True
        """
        return PlanFile(self.path, plan, _write(plan, self.path, self.version))


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file.

    Use :meth:`PlanFile.open` to also keep the file's version for a conflict-safe save.

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
    return PlanFile.open(path).plan


def _text(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n", "\n")


def _parse(text: str, name: str) -> Plan:
    return plan_from_dict(_yaml_data(text, name))


def _yaml_data(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanError(Problem("file", None, None,
                                f"{name} is not valid YAML{where}: {problem}")) from exc


def dump_plan(plan: Plan) -> str:
    """The plan file text for a plan that has no file yet.

    Sections in declaration order with a blank line between them, one flow row per
    line, defaults left out, dates bare.

    Parameters
    ----------
    plan : Plan
        The plan to write.

    Returns
    -------
    str
        The whole file text, ending with a newline; it reads back to an equal plan.

    Examples
    --------
    >>> plan = plan_from_dict({"project": {"start": "2027-01-04"},
    ...                        "tasks": [{"id": "T1", "duration": 5, "deadline": "2027-02-01"}]})
    >>> print(dump_plan(plan).split("\\n\\n")[1].rstrip())
    tasks:
      - {id: T1, duration: 5, deadline: 2027-02-01}
    """
    return document_text(native(plan_to_dict(plan)))


# What a file holds (its canonical mapping, rows in file order) by version, so that
# saving a file this process read or wrote need not convert every table again.
_CONTENT_BY_VERSION: dict[str, dict[str, Any]] = {}
_REMEMBERED = 16


def _remember(version: str, content: dict[str, Any]) -> None:
    _CONTENT_BY_VERSION.pop(version, None)
    _CONTENT_BY_VERSION[version] = content
    while len(_CONTENT_BY_VERSION) > _REMEMBERED:
        del _CONTENT_BY_VERSION[next(iter(_CONTENT_BY_VERSION))]


def _text_and_content(plan: Plan, current: str | None,
                      version: str | None = None) -> tuple[str, dict[str, Any]]:
    """The text to write and what it holds (canonical, rows in file order)."""
    wanted = native(plan_to_dict(plan))
    if current is not None:
        if not current.endswith("\n"):
            current += "\n"
        try:
            old = _CONTENT_BY_VERSION.get(version) if version else None
            return _checked_edit(current, old or _file_content(current), wanted)
        except (ValueError, yaml.YAMLError):
            pass  # not a plan file we can edit in place: write a clean one
    return document_text(wanted), wanted


def _checked_edit(current: str, old: dict[str, Any],
                  wanted: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Edit ``current`` from ``old`` to ``wanted``, then check the result.

    Sections that should not change must be byte for byte what they were; changed
    ones must read back to exactly the wanted rows (a new task may sit under its
    parent rather than last).

    Raises
    ------
    ValueError
        When the edited text does not hold what was wanted.
    """
    edited = edit_document(current, old, wanted)
    before, after = section_texts(current), section_texts(edited)
    content: dict[str, Any] = {}
    for name in dict.fromkeys([*wanted, *old]):
        if old.get(name) == wanted.get(name):
            if before.get(name) != after.get(name):
                raise ValueError(f"editing the file would have changed {name!r}")
            if name in old:
                content[name] = old[name]
        elif name in after:
            value = _yaml_data(after[name], "plan file")[name]
            if value:
                content[name] = native({name: _section(name, value)})[name]
    if not _same_content(content, wanted):
        raise ValueError("the edited file does not hold the plan")
    return edited, content


def _file_content(text: str) -> dict[str, Any]:
    """What a plan file holds, canonical with dates as dates, without the plan's validation.

    Raises
    ------
    PlanError
        When the file's shape or a value's type is wrong.
    """
    data = _yaml_data(text, "plan file")
    if not isinstance(data, dict) or "project" not in data:
        raise PlanError("not a plan file")
    unknown = set(data) - {"project", *TABLES, "scenarios"}
    if unknown:
        raise PlanError(f"unknown sections {sorted(unknown)}")
    return native({name: _section(name, value) for name, value in data.items() if value})


def _section(name: str, value: Any) -> Any:
    """One section of a plan file in ``plan_to_dict`` form."""
    if name == "project":
        return project_to_dict(project_from_dict(value))
    if name == "scenarios":
        return [scenario.to_dict() for scenario in scenarios_from_list(value)]
    if not isinstance(value, list):
        raise PlanError(Problem(name, None, None, "must be a list of rows"))
    frame, problems = coerce_table(TABLES[name], value)
    if problems:
        raise PlanError(problems)
    return table_records(TABLES[name], frame)


def _same_content(written: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Whether a file holds the wanted plan (new tasks may sit under their parent)."""
    if written.keys() != wanted.keys():
        return False
    return all(written[key] == wanted[key] if key not in TABLES
               else sorted(map(repr, written[key])) == sorted(map(repr, wanted[key]))
               for key in wanted)


def save_plan(plan: Plan, path: str | os.PathLike[str],
              expected_version: str | None = None) -> Path:
    """Write a plan file, changing only what changed, atomically.

    Over an existing plan file, comments, blank lines, key order and row style are kept
    and only changed cells, rows and sections are edited. A new file is written clean.
    The file keeps its permission bits, a symlink is written through to its target, and
    a crash while writing leaves the previous file untouched.

    Parameters
    ----------
    plan : Plan
        The plan to write.
    path : path-like
        The plan file.
    expected_version : str, optional
        The file's version when the plan was read (:attr:`PlanFile.version`); when
        given, the save is refused if the file changed since.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    SaveConflict
        When ``expected_version`` is given and the file on disk is another version.
    SaveError
        When the file is read-only or its folder cannot be written.

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
    _write(plan, path, expected_version)
    return path


def _write(plan: Plan, path: Path, expected_version: str | None) -> str:
    """Write ``plan`` to ``path``; the new version."""
    try:
        data: bytes | None = Path(os.path.realpath(path)).read_bytes()
    except FileNotFoundError:
        data = None
    if expected_version is not None and (data is None or _version(data) != expected_version):
        raise SaveConflict(f"{path.name} changed on disk since it was read; "
                           "reload it (or merge) before saving")
    current = None if data is None else _text(data)
    text, content = _text_and_content(plan, current, None if data is None else _version(data))
    if data is not None and b"\r\n" in data:
        text = text.replace("\n", "\r\n")  # keep a Windows file's line ends
    out = text.encode("utf-8")
    write_atomically(path, out)
    version = _version(out)
    _remember(version, content)
    return version
