"""The workbench without a browser: edit through editors and the state, check the schedule."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import pytest

from tests.conftest import make_plan
from workbench import sample_plan_path
from workbench.io import load_plan, save_plan
from workbench.ui import GanttChart, KpiStrip, TableEditor, Workbench, WorkbenchState


@pytest.fixture
def chain_state(tmp_path) -> WorkbenchState:
    plan = make_plan(
        tasks=[{"id": "A", "name": "Design", "duration": 5},
               {"id": "B", "name": "Build", "duration": 10},
               {"id": "C", "name": "Test", "duration": 3},
               {"id": "M", "name": "Go live", "milestone": True}],
        links=[{"from": "A", "to": "B"}, {"from": "B", "to": "M"}, {"from": "A", "to": "C"}],
    )
    path = save_plan(plan, tmp_path / "chain.yaml")
    return WorkbenchState.from_file(path)


def finish(state: WorkbenchState) -> dt.date:
    return state.schedule.finish.date()


def test_duration_edit_moves_the_finish(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert finish(chain_state) == dt.date(2027, 1, 22)
    assert editor.edit_cell("B", "duration", 12)
    assert finish(chain_state) == dt.date(2027, 1, 26)
    shown = editor.tabulator.value.set_index("id")
    assert shown.loc["B", "duration"] == 12
    assert shown.loc["M", "finish"] == "2027-01-26"


def test_edit_by_position_as_tabulator_sends_it(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert editor.edit_cell(1, "duration", "7", by_position=True)
    assert chain_state.plan.tasks.loc[1, "duration"] == 7.0


def test_negative_duration_is_refused_and_the_cell_restored(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    before = chain_state.plan
    assert not editor.edit_cell("B", "duration", -3)
    assert chain_state.plan is before
    shown = html.unescape(editor._error.object)
    assert "tasks row 'B' column 'duration': must be >= 0, got -3" in shown
    assert editor._error.visible
    assert editor.tabulator.value.set_index("id").loc["B", "duration"] == 10


def test_link_that_closes_a_cycle_is_refused(chain_state):
    links = TableEditor(state=chain_state, table="links")
    assert not links.add_row({"from": "M", "to": "A", "type": "FS", "lag": 0})
    assert "closes a cycle" in html.unescape(links._error.object)
    assert len(chain_state.plan.links) == 3


def test_bad_date_is_refused(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert not editor.edit_cell("C", "deadline", "31/02/2027")
    assert "expected a date like 2027-01-04" in html.unescape(editor._error.object)


def test_add_task_and_link_then_delete(chain_state):
    tasks = TableEditor(state=chain_state, table="tasks")
    links = TableEditor(state=chain_state, table="links")
    assert tasks.next_id() == "T1"
    assert tasks.add_row({"id": "D", "name": "Deploy", "duration": 4})
    assert links.add_row({"from": "B", "to": "D", "type": "SS", "lag": 2})
    assert "D" in chain_state.schedule.tasks.index
    assert chain_state.schedule.tasks.loc["D", "start_offset"] == 7
    assert tasks.delete_rows(["D"])
    assert "D" not in set(chain_state.plan.tasks["id"])
    assert ("B", "D") not in set(zip(chain_state.plan.links["from"], chain_state.plan.links["to"],
                                     strict=True))


def test_renaming_an_id_follows_its_links(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert editor.edit_cell("B", "id", "BUILD")
    assert set(chain_state.plan.links["to"]) == {"BUILD", "M", "C"}


def test_constraint_change_needs_a_date(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert not editor.edit_cell("C", "constraint", "SNET")
    assert "constraint SNET needs a date" in html.unescape(editor._error.object)
    assert editor.edit_cell("C", "constraint_date", "2027-02-01")
    assert editor.edit_cell("C", "constraint", "SNET")
    assert chain_state.schedule.tasks.loc["C", "start"] == pd.Timestamp("2027-02-01")


def test_undo_redo_and_dirty_flag(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert not chain_state.dirty and not chain_state.can_undo
    editor.edit_cell("B", "duration", 20)
    editor.edit_cell("A", "duration", 1)
    assert chain_state.dirty
    assert chain_state.undo()
    assert chain_state.plan.tasks.loc[0, "duration"] == 5
    assert chain_state.undo()
    assert chain_state.plan.tasks.loc[1, "duration"] == 10
    assert not chain_state.dirty and not chain_state.undo()
    assert chain_state.redo()
    assert chain_state.plan.tasks.loc[1, "duration"] == 20 and chain_state.dirty
    assert editor.tabulator.value.loc[1, "duration"] == 20


def test_save_writes_the_file_atomically_and_clears_dirty(chain_state):
    TableEditor(state=chain_state, table="tasks").edit_cell("B", "duration", 11)
    path = chain_state.save()
    assert not chain_state.dirty
    assert load_plan(path).equals(chain_state.plan)
    assert [p.name for p in path.parent.iterdir()] == ["chain.yaml"]


def test_save_refuses_to_overwrite_a_change_made_on_disk(chain_state):
    path = chain_state.path
    other = load_plan(path)
    save_plan(other.replace(tasks=[*other.tasks.to_dict("records"),
                                   {"id": "D", "name": "Docs", "duration": 2}]), path)
    on_disk = path.read_text()
    assert TableEditor(state=chain_state, table="tasks").edit_cell("B", "duration", 11)
    layout = Workbench(state=chain_state).__panel__()
    save = next(w for w in layout.select(lambda o: hasattr(o, "clicks")) if w.name == "Save")
    save.clicks += 1
    assert chain_state.error == ("Could not save: file: chain.yaml changed on disk since it "
                                 "was read; reload it (or merge) before saving")
    assert chain_state.dirty and path.read_text() == on_disk


def test_saving_twice_is_no_conflict_with_itself(chain_state):
    editor = TableEditor(state=chain_state, table="tasks")
    assert editor.edit_cell("B", "duration", 11)
    chain_state.save()
    assert editor.edit_cell("B", "duration", 12)
    chain_state.save()
    assert load_plan(chain_state.path).equals(chain_state.plan)


def test_read_only_refuses_edits_and_saving(tmp_path):
    state = WorkbenchState.from_file(sample_plan_path(), read_only=True)
    editor = TableEditor(state=state, table="tasks")
    before = state.plan
    assert not editor.edit_cell("T1", "duration", 9)
    assert state.plan is before
    assert editor.tabulator.disabled
    with pytest.raises(PermissionError):
        state.save(tmp_path / "x.yaml")
    layout = Workbench(state=state).__panel__()
    buttons = [w for w in layout.select(lambda o: hasattr(o, "clicks"))]
    assert buttons == []


def test_gantt_streams_into_the_same_figure(chain_state):
    chart = GanttChart(state=chain_state)
    pane = chart.__panel__()
    dmap = pane.object
    TableEditor(state=chain_state, table="tasks").edit_cell("B", "duration", 12)
    assert pane.object is dmap
    bars = chart.data["bars"].set_index("id")
    assert bars.loc["B", "finish"] == pd.Timestamp("2027-01-26")


def test_kpis_follow_the_schedule(chain_state):
    strip = KpiStrip(state=chain_state)
    assert "2027-01-22" in strip._pane.object
    TableEditor(state=chain_state, table="tasks").edit_cell("B", "duration", 12)
    assert "2027-01-26" in strip._pane.object


def test_sessions_are_independent():
    first = Workbench.from_file(sample_plan_path())
    second = Workbench.from_file(sample_plan_path())
    first.editors["tasks"].edit_cell("T1", "duration", 30)
    assert second.state.plan.tasks.loc[0, "duration"] != 30
    assert not second.state.dirty


def bar_source(root):
    from bokeh.models import ColumnDataSource

    for source in root.select({"type": ColumnDataSource}):
        if "kind" in source.data and "right" in source.data:
            return source
    raise AssertionError("no bar data source in the figure")


def rendered_bar_ends(root) -> dict[str, pd.Timestamp]:
    data = bar_source(root).data
    return {i: pd.Timestamp(r) for i, r, k in
            zip(data["id"], data["right"], data["kind"], strict=True) if k == "bar"}


def test_rendered_gantt_updates_in_place_and_redraws_when_rows_change(chain_state, monkeypatch):
    from bokeh.document import Document

    chart = GanttChart(state=chain_state)
    root = chart.__panel__().get_root(Document())
    assert rendered_bar_ends(root)["B"] == pd.Timestamp("2027-01-23")
    names = bar_source(root).data["name"]
    full_redraws = []
    monkeypatch.setattr(chart._pipe, "send", lambda data: full_redraws.append(data))
    TableEditor(state=chain_state, table="tasks").edit_cell("B", "duration", 12)
    assert rendered_bar_ends(root)["B"] == pd.Timestamp("2027-01-27")
    assert bar_source(root).data["name"] is names  # unchanged columns are not resent
    assert full_redraws == []
    TableEditor(state=chain_state, table="tasks").add_row({"id": "D", "duration": 2})
    assert len(full_redraws) == 1 and "D" in set(full_redraws[0]["bars"]["id"])


def test_hidden_tabs_catch_up_when_opened():
    wb = Workbench.from_file(sample_plan_path())
    main = [obj for obj in wb.__panel__().objects if "wb-main-tabs" in obj.css_classes][0]
    assert not wb.budget.shown and not wb.risk.shown
    wb.editors["tasks"].edit_cell("T12", "duration", 12)
    assert wb.budget.stale and wb.scenarios.stale
    main.active = main._names.index("Budget")
    assert wb.budget.shown and not wb.budget.stale
    assert not wb.risk.shown and wb.risk.stale
