"""Checks for the exercise of notebook 04 (gradient descent): ``descent_step(X_b, y, w, learning_rate)``, one
update w - learning_rate * gradient(w).

The right answers come from ``logreg_core`` (one update of ``core.gradient_descent``). When an answer is wrong, the
check names the usual mistake it recognises: a step uphill, the learning rate left out, the caller's w changed in
place, the gradient returned instead of the new weights. ``reference_descent_step`` is what the notebook's later
cells use while the student's function is still a stub.
"""

import numpy as np

import logreg_core as core
from logreg_exercises import diagnose
from logreg_exercises._hidden import as_text, check, random_problem, without_core

__all__ = ["check_descent_step", "reference_descent_step"]


def reference_descent_step(X_b, y, w, learning_rate):
    """One step of gradient descent: ``w - learning_rate * core.gradient(X_b, y, w)``, a new array of shape (k + 1,)."""
    return np.asarray(w, dtype=np.float64) - learning_rate * core.gradient(X_b, y, w)


def _case(X_b, y, w, learning_rate, switched_off=()):
    def test(descent_step):
        grad = core.gradient(X_b, y, w)  # before anything is switched off
        expected = core.gradient_descent(X_b, y, w, learning_rate, 1).final_weights
        given = w.copy()
        with without_core(*switched_off, exercise="descent_step"):
            got = descent_step(X_b, y, given, learning_rate)
        if not np.array_equal(given, w):
            return ("it changed the caller's w in place (w -= ... changes the array you were given). Return a new "
                    "array: w - learning_rate * gradient")
        if got is None:
            return "it returned None: return the new weights"
        mistakes = [
            (w + learning_rate * grad, "it walks uphill: the update is w - learning_rate * gradient (minus: the "
                                       "gradient points up)"),
            (w - grad, "the learning rate is not used: the step is learning_rate * gradient"),
            (-learning_rate * grad, "it returned the step alone: add it to w (w - learning_rate * gradient)"),
            (grad, "it returned the gradient: the step is w - learning_rate * gradient"),
        ]
        return diagnose(np.asarray(got, dtype=float), expected, mistakes,
                        f"from w = {as_text(w)} with learning rate {learning_rate:g} expected {as_text(expected)}, "
                        f"got {as_text(got)}", rtol=1e-9, shape_hint="one entry per weight, like w")

    return test


def check_descent_step(descent_step, hidden=False):
    """Check a student's ``descent_step(X_b, y, w, learning_rate)`` and print one line.

    The answer must be ``w - learning_rate * logreg_core.gradient(X_b, y, w)`` (to a relative 1e-9), a new array:
    the caller's ``w`` must be left as it was. Tested from w = 0 and from random weights on a small random problem;
    hidden: other sizes, seeds and learning rates, while ``core.gradient_descent`` is switched off.

    Parameters
    ----------
    descent_step : callable
        ``descent_step(X_b, y, w, learning_rate)`` with ``X_b`` of shape (n, k + 1), ``y`` of shape (n,), ``w`` of
        shape (k + 1,) and a float ``learning_rate``; returns the new weights, shape (k + 1,).
    hidden : bool, default=False
        Run the hidden cases instead, silently unless one fails.

    Returns
    -------
    passed : logreg_exercises.CheckResult (truthy when right)
    """
    if hidden:
        X_b, y = random_problem(25, 3, seed=44)
        rng = np.random.default_rng(440)
        off = ("gradient_descent",)
        cases = [("another problem, from random weights", _case(X_b, y, rng.normal(size=4), 0.37, off)),
                 ("another problem, a large step", _case(X_b, y, rng.normal(size=4), 6.0, off))]
    else:
        X_b, y = random_problem(10, 1, seed=4)
        cases = [("from w = 0", _case(X_b, y, np.zeros(2), 0.5)),
                 ("from other weights", _case(X_b, y, np.array([0.8, -1.3]), 1.7))]
    return check("descent_step", descent_step, cases, hidden)
