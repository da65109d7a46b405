"""The checks of notebooks 04 and 05: the notebooks' own solutions pass, typical mistakes fail with a message that
names the mistake, and a student's stub is reported as "not done yet"."""

import math

import numpy as np
import pytest

import logreg_core
from logreg_exercises.nb04 import check_boundary_x2, check_first_perfect_iteration
from logreg_exercises.nb05 import check_bayes_accuracy, check_bayes_weights
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version


def _define(cell_source, name):
    """Execute a solution cell (it may use the notebook's `np`, `math` and `logreg_core`); return its function."""
    return define(cell_source, name, {"np": np, "math": math, "core": logreg_core})


EXERCISES = [
    ("04_separable_clusters.ipynb", "nb04-boundary-x2", "boundary_x2", check_boundary_x2),
    ("04_separable_clusters.ipynb", "nb04-first-perfect", "first_perfect_iteration", check_first_perfect_iteration),
    ("05_overlapping_clusters.ipynb", "nb05-bayes-accuracy", "bayes_accuracy", check_bayes_accuracy),
    ("05_overlapping_clusters.ipynb", "nb05-bayes-weights", "bayes_weights", check_bayes_weights),
]


@pytest.mark.parametrize(("notebook", "grade_id", "name", "check"), EXERCISES)
def test_the_notebooks_solution_passes(notebook, grade_id, name, check, capsys):
    passed, line = run_check(check, _define(solution_cell(notebook, grade_id), name), capsys)
    assert passed and line.startswith("✅"), line


@pytest.mark.parametrize(("notebook", "grade_id", "name", "check"), EXERCISES)
def test_the_students_stub_is_not_done_yet(notebook, grade_id, name, check, capsys):
    stub = student_version(solution_cell(notebook, grade_id))
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    passed, line = run_check(check, _define(stub, name), capsys)
    assert not passed and line.startswith("⏳"), line


@pytest.mark.parametrize(("notebook", "grade_id", "name", "check"), EXERCISES)
def test_the_check_cell_follows_the_solution(notebook, grade_id, name, check):
    all_cells = cells(notebook)
    ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in all_cells]
    check_cell = all_cells[ids.index(grade_id) + 1]
    assert source(check_cell).strip() == f"{check.__name__}({name})"
    assert check_cell["metadata"]["nbgrader"] == {"grade": False, "grade_id": f"{grade_id}-check", "locked": True,
                                                   "schema_version": 3, "solution": False, "task": False}
    assert check_cell["outputs"][0]["text"][0].startswith("✅")  # stored executed, with the solution's result


# ----------------------------------------------------------------------------------------------------------------
# Notebook 04, Exercise 1: the boundary line
# ----------------------------------------------------------------------------------------------------------------
BOUNDARY_MISTAKES = [
    (lambda w, x1: (w[0] + w[1] * x1) / w[2], "sign is flipped"),
    (lambda w, x1: -(w[1] * x1) / w[2], "intercept w0 is missing"),
    (lambda w, x1: -(w[0] + w[2] * x1) / w[1], "w1 and w2 are swapped"),
    (lambda w, x1: -(w[0] + w[1] * x1) / w[1], "divides by w1"),
    (lambda w, x1: -(w[1] + w[2] * x1) / w[0], "shifted by one"),
    (lambda w, x1: float(-(w[0] + w[1] * np.ravel(x1)[0]) / w[2]), "wrong shape"),
    (lambda w, x1: -(w[0] + w[1] * x1) / w[2] + 0.1, "not on the boundary"),
]


@pytest.mark.parametrize(("wrong", "message"), BOUNDARY_MISTAKES)
def test_boundary_mistakes_are_named(wrong, message, capsys):
    fails_with(check_boundary_x2, wrong, capsys, message)


def test_boundary_that_changes_its_input_fails(capsys):
    def in_place(w, x1):
        x1 *= w[1]
        x1 += w[0]
        return -x1 / w[2]

    fails_with(check_boundary_x2, in_place, capsys, "in place")


