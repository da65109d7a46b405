"""The check of notebook 10's exercise (irls_step): the notebook's own solution passes, visibly and hidden; the
stub is "not done yet"; typical mistakes, made by changing one thing in the notebook's solution, fail with a message
that names them; the hidden cases fail an answer that hard-codes the visible ones."""

import json

import numpy as np
import pytest

import logreg_core
from logreg_exercises.newton import check_irls_step
from notebook_cells import NOTEBOOKS, define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "10_newton_and_lbfgs.ipynb"
GRADE_ID = "newton-irls-step"


def _define(source):
    return define(source, "irls_step", {"np": np, "core": logreg_core})


def _solution():
    return _define(solution_cell(NOTEBOOK, GRADE_ID))


def test_the_notebooks_solution_passes(capsys):
    passed, line = run_check(check_irls_step, _solution(), capsys)
    assert passed and line.startswith("✅ irls_step"), line


def test_the_notebooks_solution_passes_the_hidden_cases_silently(capsys):
    assert check_irls_step(_solution(), hidden=True)
    assert capsys.readouterr().out == ""


def test_the_students_stub_is_not_done_yet(capsys):
    stub = _define(student_version(solution_cell(NOTEBOOK, GRADE_ID)))
    passed, line = run_check(check_irls_step, stub, capsys)
    assert not passed and line.startswith("⏳ irls_step") and "not done yet" in line


def test_the_check_cell_is_locked_has_three_points_and_hidden_tests():
    cells = json.loads((NOTEBOOKS / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    (check,) = [c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"{GRADE_ID}-check"]
    assert check["metadata"]["nbgrader"]["locked"] is True and check["metadata"]["nbgrader"]["points"] == 3
    source = "".join(check["source"])
    assert "check_irls_step(irls_step)" in source and "check_irls_step(irls_step, hidden=True)" in source


#: Typical mistakes, made by changing one thing in the notebook's own solution: (original text, mistaken text).
IRLS_MUTANTS = {
    "penalising_the_intercept": ("penalty[0, 0] = 0.0", "pass"),
    "penalty_without_n": ("len(y) * alpha", "alpha"),
    "no_penalty": ("len(y) * alpha", "0.0 * alpha"),
    "p_minus_y": ("+ y - p", "+ p - y"),
    "unweighted": ("X_b.T @ (s[:, None] * X_b) + penalty, X_b.T @ s_z",
                   "X_b.T @ X_b + penalty, X_b.T @ (X_b @ w + (y - p) / s)"),
    "the_change_not_the_weights": ("return np.linalg.solve(", "return -w + np.linalg.solve("),
    "dividing_by_s": ("s_z = s * (X_b @ w) + y - p", "s_z = s * (X_b @ w + (y - p) / s)"),
}


def _irls_mutant(name):
    original, mistaken = IRLS_MUTANTS[name]
    source = solution_cell(NOTEBOOK, GRADE_ID)
    assert original in source, f"the notebook's solution no longer contains {original!r}: update IRLS_MUTANTS"
    return _define(source.replace(original, mistaken))


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("penalising_the_intercept", ("with alpha = 0.05", "penalises the intercept")),
        ("penalty_without_n", ("n * alpha, not alpha",)),
        ("no_penalty", ("ignores alpha",)),
        ("p_minus_y", ("y - p (not p - y)",)),
        ("unweighted", ("weighted by s_i",)),
        ("the_change_not_the_weights", ("return the new weights",)),
        ("dividing_by_s", ("round to 1", "rounds to exactly 1", "without a division")),
    ],
)
def test_irls_mistakes_are_named(name, fragments, capsys):
    fails_with(check_irls_step, _irls_mutant(name), capsys, *fragments)


def irls_changing_w_in_place(X_b, y, w, alpha):
    w[:] = _solution()(X_b, y, w, alpha)  # the caller's w
    return w


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (irls_changing_w_in_place, ("in place",)),
        (lambda X_b, y, w, alpha: w - logreg_core.gradient(X_b, y, w, alpha), ("expected the Newton step's weights",)),
        (lambda X_b, y, w, alpha: w[1:], ("wrong shape (3,)",)),
    ],
)
def test_other_irls_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_irls_step, wrong, capsys, *fragments)


def test_a_direct_newton_step_is_accepted(capsys):
    """The check tests the result, not the route: w - H^-1 g computed directly is the same step."""
    def newton_step(X_b, y, w, alpha):
        p = logreg_core.predict_proba(X_b, w)
        hessian = X_b.T @ ((p * (1 - p))[:, None] * X_b) / len(y) + alpha * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
        return w - np.linalg.solve(hessian, logreg_core.gradient(X_b, y, w, alpha))

    assert run_check(check_irls_step, newton_step, capsys)[0]


def test_the_hidden_cases_fail_a_memorised_answer(capsys):
    """An answer that returns the right weights for the visible problem's size only fails the hidden cases."""
    solution = _solution()

    def memorised(X_b, y, w, alpha):
        return solution(X_b, y, w, alpha) if X_b.shape == (40, 4) else np.zeros(X_b.shape[1])

    assert check_irls_step(memorised)
    capsys.readouterr()
    assert not check_irls_step(memorised, hidden=True)
    assert capsys.readouterr().out.startswith("❌")


def test_the_check_raises_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="irls_step"):
        check_irls_step(_irls_mutant("no_penalty"))


def test_the_hidden_cases_take_the_notebooks_hessian_away(capsys):
    """The exercise asks for the least-squares equations: an answer that calls the notebook's own hessian passes the
    visible check and fails the hidden one, and the notebook's hessian is put back afterwards."""
    namespace = {"np": np, "core": logreg_core}
    exec(  # noqa: S102 - what a notebook holds: its hessian, and an answer built on it
        "def hessian(X_b, w, alpha=0.0):\n"
        "    p = core.predict_proba(X_b, w)\n"
        "    penalty = alpha * np.diag(np.r_[0.0, np.ones(len(w) - 1)])\n"
        "    return X_b.T @ (X_b * (p * (1 - p))[:, None]) / len(X_b) + penalty\n"
        "def irls_step(X_b, y, w, alpha):\n"
        "    return w - np.linalg.solve(hessian(X_b, w, alpha), core.gradient(X_b, y, w, alpha))\n", namespace)
    borrowed, hessian = namespace["irls_step"], namespace["hessian"]
    assert check_irls_step(borrowed)
    capsys.readouterr()
    assert not check_irls_step(borrowed, hidden=True)
    line = capsys.readouterr().out.strip()
    assert line.startswith("❌") and "takes the notebook's hessian away" in line, line
    assert namespace["hessian"] is hessian
