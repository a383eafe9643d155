"""Minimal edits to a plan file's text: only the cells, rows and sections that changed.

The file is composed into YAML nodes (libyaml where present), which tell where every
key, value and row starts and ends in the text. Changes are then spliced into the
original text, so everything that did not change (comments, blank lines, key order,
flow or block style, quoting, line breaks inside a row) stays byte for byte. A YAML
round-trip dumper (ruamel.yaml) would not do: it re-flows flow mappings that a person
wrapped over two lines, and composing with it is twenty times slower.

Both sides are compared as plan-file mappings in one canonical form (defaults left
out, dates as dates), never as raw YAML values, so ``1.0`` and ``1`` or a quoted
and a bare date are the same value.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from workbench.io.yaml_render import (
    INDENT,
    flow,
    is_rows,
    plain_value,
    row_lines,
    scalar,
    section_text,
)
from workbench.model import TABLES
from workbench.model.schema import TableSpec

_MISSING = object()


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=4)
def compose(text: str) -> Node | None:
    """The node tree of a YAML text, with character positions; None when empty.

    Cached: a save composes the file once to edit it and once to check the edit.
    The nodes are never changed.
    """
    return yaml.compose(text, Loader=_Loader)


def edit_document(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """The text of ``text`` changed from mapping ``old`` to ``new`` with minimal edits.

    Parameters
    ----------
    text : str
        The plan file as it is on disk (ends with a newline).
    old : dict
        What ``text`` holds, in canonical form (see :func:`workbench.io.yaml_render.native`).
    new : dict
        What the file must hold after the edit, in the same form.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        When the text is not a mapping whose rows line up with ``old``.

    Examples
    --------
    >>> text = "# my plan\\ntasks:\\n  - {id: T1, duration: 5}   # first\\n"
    >>> print(edit_document(text, {"tasks": [{"id": "T1", "duration": 5}]},
    ...                     {"tasks": [{"id": "T1", "duration": 8}]}), end="")
    # my plan
    tasks:
      - {id: T1, duration: 8}   # first
    """
    root = compose(text)
    if not isinstance(root, MappingNode):
        raise ValueError("the file is not a mapping")
    editor = _Editor(text)
    sections = {key.value: (key, value) for key, value in root.value}
    appended = []
    for name in new:
        if name in sections:
            key, value = sections[name]
            editor.section(name, key, value, old.get(name), new[name])
        else:
            appended.append(section_text(name, new[name]))
    for name in old:
        if name not in new and name in sections:
            key, value = sections[name]
            editor.replace_pair_value(key, value, [])
    result = editor.apply()
    if appended:
        result += "\n" + "\n\n".join(appended) + "\n"
    return result


def section_texts(text: str) -> dict[str, str]:
    """Each top-level section's own text, from its key to its last value.

    Examples
    --------
    >>> section_texts("# plan\\na: 1\\n\\nb:\\n  - {x: 2}\\n# end\\n")
    {'a': 'a: 1', 'b': 'b:\\n  - {x: 2}'}
    """
    root = compose(text)
    if not isinstance(root, MappingNode):
        raise ValueError("the file is not a mapping")
    editor = _Editor(text)
    return {key.value: text[editor.line_start(key.start_mark.index):editor.content_end(value)]
            for key, value in root.value}


@dataclass
class _Editor:
    text: str
    edits: list[tuple[int, int, str]] = field(default_factory=list)

    def apply(self) -> str:
        """The text with every edit spliced in; edits never overlap."""
        out, at = [], 0
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if start < at:
                raise ValueError("overlapping edits")
            out += [self.text[at:start], replacement]
            at = end
        out.append(self.text[at:])
        return "".join(out)

    # Positions ---------------------------------------------------------------------------

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Index just after the newline that ends the line holding ``index``."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def at_line_start(self, index: int) -> bool:
        return not self.text[self.line_start(index):index].strip()

    def content_end(self, node: Node) -> int:
        """Where a node's own text ends (block collections end at their last value)."""
        if isinstance(node, ScalarNode):
            end = node.end_mark.index
            # A block scalar's span takes in the line breaks after it.
            return _rstrip_at(self.text, end) if node.style in ("|", ">") else end
        if node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(node, MappingNode) else last)

    # Sections ----------------------------------------------------------------------------

    def section(self, name: str, key: Node, value: Node, old: Any, new: Any) -> None:
        if name in TABLES or name == "scenarios":
            spec = TABLES.get(name)
            if isinstance(value, SequenceNode) and value.value and old:
                self.rows(value, old, new, _row_key(spec), _explicit_defaults(spec),
                          _parent_column(spec))
            elif old != new:
                self.replace_pair_value(key, value, new)
        elif isinstance(value, MappingNode) and isinstance(old, dict) and isinstance(new, dict):
            self.mapping(value, old, new)
        elif old != new:
            self.replace_pair_value(key, value, new)

    def replace_pair_value(self, key: Node, value: Node, new: Any) -> None:
        """Write a new value for ``key``; lists of rows become a block list below it."""
        end = self.content_end(value)
        if isinstance(value, ScalarNode) and value.style is None and value.value in ("", "~",
                                                                                   "null"):
            # An empty value has no text of its own: rewrite the rest of the key's line.
            end = max(key.end_mark.index, self.line_end(key.end_mark.index) - 1)
        if is_rows(new):
            lines = row_lines(new, key.start_mark.column + INDENT)
            self.edits.append((key.end_mark.index, end, ":\n" + "\n".join(lines)))
        else:
            self.edits.append((key.end_mark.index, end, ": " + flow(new)))

    # Rows --------------------------------------------------------------------------------

    def rows(self, seq: SequenceNode, old: list[dict], new: list[dict],
             row_key: Callable[[dict], Any], explicit: dict[str, Any],
             parent: str | None) -> None:
        """Align old and new rows by key; patch, remove and insert only what differs."""
        if len(seq.value) != len(old):
            raise ValueError("the rows in the file do not line up with the plan read from it")
        old_keys, new_keys = _occurrences(map(row_key, old)), _occurrences(map(row_key, new))
        matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        # Slots: the rows in their final file order, [old index or None, row].
        slots: list[list[Any]] = [[i, row] for i, row in enumerate(old)]
        slot_of: dict[int, list[Any]] = {}
        inserted: list[int] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            paired = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
            for k in range(paired):
                if old[i1 + k] != new[j1 + k]:
                    self.row(seq.value[i1 + k], old[i1 + k], new[j1 + k], explicit)
                slots[i1 + k][1] = new[j1 + k]
                slot_of[j1 + k] = slots[i1 + k]
            for i in range(i1 + paired, i2):
                self.remove_item(seq, i)
                slots[i][1] = {}
            inserted += range(j1 + paired, j2)
        appended = max(slot_of, default=-1) + 1
        for j in inserted:
            if j >= appended:  # added at the end: put it where a person would
                at = _placement(slots, new[j], parent, new)
            else:  # the plan put it between rows: keep it there
                at = next((n for n, slot in enumerate(slots) if slot is slot_of.get(j - 1)), -1)
            slot_of[j] = [None, new[j]]
            slots.insert(at + 1, slot_of[j])
        self.insert_rows(seq, slots)

    def row(self, node: Node, old: dict, new: dict, explicit: dict[str, Any]) -> None:
        if isinstance(node, MappingNode):
            self.mapping(node, old, new, explicit)
        else:
            self.edits.append((node.start_mark.index, self.content_end(node), flow(new)))

    def remove_item(self, seq: SequenceNode, index: int) -> None:
        node = seq.value[index]
        if not seq.flow_style:
            start = self.line_start(node.start_mark.index)
            self.edits.append((start, self.line_end(self.content_end(node)), ""))
        elif index > 0:
            previous = seq.value[index - 1]
            self.edits.append((self.content_end(previous), self.content_end(node), ""))
        elif len(seq.value) > 1:
            self.edits.append((node.start_mark.index, seq.value[1].start_mark.index, ""))
        else:
            self.edits.append((node.start_mark.index, self.content_end(node), ""))

    def insert_rows(self, seq: SequenceNode, slots: list[list[Any]]) -> None:
        """Write each new row after the old row that precedes it, styled like its neighbours."""
        block_rows = any(isinstance(n, MappingNode) and not n.flow_style for n in seq.value)
        dash = seq.start_mark.column
        after: int | None = None
        pending: list[dict] = []
        for index, row in [*slots, (-1, {})]:
            if index is None:
                pending.append(row)
                continue
            if pending:
                anchor = seq.value[after if after is not None else 0]
                self.insert_after(seq, anchor, pending, dash, block_rows, before=after is None)
                pending = []
            after = index

    def insert_after(self, seq: SequenceNode, anchor: Node, rows: list[dict], dash: int,
                     block_rows: bool, before: bool) -> None:
        if seq.flow_style:
            text = ", ".join(flow(r) for r in rows)
            if before:
                self.edits.append((anchor.start_mark.index, anchor.start_mark.index, text + ", "))
            else:
                end = self.content_end(anchor)
                self.edits.append((end, end, ", " + text))
            return
        lines = row_lines(rows, dash, block=block_rows or None)
        text = "\n".join(lines) + "\n"
        at = (self.line_start(anchor.start_mark.index) if before
              else self.line_end(self.content_end(anchor)))
        self.edits.append((at, at, text))

    # Mappings ----------------------------------------------------------------------------

    def mapping(self, node: MappingNode, old: dict, new: dict,
                explicit: dict[str, Any] | None = None) -> None:
        """Patch a mapping key by key; keys that did not change are not touched.

        ``explicit`` holds defaults that are written out when a value a row spelled out
        returns to its default (a value the row never had stays absent).
        """
        explicit = explicit or {}
        pairs = {key.value: (key, value) for key, value in node.value}
        order = list(dict.fromkeys([*new, *old]))
        for name in order:
            before, after = old.get(name, _MISSING), new.get(name, _MISSING)
            if before == after:
                continue
            if after is _MISSING:
                if name in pairs and name in explicit:
                    self.value(*pairs[name], before, explicit[name])
                elif name in pairs:
                    self.remove_pair(node, name)
            elif name in pairs:
                self.value(*pairs[name], before, after)
            else:
                self.insert_pair(node, name, after, order)

    def value(self, key: Node, node: Node, before: Any, after: Any) -> None:
        if isinstance(node, MappingNode) and isinstance(before, dict) and isinstance(after, dict):
            self.mapping(node, before, after)
        elif isinstance(node, SequenceNode) and node.value and is_rows(before) and is_rows(after):
            self.rows(node, before, after, repr, {}, None)  # e.g. a scenario's changes
        elif isinstance(node, ScalarNode) or node.flow_style:
            text = flow(after)
            if (isinstance(node, ScalarNode) and isinstance(after, int)
                    and not isinstance(after, bool) and "." in node.value):
                text = scalar(float(after))  # keep the file's 1.0-style numbers
            self.edits.append((node.start_mark.index, self.content_end(node), text))
        else:
            self.replace_pair_value(key, node, after)

    def remove_pair(self, node: MappingNode, name: str) -> None:
        index = next(i for i, (key, _) in enumerate(node.value) if key.value == name)
        key, value = node.value[index]
        if node.flow_style:
            if index > 0:
                start = self.content_end(node.value[index - 1][1])
                self.edits.append((start, self.content_end(value), ""))
            elif len(node.value) > 1:
                self.edits.append((key.start_mark.index, node.value[1][0].start_mark.index, ""))
            else:
                self.edits.append((key.start_mark.index, self.content_end(value), ""))
        elif self.at_line_start(key.start_mark.index):
            start = self.line_start(key.start_mark.index)
            self.edits.append((start, self.line_end(self.content_end(value)), ""))
        elif len(node.value) > 1:
            self.edits.append((key.start_mark.index, node.value[1][0].start_mark.index, ""))

    def insert_pair(self, node: MappingNode, name: str, value: Any, order: list[str]) -> None:
        """Add ``name: value`` after the nearest key that comes before it in ``order``."""
        present = [key.value for key, _ in node.value]
        rank = order.index(name)
        earlier = [i for i, key in enumerate(present) if key in order and order.index(key) < rank]
        pair = f"{scalar(name)}: {flow(value)}"
        if not node.value:
            self.edits.append((node.start_mark.index + 1, node.start_mark.index + 1, pair))
            return
        first_key = node.value[0][0]
        if node.flow_style:
            if earlier:
                end = self.content_end(node.value[earlier[-1]][1])
                self.edits.append((end, end, ", " + pair))
            else:
                start = first_key.start_mark.index
                self.edits.append((start, start, pair + ", "))
            return
        pad = " " * first_key.start_mark.column
        if not earlier and self.at_line_start(first_key.start_mark.index):
            at = self.line_start(first_key.start_mark.index)
        else:
            at = self.line_end(self.content_end(node.value[earlier[-1] if earlier else 0][1]))
        self.edits.append((at, at, f"{pad}{pair}\n"))


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in "\n ":
        end -= 1
    return end


