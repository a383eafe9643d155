"""The Gantt chart, checked on the Bokeh figure it renders to (no browser needed).

The plan (project start Monday 2027-01-04, Mon-Fri calendar):

    Release 1 (summary)
      A  Design             5 d   Mon 01-04 .. Fri 01-08   critical
      M  Design signed off  milestone after A (end of Fri 01-08)
      C  User docs          3 d   SS A +2: Wed 01-06 .. Fri 01-08, deadline 01-15 (met)
      B  Build             10 d   FS M: Mon 01-11 .. Fri 01-22, deadline 01-20 (missed)
      D  Test               5 d   FF B: Mon 01-18 .. Fri 01-22
    E  Handover             2 d   SF D: Thu 01-14 .. Fri 01-15

Every test runs on a stand-in ``Schedule`` with those numbers and, when the engine
imports, on the engine's own schedule of the same plan.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import holoviews as hv
import numpy as np
import pandas as pd
import pytest

from workbench.charts import THEME, gantt, gantt_data, gantt_overlay
from workbench.charts.gantt_chart import (
    FADED_ALPHA,
    RECTANGLE_KINDS,
    baseline_rectangles,
    gantt_height,
)

DAY = pd.Timestamp
TASKS = [
    {"id": "P", "name": "Release 1"},
    {"id": "A", "name": "Design", "parent": "P", "duration": 5, "owner": "ana"},
    {"id": "M", "name": "Design signed off", "parent": "P", "milestone": True},
    {"id": "C", "name": "User docs", "parent": "P", "duration": 3, "deadline": "2027-01-15"},
    {"id": "B", "name": "Build", "parent": "P", "duration": 10, "deadline": "2027-01-20",
     "owner": "bo"},
    {"id": "D", "name": "Test", "parent": "P", "duration": 5},
    {"id": "E", "name": "Handover", "duration": 2},
]
LINKS = [
    {"from": "A", "to": "M", "type": "FS", "lag": 0.0},
    {"from": "A", "to": "C", "type": "SS", "lag": 2.0},
    {"from": "M", "to": "B", "type": "FS", "lag": 0.0},
    {"from": "B", "to": "D", "type": "FF", "lag": 0.0},
    {"from": "D", "to": "E", "type": "SF", "lag": 0.0},
]
RESOURCES = [{"id": "ana", "name": "Ana Ruiz"}, {"id": "bo", "name": "Bo Chen"}]
ROW = {task["id"]: i for i, task in enumerate(TASKS)}
TODAY = dt.date(2027, 1, 6)


def stand_in_schedule(tasks: pd.DataFrame | None = None, links=LINKS, status_date=None):
    """An object with the attributes of ``workbench.engine.Schedule`` that charts read."""
    if tasks is None:
        tasks = pd.DataFrame({
            "name": [t["name"] for t in TASKS],
            "parent": [t.get("parent", "") for t in TASKS],
            "wbs_level": [0, 1, 1, 1, 1, 1, 0],
            "is_summary": [True, False, False, False, False, False, False],
            "is_milestone": [False, False, True, False, False, False, False],
            "duration": [15.0, 5.0, 0.0, 3.0, 10.0, 5.0, 2.0],
            "start": [DAY(d) for d in ("2027-01-04", "2027-01-04", "2027-01-08",
                                       "2027-01-06", "2027-01-11", "2027-01-18",
                                       "2027-01-14")],
            "finish": [DAY(d) for d in ("2027-01-22", "2027-01-08", "2027-01-08",
                                        "2027-01-08", "2027-01-22", "2027-01-22",
                                        "2027-01-15")],
            "total_float": [-2.0, -2.0, -2.0, 5.0, -2.0, 0.0, 5.0],
            "critical": [True, True, True, False, True, True, False],
            "deadline": [pd.NaT, pd.NaT, pd.NaT, DAY("2027-01-15"), DAY("2027-01-20"),
                         pd.NaT, pd.NaT],
            "deadline_missed": [False, False, False, False, True, False, False],
            "owner": [t.get("owner", "") for t in TASKS],
            "percent_complete": [0.0] * len(TASKS),
        }, index=pd.Index([t["id"] for t in TASKS], name="id"))
    plan = SimpleNamespace(
        links=pd.DataFrame(list(links), columns=["from", "to", "type", "lag"]),
        resources=pd.DataFrame(RESOURCES),
        project=SimpleNamespace(status_date=status_date),
    )
    return SimpleNamespace(plan=plan, tasks=tasks)


@pytest.fixture(params=["stand-in", "engine"])
def sched(request, plan_factory):
    if request.param == "stand-in":
        return stand_in_schedule()
    engine = pytest.importorskip("workbench.engine")
    return engine.schedule(plan_factory(TASKS, LINKS, RESOURCES))


def render(chart: hv.Overlay):
    """The HoloViews plot (to find each layer) and its Bokeh figure."""
    plot = hv.renderer("bokeh").get_plot(chart)
    return plot, plot.state


def layer(plot, group: str, kind: str | None = None):
    """The Bokeh glyph and column data of the overlay layer with this group.

    With ``kind``, only the rows of that kind (the columns as lists).
    """
    for sub in plot.subplots.values():
        if sub.current_frame is not None and sub.current_frame.group == group:
            data = sub.handles["source"].data
            if kind is not None:
                rows = [i for i, k in enumerate(data["kind"]) if k == kind]
                data = {name: [values[i] for i in rows] for name, values in data.items()}
            return sub.handles["glyph"], data
    raise KeyError(group)


def painted(glyph, data, prop: str = "fill_color") -> list[str]:
    """The colours Bokeh paints each row in (a field mapped through a colour mapper)."""
    spec = getattr(glyph, prop)
    mapper = spec.transform
    palette = dict(zip(mapper.factors, mapper.palette, strict=True))
    return [palette[value] for value in data[spec.field]]


def test_four_layers_in_draw_order(sched):
    plot, fig = render(gantt(sched, today=TODAY))
    groups = [type(el).__name__ + "." + el.group for el in gantt(sched, today=TODAY)]
    assert groups == ["Rectangles.Rectangles", "Segments.Links", "Scatter.Markers",
                      "VLine.Status"]
    # Within the one rectangle glyph, row order is draw order: progress over bars.
    _, rects = layer(plot, "Rectangles")
    order = [RECTANGLE_KINDS.index(k) for k in rects["kind"]]
    assert order == sorted(order)
    glyphs = [type(r.glyph).__name__ for r in fig.renderers if hasattr(r, "glyph")]
    assert glyphs == ["Quad", "Segment", "Scatter"]


def ms(day: str) -> float:
    """Bokeh's datetime unit (milliseconds since the epoch) for a date."""
    return DAY(day).value / 1e6


