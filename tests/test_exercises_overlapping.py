"""The checks of notebook 06's exercises (logreg_exercises.overlapping): the notebook's own solutions pass, visibly
and hidden; the stubs are "not done yet"; the usual mistakes fail with a message that names them; an answer that
hard-codes the visible cases fails the hidden ones."""

import math

import numpy as np
import pytest

from logreg_exercises.overlapping import (
    check_bayes_accuracy,
    check_bayes_weights,
    reference_bayes_accuracy,
    reference_bayes_weights,
)
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

NOTEBOOK = "06_overlapping_clusters.ipynb"
EXERCISES = [
    ("overlapping-bayes-accuracy", "bayes_accuracy", check_bayes_accuracy, 2),
    ("overlapping-bayes-weights", "bayes_weights", check_bayes_weights, 3),
]


def _define(cell_source, name):
    return define(cell_source, name, {"np": np})


@pytest.mark.parametrize(("grade_id", "name", "check", "points"), EXERCISES)
def test_the_notebooks_solution_passes_visible_and_hidden_cases(grade_id, name, check, points, capsys):
    solution = _define(solution_cell(NOTEBOOK, grade_id), name)
    passed, line = run_check(check, solution, capsys)
    assert passed and line == f"✅ {name}: correct. Well done!", line
    assert check(solution, hidden=True)
    assert capsys.readouterr().out == ""


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
    assert check_cell["outputs"][0]["text"][0].startswith("✅")


def test_the_references_pass(capsys):
    for check, reference in [(check_bayes_accuracy, reference_bayes_accuracy),
                             (check_bayes_weights, reference_bayes_weights)]:
        assert check(reference) and check(reference, hidden=True)
    capsys.readouterr()


# ----------------------------------------------------------------------------------------------------------------
# bayes_accuracy
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
    fails_with(check_bayes_accuracy, wrong, capsys, "bayes_accuracy", message)


def test_hidden_accuracy_cases_fail_a_hard_coded_answer(capsys):
    table = {(3.0, 1.0): _phi(1.5), (3.0, 2.0): _phi(0.75), (0.0, 1.0): 0.5, (7.0, 1.0): _phi(3.5)}

    def hard_coded(d, s):
        return table.get((d, s), 0.5)

    assert run_check(check_bayes_accuracy, hard_coded, capsys)[0]
    assert not check_bayes_accuracy(hard_coded, hidden=True)
    assert capsys.readouterr().out.startswith("❌ bayes_accuracy")


# ----------------------------------------------------------------------------------------------------------------
# bayes_weights
# ----------------------------------------------------------------------------------------------------------------
def _equal_priors(mean0, mean1, s):
    return np.r_[-(mean1 @ mean1 - mean0 @ mean0) / (2 * s**2), (mean1 - mean0) / s**2]


def _log_odds(prior1):
    return np.log(prior1 / (1 - prior1)) * np.eye(3)[0]


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s), "priors are missing"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s) - _log_odds(p), "wrong sign"),
        (lambda m0, m1, s, p: -(_equal_priors(m0, m1, s) + _log_odds(p)), "signs are flipped"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, np.sqrt(s)) + _log_odds(p), "variance"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s) + np.log(p) * np.eye(3)[0], "log of a ratio"),
        (lambda m0, m1, s, p: (_equal_priors(m0, m1, s) + _log_odds(p))[1:], "wrong shape"),
        (lambda m0, m1, s, p: _equal_priors(m0, m1, s) + 2 * _log_odds(p), "Bayes' rule gives"),
    ],
)
def test_bayes_weights_mistakes_are_named(wrong, message, capsys):
    fails_with(check_bayes_weights, wrong, capsys, "bayes_weights", message)


def test_hidden_weights_cases_fail_a_hard_coded_answer(capsys):
    visible = {0.5: reference_bayes_weights([0.0, 3.0], [3.0, 0.0], 1.0, 0.5),
               0.75: reference_bayes_weights([0.0, 3.0], [3.0, 0.0], 1.0, 0.75),
               0.1: reference_bayes_weights([1.0, 2.0], [2.0, -1.0], 1.5, 0.1)}

    def hard_coded(mean0, mean1, cluster_std, prior1):
        return visible.get(prior1, np.zeros(3))

    assert run_check(check_bayes_weights, hard_coded, capsys)[0]
    assert not check_bayes_weights(hard_coded, hidden=True)
    assert capsys.readouterr().out.startswith("❌ bayes_weights")
