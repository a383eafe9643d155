"""The package's house rules that a reader relies on to find their way."""

from __future__ import annotations

import importlib
import pkgutil
import types

import pytest

import workbench

MODULES = sorted(info.name for info in pkgutil.walk_packages(workbench.__path__, "workbench.")
                 if not info.name.startswith("workbench.ui.app"))


@pytest.mark.parametrize("name", MODULES)
def test_no_module_is_shadowed_by_a_name_of_its_package(name):
    """``workbench.engine.schedule`` must not be a module hidden behind a function."""
    module = importlib.import_module(name)
    parent, _, leaf = name.rpartition(".")
    attribute = getattr(importlib.import_module(parent), leaf)
    assert isinstance(attribute, types.ModuleType) and attribute is module, (
        f"{parent}.{leaf} is {type(attribute).__name__}, not the module {name}")


def test_engine_is_grouped_by_domain():
    engine = importlib.import_module("workbench.engine")
    flat = [info.name for info in pkgutil.iter_modules(engine.__path__) if not info.ispkg]
    # ``columns`` is the one declaration of every result table's columns, shared by all.
    assert flat == ["columns"], f"engine modules outside a domain sub-package: {flat}"


def test_every_documented_result_column_is_declared_once():
    from workbench.engine import columns

    tables = {name: value for name, value in vars(columns).items() if name.endswith("_COLUMNS")}
    assert len(tables) >= 10
    for name, table in tables.items():
        owners = [module for module in MODULES
                  if name in vars(importlib.import_module(module))
                  and vars(importlib.import_module(module))[name] is not table]
        assert owners == [], f"{name} declared again in {owners}"
