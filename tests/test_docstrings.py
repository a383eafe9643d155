"""Every public function and method of ``workbench`` documents its parameters, numpy style.

The rule (see STYLE.md): a public module-level function, or a public method of a public
class, that takes arguments has a ``Parameters`` section; a public module-level function
also has an ``Examples`` section (run by ``--doctest-modules``); sections come in numpy
order, so ``Examples`` is last. Modules are read with
``ast``, never imported, so the served app module (which builds a page when Bokeh
imports it) is checked like any other. Click commands keep their numpy sections after
the ``\\f`` that ends the help text; ``ast.get_docstring`` returns all of it.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import re
from pathlib import Path

import pytest

import workbench

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: numpy docstring sections in the order numpydoc renders them.
SECTION_ORDER = ("Parameters", "Returns", "Yields", "Raises", "See Also", "Notes", "Examples")
PROPERTIES = {"property", "cached_property", "setter", "getter", "deleter"}


def _has_section(doc: str, title: str) -> bool:
    """Whether ``doc`` has a numpy section heading ``title`` underlined with dashes."""
    return re.search(rf"^\s*{title}\s*\n\s*-{{3,}}\s*$", doc, flags=re.MULTILINE) is not None


def _sections(doc: str) -> list[str]:
    """The numpy section headings of ``doc``, in the order they appear."""
    return [title for title in re.findall(r"^\s*(\w[\w ]*?)\s*\n\s*-{3,}\s*$", doc,
                                          flags=re.MULTILINE) if title in SECTION_ORDER]


def _takes_arguments(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    args = function.args
    named = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    return bool([a for a in named if a not in ("self", "cls")] or args.vararg or args.kwarg)


def _is_property(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in function.decorator_list:
        name = decorator.attr if isinstance(decorator, ast.Attribute) else getattr(
            decorator, "id", None)
        if name in PROPERTIES:
            return True
    return False


def missing_sections(source: str, where: str) -> list[str]:
    """``where:line name: missing <section>`` for every gap in one module's source."""
    gaps = []

    def check(function: ast.FunctionDef | ast.AsyncFunctionDef, qualname: str,
              module_level: bool) -> None:
        doc = ast.get_docstring(function) or ""
        if _takes_arguments(function) and not _has_section(doc, "Parameters"):
            gaps.append(f"{where}:{function.lineno} {qualname}: missing Parameters")
        if module_level and not _has_section(doc, "Examples"):
            gaps.append(f"{where}:{function.lineno} {qualname}: missing Examples")
        found = _sections(doc)
        if found != sorted(found, key=SECTION_ORDER.index):
            gaps.append(f"{where}:{function.lineno} {qualname}: sections out of order "
                        f"({', '.join(found)})")

    for node in ast.parse(source).body:
        if isinstance(node, FUNCTIONS) and not node.name.startswith("_"):
            check(node, node.name, module_level=True)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for member in node.body:
                if isinstance(member, FUNCTIONS) and not member.name.startswith("_") \
                        and not _is_property(member):
                    check(member, f"{node.name}.{member.name}", module_level=False)
    return gaps


def _module_files() -> list[Path]:
    files = [Path(workbench.__file__)]
    for module in pkgutil.walk_packages(workbench.__path__, prefix="workbench."):
        if any(part.startswith("_") for part in module.name.split(".")):
            continue
        # find_spec imports only the parent packages, never the module itself.
        files.append(Path(importlib.util.find_spec(module.name).origin))
    return files


MODULE_FILES = _module_files()
ROOT = Path(workbench.__file__).parents[1]


def test_every_module_is_found():
    names = {path.relative_to(ROOT).as_posix() for path in MODULE_FILES}
    assert {"workbench/ui/app.py", "workbench/cli.py",
            "workbench/engine/scheduling/calendar.py", "workbench/io/plan_file.py"} <= names


def test_public_functions_and_methods_document_parameters_and_examples():
    gaps = [gap for path in MODULE_FILES
            for gap in missing_sections(path.read_text(encoding="utf-8"),
                                        path.relative_to(ROOT).as_posix())]
    assert not gaps, "numpy docstring sections missing:\n" + "\n".join(gaps)


@pytest.mark.parametrize(("source", "expected"), [
    ('def f(x):\n    """No sections."""\n',
     ["m.py:1 f: missing Parameters", "m.py:1 f: missing Examples"]),
    ('def f():\n    """Examples\n    --------\n    >>> 1\n    1\n    """\n', []),
    ('def f(x):\n    """Mentions Parameters and Examples in prose only."""\n',
     ["m.py:1 f: missing Parameters", "m.py:1 f: missing Examples"]),
    ('class C:\n    def m(self, x):\n        """No sections."""\n'
     '    def n(self):\n        """No arguments."""\n'
     '    @property\n    def p(self):\n        """A property."""\n',
     ["m.py:2 C.m: missing Parameters"]),
    ('class _Private:\n    def m(self, x):\n        pass\n\ndef _helper(x):\n    pass\n', []),
    ('def f(*rows):\n    """Parameters\n    ----------\n    *rows : dict\n"""\n',
     ["m.py:1 f: missing Examples"]),
    ('def f():\n    """Examples\n    --------\n    >>> 1\n    1\n\n'
     '    Returns\n    -------\n    int\n    """\n',
     ["m.py:1 f: sections out of order (Examples, Returns)"]),
])
def test_checker_flags_what_is_missing(source, expected):
    assert missing_sections(source, "m.py") == expected
