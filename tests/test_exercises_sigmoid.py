"""The exercise checks of notebook 01 (logreg_exercises.sigmoid): the notebook's reference solutions pass, visible
and hidden; the student's stub is "not done yet"; each typical mistake fails with a message that names it; the
hidden cases fail an answer that hard-codes the visible ones or leans on the core.

The reference solutions are read from the stored notebook (the cells carrying nbgrader metadata), so the tests
follow the notebook and cannot drift from it.
"""

import math

import numpy as np
import pytest

import logreg_core
from logreg_exercises.sigmoid import check_sigmoid, check_x_at_probability, reference_x_at_probability
from notebook_cells import define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "01_sigmoid.ipynb"
EXERCISES = {"sigmoid-my-sigmoid": ("my_sigmoid", check_sigmoid),
             "sigmoid-x-at-probability": ("x_at_probability", check_x_at_probability)}


def _define(source, name):
    return define(source, name, {"np": np, "core": logreg_core})


def _hidden(check, function, capsys):
    """Run the hidden cases: (passed, what they printed)."""
    passed = check(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


@pytest.mark.parametrize("grade_id", EXERCISES)
def test_reference_solution_passes_visible_and_hidden(grade_id, capsys):
    name, check = EXERCISES[grade_id]
    function = _define(solution_cell(NOTEBOOK, grade_id), name)
    passed, line = run_check(check, function, capsys)
    assert passed and line.startswith("✅"), line
    assert _hidden(check, function, capsys) == (True, ""), "hidden cases: silent when they pass"


@pytest.mark.parametrize("grade_id", EXERCISES)
def test_student_version_is_not_done_yet(grade_id, capsys):
    name, check = EXERCISES[grade_id]
    student = _define(student_version(solution_cell(NOTEBOOK, grade_id)), name)
    passed, line = run_check(check, student, capsys)
    assert not passed and line.startswith("⏳") and "not done yet" in line


def test_under_nbgrader_a_wrong_answer_raises_with_its_line(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="σ\\(0\\) should be exactly 0.5"):
        check_sigmoid(lambda z: 1 / 1 + np.exp(-np.abs(z)))
    with pytest.raises(AssertionError, match="not done yet"):
        check_x_at_probability(_define(student_version(solution_cell(NOTEBOOK, "sigmoid-x-at-probability")),
                                       "x_at_probability"), hidden=True)


# --------------------------------------------------------------------------------------------------------------
# my_sigmoid
# --------------------------------------------------------------------------------------------------------------
def _stable_sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


WRONG_SIGMOIDS = {
    "naive formula": (lambda z: 1 / (1 + np.exp(-z)), "overflow encountered in exp"),
    "other naive form": (lambda z: np.exp(z) / (1 + np.exp(z)), "overflow encountered in exp"),
    "np.where with both branches": (
        lambda z: np.where(np.asarray(z) >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z))),
        "np.where computes both",
    ),
    "sign error": (lambda z: _stable_sigmoid(-np.asarray(z)), "check the sign in the exponent"),
    "missing parentheses": (lambda z: 1 / 1 + np.exp(-np.abs(z)), "σ(0) should be exactly 0.5"),
    "math.exp": (lambda z: 1 / (1 + math.exp(-z)), "Use np.exp"),
    "returns a list": (lambda z: [float(v) for v in np.ravel(_stable_sigmoid(z))], "one number in"),
    "float32": (lambda z: _stable_sigmoid(z).astype(np.float32), "float32"),
    "1 minus a number close to 1": (
        lambda z: np.where(np.asarray(z) >= 0, _stable_sigmoid(z), 1 - _stable_sigmoid(-np.asarray(z))),
        "loses small probabilities",
    ),
    "clipped": (lambda z: np.clip(_stable_sigmoid(z), 1e-15, 1 - 1e-15), "tiny probabilities"),
}


@pytest.mark.parametrize("mistake", WRONG_SIGMOIDS)
def test_typical_sigmoid_mistake_fails_with_a_reason(mistake, capsys):
    function, expected = WRONG_SIGMOIDS[mistake]
    fails_with(check_sigmoid, function, capsys, expected)


def test_the_core_sigmoid_passes_its_own_check(capsys):
    assert run_check(check_sigmoid, logreg_core.sigmoid, capsys)[0]


def test_hidden_sigmoid_cases_fail_an_answer_that_calls_the_core(capsys):
    passed, line = _hidden(check_sigmoid, lambda z: logreg_core.sigmoid(z), capsys)
    assert not passed and line.startswith("❌ my_sigmoid: other scores, with NumPy only:")
    assert "core.sigmoid is switched off" in line
    assert logreg_core.sigmoid(0.0) == 0.5, "the core is back after the check"


def test_hidden_sigmoid_cases_fail_an_answer_that_knows_only_the_visible_shapes(capsys):
    def visible_only(z):
        z = np.asarray(z, dtype=np.float64)
        return _stable_sigmoid(z) if z.ndim <= 2 else np.zeros(z.shape[:2])  # no 3-D arrays in the visible cases

    assert run_check(check_sigmoid, visible_only, capsys)[0]
    passed, line = _hidden(check_sigmoid, visible_only, capsys)
    assert not passed and "should give an output of shape (3, 4, 5)" in line


# --------------------------------------------------------------------------------------------------------------
# x_at_probability
# --------------------------------------------------------------------------------------------------------------
def _log_odds(p):
    return np.log(p) - np.log1p(-p)


WRONG_X_AT_PROBABILITY = {
    "b / a": (lambda a, b, p: b / a + 0 * p, "the boundary is where a·x + b = 0"),
    "log p for the log-odds": (lambda a, b, p: (np.log(p) - b) / a, "the boundary is where"),
    "log-odds upside down": (lambda a, b, p: (_log_odds(1 - p) - b) / a, "That is 1 − p"),
    "forgot b": (lambda a, b, p: _log_odds(p) / a, "b went missing"),
    "math.log": (lambda a, b, p: (math.log(p / (1 - p)) - b) / a, "Use np.log"),
    "one x for many p": (lambda a, b, p: np.atleast_1d((_log_odds(p) - b) / a), "one p in should give one x out"),
}


@pytest.mark.parametrize("mistake", WRONG_X_AT_PROBABILITY)
def test_typical_x_at_probability_mistake_fails_with_a_reason(mistake, capsys):
    function, expected = WRONG_X_AT_PROBABILITY[mistake]
    fails_with(check_x_at_probability, function, capsys, expected)


def test_the_reference_x_at_probability_passes(capsys):
    assert run_check(check_x_at_probability, reference_x_at_probability, capsys)[0]
    assert _hidden(check_x_at_probability, reference_x_at_probability, capsys) == (True, "")


def test_hidden_x_cases_fail_an_answer_that_hard_codes_the_visible_ones(capsys):
    visible = {(2.0, -5.0): 2.5, (-1.0, 3.0): 3.0, (0.5, 1.0): -2.0}

    def hard_coded(a, b, p):
        if np.ndim(p) == 0 and p == 0.5:
            return visible.get((a, b), 0.0)
        return reference_x_at_probability(a, b, p)

    assert run_check(check_x_at_probability, hard_coded, capsys)[0]
    passed, line = _hidden(check_x_at_probability, hard_coded, capsys)
    assert not passed and line.startswith("❌ x_at_probability: other models, p = 0.5:")
