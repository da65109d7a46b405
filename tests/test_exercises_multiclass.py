"""The checks of notebook 11's exercises (logreg_exercises.multiclass): the notebook's own solutions pass, visibly and
in the hidden tests (silently); the student's stub is "not done yet"; typical mistakes fail with a message that
names them; answers hard-coded for the visible cases fail the hidden ones; and the cells carry nbgrader's metadata.
"""

import numpy as np
import pytest
from scipy.special import logsumexp

import logreg_core
from logreg_exercises.multiclass import (
    check_binary_weights_from_softmax,
    check_cross_entropy,
    check_ovr_predict_proba,
    reference_binary_weights_from_softmax,
    reference_cross_entropy,
    reference_ovr_predict_proba,
)
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

NOTEBOOK = "11_more_than_two_classes.ipynb"
EXERCISES = {
    # function name: (grade_id, check, points, reference)
    "ovr_predict_proba": ("multiclass-ovr-predict-proba", check_ovr_predict_proba, 2, reference_ovr_predict_proba),
    "binary_weights_from_softmax": ("multiclass-binary-weights-from-softmax", check_binary_weights_from_softmax, 1,
                                    reference_binary_weights_from_softmax),
    "cross_entropy": ("multiclass-cross-entropy", check_cross_entropy, 2, reference_cross_entropy),
}


def _define(cell_source, name):
    """Execute a solution cell with what the notebook has defined by then, and return its function."""
    return define(cell_source, name, {"np": np, "core": logreg_core, "logsumexp": lambda Z: logsumexp(Z, axis=1)})


def hidden_run(check, function, capsys):
    """Run ``check(function, hidden=True)``; return ``(passed, what it printed)``."""
    passed = check(function, hidden=True)
    return bool(passed), capsys.readouterr().out.strip()


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes_visibly_and_hidden_silently(name, capsys):
    grade_id, check, _, _ = EXERCISES[name]
    function = _define(solution_cell(NOTEBOOK, grade_id), name)
    passed, line = run_check(check, function, capsys)
    assert passed, line
    assert line == f"✅ {name}: correct. Well done!"
    assert hidden_run(check, function, capsys) == (True, "")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_reference_passes_too(name, capsys):
    _, check, _, reference = EXERCISES[name]
    assert run_check(check, reference, capsys)[0]
    assert hidden_run(check, reference, capsys) == (True, "")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_students_stub_is_not_done_yet_visibly_and_hidden(name, capsys):
    grade_id, check, _, _ = EXERCISES[name]
    stub = student_version(solution_cell(NOTEBOOK, grade_id))
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    function = _define(stub, name)
    passed, line = run_check(check, function, capsys)
    assert not passed and line == f"⏳ {name}: not done yet. Replace `raise NotImplementedError` with your code."
    passed, said = hidden_run(check, function, capsys)
    assert not passed and said == line


@pytest.mark.parametrize("name", EXERCISES)
def test_under_nbgrader_a_failing_check_raises_with_its_line(name, capsys, monkeypatch):
    grade_id, check, _, _ = EXERCISES[name]
    stub = _define(student_version(solution_cell(NOTEBOOK, grade_id)), name)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    for hidden in (False, True):
        with pytest.raises(AssertionError, match=f"⏳ {name}: not done yet"):
            check(stub, hidden=hidden)
    assert capsys.readouterr().out == ""


def test_every_exercise_cell_carries_its_nbgrader_metadata():
    """Each solution cell is followed by its locked test cell with points, which holds the visible call and the
    hidden tests; stored passing."""
    notebook = cells(NOTEBOOK)
    graded = {cell["metadata"]["nbgrader"]["grade_id"]: (index, cell)
              for index, cell in enumerate(notebook) if "nbgrader" in cell["metadata"]}
    grade_ids = [grade_id for grade_id, *_ in EXERCISES.values()]
    assert sorted(graded) == sorted(grade_ids + [f"{grade_id}-check" for grade_id in grade_ids])
    for name, (grade_id, check, points, _) in EXERCISES.items():
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
# ovr_predict_proba
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda models, X: np.column_stack([m.predict_proba(X)[:, 1] for m in models]), ("divide each row",)),
        (lambda models, X: np.column_stack([m.predict_proba(X)[:, 0] for m in models]), ("column 1",)),
        (lambda models, X: (lambda R: R / R.sum(axis=1, keepdims=True))(
            np.column_stack([m.predict_proba(X)[:, 0] for m in models])), ("'the rest'",)),
        (lambda models, X: (lambda P: P / P.sum())(np.column_stack([m.predict_proba(X)[:, 1] for m in models])),
         ("its own sum",)),
        (lambda models, X: np.vstack([m.predict_proba(X)[:, 1] for m in models]), ("shape (3, 60)",)),
        (lambda models, X: np.full((len(X), len(models)), 1 / 3), ("expected",)),
        (lambda models, X: np.full((len(X), 2), 0.5), ("wrong shape (60, 2)",)),
    ],
)
def test_ovr_predict_proba_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_ovr_predict_proba, wrong, capsys, *fragments)


