"""Checks for the exercises of the lesson on two clusters that do not overlap (notebook 05).

``check_gradient_descent(my_gradient_descent)``          the descent loop, returning the weights of every step
``check_boundary_x2(boundary_x2)``                       the boundary as a line x2 = f(x1)
``check_first_perfect_iteration(first_perfect_iteration)``  the first iteration with every training point right

Each takes ``hidden=False``; ``hidden=True`` runs other cases (nbgrader's hidden tests), silent when they pass.
The right answers come from ``logreg_core`` (``gradient_descent``, ``predict``) and from the definition of the
boundary (w . [1, x1, x2] = 0). A wrong answer is compared with the usual mistakes (walking uphill, storing one
array at every step, a sign, a forgotten intercept, counting iterations from 1, ...) and the check names the one it
recognises.

``reference_gradient_descent``, ``reference_boundary_x2`` and ``reference_first_perfect_iteration`` answer in the
student's place while an exercise is still a stub (``logreg_exercises.yours_or``).
"""

import numpy as np

import logreg_core
from logreg_exercises import diagnose
from logreg_exercises._hidden import as_text, check, random_problem, unavailable

__all__ = ["check_gradient_descent", "check_boundary_x2", "check_first_perfect_iteration",
           "reference_gradient_descent", "reference_boundary_x2", "reference_first_perfect_iteration"]


def reference_gradient_descent(X_b, y, w0, learning_rate, n_iter):
    """The weights of every step of gradient descent, shape (n_iter + 1, k + 1): ``logreg_core``'s answer."""
    return logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights


def reference_boundary_x2(w, x1):
    """x2 of the boundary point above each x1, for w = [w0, w1, w2]: -(w0 + w1 x1) / w2."""
    return -(w[0] + w[1] * np.asarray(x1, dtype=float)) / w[2]


# ----------------------------------------------------------------------------------------------------------------
# my_gradient_descent
# ----------------------------------------------------------------------------------------------------------------
def _descent_problem(X_b, y, w0, learning_rate, n_iter):
    """What is wrong with ``student_descent`` on this run, or None."""
    expected = logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights
    n_rows, k = expected.shape

    def test(student_descent):
        w0_given = w0.copy()
        with unavailable(logreg_core, "gradient_descent", "core.gradient_descent is the function this exercise asks "
                         "you to write: write the loop yourself (core.gradient is fine)"):
            got = np.asarray(student_descent(X_b, y, w0_given, learning_rate, n_iter), dtype=float)
        if not np.array_equal(w0_given, w0):
            return ("it changed the caller's w0 in place (w -= ... on the same array). Start from a copy: "
                    "w = np.array(w0, dtype=float)")
        if got.shape == (k,):
            return f"it returned only the final weights; return every step, shape ({n_rows}, {k})"
        if got.shape == (n_rows - 1, k):
            return (f"it has {n_rows - 1} rows; it needs n_iter + 1 = {n_rows}: the starting weights w0 first, "
                    "then the weights after each update")
        if got.shape != expected.shape:
            return f"wrong shape {got.shape}; expected ({n_rows}, {k}): n_iter + 1 rows, one column per weight"
        if np.allclose(got, got[-1]) and not np.allclose(expected, expected[-1]):
            return ("every row is the same array: you stored w and then changed it in place. Store a new array "
                    "at each step: w = w - learning_rate * grad")
        if not np.allclose(got[0], w0):
            return f"the first row should be the starting weights w0 = {as_text(w0)}; got {as_text(got[0])}"
        if np.allclose(got, expected, rtol=1e-6, atol=1e-10):
            return None
        if np.allclose(got[1], w0 + learning_rate * logreg_core.gradient(X_b, y, w0)):
            return "it walks uphill: the update is w - learning_rate * gradient (minus: the gradient points up)"
        if learning_rate != 1.0 and np.allclose(got[1], w0 - logreg_core.gradient(X_b, y, w0)):
            return "the learning rate is not used: the step is learning_rate * gradient"
        step = int(np.argmax(~np.all(np.isclose(got, expected, rtol=1e-6, atol=1e-10), axis=1)))
        return f"row {step} is {as_text(got[step])}; expected {as_text(expected[step])}"

    return test


