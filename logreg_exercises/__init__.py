"""Check functions for the exercises of the series.

Each notebook's exercises have a module here (``logreg_exercises.nb01`` for notebook 01, ...). A check takes the
student's function, tries it on cases whose answers come from ``logreg_core``, and prints one friendly line:
what is right, or the first thing that is wrong (wrong shape, wrong value at z = 0, overflow at large z, ...).
It also returns a ``CheckResult``, true when the answer is right, so the tests can prove that reference solutions
pass and typical mistakes fail; in a notebook it displays nothing beyond its one line (no stray ``True``).
A stub that still raises NotImplementedError is reported as "not done yet", not as a crash.

Under nbgrader's autograder (or its Validate button), a check that fails raises an ``AssertionError`` carrying
the same one line, instead of printing it: the test cell then loses its points, and the line is what nbgrader's
feedback shows. nbgrader says it is running by setting the environment variable ``NBGRADER_EXECUTION``.

Later cells use the student's own functions: ``yours_or(my_sigmoid, core.sigmoid)`` is the student's function,
or, while it is still a stub, the core's, with one line that says so. A "Try it" cell that only makes sense with
a finished exercise runs inside ``with try_it(f):``: while ``f`` is still a stub it prints one "not done yet" line
instead of failing. Either way a student copy runs top to bottom (JupyterLab's Run All stops at the first error).
"""

import contextlib
import functools
import os
import warnings

import numpy as np


class CheckResult:
    """The outcome of a check: truthy when the answer is right; ``message`` is the line that was printed."""

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return f"CheckResult(passed={self.passed}, message={self.message!r})"

    def _ipython_display_(self):
        """Show nothing: the check already printed its line, and a notebook should not add ``Out: True``."""


def run_check(exercise, student_function, cases):
    """Run ``cases`` (a list of ``(description, test)``, each test returning None if fine or a problem
    string) against ``student_function``; print one line and return a ``CheckResult``."""
    for description, test in cases:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an overflow warning is a failure, not noise
                problem = test(student_function)
        except NotImplementedError:
            return _report(False, f"⏳ {exercise}: not done yet. Replace `raise NotImplementedError` with your code.")
        except Exception as error:  # noqa: BLE001 - any crash of the student's code is reported, not raised
            problem = f"{type(error).__name__}: {error}"
        if problem:
            return _report(False, f"❌ {exercise}: {description}: {problem}")
    return _report(True, f"✅ {exercise}: correct. Well done!")


def diagnose(got, expected, mistakes, otherwise, *, rtol=1e-7, atol=1e-10, close=None, where=None, shape_hint=None):
    """The verdict of one case: None if ``got`` is right, else what is wrong, in words.

    With ``shape_hint``, an array of the wrong shape, or holding NaN or inf, is named first. Right means close to
    ``expected`` (or ``close(got)`` is true, for a test that is not a comparison). Otherwise
    the message of the first mistake whose value ``got`` matches names it; failing that, ``otherwise``.

    Parameters
    ----------
    got, expected : number or ndarray, the student's answer and the right one (same shape)
    mistakes : iterable of (value, message), the usual wrong answers for this case and what to fix
    otherwise : str, the message when no known mistake matches
    rtol, atol : float, the tolerance of every comparison (``np.allclose``)
    close : callable or None, ``close(got) -> bool`` in place of the comparison with ``expected``
    where : str or None, the case, added to a mistake's message in parentheses
    shape_hint : str or None, what the right shape holds, e.g. "one entry per weight"

    Returns
    -------
    problem : str or None
    """
    if shape_hint is not None:
        if np.shape(got) != np.shape(expected):
            return f"wrong shape {np.shape(got)}; expected {np.shape(expected)}, {shape_hint}"
        if not np.all(np.isfinite(got)):
            return "it contains NaN or inf"
    if close(got) if close is not None else np.allclose(got, expected, rtol=rtol, atol=atol):
        return None
    for wrong, message in mistakes:
        if np.shape(wrong) == np.shape(got) and np.allclose(got, wrong, rtol=rtol, atol=atol):
            return message if where is None else f"{message} ({where})"
    return otherwise


def autograding():
    """True while nbgrader executes the notebook (autograde, or the student's Validate button)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def _report(passed, message):
    if not passed and autograding():
        raise AssertionError(message)  # the test cell loses its points; nbgrader's feedback shows this line
    print(message)
    return CheckResult(passed, message)


def yours_or(student_function, reference):
    """The student's function, for the cells that come after its exercise; the core's while it is still a stub.

    The first call that meets ``NotImplementedError`` (the stub of a student copy) prints one line, saying that
    ``reference`` is used instead, and from then on ``reference`` answers every call. A finished function is used
    as it is, right or wrong: its check cell has already said which.

    Parameters
    ----------
    student_function : callable, e.g. the student's ``my_sigmoid``
    reference : callable with the same signature, e.g. ``core.sigmoid``

    Returns
    -------
    function : callable, with the student's function's name
    """
    state = {"stub": False}
    reference_name = f"{getattr(reference, '__module__', '') or ''}.{reference.__name__}".lstrip(".")
    reference_name = reference_name.replace("logreg_core.", "core.")

    @functools.wraps(student_function)
    def function(*args, **kwargs):
        if not state["stub"]:
            try:
                return student_function(*args, **kwargs)
            except NotImplementedError:
                state["stub"] = True
                print(f"⏳ {student_function.__name__} is not written yet, so this cell uses {reference_name} "
                      "instead. Finish it above, then run this cell again.")
        return reference(*args, **kwargs)

    return function


@contextlib.contextmanager
def try_it(exercise):
    """Run the body of a "Try it" cell; if it raises NotImplementedError (an exercise still stubbed), print one
    "not done yet" line instead of failing.

    Parameters
    ----------
    exercise : function or str
        The exercise the cell tries out (its ``__name__`` is shown), or a name to show.

    Examples
    --------
    >>> def my_sigmoid(z):
    ...     raise NotImplementedError("my_sigmoid: replace this line with your code")
    >>> with try_it(my_sigmoid):
    ...     print(my_sigmoid(0.0))
    ⏳ my_sigmoid: not done yet, so there is nothing to try. Finish it above, then run this cell again.

    Any other error of the student's code is raised as usual: its traceback is what they need to see.
    """
    name = exercise if isinstance(exercise, str) else getattr(exercise, "__name__", repr(exercise))
    try:
        yield
    except NotImplementedError:
        print(f"⏳ {name}: not done yet, so there is nothing to try. Finish it above, then run this cell again.")
