"""Checks for the exercise of notebook 03 (the gradient): ``my_gradient(X_b, y, w)``, the gradient
X_b^T (p - y) / n of the mean cross-entropy.

The right answers come from ``logreg_core.gradient``. When an answer is wrong, the check compares it with the usual
mistakes (forgot to divide by n, y - p instead of p - y, the scores z in place of the probabilities p, one number
per sample instead of one per weight) and names the one it recognises.
"""

import numpy as np

import logreg_core
from logreg_exercises import diagnose
from logreg_exercises._hidden import as_text, check, random_problem, without_core

__all__ = ["check_gradient"]


def _mistakes(X_b, y, w, right):
    """The usual wrong gradients for this input, each with what to fix."""
    n = X_b.shape[0]
    z = X_b @ w
    return [
        (-right, "it points the wrong way (it is minus the right gradient): did you write y - p instead of p - y?"),
        (n * right, f"it is n = {n} times too large: divide by the number of samples (the loss is a mean, so its "
                    "gradient is a mean too)"),
        (X_b.T @ (z - y) / n, "it uses the scores z = X_b @ w where it needs the probabilities p = sigmoid(z)"),
    ]


def _case(X_b, y, w, switched_off=()):
    def test(student_gradient):
        expected = logreg_core.gradient(X_b, y, w)  # before anything is switched off
        try:
            with without_core(*switched_off, exercise="my_gradient"):
                got = student_gradient(X_b.copy(), y.copy(), w.copy())
        except RuntimeWarning as warning:  # run_check turns warnings into errors
            return (f"{warning}. Compute p with core.sigmoid, which never overflows, "
                    "instead of 1 / (1 + np.exp(-z)).")
        got = np.asarray(got, dtype=float)
        if got.shape == (len(y),):
            return (f"it returned one number per sample, shape {got.shape}; the gradient has one entry per weight, "
                    f"shape {w.shape}: multiply X_b.T (shape {X_b.T.shape}) by p - y, then divide by n")
        return diagnose(got, expected, _mistakes(X_b, y, w, expected),
                        f"expected {as_text(expected)}, got {as_text(got)}", rtol=1e-6,
                        shape_hint="one entry per weight (intercept first). Multiply X_b.T (shape (k+1, n)) by "
                                   "p - y (shape (n,)).")

    return test


def _cases(seed, n_samples, n_features, switched_off=()):
    X_b, y = random_problem(n_samples, n_features, seed)
    rng = np.random.default_rng(seed + 1000)
    huge = np.r_[0.0, 900.0 * np.sign(rng.normal(size=n_features))]
    return [
        ("at w = 0 (every p is 1/2)", _case(X_b, y, np.zeros(n_features + 1), switched_off)),
        ("at random weights", _case(X_b, y, rng.normal(size=n_features + 1), switched_off)),
        ("at huge weights (|z| over 700)", _case(X_b, y, huge, switched_off)),
    ]


def check_gradient(my_gradient, hidden=False):
    """Check a student's ``my_gradient(X_b, y, w)`` against ``logreg_core.gradient`` and print one line.

    Tested on a random problem of 12 samples and 3 features: at w = 0, at random weights, and at huge weights
    (where a naive sigmoid overflows), to a relative 1e-6. Hidden: other sizes and seeds, while
    ``core.gradient`` is switched off (the exercise asks for the formula, not the core's function).

    Parameters
    ----------
    my_gradient : callable
        ``my_gradient(X_b, y, w)`` with ``X_b`` of shape (n, k + 1), ``y`` of shape (n,), ``w`` of shape (k + 1,);
        returns an ndarray of shape (k + 1,).
    hidden : bool, default=False
        Run the hidden cases instead, silently unless one fails.

    Returns
    -------
    passed : logreg_exercises.CheckResult (truthy when right)
    """
    if hidden:
        cases = _cases(31, 40, 1, ("gradient",)) + _cases(32, 7, 5, ("gradient",))
    else:
        cases = _cases(3, 12, 3)
    return check("my_gradient", my_gradient, cases, hidden)
