"""What the checks of the cluster and minibatch lessons share: hidden cases, and running without the core's answer.

``check(cases, hidden)``  a check's visible cases print their one line (``logreg_exercises.run_check``); its hidden
                          cases (``hidden=True``, nbgrader's hidden tests) print nothing when they pass, and fail as
                          the visible ones do (one line, or an ``AssertionError`` under nbgrader)
``unavailable``           a block in which a function of a module cannot be called, so that an answer that only
                          calls the function the exercise asks to write fails
"""

import contextlib
import io

from logreg_exercises import run_check

__all__ = ["check", "unavailable"]


def check(exercise, student_function, cases, hidden):
    """``run_check(exercise, student_function, cases)``, silent when ``hidden`` and every case passed.

    Returns the ``CheckResult``. Under nbgrader a failure raises ``AssertionError`` in either case.
    """
    if not hidden:
        return run_check(exercise, student_function, cases)
    with contextlib.redirect_stdout(io.StringIO()):
        result = run_check(exercise, student_function, cases)
    if not result:
        print(result.message)
    return result


@contextlib.contextmanager
def unavailable(module, name, why):
    """Inside the block, ``module.name(...)`` raises ``RuntimeError(why)``; restored afterwards."""
    original = getattr(module, name)

    def blocked(*args, **kwargs):
        raise RuntimeError(why)

    setattr(module, name, blocked)
    try:
        yield
    finally:
        setattr(module, name, original)
