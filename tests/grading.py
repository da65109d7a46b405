"""A course's nbgrader pipeline, run on the series in a course folder: what ``test_nbgrader_pipeline.py`` checks.

1. ``nbgrader generate_assignment``: the release handed out (solutions stubbed, hidden tests removed);
2. three students submit: the release as handed out, the teacher's solutions, and one notebook of the teacher's
   solutions with exactly one answer put back to its stub (``missing_answer``);
3. ``nbgrader autograde`` (hidden tests put back; every notebook handed in executed), once per course folder: the
   release and the third student in one, the solutions in another, graded side by side (``COURSES``);
4. ``nbgrader generate_feedback``.

Grading executes every notebook twice (and one a third time), the longest single job of the test suite. So
``tests/conftest.py`` starts it at the very beginning of a test run, in the background (``python tests/grading.py
FOLDER``), where it fills the time the other tests spend waiting for a browser; the test module then reads the
finished course. Run on its own, the test module runs the pipeline itself.

When it is done the course folder holds ``done.json``: the exit code, the missing answer, and the log.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
ASSIGNMENT = "series"
STUDENTS = ("release", "solutions", "one_answer_missing")
SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?### END SOLUTION", re.S | re.M)
TIMEOUT = 1200  # s for the whole pipeline
#: The environment variable that tells the test workers where the background pipeline's course folder is.
GRADING_COURSE = "LOGREG_GRADING_COURSE"


def nbgrader_metadata(cell):
    return cell.metadata.get("nbgrader", {})


def missing_answer():
    """Which answer the third student leaves as a stub: the first exercise of the middle notebook.

    Returns (notebook file name, the solution cell's grade id, the points of its test cell).
    """
    path = NOTEBOOKS[len(NOTEBOOKS) // 2]
    cells = nbformat.read(path, as_version=4).cells
    index = next(i for i, c in enumerate(cells) if nbgrader_metadata(c).get("solution") and c.cell_type == "code")
    test = next(c for c in cells[index + 1:] if nbgrader_metadata(c).get("grade"))
    return path.name, nbgrader_metadata(cells[index])["grade_id"], nbgrader_metadata(test)["points"]


#: The students, in two course folders graded side by side (two autograde runs, each executing one notebook at a
#: time, finish in about half the time of one; the folders share nothing, so no gradebook is written twice at once).
COURSES = {"class-a": ("release", "one_answer_missing"), "class-b": ("solutions",)}


def course_of(root, student):
    """The course folder of ``student`` in the pipeline's folder ``root``."""
    return Path(root) / next(course for course, students in COURSES.items() if student in students)


def _environment():
    # nbgrader runs `alembic` (its gradebook) and kernels: they must be those installed next to this Python.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NBGRADER_EXECUTION", None)
    return env


def nbgrader(root, *arguments, log):
    """Run one nbgrader command in the course; its output goes to ``log``. Raises on failure."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *arguments, "--force"], cwd=root, env=_environment(),
                            capture_output=True, text=True, timeout=TIMEOUT)
    log.append(f"$ nbgrader {' '.join(arguments)}\n{result.stdout}{result.stderr}")
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {arguments[0]} failed with exit code {result.returncode}")


def _autograde_side_by_side(folders, log):
    """``nbgrader autograde`` in each course folder at once; raises if one fails."""
    runs = [(folder, subprocess.Popen([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force"],
                                      cwd=folder, env=_environment(), stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True)) for folder in folders]
    failed = []
    for folder, process in runs:
        output, _ = process.communicate(timeout=TIMEOUT)
        log.append(f"$ nbgrader autograde {ASSIGNMENT}   # in {folder.name}\n{output}")
        if process.returncode != 0:
            failed.append(f"nbgrader autograde failed in {folder.name} with exit code {process.returncode}")
    if failed:
        raise RuntimeError("; ".join(failed))


def _set_up_course(root, students, missing, log):
    """A course folder with the series as its assignment, released, and the work of ``students`` submitted."""
    source = root / "source" / ASSIGNMENT
    source.mkdir(parents=True, exist_ok=True)
    for path in NOTEBOOKS:
        shutil.copy(path, source / path.name)
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\nc.ExecutePreprocessor.timeout = 300\n")
    nbgrader(root, "generate_assignment", ASSIGNMENT, log=log)
    for student in students:
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        handed_out = root / ("release" if student == "release" else "source") / ASSIGNMENT
        # The third student hands in only the notebook with the missing answer: nbgrader scores a notebook
        # that was not handed in as 0, and executing the twelve others a third time would prove nothing new
        for path in NOTEBOOKS if student != "one_answer_missing" else [ROOT / "notebooks" / missing[0]]:
            shutil.copy(handed_out / path.name, folder / path.name)
        (folder / "timestamp.txt").write_text("2026-12-01 12:00:00.000000 UTC")
    if "one_answer_missing" in students:
        submitted = root / "submitted" / "one_answer_missing" / ASSIGNMENT / missing[0]
        notebook = nbformat.read(submitted, as_version=4)
        cell = next(c for c in notebook.cells if nbgrader_metadata(c).get("grade_id") == missing[1])
        # nbgrader's own stub, indented like the solution it replaces
        cell.source = SOLUTION.sub(lambda m: f"{m[1]}# YOUR CODE HERE\n{m[1]}raise NotImplementedError()",
                                   cell.source)
        nbformat.write(notebook, submitted)


def run(root):
    """The whole pipeline in the (empty or new) folder ``root`` (one course folder per entry of ``COURSES``);
    returns what ``done.json`` holds."""
    root = Path(root)
    log = []
    missing = missing_answer()
    try:
        for course, students in COURSES.items():
            _set_up_course(root / course, students, missing, log)
        _autograde_side_by_side([root / course for course in COURSES], log)  # once per course, for its students
        nbgrader(course_of(root, "one_answer_missing"), "generate_feedback", ASSIGNMENT, log=log)
        returncode = 0
    except Exception as error:  # noqa: BLE001 - reported in done.json, and by the test that reads it
        log.append(f"{type(error).__name__}: {error}")
        returncode = 1
    done = {"returncode": returncode, "missing": missing, "log": "\n".join(log)[-20000:]}
    (root / "done.json").write_text(json.dumps(done))
    return done


if __name__ == "__main__":
    sys.exit(run(sys.argv[1])["returncode"])