def check_gradient_descent(student_descent, hidden=False):
    """``student_descent(X_b, y, w0, learning_rate, n_iter)`` returns the weights at every step, shape
    (n_iter + 1, k + 1), as ``logreg_core.gradient_descent(...).weights`` (which it may not call).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy ``CheckResult`` if right.
    """
    if hidden:
        X_b, y = random_problem(30, 3, seed=41)
        cases = [("from random w0, three features", _descent_problem(X_b, y, np.random.default_rng(42).normal(size=4),
                                                                     0.4, 17)),
                 ("one step", _descent_problem(X_b, y, np.zeros(4), 0.8, 1))]
    else:
        X_b, y = random_problem(10, 2, seed=4)
        cases = [("from w0 = 0", _descent_problem(X_b, y, np.zeros(3), 0.5, 5)),
                 ("from random w0", _descent_problem(X_b, y, np.random.default_rng(40).uniform(size=3), 0.3, 20))]
    return check("my_gradient_descent", student_descent, cases, hidden)


# ----------------------------------------------------------------------------------------------------------------
# boundary_x2
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


def _boundary_at(w, x1, where):
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
        return diagnose(got, None, _boundary_mistakes(w, x1),
                        f"the points (x1, x2) are not on the boundary ({where}): w . [1, x1, x2] = "
                        f"{as_text(on_line)} instead of 0", rtol=1e-5, atol=1e-8, close=lambda _: on_the_line,
                        where=where)

    return test


def check_boundary_x2(student_boundary_x2, hidden=False):
    """``student_boundary_x2(w, x1)`` returns the x2 of the boundary point above each x1 (same shape as x1).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy ``CheckResult`` if right.
    """
    if hidden:
        cases = [("other weights", _boundary_at([0.7, -3.0, 0.5], np.linspace(-2, 4, 5), "w = [0.7, -3, 0.5]")),
                 ("a negative intercept", _boundary_at([-2.5, 0.2, -1.5], -1.25, "w = [-2.5, 0.2, -1.5], x1 = -1.25"))]
    else:
        cases = [("a single x1", _boundary_at([1.0, 2.0, 4.0], 3.0, "w = [1, 2, 4], x1 = 3")),
                 ("an array of x1", _boundary_at([-0.5, 1.5, -2.0], np.linspace(-3, 3, 7), "w = [-0.5, 1.5, -2]")),
                 ("trained weights", _boundary_at([-1.1, 1.7, -2.3], np.array([[0.0, 1.0], [2.0, 5.0]]),
                                                  "w = [-1.1, 1.7, -2.3], x1 of shape (2, 2)"))]
    return check("boundary_x2", student_boundary_x2, cases, hidden)


# ----------------------------------------------------------------------------------------------------------------
# first_perfect_iteration
# ----------------------------------------------------------------------------------------------------------------
def reference_first_perfect_iteration(X_b, y, weights):
    """The first row index of ``weights`` whose predictions match every label of ``y``, or None."""
    for iteration, w in enumerate(weights):
        if np.all(logreg_core.predict(X_b, w) == y):
            return iteration
    return None


def _run(X, y, w0, learning_rate, n_iter):
    X_b = logreg_core.add_intercept(X)
    return X_b, y, logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights


def _first_perfect_cases(seed, n_per_class):
    rng = np.random.default_rng(seed)
    separable = np.vstack([rng.normal([0.0, 3.0], 0.8, size=(n_per_class, 2)),
                           rng.normal([3.0, 0.0], 0.8, size=(n_per_class, 2))])
    labels = np.repeat([0.0, 1.0], n_per_class)
    overlapping = np.vstack([rng.normal([0.0, 1.0], 1.0, size=(n_per_class, 2)),
                             rng.normal([1.0, 0.0], 1.0, size=(n_per_class, 2))])
    return [
        ("a separable run", _run(separable, labels, np.array([0.5, 0.8, 0.3]), 0.02, 300),
         "two separable clusters, 300 small steps"),
        ("a run that starts perfect", _run(separable, labels, np.array([0.0, 1.0, -1.0]), 0.1, 20),
         "a run whose starting weights already classify every point correctly"),
        ("a run that never gets there", _run(overlapping, labels, np.array([0.5, 0.8, 0.3]), 0.5, 200),
         "overlapping clusters, which no line separates"),
    ]


def _first_perfect_on(X_b, y, weights, where):
    expected = reference_first_perfect_iteration(X_b, y, weights)

    def test(student_first_perfect):
        got = student_first_perfect(X_b.copy(), y.copy(), weights.copy())
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


def check_first_perfect_iteration(student_first_perfect, hidden=False):
    """``student_first_perfect(X_b, y, weights)`` returns the first row index of ``weights`` (shape
    (n_steps + 1, 3)) whose predictions match every label, or None if there is none.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy ``CheckResult`` if right.
    """
    runs = _first_perfect_cases(seed=9, n_per_class=35) if hidden else _first_perfect_cases(seed=4, n_per_class=20)
    cases = [(description, _first_perfect_on(X_b, y, weights, where)) for description, (X_b, y, weights), where
             in runs]
    return check("first_perfect_iteration", student_first_perfect, cases, hidden)
