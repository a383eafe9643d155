"""Checking the type of an argument at a public entry point, with a message that helps.

Public functions check what they were handed before using it, so a wrong argument
gives ``TypeError: plan must be a Plan, got list`` instead of an error from deep
inside pandas.
"""

from __future__ import annotations

from typing import Any, TypeVar

from workbench.model.plan import Plan

T = TypeVar("T")

# What to pass instead, for the mistakes people make most (by the type received).
_PLAN_HINTS = {
    "str": "load a file with workbench.load_plan(path)",
    "PosixPath": "load a file with workbench.load_plan(path)",
    "WindowsPath": "load a file with workbench.load_plan(path)",
    "Schedule": "pass the schedule's .plan",
    "LevelledSchedule": "pass the schedule's .plan",
}


def expect(value: T, expected: type | tuple[type, ...], argument: str, hint: str = "") -> T:
    """``value`` itself when it is an instance of ``expected``, else a ``TypeError``.

    Parameters
    ----------
    value : object
        What the caller passed.
    expected : type or tuple of types
        The accepted types; their names make up the message.
    argument : str
        The parameter's name, as the caller wrote it.
    hint : str, optional
        A sentence appended to the message (what to pass instead).

    Returns
    -------
    object
        ``value``, unchanged.

    Raises
    ------
    TypeError
        Naming the argument, the expected types and the type received.

    Examples
    --------
    >>> expect(3, int, "count")
    3
    >>> expect([1], (dict, str), "scenario")
    Traceback (most recent call last):
    ...
    TypeError: scenario must be a dict or str, got list
    """
    if isinstance(value, expected):
        return value
    raise TypeError(f"{argument} must be {_names(expected)}, got {type(value).__name__}"
                    + (f"; {hint}" if hint else ""))


def expect_plan(plan: Any, also: tuple[type, ...] = ()) -> Plan:
    """``plan`` itself when it is a :class:`Plan` (or one of ``also``), else a ``TypeError``.

    Parameters
    ----------
    plan : object
        What the caller passed as ``plan``.
    also : tuple of types
        Other accepted types (functions that take a Schedule too).

    Raises
    ------
    TypeError
        Naming what was expected, with a hint for common mistakes.

    Examples
    --------
    >>> expect_plan("plan.yaml")
    Traceback (most recent call last):
    ...
    TypeError: plan must be a Plan, got str; load a file with workbench.load_plan(path)
    """
    return expect(plan, (Plan, *also), "plan", _PLAN_HINTS.get(type(plan).__name__, ""))


def _names(expected: Any) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    names = [t.__name__ for t in types]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"a {listed}"
