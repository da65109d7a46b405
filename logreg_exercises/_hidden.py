"""What the hidden tests of the checks share: a silent run, and a run with part of the core switched off.

``check(f, hidden=True)`` (nbgrader's hidden tests, in the teacher's test cell only) runs other cases than the
visible check: other seeds and sizes, and, where an exercise asks for code of one's own, a run in which the core's
answer is not available. It prints nothing when they pass (the visible line has already said ✅) and fails as the
visible check does: one printed line, or, under nbgrader, an ``AssertionError`` carrying it.
"""

import contextlib
import io
import sys

import logreg_core
from logreg_exercises import run_check

__all__ = ["check", "without_core"]


def check(exercise, function, cases, hidden):
    """``run_check(exercise, function, cases)``, silent when ``hidden`` and every case passes.

    Parameters
    ----------
    exercise : str, the name in the printed line
    function : callable, the student's answer
    cases : list of (description, test), as for ``logreg_exercises.run_check``
    hidden : bool

    Returns
    -------
    result : logreg_exercises.CheckResult
    """
    if not hidden:
        return run_check(exercise, function, cases)
    sys.stdout.flush()  # what the visible check printed goes out whole, before stdout is swapped
    with contextlib.redirect_stdout(io.StringIO()):
        result = run_check(exercise, function, cases)  # under nbgrader a failure raises here, with its line
    if not result:
        print(result.message)
    return result


class CoreSwitchedOff(RuntimeError):
    """Raised by a function of ``logreg_core`` that a check has switched off."""


@contextlib.contextmanager
def without_core(*names, exercise="this exercise"):
    """Switch off ``logreg_core.<name>`` for each name while the block runs: calling one raises
    ``CoreSwitchedOff`` saying that the exercise asks for code of one's own. Everything is put back afterwards.

    Compute every expected value *before* the block: the core's other functions may call the ones switched off.
    """
    saved = {name: getattr(logreg_core, name) for name in names}

    def switched_off(name):
        def function(*args, **kwargs):
            raise CoreSwitchedOff(f"{exercise} asks you to write it yourself, so core.{name} is switched off in "
                                  "this check")

        return function

    try:
        for name in names:
            setattr(logreg_core, name, switched_off(name))
        yield
    finally:
        for name, function in saved.items():
            setattr(logreg_core, name, function)