def dates(column) -> list[str]:
    return [str(d)[:16] for d in pd.to_datetime(np.asarray(column))]


def test_one_bar_per_work_task_coloured_by_criticality(sched):
    plot, _ = render(gantt(sched, today=TODAY))
    glyph, bars = layer(plot, "Rectangles", "bar")
    assert list(bars["id"]) == ["A", "C", "B", "D", "E"]
    colours = dict(zip(bars["id"], painted(glyph, bars), strict=True))
    assert colours == {"A": THEME.critical, "C": THEME.task, "B": THEME.critical,
                       "D": THEME.critical, "E": THEME.task}
    # Inclusive dates: Design runs Mon 01-04 00:00 to the end of Fri 01-08.
    design = list(bars["id"]).index("A")
    assert dates(bars["left"])[design] == "2027-01-04 00:00"
    assert dates(bars["right"])[design] == "2027-01-09 00:00"
    assert bars["bottom"][design] == pytest.approx(ROW["A"] - 0.3)
    assert bars["top"][design] == pytest.approx(ROW["A"] + 0.3)


def test_milestone_diamond_sits_at_end_of_friday(sched):
    plot, _ = render(gantt(sched, today=TODAY))
    glyph, points = layer(plot, "Markers", "milestone")
    assert glyph.marker.field == "marker"
    assert points["marker"] == ["diamond"]
    assert dates(points["x"]) == ["2027-01-09 00:00"]
    assert list(points["y"]) == [ROW["M"]]
    assert painted(glyph, points) == [THEME.critical]
    assert painted(glyph, points, "line_color") == [THEME.background]


