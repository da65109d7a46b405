"""Checks for the exercises of notebook 03 (the gradient and gradient descent).

``check_gradient(my_gradient)``                  Exercise 1: the gradient X_b^T (p - y) / n + alpha * [0, w[1:]]
``check_gradient_descent(my_gradient_descent)``  Exercise 2: the descent loop, returning every step's weights

The right answers come from ``logreg_core``. When an answer is wrong, the check compares it with the usual
mistakes (forgot to divide by n, y - p instead of p - y, penalised the intercept, climbed uphill, stored the same
array at every step, ...) and names the one it recognises.
"""

import numpy as np

import logreg_core
from logreg_exercises import diagnose, run_check

__all__ = ["check_gradient", "check_gradient_descent"]


def _problem(n_samples, n_features, seed):
    """A small random problem: X_b with its column of ones, and labels 0/1 that overlap (a finite minimum)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = (X @ rng.normal(size=n_features) + rng.normal(size=n_samples) > 0).astype(float)
    return logreg_core.add_intercept(X), y


def _format(values):
    return np.array2string(np.asarray(values, dtype=float), precision=4, suppress_small=True)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: the gradient
# ----------------------------------------------------------------------------------------------------------------
def _gradient_mistakes(X_b, y, w, alpha):
    """The usual wrong gradients for this input, each with what to fix."""
    right = logreg_core.gradient(X_b, y, w, alpha)
    n = X_b.shape[0]
    penalty = alpha * np.concatenate([[0.0], w[1:]])
    z = X_b @ w
    return [
        (-right, "it points the wrong way (it is minus the right gradient): did you write y - p instead of p - y?"),
        (n * (right - penalty) + penalty, f"it is n = {n} times too large: divide by the number of samples "
                                          "(the loss is a mean, so its gradient is a mean too)"),
        (X_b.T @ (z - y) / n + penalty, "it uses the logits z = X_b @ w where it needs the probabilities "
                                        "p = sigmoid(z)"),
        (right + alpha * w[0] * np.eye(len(w))[0], "it penalises the intercept: add alpha * w only to w[1:], "
                                                   "w[0] is left alone"),
        (right - penalty, "it ignores alpha: add the L2 term alpha * w[1:] (not to w[0])"),
        (right - 0.5 * penalty, "its L2 term is half the right size: the derivative of alpha/2 * w^2 is alpha * w"),
    ]


def _check_gradient_at(X_b, y, w, alpha):
    def test(student_gradient):
        try:
            got = student_gradient(X_b.copy(), y.copy(), w.copy(), alpha=alpha)
        except RuntimeWarning as warning:  # run_check turns warnings into errors
            return (f"{warning}. Compute p with logreg_core.sigmoid, which never overflows, "
                    "instead of 1 / (1 + np.exp(-z)).")
        got = np.asarray(got, dtype=float)
        expected = logreg_core.gradient(X_b, y, w, alpha)
        return diagnose(got, expected, _gradient_mistakes(X_b, y, w, alpha),
                        f"expected {_format(expected)}, got {_format(got)}", rtol=1e-6,
                        shape_hint="one entry per weight (intercept first). Multiply X_b.T (shape (k+1, n)) by p - y "
                                   "(shape (n,)).")

    return test


def check_gradient(student_gradient):
    """Exercise 1: ``student_gradient(X_b, y, w, alpha=0.0)`` must return ``logreg_core.gradient``'s value.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    X_b, y = _problem(12, 3, seed=3)
    rng = np.random.default_rng(30)
    w = rng.normal(size=4)
    huge = np.array([0.0, 900.0, -900.0, 900.0])
    cases = [
        ("at w = 0 (every p is 1/2)", _check_gradient_at(X_b, y, np.zeros(4), 0.0)),
        ("at random weights", _check_gradient_at(X_b, y, w, 0.0)),
        ("at random weights with alpha = 0.5", _check_gradient_at(X_b, y, w, 0.5)),
        ("at huge weights (|z| over 700)", _check_gradient_at(X_b, y, huge, 0.0)),
    ]
    return run_check("Exercise 1, the gradient", student_gradient, cases)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: gradient descent
# ----------------------------------------------------------------------------------------------------------------
def _check_descent(X_b, y, w0, learning_rate, n_iter):
    def test(student_descent):
        w0_given = w0.copy()
        got = np.asarray(student_descent(X_b, y, w0_given, learning_rate, n_iter), dtype=float)
        expected = logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights
        n_rows, k = expected.shape
        if not np.array_equal(w0_given, w0):
            return ("it changed the caller's w0 in place (w -= ... on the same array). Start from a copy: "
                    "w = np.array(w0, dtype=float)")
        if got.shape == (k,):
            return ("it returned only the final weights; return the whole history, one row per step, "
                    f"shape ({n_rows}, {k})")
        if got.shape == (n_rows - 1, k):
            return (f"it has {n_rows - 1} rows; it needs n_iter + 1 = {n_rows}: the starting weights w0 first, "
                    "then the weights after each update")
        if got.shape != expected.shape:
            return f"wrong shape {got.shape}; expected ({n_rows}, {k}): n_iter + 1 rows, one column per weight"
        if np.allclose(got, got[-1]) and not np.allclose(expected, expected[-1]):
            return ("every row is the same array: you stored w and then changed it in place. Store a copy "
                    "(history.append(w.copy())) or write w = w - learning_rate * grad, which makes a new array")
        if not np.allclose(got[0], w0):
            return f"the first row should be the starting weights w0 = {_format(w0)}; got {_format(got[0])}"
        if np.allclose(got, expected, rtol=1e-6, atol=1e-10):
            return None
        uphill = w0 + learning_rate * logreg_core.gradient(X_b, y, w0)
        if np.allclose(got[1], uphill):
            return "it walks uphill: the update is w - learning_rate * gradient (minus: the gradient points up)"
        unit_step = w0 - logreg_core.gradient(X_b, y, w0)
        if learning_rate != 1.0 and np.allclose(got[1], unit_step):
            return "the learning rate is not used: the step is learning_rate * gradient"
        step = int(np.argmax(~np.all(np.isclose(got, expected, rtol=1e-6, atol=1e-10), axis=1)))
        return f"row {step} is {_format(got[step])}; expected {_format(expected[step])}"

    return test


def check_gradient_descent(student_descent):
    """Exercise 2: ``student_descent(X_b, y, w0, learning_rate, n_iter)`` must return the weights at every step.

    The answer, of shape (n_iter + 1, n_features + 1), must equal ``logreg_core.gradient_descent(...).weights``.
    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    X_b, y = _problem(10, 2, seed=4)
    rng = np.random.default_rng(40)
    cases = [
        ("from w0 = 0", _check_descent(X_b, y, np.zeros(3), 0.5, 5)),
        ("from random w0", _check_descent(X_b, y, rng.uniform(size=3), 0.3, 20)),
    ]
    return run_check("Exercise 2, gradient descent", student_descent, cases)
