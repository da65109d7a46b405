"""The check of notebook 09's exercise (c_to_alpha): the notebook's own solution passes, visibly and hidden; the
stub is "not done yet"; typical mistakes fail with a message that names them; the hidden cases fail an answer that
hard-codes the visible ones or calls the reference; the reference that the notebook falls back to is right."""

import json

import numpy as np
import pytest

import logreg_core
from logreg_exercises import penalty
from logreg_exercises.penalty import check_c_to_alpha
from notebook_cells import NOTEBOOKS, define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "09_penalty_and_C.ipynb"
GRADE_ID = "penalty-c-to-alpha"


def _solution():
    return define(solution_cell(NOTEBOOK, GRADE_ID), "c_to_alpha", {"np": np, "core": logreg_core})


def test_the_notebooks_solution_passes(capsys):
    passed, line = run_check(check_c_to_alpha, _solution(), capsys)
    assert passed and line.startswith("✅ c_to_alpha"), line


def test_the_notebooks_solution_passes_the_hidden_cases_silently(capsys):
    assert check_c_to_alpha(_solution(), hidden=True)
    assert capsys.readouterr().out == ""


def test_the_students_stub_is_not_done_yet(capsys):
    stub = define(student_version(solution_cell(NOTEBOOK, GRADE_ID)), "c_to_alpha", {})
    passed, line = run_check(check_c_to_alpha, stub, capsys)
    assert not passed and line.startswith("⏳ c_to_alpha") and "not done yet" in line


def test_the_check_cell_is_locked_has_a_point_and_hidden_tests():
    cells = json.loads((NOTEBOOKS / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    (check,) = [c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"{GRADE_ID}-check"]
    assert check["metadata"]["nbgrader"]["locked"] is True and check["metadata"]["nbgrader"]["points"] == 1
    source = "".join(check["source"])
    assert "check_c_to_alpha(c_to_alpha)" in source and "check_c_to_alpha(c_to_alpha, hidden=True)" in source


def test_the_reference_is_the_formula_and_passes(capsys):
    assert penalty.c_to_alpha(0.5, 200) == pytest.approx(0.01)
    assert run_check(check_c_to_alpha, penalty.c_to_alpha, capsys)[0]


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


def test_the_hidden_cases_fail_a_memorised_answer_and_the_reference(capsys):
    visible = {(0.01, 455): 1 / 4.55, (1.0, 569): 1 / 569, (20.0, 100): 1 / 2000, (0.2, 60): 1 / 12, (5.0, 60): 1 / 300}

    def memorised(C, n_samples):
        return visible.get((C, n_samples), 0.5)

    def borrowed(C, n_samples):
        return penalty.c_to_alpha(C, n_samples)

    for answer, fragment in ((memorised, "expected"), (borrowed, "takes logreg_exercises.penalty.c_to_alpha away")):
        assert check_c_to_alpha(answer)
        capsys.readouterr()
        assert not check_c_to_alpha(answer, hidden=True)
        line = capsys.readouterr().out.strip()
        assert line.startswith("❌") and fragment in line, line
    assert penalty.c_to_alpha(1.0, 10) == pytest.approx(0.1)  # put back afterwards
