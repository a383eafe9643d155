"""One look for every chart: colours, fonts and default sizes.

Charts take a :class:`Theme` (``theme=None`` means :data:`THEME`, resolved by
:func:`resolve_theme`) and read colours and sizes from it, so the Gantt, resource
loading, S-curve and risk charts agree with each other and a dashboard can swap the
whole look in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Theme:
    """Colours (hex strings), fonts and sizes shared by all charts.

    Examples
    --------
    >>> THEME.critical
    '#d62728'
    >>> THEME.replace(critical="#b00020").critical
    '#b00020'
    """

    # Work and status
    task: str = "#4c78a8"
    critical: str = "#d62728"
    progress: str = "#1d3557"
    summary: str = "#2b2d42"
    milestone: str = "#2b2d42"
    baseline: str = "#adb5bd"
    link: str = "#9aa0a6"
    status_line: str = "#e67e22"
    good: str = "#2e7d32"
    bad: str = "#d62728"
    neutral: str = "#6c757d"
    grid: str = "#ececec"
    background: str = "#ffffff"
    # Series colours for charts with several categories (resources, scenarios, costs).
    palette: tuple[str, ...] = (
        "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#72b7b2",
        "#eeca3b", "#ff9da6", "#9d755d", "#bab0ac", "#e45756",
    )
    # Fonts
    font: str = "Helvetica, Arial, sans-serif"
    # Row labels of tree-like charts (the Gantt's WBS): monospaced, so that padding
    # lines the indented names up under Bokeh's right-aligned axis labels.
    label_font: str = "'DejaVu Sans Mono', Menlo, Consolas, monospace"
    label_chars: int = 48
    fontsize: dict[str, str] = field(default_factory=lambda: {
        "title": "12pt", "labels": "10pt", "xticks": "9pt", "yticks": "9pt",
    })
    # Sizes in screen pixels
    height: int = 300
    min_height: int = 300
    max_height: int = 2400
    row_height: int = 24
    margin: int = 90
    marker_size: int = 11
    arrow_size: int = 7

    def replace(self, **changes: Any) -> Theme:
        """A copy with some fields changed.

        Parameters
        ----------
        **changes
            New values by field name, e.g. ``critical="#b00020"`` or ``height=400``
            (pixels).

        Returns
        -------
        Theme
            A new theme; this one is left as it is (themes are frozen).

        Raises
        ------
        TypeError
            When a name is not a field of :class:`Theme`.
        """
        return replace(self, **changes)

    def plot_opts(self) -> dict[str, Any]:
        """HoloViews plot options every chart shares (fonts, toolbar, grid, background).

        Examples
        --------
        >>> THEME.plot_opts()["toolbar"]
        'above'
        """
        return {
            "fontsize": dict(self.fontsize),
            "toolbar": "above",
            "show_grid": True,
            "gridstyle": {"grid_line_color": self.grid},
            "bgcolor": self.background,
            "backend_opts": {
                "xaxis.major_label_text_font": self.font,
                "yaxis.major_label_text_font": self.font,
                "title.text_font": self.font,
            },
        }


THEME = Theme()
"""The default theme."""


def resolve_theme(theme: Theme | None) -> Theme:
    """The theme a chart draws with: ``theme`` itself, or :data:`THEME` when None.

    Chart functions default to ``theme=None`` (so ``help()`` shows a readable
    signature) and call this first.

    Parameters
    ----------
    theme : Theme or None
        A theme the caller chose, or None for the shared default.

    Returns
    -------
    Theme

    Examples
    --------
    >>> resolve_theme(None) is THEME
    True
    >>> resolve_theme(THEME.replace(height=400)).height
    400
    """
    return THEME if theme is None else theme
