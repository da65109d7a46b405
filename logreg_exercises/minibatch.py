"""Checks for the exercise of the lesson on minibatch stochastic gradient descent (notebook 07).

``check_sgd(my_sgd)``  minibatch SGD with a decaying step eta_t = eta0 / (1 + t / t0), returning every update's
                       weights

It takes ``hidden=False``; ``hidden=True`` runs other cases (nbgrader's hidden tests), silent when they pass.

The exercise fixes the order of the samples so that an answer can be compared number for number: the generator is
``np.random.default_rng(seed)``, each epoch starts with ``order = rng.permutation(n)`` and its minibatches are
``order[start:start + batch_size]`` for start = 0, batch_size, ... (the last may be smaller): the order of
``logreg_core.gradient_descent(..., batch_size=B, random_state=seed)``, so that with ``t0 = inf`` (a constant step)
the right answer is that function's. A wrong answer is compared with the usual mistakes (a constant step, the
decay counted in epochs or from 1, the gradient of all the samples or the sum of the batch's, ...) and the check
names the one it recognises.

``reference_sgd`` answers in the student's place while ``my_sgd`` is still a stub (``logreg_exercises.yours_or``).
"""

import numpy as np

import logreg_core
from logreg_exercises._hidden import as_text, check, unavailable

__all__ = ["check_sgd", "reference_sgd", "decaying_step"]


def decaying_step(eta0, t, t0):
    """The step of update number ``t`` (counted from 0): eta0 / (1 + t / t0); constant for t0 = inf."""
    return eta0 / (1.0 + t / t0)


def _sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed, *, step=None, batch_gradient=None):
    """Minibatch SGD in the exercise's sample order, with a schedule ``step(eta0, t, t0, epoch)`` (by default
    ``decaying_step``) and a gradient ``batch_gradient(X_b, y, rows, w)`` (by default the mean gradient of the
    minibatch ``rows``)."""
    if step is None:
        def step(eta0, t, t0, epoch):
            return decaying_step(eta0, t, t0)
    if batch_gradient is None:
        def batch_gradient(X_b, y, rows, w):
            return logreg_core.gradient(X_b[rows], y[rows], w)

    rng = np.random.default_rng(seed)
    w = np.array(w0, dtype=float)
    weights = [w]
    for epoch in range(n_epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch_size):
            rows = order[start:start + batch_size]
            w = w - step(eta0, len(weights) - 1, t0, epoch) * batch_gradient(X_b, y, rows, w)
            weights.append(w)
    return np.array(weights)


def reference_sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0):
    """Minibatch SGD with the step eta0 / (1 + t / t0) at update t (from 0), the samples in the exercise's order.

    Returns the weights before the first update and after every update: shape (n_updates + 1, k + 1), with
    n_updates = n_epochs * ceil(n / batch_size).
    """
    return _sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed)


def _mistakes(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed):
    """(weights, what to fix) of the usual wrong answers on this run."""
    run = lambda **kwargs: _sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed, **kwargs)  # noqa: E731
    mistakes = [
        (run(step=lambda eta0, t, t0, epoch: eta0 / (1 + (t + 1) / t0)),
         "the first update must use t = 0 (step eta0): count t from 0, the number of updates made before this one"),
        (run(step=lambda eta0, t, t0, epoch: eta0 / (1 + epoch / t0)),
         "t counts updates, not epochs: every update has its own, smaller step"),
        (run(step=lambda eta0, t, t0, epoch: eta0 * (1 + t / t0)),
         "the step grows: it is eta0 / (1 + t / t0), a division"),
        (run(batch_gradient=lambda X_b, y, rows, w: logreg_core.gradient(X_b, y, w)),
         "it uses the gradient of all the samples; an update uses only its minibatch: X_b[rows], y[rows]"),
        (run(batch_gradient=lambda X_b, y, rows, w: len(rows) * logreg_core.gradient(X_b[rows], y[rows], w)),
         "it sums the minibatch's gradients; the minibatch gradient is their mean (what core.gradient returns)"),
        (run(step=lambda eta0, t, t0, epoch: -decaying_step(eta0, t, t0)),
         "it walks uphill: the update is w - eta * gradient"),
    ]
    if np.isfinite(t0):
        mistakes.insert(0, (run(step=lambda eta0, t, t0, epoch: eta0), "the step never decays: use "
                                                                       "eta = eta0 / (1 + t / t0) at update t"))
    return mistakes