def _row_key(spec: TableSpec | None) -> Callable[[dict], Any]:
    if spec is None:  # scenarios, by name
        return lambda row: row.get("name")
    return lambda row: tuple(str(row.get(c)) for c in spec.key)


def _explicit_defaults(spec: TableSpec | None) -> dict[str, Any]:
    """Defaults worth writing out: an empty default is written by leaving the key out."""
    if spec is None:
        return {}
    return {c.name: plain_value(c.default) for c in spec.columns
            if c.default not in (None, "") and not c.required}


def _parent_column(spec: TableSpec | None) -> str | None:
    """The column that nests rows of a table under another row of it (tasks' WBS parent)."""
    if spec is None:
        return None
    return next((c.name for c in spec.columns if c.references == spec.name), None)


def _occurrences(keys: Any) -> list[tuple[Any, int]]:
    """Keys made unique by counting repeats, so tables with non-unique keys align too."""
    seen: dict[Any, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append((key, seen[key]))
    return out


def _placement(slots: list[list[Any]], row: dict, parent: str | None,
               rows: list[dict]) -> int:
    """Index of the slot a new row goes after: the end of its parent's subtree, else the end."""
    target = row.get(parent) if parent else None
    if target is None:
        return len(slots) - 1
    parents = {r.get("id"): r.get(parent) for r in rows}

    def under(row_id: Any) -> bool:
        seen = set()
        while row_id is not None and row_id not in seen:
            if row_id == target:
                return True
            seen.add(row_id)
            row_id = parents.get(row_id)
        return False

    inside = [i for i, (_, slot) in enumerate(slots) if slot and under(slot.get("id"))]
    return inside[-1] if inside else len(slots) - 1
