"""``checked``: ``run_check`` with the ``hidden`` switch of the autograder's hidden tests (notebooks 11-13).

A check cell calls a check twice: visibly, ``check_x(f)``, which prints its one line; and between nbgrader's
``### BEGIN HIDDEN TESTS`` markers, ``check_x(f, hidden=True)``, which runs other cases (other seeds, sizes, ...)
so that an answer hard-coded for the visible cases fails. The hidden run prints nothing when it passes (the visible
line already spoke), and fails as the visible one does: its ❌ or ⏳ line, or under nbgrader an AssertionError.
"""

import contextlib
import io

from logreg_exercises import run_check

__all__ = ["checked"]


def checked(exercise, function, cases, hidden):
    """``run_check(exercise, function, cases)``; with ``hidden=True``, silent when every case passes.

    Returns
    -------
    result : logreg_exercises.CheckResult
    """
    if not hidden:
        return run_check(exercise, function, cases)
    with contextlib.redirect_stdout(io.StringIO()) as said:
        result = run_check(exercise, function, cases)  # under nbgrader a failure raises here, with its line
    if not result:
        print(said.getvalue(), end="")
    return result
