"""Server-side limits on what the page may send.

A widget's range and options are drawn in the browser, but a crafted page can send
any value for any widget (and click disabled buttons). These guards make the server
itself refuse what the widget does not offer: a value outside a slider's or number
input's range, or a pick that is not among a select's options, raises ``ValueError``
and leaves the value as it was.
"""

from __future__ import annotations

import panel as pn
import param

#: Monte Carlo iterations a read-only (viewer) session may ask for: a viewer should
#: not be able to keep the server busy for minutes.
VIEWER_MAX_ITERATIONS = 2_000


def in_range(widget: pn.widgets.Widget) -> pn.widgets.Widget:
    """Refuse values outside ``widget.start`` .. ``widget.end`` (sliders, number inputs).

    Parameters
    ----------
    widget : panel.widgets.Widget
        A widget with ``start``/``end`` (None: unbounded on that side).

    Returns
    -------
    panel.widgets.Widget
        The same widget; its ``value`` now carries those bounds on the server.

    Examples
    --------
    >>> days = in_range(pn.widgets.IntSlider(start=0, end=30))
    >>> days.value = 10**9
    Traceback (most recent call last):
    ...
    ValueError: Integer parameter 'IntSlider.value' must be at most 30, not 1000000000.
    """
    widget.param.value.bounds = (widget.start, widget.end)
    return widget


def offered(widget: pn.widgets.Select) -> pn.widgets.Select:
    """Refuse a pick that is not one of ``widget.options`` (it is put back as it was).

    Parameters
    ----------
    widget : panel.widgets.Select
        A select; call this before watching its value, so no other watcher sees
        a refused pick.

    Returns
    -------
    panel.widgets.Select
        The same widget.

    Examples
    --------
    >>> table = offered(pn.widgets.Select(options=["tasks", "links"]))
    >>> table.value = "__class__"
    Traceback (most recent call last):
    ...
    ValueError: '__class__' is not one of the options of Select.
    >>> table.value
    'tasks'
    """

    def refuse(event: param.parameterized.Event) -> None:
        options = widget.options
        values = list(options.values()) if isinstance(options, dict) else list(options)
        if event.new is None or event.new in values:
            return
        widget.value = event.old
        # Raising stops the watchers after this one from seeing the refused pick.
        raise ValueError(f"{event.new!r} is not one of the options of {type(widget).__name__}.")

    widget.param.watch(refuse, "value")
    return widget