def test_ovr_predict_proba_for_three_classes_only_fails_the_hidden_cases(capsys):
    def three_classes_only(models, X):  # right for the visible three classes, wrong for four or five
        P = np.column_stack([m.predict_proba(X)[:, 1] for m in models[:3]])
        return P / P.sum(axis=1, keepdims=True)

    assert run_check(check_ovr_predict_proba, three_classes_only, capsys)[0]
    passed, said = hidden_run(check_ovr_predict_proba, three_classes_only, capsys)
    assert not passed and said.startswith("❌ ovr_predict_proba: 4 binary models")


# ----------------------------------------------------------------------------------------------------------------
# binary_weights_from_softmax
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda W: W[:, 0] - W[:, 1], ("class 0",)),
        (lambda W: W[:, 1], ("DIFFERENCE",)),
        (lambda W: W, ("shape (4, 2)",)),
        (lambda W: W[:, 1] + W[:, 0], ("should equal",)),
    ],
)
def test_binary_weights_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_binary_weights_from_softmax, wrong, capsys, *fragments)


def test_binary_weights_for_the_visible_shapes_only_fail_the_hidden_cases(capsys):
    def three_features_only(W):  # right for the visible shape (4, 2), zeros for any other
        return W[:, 1] - W[:, 0] if W.shape == (4, 2) else np.zeros(len(W))

    assert run_check(check_binary_weights_from_softmax, three_features_only, capsys)[0]
    passed, said = hidden_run(check_binary_weights_from_softmax, three_features_only, capsys)
    assert not passed and said.startswith("❌ binary_weights_from_softmax: random two-class weights, 1 feature")


# ----------------------------------------------------------------------------------------------------------------
# cross_entropy
# ----------------------------------------------------------------------------------------------------------------
def _naive_cross_entropy(Z, y):
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    return -np.mean(np.log(P[np.arange(len(y)), y]))


def _shifted_softmax_then_log(Z, y):
    """Stable softmax, but the log of a probability that underflows to 0: -inf at extreme scores."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    return -np.mean(np.log(P[np.arange(len(y)), y]))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_naive_cross_entropy, ("logsumexp",)),
        (_shifted_softmax_then_log, ("logsumexp",)),
        (lambda Z, y: len(y) * reference_cross_entropy(Z, y), ("summed",)),
        (lambda Z, y: -reference_cross_entropy(Z, y), ("sign",)),
        (lambda Z, y: logsumexp(Z, axis=1) - Z[np.arange(len(y)), y], ("one number",)),
        (lambda Z, y: np.mean(logsumexp(Z, axis=1) - Z[:, 0]), ("expected",)),
    ],
)
def test_cross_entropy_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_cross_entropy, wrong, capsys, *fragments)


def test_a_cross_entropy_hard_coded_for_the_visible_cases_fails_the_hidden_ones(capsys):
    visible = {}  # what the visible check asks, answered from a table

    def recording(Z, y):
        return visible.setdefault((Z.tobytes(), y.tobytes()), reference_cross_entropy(Z, y))

    assert run_check(check_cross_entropy, recording, capsys)[0]
    table = dict(visible)

    def hard_coded(Z, y):
        return table.get((Z.tobytes(), y.tobytes()), 1.0)

    assert run_check(check_cross_entropy, hard_coded, capsys)[0]
    passed, said = hidden_run(check_cross_entropy, hard_coded, capsys)
    assert not passed and said.startswith("❌ cross_entropy: 40 samples, 5 classes")


@pytest.mark.parametrize("name", EXERCISES)
def test_a_function_without_return_is_told_so(name, capsys):
    _, check, _, reference = EXERCISES[name]

    def forgot_return(*args):
        reference(*args)  # computed, and dropped

    fails_with(check, forgot_return, capsys, "NoReturnValue: it returned None: is its `return` missing?")
