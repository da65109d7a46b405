"""Check for the exercise of the Newton lesson (notebook 10): one Newton step, written as weighted least squares
(IRLS).

The right answer is the Newton step itself, ``w - H^-1 gradient``, with ``logreg_core.gradient`` and the Hessian
(1/n) X_b^T S X_b + alpha I0 of the notebook (the intercept is not penalised).
"""

import numpy as np

import logreg_core
from logreg_exercises import diagnose, run_check
from logreg_exercises._hidden import as_text, check

__all__ = ["check_irls_step"]


# --------------------------------------------------------------------------------------------------------------
# irls_step(X_b, y, w, alpha) -> the weights after one Newton step, as weighted least squares
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
    """Solve (X_b^T S X_b + penalty) v = X_b^T S z with the working response z = X_b w + sign (y - p) / s, where
    S z = S X_b w + sign (y - p) needs no division; unweighted: (X_b^T X_b + penalty) v = X_b^T z."""
    p = logreg_core.predict_proba(X_b, w)
    s = p * (1.0 - p)
    if weighted:
        return np.linalg.solve(X_b.T @ (s[:, None] * X_b) + penalty, X_b.T @ (s * (X_b @ w) + sign * (y - p)))
    with np.errstate(all="ignore"):  # a mistake's answer: NaN where s = 0 matches nothing
        return np.linalg.solve(X_b.T @ X_b + penalty, X_b.T @ (X_b @ w + (y - p) / s))


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
         "the working response is z = X_b @ w + (y - p) / s, with y - p (not p - y): S z = s * (X_b @ w) + y - p"),
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


_ROUNDED = ("where a p_i rounds to exactly 1 (or 0), s_i = p_i (1 - p_i) is 0 and (y - p) / s divides by it: "
            "compute the right-hand side as X_b.T @ (s * (X_b @ w) + y - p), which is X_b^T S z without a division")


def _check_irls_at(X_b, y, w, alpha):
    def test(irls_step):
        arguments = (X_b.copy(), y.copy(), w.copy())
        try:
            got = np.asarray(irls_step(*arguments, alpha), dtype=np.float64)
        except (RuntimeWarning, FloatingPointError, ZeroDivisionError, np.linalg.LinAlgError):
            if np.any(logreg_core.sigmoid(X_b @ w) * (1 - logreg_core.sigmoid(X_b @ w)) == 0):
                return _ROUNDED
            raise
        if not np.array_equal(arguments[2], w):
            return "it changed the caller's w in place; compute new arrays instead"
        expected = _newton_step(X_b, y, w, alpha)
        p = logreg_core.sigmoid(X_b @ w)
        if not np.all(np.isfinite(got)) and np.any(p * (1 - p) == 0):
            return _ROUNDED
        return diagnose(got, expected, _irls_mistakes(X_b, y, w, alpha),
                        f"expected the Newton step's weights {as_text(expected)}, got {as_text(got)}", atol=1e-9,
                        shape_hint="one weight per column of X_b")

    return test


def _problem(seed, n_samples, n_features):
    """A small problem drawn from a logistic model, with the column of ones first."""
    rng = np.random.default_rng(seed)
    X_b = logreg_core.add_intercept(rng.normal(size=(n_samples, n_features)))
    w_true = np.r_[0.3, rng.normal(scale=1.2, size=n_features)]
    y = (rng.uniform(size=n_samples) < logreg_core.sigmoid(X_b @ w_true)).astype(np.float64)
    return X_b, y


def check_irls_step(irls_step, hidden=False):
    """``irls_step(X_b, y, w, alpha)`` must return ``w - H^-1 gradient``, one Newton step.

    The gradient is ``logreg_core.gradient``; the Hessian is (1/n) X_b^T S X_b + alpha I0 (intercept not
    penalised). Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if every
    case passed. ``hidden=True`` (nbgrader's hidden tests) tries other sizes, weights and penalties, with the
    notebook's own ``hessian`` and ``newton`` taken away (the exercise asks for least squares); it prints nothing
    when it passes.
    """
    if hidden:
        X_b, y = _problem(seed=71, n_samples=75, n_features=5)
        w = np.random.default_rng(72).normal(scale=0.5, size=6)
        confident = np.r_[0.5, 30.0 * w[1:]]  # some p_i round to 1
        cases = [("75 samples, 5 features, from other weights with alpha = 0.01", _check_irls_at(X_b, y, w, 0.01)),
                 ("75 samples, 5 features, from w = 0 with alpha = 1", _check_irls_at(X_b, y, np.zeros(6), 1.0)),
                 ("75 samples, 5 features, some p_i rounded to 1", _check_irls_at(X_b, y, confident, 0.05))]
        advice = "solve the weighted least-squares equations themselves"
        return check("irls_step", irls_step, cases, hidden=True,
                                blocked_names=[("hessian", advice), ("newton", advice), ("numerical_hessian", advice)])
    rng = np.random.default_rng(70)
    X_b = logreg_core.add_intercept(rng.normal(size=(40, 3)))
    y = (rng.uniform(size=40) < logreg_core.sigmoid(X_b @ np.array([0.3, 1.5, -1.0, 0.5]))).astype(np.float64)
    w = np.array([0.2, 0.8, -0.4, 0.1])
    confident = np.array([0.0, 25.0, 0.0, 0.0])  # z = 25 x1: where x1 > 1.5, p rounds to 1 and s = 0
    cases = [
        ("from w = 0 without a penalty", _check_irls_at(X_b, y, np.zeros(4), 0.0)),
        ("from w = 0 with alpha = 0.05", _check_irls_at(X_b, y, np.zeros(4), 0.05)),
        ("from other weights with alpha = 0.2", _check_irls_at(X_b, y, w, 0.2)),
        ("from weights so large that some p_i round to 1, alpha = 0.1", _check_irls_at(X_b, y, confident, 0.1)),
    ]
    return run_check("irls_step", irls_step, cases)
