"""Exercises for training notebooks: compare a trainee's answers with the engine's."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from workbench.engine import Schedule

#: What a trainee can be asked for, and the schedule column that answers it.
QUESTIONS = {
    "es": "start_offset",
    "ef": "finish_offset",
    "ls": "late_start_offset",
    "lf": "late_finish_offset",
    "total_float": "total_float",
    "free_float": "free_float",
    "critical": "critical",
}


def check_answers(schedule: Schedule, question: str,
                  answers: Mapping[str, float | bool]) -> pd.DataFrame:
    """Mark a trainee's answers for one quantity against the computed schedule.

    Parameters
    ----------
    schedule : Schedule
        The schedule of the exercise plan.
    question : str
        One of ``es``, ``ef``, ``ls``, ``lf`` (working days from the project start),
        ``total_float``, ``free_float`` or ``critical``.
    answers : mapping
        Task id to the trainee's value.

    Returns
    -------
    pandas.DataFrame
        Indexed by task id: ``answer``, ``expected`` and ``correct`` (bool).

    Raises
    ------
    KeyError
        For an unknown question or a task id that is not in the schedule.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> check_answers(sched, "es", {"T1": 0, "T2": 3})["correct"].tolist()
    [True, False]
    """
    if question not in QUESTIONS:
        raise KeyError(f"unknown question {question!r}; ask one of {', '.join(QUESTIONS)}")
    unknown = sorted(set(answers) - set(schedule.tasks.index))
    if unknown:
        raise KeyError(f"no such task(s) in the exercise: {', '.join(unknown)}")
    expected = schedule.tasks.loc[list(answers), QUESTIONS[question]]
    given = pd.Series(answers, dtype=expected.dtype, name="answer")
    if question == "critical":
        correct = given == expected
    else:
        correct = (given - expected).abs() < 1e-9
    return pd.DataFrame({"answer": given, "expected": expected, "correct": correct})
