"""The exercise check of notebook 03 (logreg_exercises.gradient): the notebook's solution passes, visible and hidden;
the student's stub is "not done yet"; typical mistakes fail with a message that names them; the hidden cases fail an
answer that calls core.gradient or only works for the visible sizes."""

import numpy as np
import pytest

import logreg_core
from logreg_exercises.gradient import check_gradient
from notebook_cells import define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "03_gradient.ipynb"
GRADE_ID = "gradient-my-gradient"


def _define(source):
    return define(source, "my_gradient", {"np": np, "core": logreg_core})


def _hidden(function, capsys):
    passed = check_gradient(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


def test_notebook_solution_passes_visible_and_hidden(capsys):
    my_gradient = _define(solution_cell(NOTEBOOK, GRADE_ID))
    passed, line = run_check(check_gradient, my_gradient, capsys)
    assert passed and line == "✅ my_gradient: correct. Well done!"
    assert _hidden(my_gradient, capsys) == (True, "")


def test_student_version_is_not_done_yet(capsys):
    passed, line = run_check(check_gradient, _define(student_version(solution_cell(NOTEBOOK, GRADE_ID))), capsys)
    assert not passed and line.startswith("⏳") and "not done yet" in line


def test_the_core_gradient_passes(capsys):
    assert run_check(check_gradient, logreg_core.gradient, capsys)[0]


def _naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


MISTAKES = {
    "no mean": (lambda X_b, y, w: X_b.T @ (logreg_core.sigmoid(X_b @ w) - y), "n = 12 times too large"),
    "y - p": (lambda X_b, y, w: X_b.T @ (y - logreg_core.sigmoid(X_b @ w)) / len(y), "y - p instead of p - y"),
    "scores for probabilities": (lambda X_b, y, w: X_b.T @ (X_b @ w - y) / len(y), "needs the probabilities"),
    "per sample": (lambda X_b, y, w: (logreg_core.sigmoid(X_b @ w) - y) / len(y), "one number per sample"),
    "naive sigmoid": (lambda X_b, y, w: X_b.T @ (_naive_sigmoid(X_b @ w) - y) / len(y), "overflow"),
    "no sum over the samples": (lambda X_b, y, w: X_b * (logreg_core.sigmoid(X_b @ w) - y)[:, None] / len(y),
                                "wrong shape (12, 4)"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_typical_mistake_fails_with_a_reason(mistake, capsys):
    function, expected = MISTAKES[mistake]
    fails_with(check_gradient, function, capsys, expected)


def test_hidden_cases_fail_an_answer_that_calls_core_gradient(capsys):
    def via_core(X_b, y, w):
        return logreg_core.gradient(X_b, y, w)

    assert run_check(check_gradient, via_core, capsys)[0]
    passed, line = _hidden(via_core, capsys)
    assert not passed and "core.gradient is switched off" in line
    assert logreg_core.gradient(np.ones((2, 1)), np.array([0, 1.0]), np.zeros(1)) == pytest.approx([0.0])


def test_hidden_cases_fail_an_answer_that_knows_only_the_visible_problem(capsys):
    def visible_only(X_b, y, w):
        n = 12  # the visible problem's size, hard-coded
        return X_b.T @ (logreg_core.sigmoid(X_b @ w) - y) / n

    assert run_check(check_gradient, visible_only, capsys)[0]
    passed, line = _hidden(visible_only, capsys)
    assert not passed and line.startswith("❌ my_gradient:")


def test_under_nbgrader_the_hidden_cases_raise(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="core.gradient is switched off"):
        check_gradient(lambda X_b, y, w: logreg_core.gradient(X_b, y, w), hidden=True)
