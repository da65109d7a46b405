"""Checks for the exercises of notebook 04 (two clusters that do not overlap).

``check_boundary_x2(my_boundary_x2)``                    Exercise 1: the boundary as a line x2 = f(x1)
``check_first_perfect_iteration(my_first_perfect)``     Exercise 2: the first iteration with 100% accuracy

The right answers come from the definitions (a point is on the boundary when w . [1, x1, x2] = 0) and from
``logreg_core.predict``. A wrong answer is compared with the usual mistakes (a sign, a forgotten intercept,
w1 and w2 swapped, counting iterations from 1, ...) and the check names the one it recognises.
"""

import numpy as np

import logreg_core
from logreg_exercises import diagnose, run_check

__all__ = ["check_boundary_x2", "check_first_perfect_iteration"]


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: the boundary line
# ----------------------------------------------------------------------------------------------------------------
def _boundary_mistakes(w, x1):
    w0, w1, w2 = w
    return [
        ((w0 + w1 * x1) / w2, "the sign is flipped: from w0 + w1 x1 + w2 x2 = 0, x2 = -(w0 + w1 x1) / w2"),
        (-(w1 * x1) / w2, "the intercept w0 is missing: x2 = -(w0 + w1 x1) / w2"),
        (-(w0 + w2 * x1) / w1, "w1 and w2 are swapped: divide by w2, the weight of x2"),
        (-(w0 + w1 * x1) / w1, "it divides by w1; divide by w2, the weight of x2"),
        (-(w1 + w2 * x1) / w0, "the weights are shifted by one: w[0] is the intercept, w[1] multiplies x1"),
    ]


def _check_boundary_at(w, x1, where):
    w, x1 = np.asarray(w, dtype=float), np.asarray(x1, dtype=float)

    def test(student_boundary_x2):
        w_given, x1_given = w.copy(), x1.copy()
        got = np.asarray(student_boundary_x2(w_given, x1_given), dtype=float)
        if not (np.array_equal(w_given, w) and np.array_equal(x1_given, x1)):
            return "it changed its inputs in place; compute a new array instead"
        if got.shape != x1.shape:
            return (f"wrong shape {got.shape} for x1 of shape {x1.shape} ({where}): return one x2 per x1 "
                    "(NumPy arithmetic on the whole array does that, no loop needed)")
        on_line = w[0] + w[1] * x1 + w[2] * got  # the definition of the boundary: w . [1, x1, x2] = 0
        on_the_line = np.allclose(on_line, 0.0, atol=1e-9 * (1 + np.abs(w).max() * (1 + np.abs(x1).max())))
        return diagnose(got, None, _boundary_mistakes(w, x1), f"the points (x1, x2) are not on the boundary ({where}): w . [1, x1, x2] = {on_line} instead of 0",
                        rtol=1e-5, atol=1e-8, close=lambda _: on_the_line, where=where)

    return test


def check_boundary_x2(student_boundary_x2):
    """Exercise 1: ``student_boundary_x2(w, x1)`` returns the x2 of the boundary point above each x1.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        ("a single x1", _check_boundary_at([1.0, 2.0, 4.0], 3.0, "w = [1, 2, 4], x1 = 3")),
        ("an array of x1", _check_boundary_at([-0.5, 1.5, -2.0], np.linspace(-3, 3, 7), "w = [-0.5, 1.5, -2]")),
        ("trained weights", _check_boundary_at([-1.1, 1.7, -2.3], np.array([[0.0, 1.0], [2.0, 5.0]]),
                                               "w = [-1.1, 1.7, -2.3], x1 of shape (2, 2)")),
    ]
    return run_check("Exercise 1, the boundary line", student_boundary_x2, cases)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: the first iteration that classifies every training point correctly
# ----------------------------------------------------------------------------------------------------------------
def _reference_first_perfect(X_b, y, weights):
    for iteration, w in enumerate(weights):
        if np.all(logreg_core.predict(X_b, w) == y):
            return iteration
    return None


def _run(X, y, w0, learning_rate, n_iter):
    X_b = logreg_core.add_intercept(X)
    return X_b, y, logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights


def _cases_first_perfect():
    rng = np.random.default_rng(4)
    separable = np.vstack([rng.normal([0.0, 3.0], 0.8, size=(20, 2)), rng.normal([3.0, 0.0], 0.8, size=(20, 2))])
    labels = np.repeat([0.0, 1.0], 20)
    overlapping = np.vstack([rng.normal([0.0, 1.0], 1.0, size=(20, 2)), rng.normal([1.0, 0.0], 1.0, size=(20, 2))])
    return [
        ("a separable run", _run(separable, labels, np.array([0.5, 0.8, 0.3]), 0.02, 300),
         "two separable clusters, 300 small steps"),
        ("a run that starts perfect", _run(separable, labels, np.array([0.0, 1.0, -1.0]), 0.1, 20),
         "a run whose starting weights already classify every point correctly"),
        ("a run that never gets there", _run(overlapping, labels, np.array([0.5, 0.8, 0.3]), 0.5, 200),
         "overlapping clusters, which no line separates"),
    ]


def _check_first_perfect_on(X_b, y, weights, where):
    def test(student_first_perfect):
        got = student_first_perfect(X_b.copy(), y.copy(), weights.copy())
        expected = _reference_first_perfect(X_b, y, weights)
        if expected is None:
            if got is None:
                return None
            if got is False or got == -1 or (isinstance(got, (int, np.integer)) and got == len(weights)):
                return f"return None when no iteration reaches 100% ({where}); got {got!r}"
            return f"no iteration reaches 100% here ({where}), so the answer is None; got {got!r}"
        if got is None:
            if expected == 0:
                return (f"the starting weights (iteration 0) are already perfect ({where}), so the answer is 0; "
                        "got None. Careful: `if iteration:` is False for 0, test `is None` instead")
            return f"expected iteration {expected} ({where}); got None"
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
            return f"return the iteration number, a whole number, not {got!r} ({where})"
        if got == expected:
            return None
        if got == expected + 1:
            return (f"off by one: got {got}, expected {expected} ({where}). Row 0 of the history is the start, "
                    "before any update, so row i is the weights after i updates")
        if expected + 1 < len(weights) and got == len(weights) - 1:
            return f"it returns the last iteration; the first perfect one is {expected} ({where})"
        return f"expected iteration {expected}, got {got} ({where})"

    return test


def check_first_perfect_iteration(student_first_perfect):
    """Exercise 2: ``student_first_perfect(X_b, y, weights)`` returns the first row index of ``weights`` (shape
    (n_steps + 1, 3)) whose predictions match every label, or None if there is none.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        (description, _check_first_perfect_on(X_b, y, weights, where))
        for description, (X_b, y, weights), where in _cases_first_perfect()
    ]
    return run_check("Exercise 2, the first perfect iteration", student_first_perfect, cases)
