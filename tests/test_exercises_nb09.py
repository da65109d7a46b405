"""The checks of notebook 09's exercises: the notebook's own solutions pass, typical mistakes fail with a message
that names the mistake, and the student's stub is reported as "not done yet"."""

import math

import numpy as np
import pytest

from logreg_exercises.nb09 import check_choose_alpha, check_circle_features, check_n_polynomial_features
from logreg_data import polynomial_model
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

NOTEBOOK = "09_draw_your_own_data.ipynb"
EXERCISES = {
    # function name: (grade_id, check, exercise label printed by the check)
    "circle_features": ("nb09-circle-features", check_circle_features, "Exercise 1, features for a circle"),
    "n_polynomial_features": ("nb09-n-polynomial-features", check_n_polynomial_features,
                              "Exercise 2, counting polynomial features"),
    "choose_alpha": ("nb09-choose-alpha", check_choose_alpha, "Exercise 3, choosing α on validation data"),
}


def _define(cell_source, name):
    """Execute a solution cell with what the notebook has imported by then, and return its function."""
    return define(cell_source, name, {"np": np, "math": math, "polynomial_model": polynomial_model})


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes(name, capsys):
    grade_id, check, label = EXERCISES[name]
    passed, line = run_check(check, _define(solution_cell(NOTEBOOK, grade_id), name), capsys)
    assert passed, line
    assert line == f"✅ {label}: correct. Well done!"


@pytest.mark.parametrize("name", EXERCISES)
def test_the_students_stub_is_not_done_yet(name, capsys):
    grade_id, check, label = EXERCISES[name]
    stub = student_version(solution_cell(NOTEBOOK, grade_id))
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    passed, line = run_check(check, _define(stub, name), capsys)
    assert not passed
    assert line.startswith(f"⏳ {label}") and "not done yet" in line


def test_every_exercise_cell_carries_its_nbgrader_metadata():
    """Each solution cell is followed by its locked check cell, stored passing; the question is locked markdown."""
    graded = {cell["metadata"]["nbgrader"]["grade_id"]: (index, cell)
              for index, cell in enumerate(cells(NOTEBOOK)) if "nbgrader" in cell["metadata"]}
    question = "nb09-what-degree-2-draws"
    solutions = [grade_id for grade_id, _, _ in EXERCISES.values()]
    assert sorted(graded) == sorted([*solutions, *(f"{g}-check" for g in solutions), question])
    for name, (grade_id, check, label) in EXERCISES.items():
        (index, solution), (check_index, check_cell) = graded[grade_id], graded[f"{grade_id}-check"]
        assert solution["metadata"]["nbgrader"] == {"grade": False, "grade_id": grade_id, "locked": False,
                                                    "schema_version": 3, "solution": True, "task": False}
        assert check_cell["metadata"]["nbgrader"] == {**solution["metadata"]["nbgrader"], "locked": True,
                                                      "solution": False, "grade_id": f"{grade_id}-check"}
        assert check_index == index + 1 and source(check_cell).strip() == f"{check.__name__}({name})"
        assert check_cell["outputs"][0]["text"][0].startswith(f"✅ {label}")  # stored with the solution's result
    _, markdown = graded[question]
    assert markdown["cell_type"] == "markdown" and markdown["metadata"]["nbgrader"]["locked"] is True
    assert "<details><summary>Answer</summary>" in source(markdown)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: features for a circle
# ----------------------------------------------------------------------------------------------------------------
def squares_in_place(X):
    X **= 2
    return X


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda X: X * 2, ["doubles the coordinates"]),
        (lambda X: np.column_stack([X[:, 0] ** 2, X[:, 1]]), ["x2 is not squared"]),
        (lambda X: np.column_stack([X[:, 0], X[:, 1] ** 2]), ["x1 is not squared"]),
        (lambda X: X.copy(), ["coordinates themselves"]),
        (lambda X: np.column_stack([X[:, 0] * X[:, 1]] * 2), ["feature of XOR"]),
        (lambda X: np.sqrt(np.abs(X)), ["square root"]),
        (lambda X: (X**2).sum(axis=1), ["one feature, x1² + x2²", "shape (3, 2)"]),
        (lambda X: (X**2).sum(axis=1, keepdims=True), ["one feature, x1² + x2²"]),
        (lambda X: (X**2).T, ["transpose"]),
        (lambda X: np.column_stack([X**2, X]), ["wrong shape (3, 4)"]),
        (lambda X: X**2 + 1e-3, ["expected the columns x1², x2²"]),
        (squares_in_place, ["in place"]),
    ],
)
def test_circle_feature_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_circle_features, wrong, capsys, *fragments)


