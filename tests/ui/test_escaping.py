"""Plan text reaches the page as text: a plan full of script payloads renders no markup.

What the browser gets is the Bokeh model of each view; these tests read the HTML that
every Markdown/HTML pane sends (Panel escapes it for transport, the page unescapes it
once and sets it as ``innerHTML``) and the tooltips of every chart.
"""

from __future__ import annotations

import html
import re

import panel as pn
import pytest
from bokeh.document import Document
from bokeh.models import HoverTool
from panel.models.markup import HTML as HTMLModel

from tests.xss_plan import payload, write_xss_plan
from workbench.ui.app import create_app

MARKUP = re.compile(r"<\s*(img|script|svg|iframe)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def xss_page(tmp_path_factory):
    path = write_xss_plan(tmp_path_factory.mktemp("xss") / "xss.yaml")
    page = create_app(path)
    wb = page.workbench
    for view in (wb.resources, wb.budget, wb.risk, wb.scenarios):
        view.shown = True
    return page


def rendered(*viewables) -> list:
    """Their Bokeh roots: what the page receives."""
    doc = Document()
    return [pn.panel(viewable).get_root(doc) for viewable in viewables]


@pytest.fixture(scope="module")
def roots(xss_page):
    """The page and every tab (tabs are drawn when first opened), as first sent."""
    wb = xss_page.workbench
    return rendered(xss_page, wb.resources, wb.budget, wb.risk, wb.scenarios)


def leaked_markup(roots) -> list[str]:
    leaks = []
    for root in roots:
        for model in root.select({"type": HTMLModel}):
            shown = html.unescape(model.text)  # what the page sets as innerHTML
            if MARKUP.search(shown):
                leaks.append(shown[:300])
    return leaks


def test_every_pane_shows_payloads_as_text(roots):
    assert leaked_markup(roots) == []
    shown = [html.unescape(model.text) for model in roots[0].select({"type": HTMLModel})]
    header = next(text for text in shown if "Planning Workbench" in text)
    assert html.escape(payload("project.name")) in header


def test_error_and_status_messages_show_payloads_as_text(xss_page):
    wb = xss_page.workbench
    tasks = wb.editors["tasks"]
    # An accepted edit puts its label (the new name) in the status line.
    assert tasks.edit_cell(2, "name", payload("typed name"), by_position=True)
    # A refused edit names the row (a payload id) and echoes the value typed.
    t16 = tasks.tabulator.value["id"].str.startswith("T16").to_numpy().nonzero()[0][0]
    assert not tasks.edit_cell(int(t16), "duration", "<img src=x onerror=alert(1)>",
                               by_position=True)
    wb.scenarios.scenario_name.value = payload("typed scenario")
    wb.scenarios.set_table.value = "tasks"
    wb.scenarios.set_field.value = "duration"
    wb.scenarios.set_value.value = "<script>window.__xss=1</script>"
    wb.scenarios.add_change("set")
    assert tasks._error.visible and wb.scenarios._error.visible
    assert leaked_markup(rendered(xss_page, wb.scenarios)) == []
    wb.state.undo()


def test_chart_tooltips_render_fields_as_text(roots):
    # Tuple tooltips ("Task", "@name") are filled in as text by Bokeh; an HTML
    # template string, or the {safe} format, would put field values in as markup.
    tools = [tool for root in roots for tool in root.select({"type": HoverTool})]
    assert tools
    for tool in tools:
        assert isinstance(tool.tooltips, list), tool.tooltips
        assert not any("{safe}" in str(value) for _label, value in tool.tooltips)
