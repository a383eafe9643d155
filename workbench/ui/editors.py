"""Table editors generated from the model's table declarations.

The plan is the source of truth: an edit in a table becomes a new plan built from
the *current plan* plus that one change, so a refused edit leaves nothing behind,
and the table is redrawn from the plan whatever happened.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import panel as pn
import param
from bokeh.models.widgets.tables import DateFormatter

from workbench.model import TABLES, Plan, PlanError, Problem
from workbench.model.references import renamed, without_rows
from workbench.model.schema import Column, TableSpec
from workbench.ui import markup
from workbench.ui.state import WorkbenchState

# Columns asked for when adding a row; the rest take their declared defaults.
FORM_COLUMNS = {
    "tasks": ("id", "name", "parent", "duration"),
    "links": ("from", "to", "type", "lag"),
    "resources": ("id", "name", "role", "capacity", "rate"),
    "assignments": ("task", "resource", "units"),
    "cost_lines": ("id", "category", "task", "amount", "date"),
    "budget": ("category", "amount"),
    "actuals": ("date", "task", "amount", "category", "resource", "hours"),
    "risks": ("id", "title", "probability", "schedule_impact", "tasks"),
}
# Schedule columns shown read-only beside the task table.
COMPUTED_TASK_COLUMNS = ("start", "finish", "total_float", "critical")
# Above this many changed cells in a column, the whole column is sent at once.
PATCH_CELLS = 20


def column_editor(column: Column, plan: Plan) -> Any:
    """The Tabulator editor for a declared column (ids of referenced tables as lists).

    Parameters
    ----------
    column : Column
        The column's declaration (its ``allowed`` values, ``references``, ``kind``
        and bounds pick the editor).
    plan : Plan
        Supplies the ids a reference column can pick from; only read for reference
        columns.

    Returns
    -------
    dict or str
        A Tabulator editor specification: a list of allowed values or ids, a number
        input with step and bounds (half days for floats), ``"tickCross"``,
        ``"date"`` or a text input.

    Examples
    --------
    >>> from workbench.model.schema import LINKS
    >>> column_editor(LINKS.column("type"), None)
    {'type': 'list', 'values': ['FS', 'SS', 'FF', 'SF']}
    """
    if column.allowed is not None:
        return {"type": "list", "values": list(column.allowed)}
    if column.references is not None:
        return {"type": "list", "values": ["", *plan.tables[column.references]["id"].tolist()],
                "autocomplete": True, "listOnEmpty": True, "freetext": True}
    if column.kind in ("float", "int"):
        editor: dict[str, Any] = {"type": "number", "step": 1 if column.kind == "int" else 0.5}
        if column.minimum is not None:
            editor["min"] = column.minimum
        if column.maximum is not None:
            editor["max"] = column.maximum
        return editor
    if column.kind == "bool":
        return "tickCross"
    if column.kind == "date":
        return "date"
    return {"type": "input"}


def remove_rows(plan: Plan, table: str, keys: list[str]) -> Plan:
    """A plan without the given rows, and without what only made sense with them.

    Removing a task removes its sub-tasks, links, assignments and costs; removing a
    resource removes its assignments and clears it as owner (see
    :func:`workbench.model.references.without_rows`).

    Parameters
    ----------
    plan : Plan
        The current plan (left as it is).
    table : str
        The table rows are removed from (``"tasks"``, ``"links"``, ...).
    keys : list of str
        Row keys as :meth:`TableEditor.row_key` gives them (an id, ``from->to`` for
        links, ``task/resource`` for assignments); unknown keys are ignored.

    Returns
    -------
    Plan
        A new, validated plan.

    Raises
    ------
    PlanError
        When the smaller plan is not valid.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> smaller = remove_rows(plan, "tasks", ["W1"])
    >>> "T1" in set(smaller.tasks["id"]), len(smaller.links) < len(plan.links)
    (False, True)
    """
    spec = TABLES[table]
    frame = plan.tables[table]
    if spec.key == ("id",):
        labels = frame["id"]
    else:
        labels = frame[list(spec.key)].agg("->".join if spec.key == ("from", "to")
                                           else "/".join, axis=1)
    return plan.replace(**without_rows(plan.tables, table, labels.isin(keys).to_numpy()))


class TableEditor(pn.viewable.Viewer):
    """An editable table for one plan table, bound to a :class:`WorkbenchState`.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> state = WorkbenchState.from_file(sample_plan_path())
    >>> editor = TableEditor(state=state, table="tasks")
    >>> editor.edit_cell("T1", "duration", 7)
    True
    >>> float(state.plan.tasks.set_index("id").loc["T1", "duration"])
    7.0
    """

    state = param.ClassSelector(class_=WorkbenchState)
    table = param.Selector(default="tasks", objects=list(TABLES))

    def __init__(self, **params) -> None:
        super().__init__(**params)
        self._spec: TableSpec = TABLES[self.table]
        self._tabulator = pn.widgets.Tabulator(
            self._frame(), show_index=False, selectable="checkbox",
            editors=self._editors(), formatters=self._formatters(), pagination=None,
            layout="fit_data_table",
            height=380, sizing_mode="stretch_width", disabled=self.state.read_only,
            css_classes=[f"wb-{self.table}-table"],
        )
        self._tabulator.on_edit(self._on_edit)
        self._form = {name: self._form_widget(self._spec.column(name))
                      for name in FORM_COLUMNS.get(self.table, self._spec.column_names[:3])}
        self._add_button = pn.widgets.Button(label=f"Add {self._singular}", color="primary",
                                             css_classes=[f"wb-add-{self.table}"])
        self._delete_button = pn.widgets.Button(label="Delete selected", color="danger",
                                                css_classes=[f"wb-delete-{self.table}"])
        self._add_button.on_click(lambda _: self.add_row(
            {k: w.value for k, w in self._form.items()}))
        self._delete_button.on_click(lambda _: self.delete_rows(self.selected_keys()))
        self._error = pn.pane.Alert("", alert_type="danger", visible=False,
                                    css_classes=["wb-error"], sizing_mode="stretch_width")
        self._shown_references = self._reference_ids()
        self.state.param.watch(self._refresh, ["plan"])
        self._refresh_form_options()

    @property
    def _singular(self) -> str:
        return {"tasks": "task", "links": "link", "resources": "resource",
                "assignments": "assignment", "risks": "risk"}.get(self.table, "row")

    @property
    def tabulator(self) -> pn.widgets.Tabulator:
        """The Tabulator widget (for tests and layouts)."""
        return self._tabulator

    def _frame(self) -> pd.DataFrame:
        frame = self.state.plan.tables[self.table].copy()
        if self.table == "tasks":
            computed = self.state.schedule.tasks[list(COMPUTED_TASK_COLUMNS)]
            # Read-only dates as text: text cells can be patched in the page, while
            # datetime cells force the whole table to be sent again on every edit.
            computed = computed.assign(start=computed["start"].dt.strftime("%Y-%m-%d"),
                                       finish=computed["finish"].dt.strftime("%Y-%m-%d"))
            frame = frame.join(computed.astype({"start": object, "finish": object}), on="id")
        return frame.reset_index(drop=True)

    def _formatters(self) -> dict[str, Any]:
        """Dates as dates: plan dates carry no time of day."""
        return {c.name: DateFormatter(format="%Y-%m-%d", nan_format="", text_align="right")
                for c in self._spec.columns if c.kind == "date"}

    def _editors(self) -> dict[str, Any]:
        editors: dict[str, Any] = {c.name: column_editor(c, self.state.plan)
                                   for c in self._spec.columns}
        if self.table == "tasks":
            editors.update(dict.fromkeys(COMPUTED_TASK_COLUMNS))
        return editors

    def _form_widget(self, column: Column) -> pn.widgets.Widget:
        common = {"label": column.name.replace("_", " "),
                  "css_classes": [f"wb-{self.table}-form-{column.name}"]}
        if column.allowed is not None:
            return pn.widgets.Select(options=list(column.allowed), value=column.default,
                                     width=90, **common)
        if column.references is not None:
            return pn.widgets.Select(options=[""], width=110, **common)
        if column.kind in ("float", "int"):
            start = column.default if column.default is not None else 1.0
            return pn.widgets.FloatInput(value=float(start), step=0.5, width=90,
                                         start=column.minimum, **common)
        return pn.widgets.TextInput(value="", width=140, **common)

    def _reference_ids(self) -> dict[str, tuple[str, ...]]:
        """Ids of the tables this one refers to; editors and forms list them."""
        tables = {c.references for c in self._spec.columns if c.references}
        return {name: tuple(self.state.plan.tables[name]["id"]) for name in sorted(tables)}

    def _refresh_form_options(self) -> None:
        references = self._reference_ids()
        for name, widget in self._form.items():
            column = self._spec.column(name)
            if column.references is not None:
                ids = list(references[column.references])
                widget.options = ids if column.required else ["", *ids]
        if "id" in self._form and self._spec.key == ("id",):
            self._form["id"].value = self.next_id()

    def _refresh(self, event: param.parameterized.Event | None = None) -> None:
        """Redraw from the plan, touching only what changed (big tables are slow to send)."""
        old_plan = event.old if event is not None else None
        references = self._reference_ids()
        with pn.io.hold():
            if references != self._shown_references:
                self._shown_references = references
                self._tabulator.editors = self._editors()
                self._refresh_form_options()
            elif "id" in self._form and self._spec.key == ("id",):
                self._form["id"].value = self.next_id()
            table_changed = (
                old_plan is None
                or not old_plan.tables[self.table].equals(self.state.plan.tables[self.table])
            )
            if table_changed or self.table == "tasks":
                self._show(self._frame())
            self._error.visible = False

    def _show(self, frame: pd.DataFrame) -> None:
        """Send the table to the page: changed cells only when the rows are the same."""
        current = self._tabulator.value
        same_shape = (current is not None and current.shape == frame.shape
                      and current.columns.equals(frame.columns))
        if not same_shape:
            self._tabulator.value = frame
            return
        patch: dict[str, list[tuple[Any, Any]]] = {}
        for column in frame.columns:
            new, old = frame[column], current[column]
            differs = np.flatnonzero(~((new == old) | (new.isna() & old.isna())).to_numpy(bool))
            if len(differs) and pd.api.types.is_datetime64_any_dtype(new):
                # Panel cannot patch datetime cells into the page's data source.
                self._tabulator.value = frame
                return
            if len(differs) > PATCH_CELLS:
                # One slice per column: Tabulator applies it as one update.
                patch[column] = [(slice(0, len(new)), new.tolist())]
            elif len(differs):
                patch[column] = [(int(i), new.iloc[i]) for i in differs]
        if patch:
            self._tabulator.patch(patch, as_index=False)

    def _refuse(self, error: PlanError | str) -> bool:
        message = str(error)
        self._error.object = markup.lines(message)
        self._error.visible = True
        with pn.io.hold():
            self._tabulator.value = self._frame()
        return False

    def next_id(self) -> str:
        """A free id with the table's usual prefix (T12 after T11)."""
        ids = self.state.plan.tables[self.table]["id"]
        prefix = {"tasks": "T", "resources": "R", "cost_lines": "C",
                  "risks": "RK"}.get(self.table, "X")
        numbers = pd.to_numeric(ids.str.extract(rf"^{prefix}(\d+)$")[0], errors="coerce")
        return f"{prefix}{int(numbers.max()) + 1 if numbers.notna().any() else 1}"

    def _on_edit(self, event: Any) -> None:
        self.edit_cell(int(event.row), event.column, event.value, by_position=True)

    def row_key(self, position: int) -> str:
        """The key of the row at ``position`` (its id, or ``from->to`` for links).

        Parameters
        ----------
        position : int
            The row's position in the plan's table (0 first).

        Returns
        -------
        str
            Its id, ``from->to`` for links, or the key columns joined by ``/``
            (``task/resource`` for assignments).
        """
        frame = self.state.plan.tables[self.table]
        values = [str(frame[k].iloc[position]) for k in self._spec.key]
        return "->".join(values) if self._spec.key == ("from", "to") else "/".join(values)

    def _position(self, key: str) -> int:
        frame = self.state.plan.tables[self.table]
        keys = [self.row_key(i) for i in range(len(frame))] if self._spec.key != ("id",) \
            else frame["id"].tolist()
        if key not in keys:
            raise PlanError(Problem(self.table, key, None, "no such row"))
        return keys.index(key)

    def edit_cell(self, row: str | int, column: str, value: Any, by_position: bool = False) -> bool:
        """Change one cell; the plan changes only if the result is valid.

        Parameters
        ----------
        row : str or int
            The row's key (id, ``from->to``, ``task/resource``) or, with
            ``by_position``, its position in the table.
        column : str
            A declared column of the table.
        value : Any
            The new value as typed (text, number, date).
        by_position : bool
            Whether ``row`` is a position rather than a key (edits coming from the
            table widget).

        Returns
        -------
        bool
            True if the plan changed; otherwise the reason is shown beside the table.
        """
        if self.state.read_only:
            return self._refuse("This workbench is read-only.")
        try:
            position = row if by_position else self._position(str(row))
            key = self.row_key(int(position))
            if not self._spec.has(column):
                raise PlanError(Problem(self.table, key, column, "is computed and read-only"))
            plan = self.state.plan
            frame = plan.tables[self.table].copy().astype({column: object})
            if isinstance(value, float) and np.isnan(value):
                value = None
            frame.iloc[int(position), frame.columns.get_loc(column)] = value
            changes = {self.table: frame}
            if column == "id" and self._spec.key == ("id",):
                changes = renamed(plan.tables, self.table, key, str(value or "").strip())
            new_plan = plan.replace(**changes)
        except PlanError as exc:
            return self._refuse(exc)
        shown = "" if value is None else value
        if not self.state.apply(new_plan, f"{self.table} {key} {column} = {shown}"):
            return self._refuse(self.state.error)
        return True

    def add_row(self, values: dict[str, Any]) -> bool:
        """Append a row (declared defaults fill what is not given) if the plan stays valid.

        Parameters
        ----------
        values : dict
            Cell values by column name, as typed; empty text and None count as not
            given.

        Returns
        -------
        bool
            True if the plan changed; otherwise the reason is shown beside the table.
        """
        if self.state.read_only:
            return self._refuse("This workbench is read-only.")
        values = {k: v for k, v in values.items() if v not in ("", None)}
        frame = pd.concat([self.state.plan.tables[self.table].astype(object),
                           pd.DataFrame([values], dtype=object)], ignore_index=True)
        label = values.get("id") or "->".join(str(values.get(k, "")) for k in self._spec.key)
        try:
            new_plan = self.state.plan.replace(**{self.table: frame})
        except PlanError as exc:
            return self._refuse(exc)
        if not self.state.apply(new_plan, f"add {self._singular} {label}"):
            return self._refuse(self.state.error)
        return True

    def selected_keys(self) -> list[str]:
        """Keys of the rows selected in the table."""
        return [self.row_key(i) for i in self._tabulator.selection
                if i < len(self.state.plan.tables[self.table])]

    def delete_rows(self, keys: list[str]) -> bool:
        """Remove rows (and what depends on them) if the plan stays valid.

        Parameters
        ----------
        keys : list of str
            Row keys as :meth:`row_key` gives them (see :func:`remove_rows`).

        Returns
        -------
        bool
            True if the plan changed; False for no keys, or with the reason shown
            beside the table when refused.
        """
        if not keys:
            return False
        if self.state.read_only:
            return self._refuse("This workbench is read-only.")
        try:
            new_plan = remove_rows(self.state.plan, self.table, keys)
        except PlanError as exc:
            return self._refuse(exc)
        if not self.state.apply(new_plan, f"delete {', '.join(keys)}"):
            return self._refuse(self.state.error)
        self._tabulator.selection = []
        return True

    def __panel__(self) -> pn.viewable.Viewable:
        if self.state.read_only:
            return pn.Column(self._tabulator, sizing_mode="stretch_width")
        form = pn.Row(*self._form.values(), self._add_button, self._delete_button,
                      align="end", sizing_mode="stretch_width")
        return pn.Column(self._error, self._tabulator, form, sizing_mode="stretch_width")
