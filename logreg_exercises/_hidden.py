"""``checked``: ``run_check`` with the ``hidden`` switch of the autograder's hidden tests (notebooks 11-13).

A check cell calls a check twice: visibly, ``check_x(f)``, which prints its one line; and between nbgrader's
``### BEGIN HIDDEN TESTS`` markers, ``check_x(f, hidden=True)``, which runs other cases (other seeds, sizes, ...)
so that an answer hard-coded for the visible cases fails. The hidden run prints nothing when it passes (the visible
line already spoke), and fails as the visible one does: its ❌ or ⏳ line, or under nbgrader an AssertionError.

Every answer of these exercises is a value, so a function that returns None has lost its ``return``: the check
says so, whatever the case.
"""

import contextlib
import functools
import io

from logreg_exercises import run_check

__all__ = ["NoReturnValue", "checked"]


class NoReturnValue(Exception):
    """The student's function returned None (its ``return`` is missing)."""


def _answering(function):
    """``function``, but a None it returns raises NoReturnValue (``inspect.unwrap`` gives the student's own)."""

    @functools.wraps(function)
    def answered(*args, **kwargs):
        result = function(*args, **kwargs)
        if result is None:
            raise NoReturnValue("it returned None: is its `return` missing?")
        return result

    return answered


def checked(exercise, function, cases, hidden):
    """``run_check(exercise, function, cases)``; with ``hidden=True``, silent when every case passes.

    Returns
    -------
    result : logreg_exercises.CheckResult
    """
    function = _answering(function)
    if not hidden:
        return run_check(exercise, function, cases)
    with contextlib.redirect_stdout(io.StringIO()) as said:
        result = run_check(exercise, function, cases)  # under nbgrader a failure raises here, with its line
    if not result:
        print(said.getvalue(), end="")
    return result
