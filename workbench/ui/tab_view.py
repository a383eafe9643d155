"""Views that follow the workbench state only while they are shown."""

from __future__ import annotations

from collections.abc import Callable

import panel as pn
import param

from workbench.ui.state import WorkbenchState


class TabView(pn.viewable.Viewer):
    """A view bound to a :class:`WorkbenchState` that redraws only while shown.

    A dashboard tab nobody looks at should not cost time on every edit: while
    ``shown`` is False, state changes only mark the view stale, and it catches up
    once when it is shown again. On its own (in a notebook) a view is always shown.

    Examples
    --------
    >>> from workbench import sample_plan_path
    >>> class Counter(TabView):
    ...     def __init__(self, **params):
    ...         super().__init__(**params)
    ...         self.draws = 0
    ...         self.follow(self.draw, ["schedule"])
    ...     def draw(self, *_events):
    ...         self.draws += 1
    >>> state = WorkbenchState.from_file(sample_plan_path())
    >>> view = Counter(state=state, shown=False)
    >>> state.apply(state.plan.replace(), "same plan")
    True
    >>> view.draws, view.stale
    (0, True)
    >>> view.shown = True
    >>> view.draws, view.stale
    (1, False)
    """

    state = param.ClassSelector(class_=WorkbenchState)
    shown = param.Boolean(default=True, doc="Whether the view is on screen")
    stale = param.Boolean(default=False, doc="The state changed while it was hidden")

    def follow(self, callback: Callable[..., None], names: list[str]) -> None:
        """Call ``callback`` when the state's ``names`` change, or when shown if hidden.

        Parameters
        ----------
        callback : callable
            The redraw; called with the param events while shown, and with no
            arguments when the view is shown again after a change it missed.
        names : list of str
            Parameters of :class:`WorkbenchState` to follow (``"plan"``,
            ``"schedule"``, ...).
        """
        self._follow_callback = callback

        def changed(*events: param.parameterized.Event) -> None:
            if self.shown:
                callback(*events)
            else:
                self.stale = True

        self.state.param.watch(changed, names)

    @param.depends("shown", watch=True)
    def _catch_up(self) -> None:
        if self.shown and self.stale:
            self.stale = False
            self._follow_callback()
