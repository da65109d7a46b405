"""The checks of notebook 05's exercises (logreg_exercises.separable): the notebook's own solutions pass, visibly and
hidden; the stubs are "not done yet"; the usual mistakes fail with a message that names them; an answer that
hard-codes the visible cases, or calls the function the exercise asks to write, fails the hidden cases."""

import numpy as np
import pytest
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

import logreg_core
from logreg_exercises._hidden import random_problem
from logreg_exercises.separable import (
    check_boundary_x2,
    check_first_perfect_iteration,
    check_gradient_descent,
    reference_boundary_x2,
    reference_first_perfect_iteration,
    reference_gradient_descent,
)

NOTEBOOK = "05_separable_clusters.ipynb"
EXERCISES = [
    ("separable-my-gradient-descent", "my_gradient_descent", check_gradient_descent, 3),
    ("separable-first-perfect-iteration", "first_perfect_iteration", check_first_perfect_iteration, 2),
    ("separable-boundary-x2", "boundary_x2", check_boundary_x2, 2),
]


def _define(cell_source, name):
    """Execute a solution cell (it may use the notebook's `np` and `core`); return its function."""
    return define(cell_source, name, {"np": np, "core": logreg_core})


def _solution(grade_id, name):
    return _define(solution_cell(NOTEBOOK, grade_id), name)


# ----------------------------------------------------------------------------------------------------------------
# The notebook's cells
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("grade_id", "name", "check", "points"), EXERCISES)
def test_the_notebooks_solution_passes_visible_and_hidden_cases(grade_id, name, check, points, capsys):
    solution = _solution(grade_id, name)
    passed, line = run_check(check, solution, capsys)
    assert passed and line == f"✅ {name}: correct. Well done!", line
    assert check(solution, hidden=True)
    assert capsys.readouterr().out == ""  # hidden cases that pass print nothing


@pytest.mark.parametrize(("grade_id", "name", "check", "points"), EXERCISES)
def test_the_students_stub_is_not_done_yet(grade_id, name, check, points, capsys):
    stub = student_version(solution_cell(NOTEBOOK, grade_id))
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    passed, line = run_check(check, _define(stub, name), capsys)
    assert not passed and line.startswith(f"⏳ {name}: not done yet"), line


@pytest.mark.parametrize(("grade_id", "name", "check", "points"), EXERCISES)
def test_the_graded_check_cell_follows_the_solution(grade_id, name, check, points):
    all_cells = cells(NOTEBOOK)
    ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in all_cells]
    check_cell = all_cells[ids.index(grade_id) + 1]
    assert source(check_cell) == (f"{check.__name__}({name})\n### BEGIN HIDDEN TESTS\n"
                                  f"{check.__name__}({name}, hidden=True)\n### END HIDDEN TESTS")
    assert check_cell["metadata"]["nbgrader"] == {
        "grade": True, "grade_id": f"{grade_id}-check", "locked": True, "points": points, "schema_version": 3,
        "solution": False, "task": False}
    assert check_cell["outputs"][0]["text"][0].startswith("✅")  # stored executed, with the solution's result


def test_the_references_pass(capsys):
    for check, reference in [(check_boundary_x2, reference_boundary_x2),
                             (check_first_perfect_iteration, reference_first_perfect_iteration)]:
        assert check(reference) and check(reference, hidden=True)
    # the reference descent calls core.gradient_descent, which the check forbids: it stands in for a stub only
    assert not check_gradient_descent(reference_gradient_descent)
    capsys.readouterr()


# ----------------------------------------------------------------------------------------------------------------
# my_gradient_descent
# ----------------------------------------------------------------------------------------------------------------
def descent_uphill(X_b, y, w0, learning_rate, n_iter):
    weights = [np.array(w0, dtype=float)]
    for _ in range(n_iter):
        weights.append(weights[-1] + learning_rate * logreg_core.gradient(X_b, y, weights[-1]))
    return np.array(weights)


def descent_storing_one_array(X_b, y, w0, learning_rate, n_iter):
    w = np.array(w0, dtype=float)
    weights = [w]
    for _ in range(n_iter):
        w -= learning_rate * logreg_core.gradient(X_b, y, w)  # changes the array already stored
        weights.append(w)
    return np.array(weights)


def descent_changing_w0(X_b, y, w0, learning_rate, n_iter):
    w = w0  # no copy
    weights = [w.copy()]
    for _ in range(n_iter):
        w -= learning_rate * logreg_core.gradient(X_b, y, w)
        weights.append(w.copy())
    return np.array(weights)


def _loop(X_b, y, w0, learning_rate, n_iter):
    weights = [np.array(w0, dtype=float)]
    for _ in range(n_iter):
        weights.append(weights[-1] - learning_rate * logreg_core.gradient(X_b, y, weights[-1]))
    return np.array(weights)


def descent_without_start(X_b, y, w0, learning_rate, n_iter):
    return _loop(X_b, y, w0, learning_rate, n_iter)[1:]


def descent_final_only(X_b, y, w0, learning_rate, n_iter):
    return _loop(X_b, y, w0, learning_rate, n_iter)[-1]


def descent_without_learning_rate(X_b, y, w0, learning_rate, n_iter):
    return _loop(X_b, y, w0, 1.0, n_iter)


def descent_one_step_short(X_b, y, w0, learning_rate, n_iter):
    weights = _loop(X_b, y, w0, learning_rate, n_iter - 1)
    return np.vstack([weights, weights[-1]])


