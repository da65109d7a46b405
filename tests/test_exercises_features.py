"""The checks of notebook 12's exercises (logreg_exercises.features): the notebook's own solutions pass, visibly and
in the hidden tests (silently); the student's stub is "not done yet"; typical mistakes fail with a message that
names them; answers hard-coded for the visible cases, or a count asked of scikit-learn, fail the hidden ones; and
the cells carry nbgrader's metadata."""

import math

import numpy as np
import pytest
import sklearn.preprocessing
from sklearn.preprocessing import PolynomialFeatures

from logreg_exercises.features import (
    check_circle_features,
    check_n_polynomial_features,
    reference_circle_features,
    reference_n_polynomial_features,
)
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

NOTEBOOK = "12_draw_your_own_data.ipynb"
EXERCISES = {
    # function name: (grade_id, check, points)
    "circle_features": ("features-circle-features", check_circle_features, 1),
    "n_polynomial_features": ("features-n-polynomial-features", check_n_polynomial_features, 2),
}


def _define(cell_source, name):
    """Execute a solution cell with what the notebook has imported by then, and return its function."""
    return define(cell_source, name, {"np": np, "math": math, "PolynomialFeatures": PolynomialFeatures})


def hidden_run(check, function, capsys):
    """Run ``check(function, hidden=True)``; return ``(passed, what it printed)``."""
    passed = check(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes_visibly_and_hidden_silently(name, capsys):
    grade_id, check, _ = EXERCISES[name]
    function = _define(solution_cell(NOTEBOOK, grade_id), name)
    passed, line = run_check(check, function, capsys)
    assert passed, line
    assert line == f"✅ {name}: correct. Well done!"
    assert hidden_run(check, function, capsys) == (True, "")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_students_stub_is_not_done_yet_visibly_and_hidden(name, capsys):
    grade_id, check, _ = EXERCISES[name]
    stub = student_version(solution_cell(NOTEBOOK, grade_id))
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    function = _define(stub, name)
    passed, line = run_check(check, function, capsys)
    assert not passed and line.startswith(f"⏳ {name}: not done yet")
    assert hidden_run(check, function, capsys) == (False, line)


@pytest.mark.parametrize("name", EXERCISES)
def test_under_nbgrader_a_failing_check_raises_with_its_line(name, capsys, monkeypatch):
    grade_id, check, _ = EXERCISES[name]
    stub = _define(student_version(solution_cell(NOTEBOOK, grade_id)), name)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    for hidden in (False, True):
        with pytest.raises(AssertionError, match=f"⏳ {name}: not done yet"):
            check(stub, hidden=hidden)
    assert capsys.readouterr().out == ""


def test_every_exercise_cell_carries_its_nbgrader_metadata():
    notebook = cells(NOTEBOOK)
    graded = {cell["metadata"]["nbgrader"]["grade_id"]: (index, cell)
              for index, cell in enumerate(notebook) if "nbgrader" in cell["metadata"]}
    grade_ids = [grade_id for grade_id, *_ in EXERCISES.values()]
    assert sorted(graded) == sorted(grade_ids + [f"{grade_id}-check" for grade_id in grade_ids])
    for name, (grade_id, check, points) in EXERCISES.items():
        (index, solution), (check_index, test) = graded[grade_id], graded[f"{grade_id}-check"]
        assert solution["metadata"]["nbgrader"] == {"grade": False, "grade_id": grade_id, "locked": False,
                                                    "schema_version": 3, "solution": True, "task": False}
        assert test["metadata"]["nbgrader"] == {"grade": True, "grade_id": f"{grade_id}-check", "locked": True,
                                                "points": points, "schema_version": 3, "solution": False,
                                                "task": False}
        assert check_index == index + 1
        assert source(test) == (f"{check.__name__}({name})\n### BEGIN HIDDEN TESTS\n"
                                f"{check.__name__}({name}, hidden=True)\n### END HIDDEN TESTS")
        assert "".join(test["outputs"][0]["text"]) == f"✅ {name}: correct. Well done!\n"


# ----------------------------------------------------------------------------------------------------------------
# circle_features
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


def test_circle_features_hard_coded_for_the_visible_cases_fail_the_hidden_ones(capsys):
    def squares_for_the_visible_sizes(X):  # right for 3, 20, 200 and 1000 points, the visible cases
        return X**2 if len(X) in (3, 20, 200, 1000) else np.zeros_like(X)

    assert run_check(check_circle_features, squares_for_the_visible_sizes, capsys)[0]
    passed, said = hidden_run(check_circle_features, squares_for_the_visible_sizes, capsys)
    assert not passed and said.startswith("❌ circle_features: one point")


# ----------------------------------------------------------------------------------------------------------------
# n_polynomial_features
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


def test_a_count_asked_of_scikit_learn_passes_visibly_and_fails_hidden(capsys):
    """The hidden run switches PolynomialFeatures off, in scikit-learn and in the notebook's namespace, while the
    student's function runs, and puts it back afterwards."""
    namespace = {"PolynomialFeatures": PolynomialFeatures, "np": np}
    exec("def n_polynomial_features(n_inputs, degree):\n"  # noqa: S102 - a student's answer, as the notebook has it
         "    return PolynomialFeatures(degree, include_bias=False).fit(np.zeros((1, n_inputs))).n_output_features_\n",
         namespace)
    asks_scikit_learn = namespace["n_polynomial_features"]
    assert run_check(check_n_polynomial_features, asks_scikit_learn, capsys)[0]
    passed, said = hidden_run(check_n_polynomial_features, asks_scikit_learn, capsys)
    assert not passed and "PolynomialFeatures is switched off" in said and "math.comb" in said
    assert namespace["PolynomialFeatures"] is PolynomialFeatures
    assert sklearn.preprocessing.PolynomialFeatures is PolynomialFeatures
    assert reference_n_polynomial_features(30, 3) == 5455


def test_a_count_hard_coded_for_the_visible_cases_fails_the_hidden_ones(capsys):
    visible = {(2, 2): 5, (3, 4): 34, (2, 1): 2, (2, 3): 9, (2, 10): 65, (1, 5): 5, (3, 2): 9, (30, 3): 5455}
    hard_coded = lambda n, d: visible.get((n, d), 0)  # noqa: E731
    assert run_check(check_n_polynomial_features, hard_coded, capsys)[0]
    passed, said = hidden_run(check_n_polynomial_features, hard_coded, capsys)
    assert not passed and said.startswith("❌ n_polynomial_features: 4 inputs, degree 3")


def test_the_reference_circle_features_are_the_squares():
    X = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_array_equal(reference_circle_features(X), X**2)


@pytest.mark.parametrize("check", [check_circle_features, check_n_polynomial_features])
def test_a_function_without_return_is_told_so(check, capsys):
    def forgot_return(*args):
        args[0] ** 2  # computed, and dropped

    fails_with(check, forgot_return, capsys, "it returned None", "`return` missing")
    passed, said = hidden_run(check, forgot_return, capsys)
    assert not passed and "it returned None" in said