def test_circle_features_that_are_right_on_paper_but_fail_on_the_data_are_caught(capsys):
    def squares_only_for_small_inputs(X):  # right on the three-point case, not on the circles preset
        return X**2 if len(X) <= 3 else X

    fails_with(check_circle_features, squares_only_for_small_inputs, capsys, "circle points")

    def squares_except_for_training(X):  # right on both small cases, useless for training
        return X**2 if len(X) <= 20 else X

    fails_with(check_circle_features, squares_except_for_training, capsys, "reaches only", "> 95%")


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: how many polynomial features
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda n, d: math.comb(n + d, d), ["one too many", "constant"]),
        (lambda n, d: n * d, ["only the powers", "products"]),
        (lambda n, d: (d + 1) ** n - 1, ["its own power"]),
        (lambda n, d: (d + 1) * (d + 2) // 2 - 1, ["two inputs"]),
        (lambda n, d: math.comb(n + d - 1, d), ["expected"]),  # only the monomials of degree exactly d
        (lambda n, d: str(math.comb(n + d, d) - 1), ["return a number"]),
        (lambda n, d: [math.comb(n + d, d) - 1], ["return a number"]),
    ],
)
def test_counting_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_n_polynomial_features, wrong, capsys, *fragments)


def test_a_whole_number_as_a_float_or_numpy_integer_counts_as_right(capsys):
    passed, line = run_check(check_n_polynomial_features, lambda n, d: float(math.comb(n + d, d) - 1), capsys)
    assert passed, line
    passed, line = run_check(check_n_polynomial_features, lambda n, d: np.int64(math.comb(n + d, d) - 1), capsys)
    assert passed, line


# ----------------------------------------------------------------------------------------------------------------
# Exercise 3: choosing alpha on validation data
# ----------------------------------------------------------------------------------------------------------------
def _accuracies(X_fit, y_fit, X_score, y_score, degree, alphas):
    return [polynomial_model(degree, alpha).fit(X_fit, y_fit).score(X_score, y_score) for alpha in alphas]


def by_training_accuracy(X_train, y_train, X_val, y_val, degree, alphas):
    return alphas[int(np.argmax(_accuracies(X_train, y_train, X_train, y_train, degree, alphas)))]


def the_best_accuracy(X_train, y_train, X_val, y_val, degree, alphas):
    return max(_accuracies(X_train, y_train, X_val, y_val, degree, alphas))


def the_position(X_train, y_train, X_val, y_val, degree, alphas):
    return int(np.argmax(_accuracies(X_train, y_train, X_val, y_val, degree, alphas)))


def always_the_largest(X_train, y_train, X_val, y_val, degree, alphas):
    return alphas[-1]


def sorts_the_alphas(X_train, y_train, X_val, y_val, degree, alphas):
    alphas.sort(reverse=True)
    return alphas[int(np.argmax(_accuracies(X_train, y_train, X_val, y_val, degree, alphas)))]


def a_list(X_train, y_train, X_val, y_val, degree, alphas):
    return [alphas[int(np.argmax(_accuracies(X_train, y_train, X_val, y_val, degree, alphas)))]]


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (by_training_accuracy, ["best on the training points", "choose by validation accuracy"]),
        (the_best_accuracy, ["returns an accuracy"]),
        (the_position, ["position 3"]),
        (always_the_largest, ["expected α = 0.1, got 1.0", "validation accuracies"]),
        (sorts_the_alphas, ["changed the list alphas"]),
        (a_list, ["a number"]),
    ],
)
def test_choose_alpha_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_choose_alpha, wrong, capsys, *fragments)