def test_summary_bracket_spans_its_children(sched):
    plot, _ = render(gantt(sched, today=TODAY))
    glyph, summary = layer(plot, "Rectangles", "summary")
    assert list(summary["id"]) == ["P"]
    assert painted(glyph, summary) == [THEME.summary]
    assert dates(summary["left"]) == ["2027-01-04 00:00"]   # Design starts
    assert dates(summary["right"]) == ["2027-01-23 00:00"]  # Build and Test end Fri 01-22
    assert summary["top"][0] - summary["bottom"][0] < 0.3   # thinner than a task bar
    glyph, caps = layer(plot, "Markers", "cap")
    assert caps["marker"] == ["inverted_triangle"] * 2
    assert sorted(dates(caps["x"])) == ["2027-01-04 00:00", "2027-01-23 00:00"]
    # Under the bracket's ends: its lower edge is ``top`` (the y axis is inverted).
    assert caps["y"] == [summary["top"][0]] * 2
    assert painted(glyph, caps) == [THEME.summary] * 2


def test_row_labels_are_indented_in_plan_order(sched):
    _, fig = render(gantt(sched, today=TODAY))
    labels = fig.yaxis[0].major_label_overrides
    indent = "\u00a0\u00a0"
    assert {row: label.rstrip("\u00a0") for row, label in labels.items()} == {
        0: "Release 1", 1: indent + "Design", 2: indent + "Design signed off",
        3: indent + "User docs", 4: indent + "Build", 5: indent + "Test", 6: "Handover",
    }
    # Padded to one width in a monospaced font, so the indents line up on screen.
    assert len({len(label) for label in labels.values()}) == 1
    assert "monospace" in fig.yaxis[0].major_label_text_font
    # Numeric rows, first row at the top, every row in view.
    assert (fig.y_range.start, fig.y_range.end) == (6.5, -0.5)


def test_long_names_are_cut_on_the_axis_but_whole_in_tooltips():
    tasks = stand_in_schedule().tasks.copy()
    tasks.loc["B", "name"] = "Build " + "very " * 20 + "carefully"
    frames = gantt_data(stand_in_schedule(tasks), today=TODAY)
    _, fig = render(gantt_overlay(frames))
    label = fig.yaxis[0].major_label_overrides[ROW["B"]]
    assert len(label) == THEME.label_chars
    assert label.rstrip("\u00a0").endswith("\u2026")
    assert frames["bars"].set_index("id").loc["B", "name"] == tasks.loc["B", "name"]


def test_one_arrow_per_link_with_heads_at_the_right_end(sched):
    frames = gantt_data(sched, today=TODAY)
    plot, _ = render(gantt_overlay(frames))
    heads, arrows = layer(plot, "Markers", "arrow")
    _, segments = layer(plot, "Links")
    assert arrows["marker"] == ["triangle"] * len(LINKS)
    assert painted(heads, arrows) == [THEME.link] * len(LINKS)
    assert len(segments["x0"]) == len(frames["links"])
    assert frames["links"]["link"].nunique() == len(LINKS)
    # Arrow heads are in link order, like the ``link`` numbers of the markers frame.
    heads_frame = frames["markers"].query("kind == 'arrow'").reset_index(drop=True)
    assert heads_frame["link"].tolist() == list(range(len(LINKS)))
    head = {(link["from"], link["to"]): i for i, link in enumerate(LINKS)}

    def path(pred: str, succ: str):
        """(start, end) of a link's drawn elbow, read from the figure."""
        legs = np.flatnonzero((frames["links"]["from"] == pred) & (frames["links"]["to"] == succ))
        first, last = legs[0], legs[-1]
        return ((dates(segments["x0"])[first], segments["y0"][first]),
                (dates(segments["x1"])[last], segments["y1"][last]))

    # FS: from the end of the predecessor's finish day to the successor's start.
    assert path("M", "B") == (("2027-01-09 00:00", ROW["M"]), ("2027-01-11 00:00", ROW["B"]))
    i = head[("M", "B")]
    assert (dates(arrows["x"])[i], arrows["y"][i]) == ("2027-01-11 00:00", ROW["B"])
    assert np.deg2rad(heads_frame["angle"][i]) == pytest.approx(-np.pi / 2)  # right
    assert heads.angle.field == "angle"
    assert arrows["angle"][i] == pytest.approx(-np.pi / 2)
    # SS: start to start.
    assert path("A", "C") == (("2027-01-04 00:00", ROW["A"]), ("2027-01-06 00:00", ROW["C"]))
    # FF: end to end, arriving from the right with the head pointing left.
    assert path("B", "D") == (("2027-01-23 00:00", ROW["B"]), ("2027-01-23 00:00", ROW["D"]))
    assert arrows["angle"][head[("B", "D")]] == pytest.approx(np.pi / 2)
    # SF: predecessor's start to the end of the successor's finish day.
    assert path("D", "E") == (("2027-01-18 00:00", ROW["D"]), ("2027-01-16 00:00", ROW["E"]))