# ----------------------------------------------------------------------------------------------------------------
# Notebook 04, Exercise 2: the first perfect iteration
# ----------------------------------------------------------------------------------------------------------------
def _perfect_flags(X_b, y, weights):
    return [bool(np.all(logreg_core.predict(X_b, w) == y)) for w in weights]


def first_perfect_counting_from_one(X_b, y, weights):
    flags = _perfect_flags(X_b, y, weights)
    return flags.index(True) + 1 if True in flags else None


def last_perfect(X_b, y, weights):
    flags = _perfect_flags(X_b, y, weights)
    return len(flags) - 1 if True in flags else None


def minus_one_when_never(X_b, y, weights):
    flags = _perfect_flags(X_b, y, weights)
    return flags.index(True) if True in flags else -1


def forgets_iteration_zero(X_b, y, weights):
    flags = _perfect_flags(X_b, y, weights)
    index = flags.index(True) if True in flags else None
    return index if index else None  # the classic `if index:` trap: 0 is falsy


def returns_the_accuracy(X_b, y, weights):
    return float(np.mean(logreg_core.predict(X_b, weights[-1]) == y))


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (first_perfect_counting_from_one, "off by one"),
        (last_perfect, "returns the last iteration"),
        (minus_one_when_never, "return None when no iteration reaches 100%"),
        (forgets_iteration_zero, "is None"),
        (returns_the_accuracy, "whole number"),
    ],
)
def test_first_perfect_mistakes_are_named(wrong, message, capsys):
    fails_with(check_first_perfect_iteration, wrong, capsys, message)


# ----------------------------------------------------------------------------------------------------------------
# Notebook 05, Exercise 1: the best expected accuracy
# ----------------------------------------------------------------------------------------------------------------
def _phi(t):
    return 0.5 * (1 + math.erf(t / math.sqrt(2)))


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda d, s: 1 - _phi(d / (2 * s)), "error rate"),
        (lambda d, s: _phi(d / s), "half"),
        (lambda d, s: _phi(d / (2 * s**2)), "not the variance"),
        (lambda d, s: math.exp(-((d / (2 * s)) ** 2) / 2) / math.sqrt(2 * math.pi), "density"),
        (lambda d, s: 0.5 * (1 + math.erf(d / (2 * s))), "expected"),  # forgot the sqrt(2): no named mistake
        (lambda d, s: np.array([_phi(d / (2 * s))] * 2), "one number"),
    ],
)
def test_bayes_accuracy_mistakes_are_named(wrong, message, capsys):
    fails_with(check_bayes_accuracy, wrong, capsys, message)


# ----------------------------------------------------------------------------------------------------------------
# Notebook 05, Exercise 2: the Bayes weights with unequal priors
# ----------------------------------------------------------------------------------------------------------------
def _equal_priors(mean0, mean1, cluster_std):
    variance = cluster_std**2
    return np.r_[-(mean1 @ mean1 - mean0 @ mean0) / (2 * variance), (mean1 - mean0) / variance]


def _log_odds(prior1):
    return np.log(prior1 / (1 - prior1))


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s), "priors are missing"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s) - _log_odds(p) * np.eye(3)[0], "wrong sign"),
        (lambda m0, m1, s, p: -(_equal_priors(m0, m1, s) + _log_odds(p) * np.eye(3)[0]), "signs are flipped"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, np.sqrt(s)) + _log_odds(p) * np.eye(3)[0], "variance"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s) + np.log(p) * np.eye(3)[0], "log of a ratio"),
        (lambda m0, m1, s, p: (_equal_priors(m0, m1, s) + _log_odds(p) * np.eye(3)[0])[1:], "wrong shape"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s) + 2 * _log_odds(p) * np.eye(3)[0], "Bayes' rule gives"),
    ],
)
def test_bayes_weights_mistakes_are_named(wrong, message, capsys):
    fails_with(check_bayes_weights, wrong, capsys, message)
