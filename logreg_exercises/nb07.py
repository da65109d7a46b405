"""Checks for the exercises of notebook 07 (what scikit-learn does differently: its C, and Newton's method).

The right answers come from scikit-learn (the weights ``LogisticRegression(C=C)`` finds must be where the
gradient of ``logreg_core.loss`` with the student's alpha vanishes) and from ``logreg_core.gradient`` (a Newton
step is the weights minus the Hessian's inverse applied to that gradient).
"""

from functools import lru_cache

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

import logreg_core
from logreg_exercises import diagnose, run_check

__all__ = ["check_c_to_alpha", "check_irls_step"]


def _format(values):
    return np.array2string(np.asarray(values, dtype=float), precision=4, suppress_small=True)


# --------------------------------------------------------------------------------------------------------------
# Exercise 1: c_to_alpha(C, n_samples) -> alpha
# --------------------------------------------------------------------------------------------------------------
def _c_to_alpha_mistakes(C, n_samples):
    """The usual wrong conversions, each with what to fix."""
    return [
        (C / n_samples, "C is the inverse of a strength: a LARGER C means a WEAKER penalty, so alpha must fall "
                        "as C grows (divide by C, do not multiply)"),
        (1.0 / C, "scikit-learn SUMS the losses of the samples and we AVERAGE them: divide its objective by "
                  "C * n_samples, not by C alone"),
        (1.0 / (2.0 * C * n_samples), "the 1/2 is already in both penalties (1/2 ||w||^2 and alpha/2 ||w||^2): "
                                      "it cancels"),
        (n_samples / C, "n_samples belongs in the denominator: scikit-learn's objective divided by C * n_samples "
                        "is ours"),
        (C * n_samples, "upside down: alpha = 1 / (C * n_samples)"),
    ]


def _check_conversion(C, n_samples):
    def test(c_to_alpha):
        got = c_to_alpha(C, n_samples)
        if np.ndim(got) != 0:
            return f"return one number; got an array of shape {np.shape(got)}"
        got = float(got)
        expected = 1.0 / (C * n_samples)
        return diagnose(got, expected, _c_to_alpha_mistakes(C, n_samples), f"for C = {C:g} and {n_samples} samples expected {expected:.6g}, got {got:.6g}",
                        rtol=1e-12, atol=0.0)

    return test


@lru_cache(maxsize=None)  # fitted once, outside the student's check (where warnings are errors)
def _sklearn_fit(C):
    """A small problem and the weights (intercept first) that scikit-learn's LogisticRegression(C=C) finds."""
    X, y = make_classification(n_samples=60, n_features=3, n_informative=2, n_redundant=0, flip_y=0.1,
                               random_state=7)
    model = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    return logreg_core.add_intercept(X), y.astype(np.float64), np.r_[model.intercept_, model.coef_[0]]


def _check_same_minimum(C):
    def test(c_to_alpha):
        X_b, y, w_sklearn = _sklearn_fit(C)
        alpha = float(c_to_alpha(C, len(y)))
        if not (np.isfinite(alpha) and alpha >= 0):
            return f"alpha must be a number >= 0; got {alpha!r}"
        grad = logreg_core.gradient(X_b, y, w_sklearn, alpha)
        if np.linalg.norm(grad) < 1e-6:
            return None
        return (f"at the weights scikit-learn finds with C = {C:g}, the gradient of our loss with alpha = {alpha:.6g} "
                f"is {_format(grad)}, not zero: that alpha gives a different minimum")

    return test