def descent_calling_the_core(X_b, y, w0, learning_rate, n_iter):
    return logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter).weights


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (descent_uphill, "walks uphill"),
        (descent_storing_one_array, "every row is the same array"),
        (descent_changing_w0, "changed the caller's w0 in place"),
        (descent_without_start, "the starting weights w0 first"),
        (descent_final_only, "only the final weights"),
        (descent_without_learning_rate, "learning rate is not used"),
        (descent_one_step_short, "row 5 is"),
        (descent_calling_the_core, "write the loop yourself"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_descent_mistakes_are_named(wrong, message, capsys):
    fails_with(check_gradient_descent, wrong, capsys, "my_gradient_descent", message)


def test_hidden_descent_cases_fail_a_hard_coded_answer(capsys):
    """An answer that returns the visible cases' weights, whatever it is asked, passes them and fails the hidden."""

    X_b, y = random_problem(10, 2, seed=4)
    visible = {(0.5, 5): _loop(X_b, y, np.zeros(3), 0.5, 5),
               (0.3, 20): _loop(X_b, y, np.random.default_rng(40).uniform(size=3), 0.3, 20)}

    def hard_coded(X_b, y, w0, learning_rate, n_iter):
        return visible.get((learning_rate, n_iter), np.zeros((n_iter + 1, len(w0))))

    assert run_check(check_gradient_descent, hard_coded, capsys)[0]
    assert not check_gradient_descent(hard_coded, hidden=True)
    assert capsys.readouterr().out.startswith("❌ my_gradient_descent")


# ----------------------------------------------------------------------------------------------------------------
# boundary_x2
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda w, x1: (w[0] + w[1] * x1) / w[2], "sign is flipped"),
        (lambda w, x1: -(w[1] * x1) / w[2], "intercept w0 is missing"),
        (lambda w, x1: -(w[0] + w[2] * x1) / w[1], "w1 and w2 are swapped"),
        (lambda w, x1: -(w[0] + w[1] * x1) / w[1], "divides by w1"),
        (lambda w, x1: -(w[1] + w[2] * x1) / w[0], "shifted by one"),
        (lambda w, x1: float(-(w[0] + w[1] * np.ravel(x1)[0]) / w[2]), "wrong shape"),
        (lambda w, x1: -(w[0] + w[1] * x1) / w[2] + 0.1, "not on the boundary"),
    ],
)
def test_boundary_mistakes_are_named(wrong, message, capsys):
    fails_with(check_boundary_x2, wrong, capsys, "boundary_x2", message)


def test_a_boundary_that_changes_its_input_fails(capsys):
    def in_place(w, x1):
        x1 *= w[1]
        x1 += w[0]
        return -x1 / w[2]

    fails_with(check_boundary_x2, in_place, capsys, "in place")


def test_hidden_boundary_cases_fail_a_hard_coded_answer(capsys):
    def hard_coded(w, x1):  # right for the visible weights only
        if np.allclose(w, [1.0, 2.0, 4.0]) or np.allclose(w, [-0.5, 1.5, -2.0]) or np.allclose(w, [-1.1, 1.7, -2.3]):
            return reference_boundary_x2(w, x1)
        return np.zeros_like(np.asarray(x1, dtype=float))

    assert run_check(check_boundary_x2, hard_coded, capsys)[0]
    assert not check_boundary_x2(hard_coded, hidden=True)
    assert capsys.readouterr().out.startswith("❌ boundary_x2")


# ----------------------------------------------------------------------------------------------------------------
# first_perfect_iteration
# ----------------------------------------------------------------------------------------------------------------
def _flags(X_b, y, weights):
    return [bool(np.all(logreg_core.predict(X_b, w) == y)) for w in weights]


def counting_from_one(X_b, y, weights):
    flags = _flags(X_b, y, weights)
    return flags.index(True) + 1 if True in flags else None


def last_perfect(X_b, y, weights):
    flags = _flags(X_b, y, weights)
    return len(flags) - 1 if True in flags else None


def minus_one_when_never(X_b, y, weights):
    flags = _flags(X_b, y, weights)
    return flags.index(True) if True in flags else -1


def forgets_iteration_zero(X_b, y, weights):
    flags = _flags(X_b, y, weights)
    index = flags.index(True) if True in flags else None
    return index if index else None  # the classic `if index:` trap: 0 is falsy


def returns_the_accuracy(X_b, y, weights):
    return float(np.mean(logreg_core.predict(X_b, weights[-1]) == y))


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (counting_from_one, "off by one"),
        (last_perfect, "returns the last iteration"),
        (minus_one_when_never, "return None when no iteration reaches 100%"),
        (forgets_iteration_zero, "is None"),
        (returns_the_accuracy, "whole number"),
    ],
)
def test_first_perfect_mistakes_are_named(wrong, message, capsys):
    fails_with(check_first_perfect_iteration, wrong, capsys, "first_perfect_iteration", message)


def test_hidden_first_perfect_cases_fail_a_hard_coded_answer(capsys):
    answers = iter([204, 0, None] * 2)  # the visible cases' answers, in the order the check asks

    def hard_coded(X_b, y, weights):
        return next(answers)

    assert run_check(check_first_perfect_iteration, hard_coded, capsys)[0]
    assert not check_first_perfect_iteration(hard_coded, hidden=True)
    assert capsys.readouterr().out.startswith("❌ first_perfect_iteration")


def test_under_nbgrader_a_failing_hidden_case_raises_with_its_line(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="❌ boundary_x2"):
        check_boundary_x2(lambda w, x1: np.zeros_like(np.asarray(x1, dtype=float)), hidden=True)
    assert capsys.readouterr().out == ""
