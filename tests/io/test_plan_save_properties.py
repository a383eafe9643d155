"""Property: whatever the plan, the file read back is the plan saved (new file or edit)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.io import load_plan, plan_from_dict, save_plan

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
DAY = st.dates(dt.date(2027, 1, 4), dt.date(2027, 12, 31))
HALF_DAYS = st.integers(0, 40).map(lambda n: n / 2)


@st.composite
def plans(draw):
    n_tasks = draw(st.integers(1, 6))
    tasks = []
    for i in range(1, n_tasks + 1):
        task = {"id": f"T{i}", "name": draw(TEXT), "duration": draw(HALF_DAYS)}
        if draw(st.booleans()):
            task["deadline"] = draw(DAY).isoformat()
        if draw(st.booleans()):
            task["notes"] = draw(TEXT)
        if draw(st.booleans()):
            task["priority"] = draw(st.integers(0, 1000))
        tasks.append(task)
    links = [{"from": f"T{a}", "to": f"T{b}", "type": draw(st.sampled_from(["FS", "SS"])),
              "lag": draw(st.integers(-2, 4))}
             for a in range(1, n_tasks) for b in range(a + 1, n_tasks + 1)
             if draw(st.booleans())]
    resources = [{"id": f"R{i}", "name": draw(TEXT), "role": draw(TEXT),
                  "capacity": draw(st.sampled_from([0.5, 1.0, 2.0])),
                  "rate": draw(st.integers(0, 1500)),
                  "time_off": ", ".join(d.isoformat() for d in draw(st.lists(DAY, max_size=2)))}
                 for i in range(1, draw(st.integers(0, 3)) + 1)]
    assignments = [{"task": f"T{t}", "resource": r["id"], "units": draw(st.sampled_from([0.5, 1]))}
                   for r in resources for t in range(1, n_tasks + 1) if draw(st.booleans())]
    return plan_from_dict({
        "project": {"name": draw(TEXT), "start": "2027-01-04"},
        "tasks": tasks, "links": links, "resources": resources, "assignments": assignments})


def edited(draw, plan):
    """The plan with some cells changed, some tasks removed and one appended."""
    tasks = plan.tasks.to_dict("records")
    for task in tasks:
        if draw(st.booleans()):
            task["duration"] = draw(HALF_DAYS)
        if draw(st.booleans()):
            task["name"] = draw(TEXT)
        if draw(st.booleans()):
            task["priority"] = draw(st.sampled_from([500, 700]))
    keep = [t for t in tasks if t["id"] == "T1" or draw(st.booleans())]
    kept = {t["id"] for t in keep}
    keep.append({"id": "N1", "name": draw(TEXT), "duration": draw(HALF_DAYS)})
    links = plan.links[plan.links["from"].isin(kept) & plan.links["to"].isin(kept)]
    assignments = plan.assignments[plan.assignments["task"].isin(kept)]
    return plan.replace(tasks=keep, links=links, assignments=assignments)


FAST = settings(max_examples=10, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(plans())
def test_a_new_file_reads_back_as_the_plan(plan):
    with tempfile.TemporaryDirectory() as folder:
        assert load_plan(save_plan(plan, Path(folder) / "plan.yaml")).equals(plan)


@FAST
@given(st.data())
def test_an_edited_file_reads_back_as_the_edited_plan(data):
    plan = data.draw(plans())
    new = edited(data.draw, plan)
    with tempfile.TemporaryDirectory() as folder:
        path = save_plan(plan, Path(folder) / "plan.yaml")
        path.write_text("# kept by the editor, lost by a rewrite\n" + path.read_text())
        assert load_plan(save_plan(new, path)).equals(new)
        assert path.read_text().startswith("# kept by the editor")
