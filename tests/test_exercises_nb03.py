"""The checks of notebook 03's exercises: the notebook's own solutions pass, typical mistakes fail with a message
that names the mistake, and the student's stub is reported as "not done yet"."""

import numpy as np
import pytest

import logreg_core
from logreg_exercises.nb03 import check_gradient, check_gradient_descent
from notebook_cells import define, run_check, solution_cell, student_version

NOTEBOOK = "03_gradient_descent.ipynb"


def _solution_cell(grade_id):
    return solution_cell(NOTEBOOK, grade_id)


def _define(source, name):
    """Execute a solution cell (it may use the notebook's `np` and `lc`) and return the function it defines."""
    return define(source, name, {"np": np, "core": logreg_core})


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: the gradient
# ----------------------------------------------------------------------------------------------------------------
def _naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gradient_without_mean(X_b, y, w, alpha=0.0):
    return X_b.T @ (logreg_core.sigmoid(X_b @ w) - y) + alpha * np.r_[0.0, w[1:]]


def gradient_y_minus_p(X_b, y, w, alpha=0.0):
    return X_b.T @ (y - logreg_core.sigmoid(X_b @ w)) / len(y) - alpha * np.r_[0.0, w[1:]]


def gradient_penalising_intercept(X_b, y, w, alpha=0.0):
    return X_b.T @ (logreg_core.sigmoid(X_b @ w) - y) / len(y) + alpha * w


def gradient_ignoring_alpha(X_b, y, w, alpha=0.0):
    return X_b.T @ (logreg_core.sigmoid(X_b @ w) - y) / len(y)


def gradient_half_penalty(X_b, y, w, alpha=0.0):
    return X_b.T @ (logreg_core.sigmoid(X_b @ w) - y) / len(y) + 0.5 * alpha * np.r_[0.0, w[1:]]


def gradient_of_logits(X_b, y, w, alpha=0.0):
    return X_b.T @ (X_b @ w - y) / len(y) + alpha * np.r_[0.0, w[1:]]


def gradient_per_sample(X_b, y, w, alpha=0.0):
    return (logreg_core.sigmoid(X_b @ w) - y) / len(y)


def gradient_with_naive_sigmoid(X_b, y, w, alpha=0.0):
    return X_b.T @ (_naive_sigmoid(X_b @ w) - y) / len(y) + alpha * np.r_[0.0, w[1:]]


def test_notebook_gradient_solution_passes(capsys):
    my_gradient = _define(_solution_cell("nb03-gradient"), "my_gradient")
    passed, line = run_check(check_gradient, my_gradient, capsys)
    assert passed, line
    assert line.startswith("✅")


def test_core_gradient_passes(capsys):
    assert run_check(check_gradient, logreg_core.gradient, capsys)[0]


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: gradient descent
# ----------------------------------------------------------------------------------------------------------------
def descent_uphill(X_b, y, w0, learning_rate, n_iter):
    history = [np.array(w0, dtype=float)]
    for _ in range(n_iter):
        history.append(history[-1] + learning_rate * logreg_core.gradient(X_b, y, history[-1]))
    return np.array(history)


def descent_storing_one_array(X_b, y, w0, learning_rate, n_iter):
    w = np.array(w0, dtype=float)
    history = [w]
    for _ in range(n_iter):
        w -= learning_rate * logreg_core.gradient(X_b, y, w)  # changes the array already in history
        history.append(w)
    return np.array(history)


def descent_changing_w0(X_b, y, w0, learning_rate, n_iter):
    w = w0  # no copy: the caller's array is updated in place
    history = [w.copy()]
    for _ in range(n_iter):
        w -= learning_rate * logreg_core.gradient(X_b, y, w)
        history.append(w.copy())
    return np.array(history)


def descent_without_start(X_b, y, w0, learning_rate, n_iter):
    return logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights[1:]


def descent_final_only(X_b, y, w0, learning_rate, n_iter):
    return logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).final_weights


def descent_without_learning_rate(X_b, y, w0, learning_rate, n_iter):
    return logreg_core.gradient_descent(X_b, y, w0, 1.0, n_iter).weights


def descent_one_step_short(X_b, y, w0, learning_rate, n_iter):
    weights = logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter - 1).weights
    return np.vstack([weights, weights[-1]])  # right shape, last update missing


def test_notebook_descent_solution_passes(capsys):
    my_gradient_descent = _define(_solution_cell("nb03-descent"), "my_gradient_descent")
    passed, line = run_check(check_gradient_descent, my_gradient_descent, capsys)
    assert passed, line
    assert line.startswith("✅")


# ----------------------------------------------------------------------------------------------------------------
# Typical mistakes and stubs, for both exercises
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("check", "wrong_answer", "hint"),
    [
        (check_gradient, gradient_without_mean, "times too large: divide by the number of samples"),
        (check_gradient, gradient_y_minus_p, "y - p instead of p - y"),
        (check_gradient, gradient_penalising_intercept, "penalises the intercept"),
        (check_gradient, gradient_ignoring_alpha, "ignores alpha"),
        (check_gradient, gradient_half_penalty, "half the right size"),
        (check_gradient, gradient_of_logits, "probabilities p = sigmoid(z)"),
        (check_gradient, gradient_per_sample, "wrong shape (12,)"),
        (check_gradient, gradient_with_naive_sigmoid, "overflow"),
        (check_gradient_descent, descent_uphill, "walks uphill"),
        (check_gradient_descent, descent_storing_one_array, "every row is the same array"),
        (check_gradient_descent, descent_changing_w0, "changed the caller's w0 in place"),
        (check_gradient_descent, descent_without_start, "the starting weights w0 first"),
        (check_gradient_descent, descent_final_only, "only the final weights"),
        (check_gradient_descent, descent_without_learning_rate, "learning rate is not used"),
        (check_gradient_descent, descent_one_step_short, "row 5 is"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_typical_mistakes_fail_with_a_hint(check, wrong_answer, hint, capsys):
    passed, line = run_check(check, wrong_answer, capsys)
    assert not passed
    exercise = "Exercise 1" if check is check_gradient else "Exercise 2"
    assert line.startswith(f"❌ {exercise}")
    assert hint in line


@pytest.mark.parametrize(
    ("check", "grade_id", "name", "exercise"),
    [
        (check_gradient, "nb03-gradient", "my_gradient", "Exercise 1"),
        (check_gradient_descent, "nb03-descent", "my_gradient_descent", "Exercise 2"),
    ],
)
def test_student_stub_is_not_done_yet(check, grade_id, name, exercise, capsys):
    stub = _define(student_version(_solution_cell(grade_id)), name)
    passed, line = run_check(check, stub, capsys)
    assert not passed
    assert line.startswith(f"⏳ {exercise}") and "not done yet" in line


def test_student_version_really_removes_the_solution():
    for grade_id in ("nb03-gradient", "nb03-descent"):
        student = student_version(_solution_cell(grade_id))
        assert "BEGIN SOLUTION" not in student and "raise NotImplementedError()" in student
