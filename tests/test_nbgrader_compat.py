"""nbgrader accepts the teacher notebooks as they are, and its student version matches ours.

A course that uses nbgrader puts the notebooks in ``source/<assignment>/`` and runs ``nbgrader
generate_assignment``: its pipeline locks cells, checks the nbgrader metadata (unique grade ids, schema
version, ...), replaces the solutions with stubs (``ClearSolutions``), clears outputs and records checksums in
its gradebook. This module runs exactly that command on every teacher notebook in a temporary course folder and
requires it to succeed without a warning or an error; then it compares nbgrader's release with
``scripts/make_student_copies.py``: the same cells, the same sources, the stubs in the same places (ours only add a
hint to the ``NotImplementedError``), the same cells locked against deleting and editing.

nbgrader is a teacher's optional extra (``pip install -r requirements-teacher.txt``): without it this module is
skipped.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

pytest.importorskip(
    "nbgrader", reason="nbgrader is a teacher's optional extra; install it with "
    "`.venv/bin/pip install -r requirements-teacher.txt` to test nbgrader compatibility")

ROOT = Path(__file__).resolve().parents[1]
TEACHER_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
ASSIGNMENT = "series"
LOCKS = ("deletable", "editable")  # the cell metadata of nbgrader's LockCells, obeyed by JupyterLab

_spec = importlib.util.spec_from_file_location("make_student_copies", ROOT / "scripts" / "make_student_copies.py")
make_student_copies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_student_copies)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with every teacher notebook as one assignment, after ``nbgrader generate_assignment``.

    Returns (course folder, the command's log).
    """
    root = tmp_path_factory.mktemp("course")
    source = root / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    for path in TEACHER_NOTEBOOKS:
        (source / path.name).write_bytes(path.read_bytes())
    (root / "nbgrader_config.py").write_text(f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\n")
    # nbgrader runs the `alembic` command to set up its gradebook: it must find the one installed next to Python
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, "--force"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return root, log


def test_generate_assignment_accepts_every_notebook_without_complaint(course):
    root, log = course
    complaints = [line for line in log.splitlines() if re.search(r"\| (WARNING|ERROR|CRITICAL)\]", line)]
    assert not complaints, log
    for path in TEACHER_NOTEBOOKS:
        assert re.search(rf"Converting notebook \S+/{ASSIGNMENT}/{re.escape(path.name)}$", log, re.MULTILINE), log
    assert sorted(p.name for p in (root / "release" / ASSIGNMENT).glob("*.ipynb")) == \
        [p.name for p in TEACHER_NOTEBOOKS]


def _without_hint(source):
    """Our stub's ``raise NotImplementedError("my_sigmoid: replace ...")`` written as nbgrader's plain one."""
    return re.sub(r"raise NotImplementedError\(.*\)", "raise NotImplementedError()", source)


@pytest.mark.parametrize("notebook", TEACHER_NOTEBOOKS, ids=lambda path: path.name)
def test_nbgraders_student_version_matches_ours(course, notebook):
    root, _ = course
    released = nbformat.read(root / "release" / ASSIGNMENT / notebook.name, as_version=4)
    ours, exercises = make_student_copies.make_student_notebook(nbformat.read(notebook, as_version=4))
    assert len(released.cells) == len(ours.cells)
    stubs = 0
    for index, (theirs, mine) in enumerate(zip(released.cells, ours.cells)):
        where = f"{notebook.name}, cell {index}"
        assert theirs.cell_type == mine.cell_type, where
        assert theirs.source.rstrip("\n") == _without_hint(mine.source).rstrip("\n"), where
        assert {key: theirs.metadata.get(key) for key in LOCKS} == {key: mine.metadata.get(key) for key in LOCKS}, where
        if "raise NotImplementedError()" in theirs.source:
            stubs += 1
            assert theirs.metadata["nbgrader"]["solution"] is True, where
    assert stubs == exercises > 0
    assert sum(cell.metadata.get("editable") is False for cell in ours.cells) >= exercises  # a check per exercise


def test_solution_markers_only_in_solution_cells():
    """nbgrader strips a solution only from a cell marked as one: markers anywhere else would hand it out."""
    for path in TEACHER_NOTEBOOKS:
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if "### BEGIN SOLUTION" in cell.source:
                assert cell.metadata.get("nbgrader", {}).get("solution") is True, f"{path.name}, cell {index}"
