"""A column missing from the rows gets the same cells by the shortcut as by conversion."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.model.schema import TABLES
from workbench.model.tables import _coerce_column

COLUMNS = [(spec, column) for spec in TABLES.values() for column in spec.columns]


@pytest.mark.parametrize("n", [0, 1, 3])
@pytest.mark.parametrize(("spec", "column"), COLUMNS,
                         ids=[f"{s.name}.{c.name}" for s, c in COLUMNS])
def test_absent_column_equals_a_column_of_empty_cells(spec, column, n):
    labels = [f"#{i + 1}" for i in range(n)]
    shortcut, no_problems = _coerce_column(spec, column, None, n, labels)
    converted, problems = _coerce_column(spec, column, pd.Series([None] * n, dtype=object),
                                         n, labels)
    assert no_problems == problems == []
    pd.testing.assert_series_equal(shortcut, converted)


def test_the_shortcut_hands_out_copies():
    spec = TABLES["tasks"]
    column = next(c for c in spec.columns if c.name == "name")
    first, _ = _coerce_column(spec, column, None, 2, ["#1", "#2"])
    first.iloc[0] = "changed"
    again, _ = _coerce_column(spec, column, None, 2, ["#1", "#2"])
    assert again.iloc[0] != "changed"
