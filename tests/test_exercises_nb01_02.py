"""The exercise checks of notebooks 01 and 02: reference solutions pass, typical mistakes fail with a message
that names the mistake, and the student version of each exercise (what nbgrader generates) reports "not done yet".

The reference solutions are read from the stored notebooks themselves (the cells carrying nbgrader metadata), so
the tests follow the notebooks and cannot drift from them.
"""

import math

import numpy as np
import pytest

import logreg_core
from logreg_exercises.nb01 import check_sigmoid, check_x_at_probability
from logreg_exercises.nb02 import check_best_constant_probability, check_mean_bce
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

# grade_id of each solution cell -> (notebook, name the cell defines, its check)
EXERCISES = {
    "nb01-sigmoid": ("01_sigmoid.ipynb", "my_sigmoid", check_sigmoid),
    "nb01-x-at-probability": ("01_sigmoid.ipynb", "x_at_probability", check_x_at_probability),
    "nb02-mean-bce": ("02_cross_entropy.ipynb", "mean_bce", check_mean_bce),
    "nb02-best-constant": ("02_cross_entropy.ipynb", "best_constant_probability", check_best_constant_probability),
}


def _solution_source(grade_id):
    return solution_cell(EXERCISES[grade_id][0], grade_id)


def _define(cell_source, name):
    return define(cell_source, name, {"np": np})


# --------------------------------------------------------------------------------------------------------------
# The notebooks' reference solutions, and their student versions
# --------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("grade_id", EXERCISES)
def test_reference_solution_passes(grade_id, capsys):
    _, name, check = EXERCISES[grade_id]
    passed, line = run_check(check, _define(_solution_source(grade_id), name), capsys)
    assert passed, line
    assert line.startswith("✅")


@pytest.mark.parametrize("grade_id", EXERCISES)
def test_student_version_is_not_done_yet(grade_id, capsys):
    _, name, check = EXERCISES[grade_id]
    student_source = student_version(_solution_source(grade_id))
    assert "### BEGIN SOLUTION" not in student_source
    passed, line = run_check(check, _define(student_source, name), capsys)
    assert not passed
    assert line.startswith("⏳") and "not done yet" in line


@pytest.mark.parametrize("notebook", ["01_sigmoid.ipynb", "02_cross_entropy.ipynb"])
def test_exercise_cells_follow_the_pattern(notebook):
    """Each solution cell has nbgrader metadata and markers, and the next code cell is a locked check call;
    the notebook ends with 2-4 exercises, one of them a question with a collapsible answer."""
    all_cells = cells(notebook)
    code_cells = [c for c in all_cells if c["cell_type"] == "code"]
    solutions = [i for i, c in enumerate(code_cells) if c["metadata"].get("nbgrader", {}).get("solution")]
    assert solutions
    for i in solutions:
        meta = code_cells[i]["metadata"]["nbgrader"]
        assert meta == {"grade": False, "grade_id": meta["grade_id"], "locked": False, "schema_version": 3,
                        "solution": True, "task": False}
        assert meta["grade_id"] in EXERCISES
        assert "### BEGIN SOLUTION" in source(code_cells[i]) and "### END SOLUTION" in source(code_cells[i])
        check_cell = code_cells[i + 1]
        assert check_cell["metadata"]["nbgrader"]["locked"] is True
        assert source(check_cell).startswith("check_")
        assert any(out.get("text") and "".join(out["text"]).startswith("✅") for out in check_cell["outputs"])
    headings = [c for c in all_cells if c["cell_type"] == "markdown" and source(c).startswith("### Exercise")]
    assert 2 <= len(headings) <= 4
    assert any("<details>" in source(c) and "<summary>Answer</summary>" in source(c) for c in headings)


# --------------------------------------------------------------------------------------------------------------
# Typical mistakes: each fails, with a message that says what is wrong
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


def test_core_sigmoid_passes_its_own_check(capsys):
    assert run_check(check_sigmoid, logreg_core.sigmoid, capsys)[0]


def _log_odds(p):
    return np.log(p) - np.log1p(-p)


WRONG_X_AT_PROBABILITY = {
    "b / w": (lambda w, b, p: b / w + 0 * p, "the boundary is where w·x + b = 0"),
    "log p for the log-odds": (lambda w, b, p: (np.log(p) - b) / w, "the boundary is where"),
    "log-odds upside down": (lambda w, b, p: (_log_odds(1 - p) - b) / w, "That is 1 − p"),
    "forgot b": (lambda w, b, p: _log_odds(p) / w, "b went missing"),
    "math.log": (lambda w, b, p: (math.log(p / (1 - p)) - b) / w, "Use np.log"),
    "one x for many p": (lambda w, b, p: np.atleast_1d((_log_odds(p) - b) / w), "one p in should give one x out"),
}


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


def test_core_loss_passes_the_mean_bce_check(capsys):
    def from_core(z, y):
        return logreg_core.loss(np.asarray(z, dtype=float).reshape(-1, 1), y, [1.0])

    assert run_check(check_mean_bce, from_core, capsys)[0]


WRONG_BEST_CONSTANT = {
    "always one half": (lambda y: 0.5, "yours, p = 0.5000, has loss"),
    "class 0": (lambda y: 1 - np.mean(y), "not class 1"),
    "median": (lambda y: float(np.median(y)), "not a probability strictly between 0 and 1"),
    "per sample": (lambda y: np.asarray(y, dtype=float), "it should return one probability"),
}


MISTAKES = [
    pytest.param(check, function, expected, id=f"{check.__name__}: {mistake}")
    for check, mistakes in [
        (check_sigmoid, WRONG_SIGMOIDS),
        (check_x_at_probability, WRONG_X_AT_PROBABILITY),
        (check_mean_bce, WRONG_MEAN_BCE),
        (check_best_constant_probability, WRONG_BEST_CONSTANT),
    ]
    for mistake, (function, expected) in mistakes.items()
]


@pytest.mark.parametrize(("check", "function", "expected"), MISTAKES)
def test_typical_mistake_fails_with_a_reason(check, function, expected, capsys):
    fails_with(check, function, capsys, expected)


def test_best_constant_is_found_without_the_formula():
    """The check's answer comes from gradient descent on the core's loss; it must agree with calculus (the mean)."""
    from logreg_exercises.nb02 import _LABEL_SETS, _best_intercept

    for y in _LABEL_SETS:
        assert logreg_core.sigmoid(_best_intercept(y)) == pytest.approx(np.mean(y), rel=1e-9)
