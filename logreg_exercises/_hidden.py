"""Hidden checks: the cases nbgrader's autograder adds (``check_...(f, hidden=True)``), which print nothing when they pass.

A hidden check runs other cases than the visible one (other seeds, other sizes), so that an answer that hard-codes
the visible cases fails. Where an exercise asks the student to write something a library, the series or the
notebook itself already computes, the hidden run can also take that answer away for its duration (``blocked``: a
module's function; ``blocked_names``: a name of the notebook, where the student's function looks up its globals):
an answer that only calls it fails, with a line saying so.

Passing, a hidden check prints nothing (the visible check above it already said ✅). Failing, it prints the one
line a visible check would print, or, under nbgrader, raises ``AssertionError`` with it (``run_check`` does that).
"""

import contextlib
import io
import sys

from logreg_exercises import CheckResult, run_check

__all__ = ["run_hidden_check"]


class _Blocked:
    """Stands in for a function during a hidden check: calling it raises, naming what to do instead."""

    def __init__(self, name, advice):
        self.name, self.advice = name, advice

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"this check takes {self.name} away: {self.advice}")


@contextlib.contextmanager
def _blocking(blocked, blocked_names, namespace):
    """Replace each ``(module name, attribute, advice)`` of ``blocked`` whose module is imported, and each
    ``(name, advice)`` of ``blocked_names`` found in ``namespace``, by a ``_Blocked``; put everything back
    afterwards."""
    saved, saved_names = [], []
    try:
        for module_name, attribute, advice in blocked:
            module = sys.modules.get(module_name)
            if module is not None and hasattr(module, attribute):
                saved.append((module, attribute, getattr(module, attribute)))
                setattr(module, attribute, _Blocked(f"{module_name}.{attribute}", advice))
        for name, advice in blocked_names:
            if name in namespace:
                saved_names.append((name, namespace[name]))
                namespace[name] = _Blocked(f"the notebook's {name}", advice)
        yield
    finally:
        for module, attribute, original in reversed(saved):
            setattr(module, attribute, original)
        for name, original in reversed(saved_names):
            namespace[name] = original


def run_hidden_check(exercise, student_function, cases, *, blocked=(), blocked_names=()):
    """Run ``cases`` as ``run_check`` does, silently when they pass.

    Parameters
    ----------
    exercise : str, the exercise's name, as in its visible check
    student_function : callable
    cases : list of (description, test), as for ``run_check``; the expected answers must be computed before the
        call (a blocked function is not available inside)
    blocked : iterable of (module name, attribute, advice)
        Functions the answer must not call; each raises while the cases run, with ``advice`` in its message.
    blocked_names : iterable of (name, advice)
        Names of the student's own namespace (the notebook's functions) the answer must not call, blocked alike.

    Returns
    -------
    result : CheckResult
    """
    namespace = getattr(student_function, "__globals__", {})
    with contextlib.redirect_stdout(io.StringIO()), _blocking(blocked, blocked_names, namespace):
        result = run_check(exercise, student_function, cases)  # under nbgrader a failure raises here
    if not result:
        print(result.message)
    return CheckResult(result.passed, result.message if not result else "")
