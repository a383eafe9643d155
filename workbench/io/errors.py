"""Why a plan file could not be saved: one line a PM can act on."""

from __future__ import annotations

from workbench.model import PlanError, Problem


class SaveError(PlanError):
    """The plan is fine but its file cannot be written (read-only file or folder, ...).

    Examples
    --------
    >>> str(SaveError("plan.yaml is read-only; nothing was written"))
    'file: plan.yaml is read-only; nothing was written'
    """

    def __init__(self, message: str) -> None:
        super().__init__(Problem("file", None, None, message))


class SaveConflict(SaveError):
    """The file changed on disk since the plan was read from it; saving would lose that change.

    Examples
    --------
    >>> isinstance(SaveConflict("plan.yaml changed on disk"), PlanError)
    True
    """


class MergeConflict(PlanError):
    """Both sides of a merge changed the same cell (or one removed a row the other changed).

    Each problem names the table, row and column with both values.
    """
