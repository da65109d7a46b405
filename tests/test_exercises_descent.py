"""The exercise check of notebook 04 (logreg_exercises.descent): the notebook's solution passes, visible and hidden;
the student's stub is "not done yet"; typical mistakes fail with a message that names them; the hidden cases fail an
answer that leans on core.gradient_descent."""

import numpy as np
import pytest

import logreg_core
from logreg_exercises.descent import check_descent_step, reference_descent_step
from notebook_cells import define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "04_gradient_descent.ipynb"
GRADE_ID = "descent-step"


def _define(source):
    return define(source, "descent_step", {"np": np, "core": logreg_core})


def _hidden(function, capsys):
    passed = check_descent_step(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


def test_notebook_solution_passes_visible_and_hidden(capsys):
    descent_step = _define(solution_cell(NOTEBOOK, GRADE_ID))
    passed, line = run_check(check_descent_step, descent_step, capsys)
    assert passed and line == "✅ descent_step: correct. Well done!"
    assert _hidden(descent_step, capsys) == (True, "")


def test_student_version_is_not_done_yet(capsys):
    student = _define(student_version(solution_cell(NOTEBOOK, GRADE_ID)))
    passed, line = run_check(check_descent_step, student, capsys)
    assert not passed and line.startswith("⏳") and "not done yet" in line


def test_the_reference_passes_and_is_one_step_of_the_core(capsys):
    assert run_check(check_descent_step, reference_descent_step, capsys)[0]
    X_b = logreg_core.add_intercept(np.array([[0.0], [1.0], [2.0]]))
    y, w = np.array([0, 1, 1.0]), np.array([0.3, -0.2])
    np.testing.assert_array_equal(reference_descent_step(X_b, y, w, 0.7),
                                  logreg_core.gradient_descent(X_b, y, w, 0.7, 1).final_weights)


def _in_place(X_b, y, w, learning_rate):
    w -= learning_rate * logreg_core.gradient(X_b, y, w)
    return w


MISTAKES = {
    "uphill": (lambda X_b, y, w, lr: w + lr * logreg_core.gradient(X_b, y, w), "it walks uphill"),
    "no learning rate": (lambda X_b, y, w, lr: w - logreg_core.gradient(X_b, y, w), "learning rate is not used"),
    "in place": (_in_place, "changed the caller's w in place"),
    "the gradient": (lambda X_b, y, w, lr: logreg_core.gradient(X_b, y, w), "it returned the gradient"),
    "nothing returned": (lambda X_b, y, w, lr: None, "it returned None"),
    "a scalar": (lambda X_b, y, w, lr: float(np.sum(w)), "wrong shape"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_typical_mistake_fails_with_a_reason(mistake, capsys):
    function, expected = MISTAKES[mistake]
    fails_with(check_descent_step, function, capsys, expected)


def test_hidden_cases_fail_an_answer_that_calls_gradient_descent(capsys):
    def via_core(X_b, y, w, learning_rate):
        return logreg_core.gradient_descent(X_b, y, w, learning_rate, 1).final_weights

    assert run_check(check_descent_step, via_core, capsys)[0]
    passed, line = _hidden(via_core, capsys)
    assert not passed and "core.gradient_descent is switched off" in line


def test_hidden_cases_fail_an_answer_that_hard_codes_the_visible_learning_rates(capsys):
    def hard_coded(X_b, y, w, learning_rate):
        rate = 0.5 if learning_rate < 1 else 1.7  # the visible cases' rates
        return w - rate * logreg_core.gradient(X_b, y, w)

    assert run_check(check_descent_step, hard_coded, capsys)[0]
    assert not _hidden(hard_coded, capsys)[0]
