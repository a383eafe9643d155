"""Plan text inside the page's HTML: always as text, never as markup.

A plan file is written by whoever can edit it, and the served dashboard shows it to
everyone who opens the page. Project, task, resource, risk and scenario names reach
HTML and Markdown panes (headers, KPI strips, status lines, error alerts); every one
of them goes through :func:`text` (or :func:`lines`), so a name like
``<img src=x onerror=...>`` is shown as those characters and runs nothing.
Chart tooltips need no escaping here: Bokeh's ``@column`` fields render as text.
"""

from __future__ import annotations

import html
from typing import Any


def text(value: Any) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped, so it can only be read, never run.

    Parameters
    ----------
    value : Any
        A plan-supplied string (or anything ``str`` turns into one).

    Returns
    -------
    str
        Safe to put between tags and inside quoted attributes.

    Examples
    --------
    >>> text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def lines(message: Any) -> str:
    """A multi-line message as escaped HTML text with ``<br>`` between its lines.

    Error messages name tables, rows and values from the plan, one problem a line.

    Parameters
    ----------
    message : Any
        The message (``str`` of a :class:`~workbench.model.PlanError`, say).

    Returns
    -------
    str
        Each line escaped by :func:`text`, joined by ``<br>``.

    Examples
    --------
    >>> lines("tasks row <b>: must be >= 0\\nlinks row A->B: no such task")
    'tasks row &lt;b&gt;: must be &gt;= 0<br>links row A-&gt;B: no such task'
    """
    return "<br>".join(text(line) for line in str(message).split("\n"))