def test_links_to_summaries_attach_to_the_summary_row():
    links = [{"from": "P", "to": "E", "type": "FS", "lag": 0.0}]
    frames = gantt_data(stand_in_schedule(links=links), today=TODAY)
    heads = frames["markers"].query("kind == 'arrow'")
    assert heads[["x", "y"]].to_dict("records") == [{"x": DAY("2027-01-14"), "y": ROW["E"]}]
    assert frames["links"].iloc[0][["x0", "y0"]].tolist() == [DAY("2027-01-23"), ROW["P"]]


def test_deadline_markers_red_when_missed(sched):
    plot, _ = render(gantt(sched, today=TODAY))
    glyph, marks = layer(plot, "Markers", "deadline")
    assert marks["marker"] == ["inverted_triangle"] * 2
    colour = dict(zip(marks["id"], painted(glyph, marks), strict=True))
    assert colour == {"C": THEME.good, "B": THEME.bad}
    place = dict(zip(marks["id"], dates(marks["x"]), strict=True))
    assert place == {"C": "2027-01-16 00:00", "B": "2027-01-21 00:00"}  # end of deadline day
    assert dict(zip(marks["id"], marks["what"], strict=True)) == {
        "C": "Deadline met", "B": "Deadline missed"}


def test_status_line_at_end_of_status_day(sched):
    _, fig = render(gantt(sched, today=TODAY))
    (line,) = [r for r in fig.renderers if type(r).__name__ == "Span"]
    assert line.location == ms("2027-01-07")
    assert line.line_dash == [6]
    _, fig = render(gantt(sched, status_date=dt.date(2027, 1, 12), today=TODAY))
    (line,) = [r for r in fig.renderers if type(r).__name__ == "Span"]
    assert line.location == ms("2027-01-13")


def test_project_status_date_beats_today():
    frames = gantt_data(stand_in_schedule(status_date=dt.date(2027, 1, 19)), today=TODAY)
    assert frames["status"].to_dict("records") == [
        {"date": DAY("2027-01-19"), "x": DAY("2027-01-20")}]


def test_bar_tooltips_show_what_a_pm_asks(sched):
    plot, fig = render(gantt(sched, today=TODAY))
    glyph_renderer = next(sub.handles["glyph_renderer"] for sub in plot.subplots.values()
                          if sub.current_frame.group == "Rectangles")
    (hover,) = [t for t in fig.tools if type(t).__name__ == "HoverTool"
                and glyph_renderer in t.renderers]
    labels = {label: field.replace("{start}", "start").replace("{finish}", "finish")
              for label, field in hover.tooltips}
    assert labels["Start"] == "@start{%F}"
    assert labels["Finish"] == "@finish{%F}"
    assert {"Task", "Id", "Duration", "Total float", "Owner", "Critical"} <= set(labels)
    assert hover.formatters["@start"] == "datetime"
    assert hover.formatters["@finish"] == "datetime"
    _, bars = layer(plot, "Rectangles", "bar")
    owners = dict(zip(bars["id"], bars["owner_name"], strict=True))
    assert (owners["A"], owners["B"], owners["C"]) == ("Ana Ruiz", "Bo Chen", "")
    finish = dict(zip(bars["id"], dates(bars["finish"]), strict=True))
    assert finish["A"] == "2027-01-08 00:00"  # the tooltip shows the inclusive finish