def check_c_to_alpha(c_to_alpha):
    """Exercise 1: ``c_to_alpha(C, n_samples)`` must turn scikit-learn's ``C`` into our ``alpha``.

    Checked on the formula's values and, independently, on scikit-learn itself: with the right alpha the
    gradient of ``logreg_core.loss`` vanishes at the weights ``LogisticRegression(C=C)`` finds.
    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    for C in (0.2, 5.0):
        _sklearn_fit(C)
    cases = [
        ("C = 0.01 with 455 samples", _check_conversion(0.01, 455)),  # first: here every mistake has its own value
        ("C = 1 with 569 samples", _check_conversion(1.0, 569)),
        ("C = 20 with 100 samples", _check_conversion(20.0, 100)),
        ("scikit-learn's weights for C = 0.2 must minimise our loss", _check_same_minimum(0.2)),
        ("scikit-learn's weights for C = 5 must minimise our loss", _check_same_minimum(5.0)),
    ]
    return run_check("c_to_alpha", c_to_alpha, cases)


# --------------------------------------------------------------------------------------------------------------
# Exercise 2: irls_step(X_b, y, w, alpha) -> the weights after one Newton step, as weighted least squares
# --------------------------------------------------------------------------------------------------------------
def _hessian(X_b, w, alpha):
    """(1/n) X_b^T S X_b + alpha * I0: the reference, as derived in the notebook."""
    p = logreg_core.predict_proba(X_b, w)
    s = p * (1.0 - p)
    penalty = alpha * np.eye(X_b.shape[1])
    penalty[0, 0] = 0.0
    return X_b.T @ (s[:, None] * X_b) / X_b.shape[0] + penalty


def _newton_step(X_b, y, w, alpha):
    return w - np.linalg.solve(_hessian(X_b, w, alpha), logreg_core.gradient(X_b, y, w, alpha))


def _weighted_least_squares(X_b, y, w, penalty, sign=1.0, weighted=True):
    """Solve (X_b^T S X_b + penalty) v = X_b^T S z with the working response z = X_b w + sign (y - p) / s."""
    p = logreg_core.predict_proba(X_b, w)
    s = p * (1.0 - p)
    z = X_b @ w + sign * (y - p) / s
    weights = s if weighted else np.ones_like(s)
    return np.linalg.solve(X_b.T @ (weights[:, None] * X_b) + penalty, X_b.T @ (weights * z))


def _irls_mistakes(X_b, y, w, alpha):
    n, k = X_b.shape
    identity0 = np.eye(k)
    identity0[0, 0] = 0.0
    newton = _newton_step(X_b, y, w, alpha)
    mistakes = [
        (newton - w, "that is the CHANGE of the weights (the Newton direction); return the new weights, w plus it"),
        (_weighted_least_squares(X_b, y, w, alpha * n * np.eye(k)),
         "it penalises the intercept: the penalty matrix needs a 0 in its [0, 0] entry"),
        (_weighted_least_squares(X_b, y, w, alpha * n * identity0, sign=-1.0),
         "the working response is z = X_b @ w + (y - p) / s, with y - p (not p - y)"),
        (_weighted_least_squares(X_b, y, w, alpha * n * identity0, weighted=False),
         "each sample must be weighted by s_i = p_i (1 - p_i): X_b.T @ (s[:, None] * X_b) and X_b.T @ (s * z)"),
    ]
    if alpha > 0:
        mistakes += [
            (_weighted_least_squares(X_b, y, w, alpha * identity0),
             "the penalty is n * alpha, not alpha: the equations are the Newton step multiplied by n"),
            (_weighted_least_squares(X_b, y, w, 0.0 * identity0), "it ignores alpha: add n * alpha * I0"),
        ]
    return mistakes


def _check_irls_at(X_b, y, w, alpha):
    def test(irls_step):
        arguments = (X_b.copy(), y.copy(), w.copy())
        got = np.asarray(irls_step(*arguments, alpha), dtype=np.float64)
        if not np.array_equal(arguments[2], w):
            return "it changed the caller's w in place; compute new arrays instead"
        expected = _newton_step(X_b, y, w, alpha)
        return diagnose(got, expected, _irls_mistakes(X_b, y, w, alpha),
                        f"expected the Newton step's weights {_format(expected)}, got {_format(got)}", atol=1e-9,
                        shape_hint="one weight per column of X_b")

    return test


def check_irls_step(irls_step):
    """Exercise 2: ``irls_step(X_b, y, w, alpha)`` must return ``w - H^-1 gradient``, one Newton step.

    The gradient is ``logreg_core.gradient``; the Hessian is (1/n) X_b^T S X_b + alpha I0 (intercept not
    penalised). Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case
    passed.
    """
    rng = np.random.default_rng(70)
    X_b = logreg_core.add_intercept(rng.normal(size=(40, 3)))
    y = (rng.uniform(size=40) < logreg_core.sigmoid(X_b @ np.array([0.3, 1.5, -1.0, 0.5]))).astype(np.float64)
    w = np.array([0.2, 0.8, -0.4, 0.1])
    cases = [
        ("from w = 0 without a penalty", _check_irls_at(X_b, y, np.zeros(4), 0.0)),
        ("from w = 0 with alpha = 0.05", _check_irls_at(X_b, y, np.zeros(4), 0.05)),
        ("from other weights with alpha = 0.2", _check_irls_at(X_b, y, w, 0.2)),
    ]
    return run_check("irls_step", irls_step, cases)