def _sgd_case(n_samples, seed, eta0, t0, n_epochs, batch_size, where):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, 2))
    y = (X @ np.array([1.5, -1.0]) + rng.normal(size=n_samples) > 0).astype(float)
    X_b = logreg_core.add_intercept(X)
    w0 = rng.normal(size=3)
    shuffle_seed = int(rng.integers(1000))
    expected = reference_sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, shuffle_seed)
    n_rows = len(expected)

    def test(student_sgd):
        w0_given = w0.copy()
        try:
            with unavailable(logreg_core, "gradient_descent", "core.gradient_descent cannot decay its step: write "
                             "the update yourself, with core.gradient on the minibatch"):
                got = np.asarray(student_sgd(X_b, y, w0_given, eta0, t0, n_epochs, batch_size, seed=shuffle_seed),
                                 dtype=float)
        except ZeroDivisionError:
            return f"it divides by zero ({where}): at the first update t = 0, and the step is eta0 / (1 + t / t0)"
        if not np.array_equal(w0_given, w0):
            return "it changed the caller's w0 in place; update a copy (w = w - ...)"
        if got.shape != expected.shape:
            if got.shape == (n_rows - 1, 3):
                return f"it has {n_rows - 1} rows; it needs {n_rows}: the start first, then one row per update"
            return (f"wrong shape {got.shape}; expected {expected.shape}: one row before the first update and one "
                    f"after each of the {n_rows - 1} updates ({where})")
        if not np.all(np.isfinite(got)):
            return f"it contains NaN or inf ({where}): is the first step eta0 / (1 + 0 / t0) = eta0?"
        if np.allclose(got, expected, rtol=1e-7, atol=1e-10):
            return None
        if np.allclose(got, got[-1]):
            return "every row is the same array: append a new w after each update (w = w - eta * gradient)"
        for wrong, message in _mistakes(X_b, y, w0, eta0, t0, n_epochs, batch_size, shuffle_seed):
            if np.allclose(got, wrong, rtol=1e-7, atol=1e-10):
                return f"{message} ({where})"
        row = int(np.argmax(~np.all(np.isclose(got, expected, rtol=1e-7, atol=1e-10), axis=1)))
        return f"after update {row} the weights are {as_text(got[row])}; expected {as_text(expected[row])} ({where})"

    return test


def check_sgd(student_sgd, hidden=False):
    """``student_sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0)`` returns the weights before the first
    update and after each update of minibatch SGD with the step eta0 / (1 + t / t0) at update t (from 0).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy ``CheckResult`` if right.
    """
    if hidden:
        cases = [("another problem", _sgd_case(23, 11, 0.6, 5.0, 3, 5, "n = 23, batch size 5")),
                 ("single samples", _sgd_case(9, 12, 1.2, 2.0, 2, 1, "n = 9, batch size 1"))]
    else:
        cases = [("a constant step (t0 = inf)", _sgd_case(12, 1, 0.5, np.inf, 2, 4, "n = 12, batch size 4, t0 = inf")),
                 ("a decaying step", _sgd_case(12, 2, 0.8, 3.0, 3, 4, "n = 12, batch size 4, t0 = 3")),
                 ("a smaller last minibatch", _sgd_case(10, 3, 1.0, 4.0, 2, 3, "n = 10, batch size 3, t0 = 4"))]
    return check("my_sgd", student_sgd, cases, hidden)
