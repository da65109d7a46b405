"""The checks of notebook 07's exercises: the notebook's own solutions pass, typical mistakes fail with a message
that names the mistake, and the student's stub is reported as "not done yet"."""

import json

import numpy as np
import pytest

import logreg_core
from logreg_exercises.nb07 import check_c_to_alpha, check_irls_step

from notebook_cells import NOTEBOOKS, define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "07_what_sklearn_does.ipynb"


def _define(source, name):
    """Execute a solution cell with what the notebook has defined by then, and return its function."""
    return define(source, name, {"np": np, "core": logreg_core})

EXERCISES = {
    # function name: (grade_id, check, exercise label printed by the check)
    "c_to_alpha": ("nb07-c-to-alpha", check_c_to_alpha, "c_to_alpha"),
    "irls_step": ("nb07-irls-step", check_irls_step, "irls_step"),
}


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes(name, capsys):
    grade_id, check, label = EXERCISES[name]
    passed, line = run_check(check, _define(solution_cell(NOTEBOOK, grade_id), name), capsys)
    assert passed, line
    assert line.startswith(f"✅ {label}")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_students_stub_is_not_done_yet(name, capsys):
    grade_id, check, label = EXERCISES[name]
    stub = _define(student_version(solution_cell(NOTEBOOK, grade_id)), name)
    passed, line = run_check(check, stub, capsys)
    assert not passed
    assert line.startswith(f"⏳ {label}") and "not done yet" in line


def test_student_version_really_removes_the_solution():
    for grade_id, _, _ in EXERCISES.values():
        student = student_version(solution_cell(NOTEBOOK, grade_id))
        assert "BEGIN SOLUTION" not in student and "raise NotImplementedError()" in student


def test_check_cells_are_locked_and_call_the_checks():
    cells = json.loads((NOTEBOOKS / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    for name, (grade_id, check, _) in EXERCISES.items():
        checks = [c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"{grade_id}-check"]
        assert len(checks) == 1
        assert checks[0]["metadata"]["nbgrader"]["locked"] is True
        assert f"{check.__name__}({name})" in "".join(checks[0]["source"])


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: c_to_alpha
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda C, n_samples: C / n_samples, ("WEAKER penalty",)),
        (lambda C, n_samples: 1 / C, ("SUMS", "C * n_samples")),
        (lambda C, n_samples: 1 / (2 * C * n_samples), ("1/2", "cancels")),
        (lambda C, n_samples: n_samples / C, ("denominator",)),
        (lambda C, n_samples: C * n_samples, ("upside down",)),
        (lambda C, n_samples: 1.01 / (C * n_samples), ("expected 0.21978",)),
        (lambda C, n_samples: np.full(2, 1 / (C * n_samples)), ("one number",)),
    ],
)
def test_c_to_alpha_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_c_to_alpha, wrong, capsys, *fragments)


def test_c_to_alpha_is_also_checked_against_scikit_learn(capsys):
    """An answer right on the formula's three cases but wrong elsewhere is caught by the scikit-learn cases,
    which do not rely on the formula at all."""
    def right_only_for_the_listed_cases(C, n_samples):
        return 1 / (C * n_samples) if n_samples in (569, 455, 100) else 1 / C

    fails_with(check_c_to_alpha, right_only_for_the_listed_cases, capsys, "scikit-learn's weights",
                "gradient of our loss")


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: irls_step
# ----------------------------------------------------------------------------------------------------------------
#: Typical mistakes, made by changing one thing in the notebook's own solution: (original text, mistaken text).
IRLS_MUTANTS = {
    "penalising_the_intercept": ("penalty[0, 0] = 0.0", "pass"),
    "penalty_without_n": ("len(y) * alpha", "alpha"),
    "no_penalty": ("len(y) * alpha", "0.0 * alpha"),
    "p_minus_y": ("(y - p) / s", "(p - y) / s"),
    "unweighted": ("X_b.T @ (s[:, None] * X_b) + penalty, X_b.T @ (s * z)", "X_b.T @ X_b + penalty, X_b.T @ z"),
    "the_change_not_the_weights": ("return np.linalg.solve(", "return -w + np.linalg.solve("),
}


def _irls_mutant(name):
    original, mistaken = IRLS_MUTANTS[name]
    source = solution_cell(NOTEBOOK, "nb07-irls-step")
    assert original in source, f"the notebook's solution no longer contains {original!r}: update IRLS_MUTANTS"
    return _define(source.replace(original, mistaken), "irls_step")


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("penalising_the_intercept", ("with alpha = 0.05", "penalises the intercept")),
        ("penalty_without_n", ("n * alpha, not alpha",)),
        ("no_penalty", ("ignores alpha",)),
        ("p_minus_y", ("(y - p) / s",)),
        ("unweighted", ("weighted by s_i",)),
        ("the_change_not_the_weights", ("return the new weights",)),
    ],
)
def test_irls_mistakes_are_named(name, fragments, capsys):
    fails_with(check_irls_step, _irls_mutant(name), capsys, *fragments)


def irls_changing_w_in_place(X_b, y, w, alpha):
    w[:] = _define(solution_cell(NOTEBOOK, "nb07-irls-step"), "irls_step")(X_b, y, w, alpha)  # the caller's w
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
