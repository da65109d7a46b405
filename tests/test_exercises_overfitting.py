"""The check of notebook 13's exercise (logreg_exercises.overfitting): the notebook's own solution passes, visibly
and in the hidden tests (silently); the student's stub is "not done yet"; typical mistakes fail with a message that
names them; an answer hard-coded for the visible cases fails the hidden ones; and the cells carry nbgrader's
metadata."""

import numpy as np
import pytest

from logreg_data import make_dataset, polynomial_model
from logreg_exercises.overfitting import check_choose_alpha, reference_choose_alpha
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

NOTEBOOK = "13_overfitting_and_l2.ipynb"
GRADE_ID = "overfitting-choose-alpha"


def _define(cell_source):
    return define(cell_source, "choose_alpha", {"np": np, "polynomial_model": polynomial_model})


def hidden_run(function, capsys):
    passed = check_choose_alpha(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


def test_the_notebooks_solution_and_the_reference_pass_visibly_and_hidden_silently(capsys):
    for function in (_define(solution_cell(NOTEBOOK, GRADE_ID)), reference_choose_alpha):
        passed, line = run_check(check_choose_alpha, function, capsys)
        assert passed and line == "✅ choose_alpha: correct. Well done!"
        assert hidden_run(function, capsys) == (True, "")


def test_the_students_stub_is_not_done_yet_visibly_and_hidden(capsys, monkeypatch):
    stub = _define(student_version(solution_cell(NOTEBOOK, GRADE_ID)))
    passed, line = run_check(check_choose_alpha, stub, capsys)
    assert not passed and line.startswith("⏳ choose_alpha: not done yet")
    assert hidden_run(stub, capsys) == (False, line)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    for hidden in (False, True):
        with pytest.raises(AssertionError, match="⏳ choose_alpha: not done yet"):
            check_choose_alpha(stub, hidden=hidden)


def test_the_exercise_cells_carry_their_nbgrader_metadata():
    notebook = cells(NOTEBOOK)
    graded = {cell["metadata"]["nbgrader"]["grade_id"]: (index, cell)
              for index, cell in enumerate(notebook) if "nbgrader" in cell["metadata"]}
    assert sorted(graded) == [GRADE_ID, f"{GRADE_ID}-check"]
    (index, solution), (check_index, test) = graded[GRADE_ID], graded[f"{GRADE_ID}-check"]
    assert solution["metadata"]["nbgrader"]["solution"] is True and check_index == index + 1
    assert test["metadata"]["nbgrader"] == {"grade": True, "grade_id": f"{GRADE_ID}-check", "locked": True,
                                            "points": 3, "schema_version": 3, "solution": False, "task": False}
    assert source(test) == ("check_choose_alpha(choose_alpha)\n### BEGIN HIDDEN TESTS\n"
                            "check_choose_alpha(choose_alpha, hidden=True)\n### END HIDDEN TESTS")
    assert "".join(test["outputs"][0]["text"]) == "✅ choose_alpha: correct. Well done!\n"


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


def test_an_answer_hard_coded_for_the_visible_cases_fails_the_hidden_ones(capsys):
    visible = {float(make_dataset("circles", 30, noise=0.25, random_state=8)[0][0, 0]): 0.1,  # what the visible
               float(make_dataset("circles", 30, noise=0.25, random_state=3)[0][0, 0]): 0.01}  # cases want

    def always_the_visible_answer(X_train, y_train, X_val, y_val, degree, alphas):
        return visible.get(float(X_train[0, 0]), alphas[-1])

    assert run_check(check_choose_alpha, always_the_visible_answer, capsys)[0]
    passed, said = hidden_run(always_the_visible_answer, capsys)
    assert not passed and said.startswith("❌ choose_alpha: a third sample, degree 6")


def test_the_hidden_cases_do_not_reward_training_accuracy(capsys):
    passed, said = hidden_run(by_training_accuracy, capsys)
    assert not passed and "best on the training points" in said


def test_a_function_without_return_is_told_so(capsys):
    def forgot_return(X_train, y_train, X_val, y_val, degree, alphas):
        reference_choose_alpha(X_train, y_train, X_val, y_val, degree, alphas)  # computed, and dropped

    fails_with(check_choose_alpha, forgot_return, capsys, "it returned None: is its `return` missing?")
