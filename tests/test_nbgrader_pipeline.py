"""A course's real nbgrader pipeline grades the series: points for right answers, and only for right answers.

``tests/grading.py`` runs what a course runs, on the teacher notebooks as one assignment: ``generate_assignment``;
three submissions (the release as handed out, the teacher's solutions, and one notebook of the solutions with
exactly one answer put back to its stub); ``autograde`` (two course folders side by side); ``generate_feedback``.
``tests/conftest.py`` starts it in the background when the run begins; run alone, this module runs it itself.

It requires full marks for the solutions, 0 for the release, exactly the missing exercise's points lost by the third
student, and feedback HTML that shows the failed check's one line. And in the autograded release, the student copy
as nbgrader hands it out (the same cells as ``make student``'s, see ``test_nbgrader_compat.py``), every notebook ran
top to bottom: only the graded test cells failed, each with its "⏳ ... not done yet" line, while every other cell
ran, the cells after an exercise falling back to the core with their one line (``yours_or``). nbgrader is a
teacher's optional extra (``pip install -r requirements-teacher.txt``; CI installs it): without it this module is
skipped.
"""

import json
import os
import re
import time
from pathlib import Path

import nbformat
import pytest

pytest.importorskip(
    "nbgrader", reason="nbgrader is a teacher's optional extra; install it with "
    "`.venv/bin/pip install -r requirements-teacher.txt` to run a course's grading pipeline")
from nbgrader.api import Gradebook  # noqa: E402 - only with nbgrader installed

import grading  # noqa: E402 - tests/grading.py
from grading import GRADING_COURSE  # noqa: E402

WAIT = 1200  # s, for the pipeline started in the background


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course folder after the whole pipeline, and what ``done.json`` says."""
    folder = os.environ.get(GRADING_COURSE)
    if folder:  # started by conftest.py when the run began
        done = Path(folder) / "done.json"
        deadline = time.monotonic() + WAIT
        while not done.exists():
            assert time.monotonic() < deadline, f"the grading pipeline did not finish within {WAIT} s"
            time.sleep(1)  # a process started elsewhere: nothing to wait on but its file
        root, result = Path(folder), json.loads(done.read_text())
    else:
        root = tmp_path_factory.mktemp("course")
        result = grading.run(root)
    assert result["returncode"] == 0, result["log"]
    return root, result


def score(root, student):
    with Gradebook(f"sqlite:///{grading.course_of(root, student) / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(grading.ASSIGNMENT, student)
        return submission.score, submission.max_score


def _nbgrader(cell):
    return grading.nbgrader_metadata(cell)


def test_every_notebook_has_points_and_every_exercise_a_graded_test():
    for path in grading.NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        assert any(_nbgrader(c).get("grade") and _nbgrader(c).get("points", 0) > 0 for c in cells), \
            f"{path.name}: no test cell carries points"
        for index, cell in enumerate(cells):
            if _nbgrader(cell).get("solution") and cell.cell_type == "code":
                test = cells[index + 1]
                assert _nbgrader(test).get("grade") and _nbgrader(test).get("points", 0) > 0, \
                    f"{path.name}, cell {index}: the cell after an answer is a test cell with points"


def test_the_teachers_solutions_get_full_marks(course):
    got, most = score(course[0], "solutions")
    assert most > 0 and got == most


def test_the_release_as_handed_out_gets_zero(course):
    got, most = score(course[0], "release")
    assert got == 0 and most > 0


def test_one_missing_answer_loses_exactly_its_points(course):
    """The third student handed in one notebook, the solutions with one answer left as its stub."""
    root, result = course
    name, _, points = result["missing"]
    with Gradebook(f"sqlite:///{grading.course_of(root, 'one_answer_missing') / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(Path(name).stem, grading.ASSIGNMENT, "one_answer_missing")
        got, most = notebook.score, notebook.max_score
    assert points > 0 and got == most - points


def test_the_feedback_shows_the_failed_checks_line(course):
    root, result = course
    name = Path(result["missing"][0]).stem
    feedback = grading.course_of(root, "one_answer_missing") / "feedback" / "one_answer_missing" / grading.ASSIGNMENT
    html = (feedback / f"{name}.html").read_text("utf-8")
    text = re.sub(r"<[^>]+>", "", html)  # nbgrader's feedback colours the traceback with spans
    assert re.search(r"AssertionError: ⏳ [^\n]+: not done yet", text), "the check's line is not in the feedback"


@pytest.mark.parametrize("path", grading.NOTEBOOKS, ids=lambda p: p.name)
def test_the_release_runs_top_to_bottom_and_only_its_graded_tests_fail(course, path):
    root = course[0]
    notebook = nbformat.read(grading.course_of(root, "release") / "autograded" / "release" / grading.ASSIGNMENT
                             / path.name, as_version=4)
    fell_back = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        where = f"{path.name}, cell {index}"
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        stdout = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
        assert "✅" not in stdout, f"{where}: a stub passed"
        if _nbgrader(cell).get("grade"):
            assert errors and errors[0].ename == "AssertionError", f"{where}: a stub passed"
            assert re.match(r"⏳ .+ not done yet", errors[0].evalue), f"{where}: {errors[0].evalue}"
        else:
            assert not errors, f"{where} fails in the release: {errors[0].ename}: {errors[0].evalue}"
        fell_back += "is not written yet, so this cell uses" in stdout
    uses_yours = any("yours_or(" in cell.source for cell in notebook.cells)
    assert fell_back or not uses_yours, f"{path.name}: no cell says that it falls back to the core"
