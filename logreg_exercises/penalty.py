"""Check for the exercise of the penalty lesson (notebook 09): scikit-learn's ``C`` as our ``alpha``.

The right answer comes from scikit-learn itself: the weights ``LogisticRegression(C=C)`` finds must be where the
gradient of ``logreg_core.loss`` with the student's alpha vanishes.
"""

from functools import lru_cache

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

import logreg_core
from logreg_exercises import diagnose, run_check
from logreg_exercises._hidden import as_text, check

__all__ = ["check_c_to_alpha", "c_to_alpha"]


def c_to_alpha(C, n_samples):
    """The reference answer: our alpha for scikit-learn's C on n_samples samples, 1 / (C n).

    Notebook 09 uses it (through ``yours_or``) while the student's own ``c_to_alpha`` is not written yet.
    """
    return 1.0 / (C * n_samples)


# --------------------------------------------------------------------------------------------------------------
# c_to_alpha(C, n_samples) -> alpha
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
        return diagnose(got, expected, _c_to_alpha_mistakes(C, n_samples),
                        f"for C = {C:g} and {n_samples} samples expected {expected:.6g}, got {got:.6g}",
                        rtol=1e-12, atol=0.0)

    return test


@lru_cache(maxsize=None)  # fitted once, outside the student's check (where warnings are errors)
def _sklearn_fit(C, n_samples=60, seed=7):
    """A small problem and the weights (intercept first) that scikit-learn's LogisticRegression(C=C) finds."""
    X, y = make_classification(n_samples=n_samples, n_features=3, n_informative=2, n_redundant=0, flip_y=0.1,
                               random_state=seed)
    model = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    return logreg_core.add_intercept(X), y.astype(np.float64), np.r_[model.intercept_, model.coef_[0]]


def _check_same_minimum(C, n_samples=60, seed=7):
    def test(c_to_alpha):
        X_b, y, w_sklearn = _sklearn_fit(C, n_samples, seed)
        alpha = float(c_to_alpha(C, len(y)))
        if not (np.isfinite(alpha) and alpha >= 0):
            return f"alpha must be a number >= 0; got {alpha!r}"
        grad = logreg_core.gradient(X_b, y, w_sklearn, alpha)
        if np.linalg.norm(grad) < 1e-6:
            return None
        return (f"at the weights scikit-learn finds with C = {C:g}, the gradient of our loss with alpha = {alpha:.6g} "
                f"is {as_text(grad)}, not zero: that alpha gives a different minimum")

    return test


def check_c_to_alpha(c_to_alpha, hidden=False):
    """``c_to_alpha(C, n_samples)`` must turn scikit-learn's ``C`` into our ``alpha``.

    Checked on the formula's values and, independently, on scikit-learn itself: with the right alpha the
    gradient of ``logreg_core.loss`` vanishes at the weights ``LogisticRegression(C=C)`` finds.
    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if every case passed.
    ``hidden=True`` (nbgrader's hidden tests) tries other values of C and n, and another data set; it prints
    nothing when it passes.
    """
    if hidden:
        _sklearn_fit(0.05, 90, 11)
        cases = [(f"C = {C:g} with {n} samples", _check_conversion(C, n)) for C, n in ((0.3, 1234), (7.0, 31))]
        cases.append(("scikit-learn's weights for C = 0.05 on 90 samples must minimise our loss",
                      _check_same_minimum(0.05, 90, 11)))
        return check("c_to_alpha", c_to_alpha, cases, hidden=True, blocked=[
            ("logreg_exercises.penalty", "c_to_alpha", "write the formula yourself")])
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