def test_marker_tooltips_only_on_milestones_and_deadlines(sched):
    plot, fig = render(gantt(sched, today=TODAY))
    sub = next(sub for sub in plot.subplots.values() if sub.current_frame.group == "Markers")
    (hover,) = [t for t in fig.tools if type(t).__name__ == "HoverTool"
                and sub.handles["glyph_renderer"] in t.renderers]
    labels = dict(hover.tooltips)
    assert labels["Marker"] in ("@what", "@{what}")
    assert {"Task", "Date", "Finish", "Total float"} <= set(labels)
    assert hover.formatters["@date"] == "datetime"
    show = hover.filters["@kind"]
    assert "milestone" in show.code and "deadline" in show.code
    _, milestones = layer(plot, "Markers", "milestone")
    assert (milestones["what"], milestones["name"]) == (["Milestone"], ["Design signed off"])
    assert dates(milestones["date"]) == ["2027-01-08 00:00"]


def test_progress_bar_shows_percent_complete():
    tasks = stand_in_schedule().tasks.copy()
    frames = gantt_data(stand_in_schedule(tasks), today=TODAY)
    assert "progress" not in set(frames["rectangles"]["kind"])
    tasks.loc["B", "percent_complete"] = 50.0
    frames = gantt_data(stand_in_schedule(tasks), today=TODAY)
    plot, _ = render(gantt_overlay(frames))
    glyph, done = layer(plot, "Rectangles", "progress")
    assert done["id"] == ["B"]
    assert painted(glyph, done) == [THEME.progress]
    assert done["name"] == ["Build"]  # the task's tooltip on its progress bar too
    # Half of the calendar span 01-11 00:00 .. 01-23 00:00.
    assert dates(done["left"]) == ["2027-01-11 00:00"]
    assert dates(done["right"]) == ["2027-01-17 00:00"]
    assert done["top"][0] - done["bottom"][0] < 0.6


def test_baseline_empty_without_baseline_and_drawn_with_one():
    frames = gantt_data(stand_in_schedule(), today=TODAY)
    assert "baseline" not in set(frames["rectangles"]["kind"])
    tasks = stand_in_schedule().tasks.assign(
        baseline_start=DAY("2027-01-04"), baseline_finish=DAY("2027-01-08"))
    tasks.loc["E", ["baseline_start", "baseline_finish"]] = pd.NaT
    frames = gantt_data(stand_in_schedule(tasks), today=TODAY)
    plot, _ = render(gantt_overlay(frames))
    glyph, baseline = layer(plot, "Rectangles", "baseline")
    assert baseline["id"] == [t["id"] for t in TASKS if t["id"] != "E"]
    assert dates([baseline["left"][0], baseline["right"][0]]) == [
        "2027-01-04 00:00", "2027-01-09 00:00"]
    assert baseline["bottom"][0] > ROW["P"] + 0.3 - 1e-9  # below the bar, within the row
    assert painted(glyph, baseline) == [THEME.baseline] * len(baseline["id"])
    assert baseline["alpha"][0] < 1
    positions, *_ = baseline_rectangles(frames["rectangles"].iloc[:0].assign(
        row=[], baseline_start=[], baseline_finish=[]).astype(
        {"baseline_start": "datetime64[us]", "baseline_finish": "datetime64[us]"}))
    assert len(positions) == 0


