"""``check``: ``run_check`` with the ``hidden`` switch of nbgrader's hidden tests, shared by every check module.

A test cell calls a check twice: visibly, ``check_x(f)``, which prints its one line; and between nbgrader's
``### BEGIN HIDDEN TESTS`` markers, ``check_x(f, hidden=True)``, which runs other cases (other seeds, other sizes),
so that an answer that hard-codes the visible cases fails. The hidden run prints nothing when it passes (the
visible line already spoke), and fails as the visible one does: its ❌ or ⏳ line, or under nbgrader an
``AssertionError`` carrying it (``run_check`` does that).

Where an exercise asks the student to write something that a library, the core or the notebook itself already
computes, the hidden run can take that away for its duration (``blocked``: a module's function; ``blocked_names``:
a name of the notebook, where the student's function looks up its globals; or ``unavailable`` as a block): an
answer that only calls it fails, with a line saying so.
"""

import contextlib
import functools
import io
import sys

import numpy as np

import logreg_core
from logreg_exercises import run_check

__all__ = ["NoReturnValue", "check", "unavailable", "without_core", "as_text", "random_problem"]


class NoReturnValue(Exception):
    """The student's function returned None (its ``return`` is missing)."""


class _Blocked:
    """Stands in for a function while a hidden check runs: calling it raises, saying what to do instead."""

    def __init__(self, name, advice):
        self.name, self.advice = name, advice

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"this check takes {self.name} away: {self.advice}")


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


@contextlib.contextmanager
def _blocking(blocked, blocked_names, namespace):
    """Replace each ``(module name, attribute, advice)`` of ``blocked`` whose module is imported, and each
    ``(name, advice)`` of ``blocked_names`` found in ``namespace``, by a ``_Blocked``; put them back afterwards."""
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


def _answering(function):
    """``function``, but a None it returns raises NoReturnValue (its ``__wrapped__`` is the student's own)."""

    @functools.wraps(function)
    def answered(*args, **kwargs):
        result = function(*args, **kwargs)
        if result is None:
            raise NoReturnValue("it returned None: is its `return` missing?")
        return result

    return answered


def check(exercise, student_function, cases, hidden=False, *, blocked=(), blocked_names=(), needs_return=False):
    """``run_check(exercise, student_function, cases)``; with ``hidden=True``, silent when every case passes.

    Parameters
    ----------
    exercise : str, the exercise's name, as the visible check prints it
    student_function : callable
    cases : list of (description, test), as for ``run_check``; expected answers must be computed before the call
        (a blocked function is not available inside)
    hidden : bool, default=False
    blocked : iterable of (module name, attribute, advice)
        Functions the answer must not call (hidden runs only): each raises while the cases run.
    blocked_names : iterable of (name, advice)
        Names of the student's own namespace (the notebook's functions) the answer must not call, blocked alike.
    needs_return : bool, default=False
        The answer is a value: a function that returns None is told that its ``return`` is missing.

    Returns
    -------
    result : logreg_exercises.CheckResult
    """
    function = _answering(student_function) if needs_return else student_function
    if not hidden:
        return run_check(exercise, function, cases)
    namespace = getattr(student_function, "__globals__", {})
    sys.stdout.flush()  # what the visible check printed goes out whole, before stdout is swapped
    with contextlib.redirect_stdout(io.StringIO()) as said, _blocking(blocked, blocked_names, namespace):
        result = run_check(exercise, function, cases)  # under nbgrader a failure raises here, with its line
    if not result:
        print(said.getvalue(), end="")
    return result


def as_text(values):
    """An array as a check message shows it: 4 decimals, tiny values as 0."""
    return np.array2string(np.asarray(values, dtype=float), precision=4, suppress_small=True)


def random_problem(n_samples, n_features, seed):
    """A small random problem: X_b of shape (n_samples, n_features + 1) with its column of ones, and labels 0/1 of
    shape (n_samples,) that overlap (so the loss has a finite minimum)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = (X @ rng.normal(size=n_features) + rng.normal(size=n_samples) > 0).astype(float)
    return logreg_core.add_intercept(X), y
