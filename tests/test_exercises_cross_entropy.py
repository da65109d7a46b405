"""The exercise checks of notebook 02 (logreg_exercises.cross_entropy): the notebook's reference solutions pass,
visible and hidden; the student's stub is "not done yet"; each typical mistake fails with a message that names it;
the hidden cases fail an answer that hard-codes the visible ones or leans on the core.
"""

import numpy as np
import pytest

import logreg_core
from logreg_exercises.cross_entropy import (
    _HIDDEN_LABEL_SETS,
    _LABEL_SETS,
    _best_intercept,
    check_best_constant_probability,
    check_mean_bce,
    reference_best_constant_probability,
    reference_mean_bce,
)
from notebook_cells import define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "02_cross_entropy.ipynb"
EXERCISES = {"cross-entropy-mean-bce": ("mean_bce", check_mean_bce),
             "cross-entropy-best-constant-probability": ("best_constant_probability", check_best_constant_probability)}


def _define(source, name):
    return define(source, name, {"np": np, "core": logreg_core})


def _hidden(check, function, capsys):
    passed = check(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


@pytest.mark.parametrize("grade_id", EXERCISES)
def test_reference_solution_passes_visible_and_hidden(grade_id, capsys):
    name, check = EXERCISES[grade_id]
    function = _define(solution_cell(NOTEBOOK, grade_id), name)
    passed, line = run_check(check, function, capsys)
    assert passed and line.startswith("✅"), line
    assert _hidden(check, function, capsys) == (True, "")


@pytest.mark.parametrize("grade_id", EXERCISES)
def test_student_version_is_not_done_yet(grade_id, capsys):
    name, check = EXERCISES[grade_id]
    student = _define(student_version(solution_cell(NOTEBOOK, grade_id)), name)
    passed, line = run_check(check, student, capsys)
    assert not passed and line.startswith("⏳") and "not done yet" in line


@pytest.mark.parametrize("reference", [reference_mean_bce, reference_best_constant_probability])
def test_the_references_the_notebook_falls_back_on_pass(reference, capsys):
    check = check_mean_bce if reference is reference_mean_bce else check_best_constant_probability
    assert run_check(check, reference, capsys)[0]


# --------------------------------------------------------------------------------------------------------------
# mean_bce
# --------------------------------------------------------------------------------------------------------------
def _naive_from_p(z, y):
    p = logreg_core.sigmoid(z)
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _clipped_from_p(z, y):
    p = np.clip(logreg_core.sigmoid(z), 1e-15, 1 - 1e-15)
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


WRONG_MEAN_BCE = {
    "no mean": (lambda z, y: np.logaddexp(0, (1 - 2 * y) * z), "one number (np.mean)"),
    "cases swapped": (lambda z, y: np.mean(np.logaddexp(0, (2 * y - 1) * z)), "are the two cases swapped"),
    "sum": (lambda z, y: np.sum(np.logaddexp(0, (1 - 2 * y) * z)), "That is the sum"),
    "log of p": (_naive_from_p, "divide by zero encountered in log"),
    "log(1 + exp)": (lambda z, y: np.mean(np.log(1 + np.exp((1 - 2 * y) * z))), "overflow encountered in exp"),
    "clipped p": (_clipped_from_p, "should give 400"),
}


@pytest.mark.parametrize("mistake", WRONG_MEAN_BCE)
def test_typical_mean_bce_mistake_fails_with_a_reason(mistake, capsys):
    function, expected = WRONG_MEAN_BCE[mistake]
    fails_with(check_mean_bce, function, capsys, expected)


def test_hidden_mean_bce_cases_fail_an_answer_that_calls_the_core(capsys):
    def from_core(z, y):
        return float(np.mean(logreg_core.bce_from_logits(z, y)))

    assert run_check(check_mean_bce, from_core, capsys)[0]
    passed, line = _hidden(check_mean_bce, from_core, capsys)
    assert not passed and "core.bce_from_logits is switched off" in line
    assert logreg_core.bce_from_logits(0.0, 1) == pytest.approx(np.log(2)), "the core is back after the check"


def test_hidden_mean_bce_cases_fail_an_answer_that_hard_codes_the_visible_ones(capsys):
    def hard_coded(z, y):  # right for the visible cases' sizes (1 and 4 samples), a guess for any other
        z = np.asarray(z, dtype=float)
        return float(np.mean(np.logaddexp(0.0, (1 - 2 * np.asarray(y)) * z))) if len(z) <= 4 else 0.7

    assert run_check(check_mean_bce, hard_coded, capsys)[0]
    assert not _hidden(check_mean_bce, hard_coded, capsys)[0]


# --------------------------------------------------------------------------------------------------------------
# best_constant_probability
# --------------------------------------------------------------------------------------------------------------
WRONG_BEST_CONSTANT = {
    "always one half": (lambda y: 0.5, "yours, p = 0.5000, has loss"),
    "class 0": (lambda y: 1 - np.mean(y), "not class 1"),
    "median": (lambda y: float(np.median(y)), "not a probability strictly between 0 and 1"),
    "per sample": (lambda y: np.asarray(y, dtype=float), "it should return one probability"),
}


@pytest.mark.parametrize("mistake", WRONG_BEST_CONSTANT)
def test_typical_best_constant_mistake_fails_with_a_reason(mistake, capsys):
    function, expected = WRONG_BEST_CONSTANT[mistake]
    fails_with(check_best_constant_probability, function, capsys, expected)


def test_hidden_best_constant_cases_fail_an_answer_that_hard_codes_the_visible_ones(capsys):
    answers = {len(y): float(np.mean(y)) for y in _LABEL_SETS}

    def hard_coded(y):
        return answers.get(len(y), 0.5)

    assert run_check(check_best_constant_probability, hard_coded, capsys)[0]
    passed, line = _hidden(check_best_constant_probability, hard_coded, capsys)
    assert not passed and line.startswith("❌ best_constant_probability: other sets of labels:")


def test_best_constant_is_found_without_the_formula():
    """The check's answer comes from gradient descent on the core's loss; it must agree with calculus (the mean)."""
    for y in _LABEL_SETS + _HIDDEN_LABEL_SETS:
        assert logreg_core.sigmoid(_best_intercept(y)) == pytest.approx(np.mean(y), rel=1e-9)