def test_highlight_fades_every_other_task_but_keeps_summaries_and_colours():
    tasks = stand_in_schedule().tasks.assign(
        baseline_start=DAY("2027-01-04"), baseline_finish=DAY("2027-01-08"),
        percent_complete=50.0)
    frames = gantt_data(stand_in_schedule(tasks), today=TODAY)
    plot, _ = render(gantt_overlay(frames, highlight=["B", "D"]))
    glyph, rects = layer(plot, "Rectangles")
    alpha = {(i, k): a for i, k, a in zip(rects["id"], rects["kind"], rects["alpha"],
                                          strict=True)}
    assert alpha[("B", "bar")] == alpha[("D", "bar")] == alpha[("B", "progress")] == 1.0
    assert alpha[("B", "baseline")] == 0.8
    assert alpha[("A", "bar")] == alpha[("E", "bar")] == alpha[("A", "progress")] == FADED_ALPHA
    assert alpha[("A", "baseline")] == FADED_ALPHA
    assert alpha[("P", "summary")] == 1.0
    # Fading changes opacity only: critical bars stay critical-red, faded or not.
    glyph, bars = layer(plot, "Rectangles", "bar")
    colours = dict(zip(bars["id"], painted(glyph, bars), strict=True))
    assert colours["A"] == colours["B"] == THEME.critical
    _, rects = layer(render(gantt_overlay(frames))[0], "Rectangles")
    assert min(rects["alpha"]) == 0.8  # no highlight: nothing faded


def test_empty_schedule_draws_an_empty_chart():
    empty = stand_in_schedule(stand_in_schedule().tasks.iloc[:0], links=[])
    frames = gantt_data(empty, today=TODAY)
    assert all(len(frames[name]) == 0 for name in frames if name != "status")
    _, fig = render(gantt_overlay(frames))
    assert fig.yaxis[0].major_label_overrides == {}


def test_height_grows_with_rows_unless_given(sched):
    assert gantt_height(7) == 300
    assert gantt_height(50) == 50 * THEME.row_height + THEME.margin
    assert gantt_height(50_000) == THEME.max_height
    _, fig = render(gantt(sched, today=TODAY, height=420, width=800))
    assert (fig.height, fig.width) == (420, 800)


def test_live_update_keeps_the_figure_and_grows_the_rows():
    pipe = hv.streams.Pipe(data=gantt_data(stand_in_schedule(), today=TODAY))
    plot = hv.renderer("bokeh").get_plot(hv.DynamicMap(gantt_overlay, streams=[pipe]))
    fig = plot.state
    fig.x_range.update(start=ms("2027-01-05"), end=ms("2027-01-12"))  # the user zooms in
    tasks = stand_in_schedule().tasks
    more = pd.concat([tasks, tasks.loc[["A"]].rename(index={"A": "F"}).assign(name="Pilot")])
    pipe.send(gantt_data(stand_in_schedule(more), today=TODAY))
    assert plot.state is fig
    assert (fig.x_range.start, fig.x_range.end) == (ms("2027-01-05"), ms("2027-01-12"))
    assert (fig.y_range.start, fig.y_range.end) == (7.5, -0.5)
    assert fig.yaxis[0].major_label_overrides[7].rstrip("\u00a0") == "\u00a0\u00a0Pilot"


def test_completed_work_is_drawn_off_the_critical_path(plan_factory):
    engine = pytest.importorskip("workbench.engine")
    done = {"actual_start": "2027-01-04", "actual_finish": "2027-01-08",
            "percent_complete": 100}
    tasks = [{**TASKS[1], "parent": "", **done}, {**TASKS[2], "parent": "", **done},
             {**TASKS[4], "parent": ""}]
    plan = plan_factory(tasks, LINKS[:1] + LINKS[2:3], RESOURCES)
    plan = plan.replace(project=plan.project.replace(status_date=dt.date(2027, 1, 8)))
    plot, _ = render(gantt(engine.schedule(plan), today=TODAY))
    glyph, bars = layer(plot, "Rectangles", "bar")
    colours = dict(zip(bars["id"], painted(glyph, bars), strict=True))
    assert colours == {"A": THEME.task, "B": THEME.critical}
    glyph, points = layer(plot, "Markers", "milestone")
    assert painted(glyph, points) == [THEME.milestone]
