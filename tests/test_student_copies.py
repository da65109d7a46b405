"""Student copies (``scripts/make_student_copies.py``, ``make student``).

For every notebook: the student copy differs from the teacher's only where a solution was (stub in, answer out,
stale outputs cleared), in its hidden tests (removed) and in the locks nbgrader would add; every exercise has a
graded check cell with points and hidden tests, named after it. For the script: what it writes and says, that it
never overwrites a student's work without ``--force``, and that bad usage or broken markers exit non-zero.

That a student copy runs top to bottom without an error, every check saying "⏳ ... not done yet" and every later
cell falling back to the core, is proven on nbgrader's release of the same cells (``test_nbgrader_compat.py``
proves them the same): ``test_nbgrader_pipeline.py`` runs it once, as a course's autograder does, and reads every
cell's output. That the solutions pass every check is proven by the same pipeline (full marks) and by nbval.
"""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SCRIPT = ROOT / "scripts" / "make_student_copies.py"
TEACHER_NOTEBOOKS = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))

_spec = importlib.util.spec_from_file_location("make_student_copies", SCRIPT)
make_student_copies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_student_copies)

HINT = make_student_copies.DEFAULT_HINT
CHECK_CALL = re.compile(r"^check_\w+\(\s*(\w+)", re.MULTILINE)


def _run_script(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd, capture_output=True, text=True)


def _is_solution(cell):
    return bool(cell.metadata.get("nbgrader", {}).get("solution"))


def _uses(source, names):
    return any(re.search(rf"\b{re.escape(name)}\b", source) for name in names)


def _checked_names(cell):
    """Names of the functions that a check cell hands to a check (``check_sigmoid(my_sigmoid)`` -> my_sigmoid)."""
    return set(CHECK_CALL.findall(cell.source)) if cell.cell_type == "code" else set()


def _locks(cell):
    """The metadata nbgrader's LockCells adds to a teacher's cell (default settings): a solution cell cannot be
    deleted, a locked (or grade) cell can be neither deleted nor edited."""
    nbgrader = cell.metadata.get("nbgrader", {})
    if nbgrader.get("solution"):
        return {"deletable": False}
    if nbgrader.get("locked") or nbgrader.get("grade"):
        return {"deletable": False, "editable": False}
    return {}


# --------------------------------------------------------------------------------------------------------------
# One class per notebook: the student copy, executed once, then the reference solutions pasted back
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="class")
def copies(request):
    """(teacher notebook, its student copy) for the test class's ``notebook``."""
    teacher = nbformat.read(request.cls.notebook, as_version=4)
    student, _ = make_student_copies.make_student_notebook(teacher)
    return teacher, student


class StudentCopyChecks:
    """The tests of one notebook's student copy (subclassed below, one class per notebook)."""

    notebook: Path

    def test_only_the_solutions_differ(self, copies):
        teacher, student = copies
        assert student.metadata == teacher.metadata  # kernelspec, saved widget state, ...
        assert len(student.cells) == len(teacher.cells)
        defined, stubbed = set(), 0  # the exercises' functions defined so far
        for index, (before, after) in enumerate(zip(teacher.cells, student.cells)):
            where = f"{self.notebook.name}, cell {index}"
            assert after.cell_type == before.cell_type, where
            assert after.metadata == {**before.metadata, **_locks(before)}, where
            assert "### BEGIN SOLUTION" not in after.source and "### END SOLUTION" not in after.source, where
            if not _is_solution(before):
                assert after.source == make_student_copies.without_hidden_tests(before.source), where
                if before.cell_type == "code" and _uses(before.source, defined):
                    # computed from a solution (a check's "✅", a "Try it" cell's result): cleared, with the count
                    assert after.outputs == [] and after.execution_count is None, where
                elif before.cell_type == "code":
                    assert after.outputs == before.outputs, where
                    assert after.execution_count == before.execution_count, where
                continue
            defined |= make_student_copies._defined_names(before.source)
            stubbed += 1
            assert after.outputs == [] and after.execution_count is None, where
            # the lines outside the markers are kept in place (def line, docstring); the solution lines are gone
            outside = re.sub(r"[ \t]*### BEGIN SOLUTION.*?### END SOLUTION[^\n]*\n?", "", before.source,
                             flags=re.DOTALL)
            kept = [line for line in after.source.splitlines()
                    if line.strip() != "# YOUR CODE HERE" and "raise NotImplementedError" not in line]
            assert kept == outside.splitlines(), where
            solution = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", before.source, re.DOTALL).group(1)
            for line in solution.splitlines():
                if len(line.strip()) > 12:  # a distinctive line of the answer must not survive
                    assert line not in after.source, f"{where}: the solution line {line!r} is still there"
            assert re.search(r"^( *)# YOUR CODE HERE\n\1raise NotImplementedError\(\"\w+: " + HINT, after.source,
                             re.MULTILINE), where
        assert stubbed == sum(map(_is_solution, teacher.cells))

    def test_every_exercise_has_a_check(self, copies):
        teacher, _ = copies
        checked = set().union(*map(_checked_names, teacher.cells))
        for index, cell in enumerate(teacher.cells):
            if _is_solution(cell) and cell.cell_type == "code":
                defined = make_student_copies._defined_names(cell.source)
                assert defined and defined <= checked, (
                    f"{self.notebook.name}, cell {index} defines {sorted(defined)}; checked: {sorted(checked)}")

    def test_every_check_cell_is_a_graded_nbgrader_test_named_after_its_exercise(self, copies):
        teacher, _ = copies
        grade_ids = {name: cell.metadata["nbgrader"]["grade_id"] for cell in teacher.cells if _is_solution(cell)
                     for name in make_student_copies._defined_names(cell.source)}
        checks = 0
        for index, cell in enumerate(teacher.cells):
            for name in _checked_names(cell):
                checks += 1
                nbgrader = cell.metadata.get("nbgrader", {})
                assert nbgrader.get("points", 0) > 0, f"{self.notebook.name}, cell {index}: a check without points"
                assert {key: value for key, value in nbgrader.items() if key != "points"} == {
                    "grade": True, "grade_id": f"{grade_ids[name]}-check", "locked": True, "schema_version": 3,
                    "solution": False, "task": False}, f"{self.notebook.name}, cell {index}"
                assert "### BEGIN HIDDEN TESTS" in cell.source, f"{self.notebook.name}, cell {index}: no hidden tests"
        assert checks == len(grade_ids)


for _path in TEACHER_NOTEBOOKS:
    _name = f"TestStudentCopyOf{_path.name.split('_')[0]}"
    globals()[_name] = type(_name, (StudentCopyChecks,), {"notebook": _path})


# --------------------------------------------------------------------------------------------------------------
# The stub itself
# --------------------------------------------------------------------------------------------------------------
def test_stub_keeps_indentation_and_the_lines_around_it():
    source = "def f(x):\n    y = 1\n    ### BEGIN SOLUTION\n    return x + y\n    ### END SOLUTION\n"
    stubbed, regions = make_student_copies.stub_solution_regions(source)
    assert regions == 1
    assert stubbed == ('def f(x):\n    y = 1\n    # YOUR CODE HERE\n'
                       '    raise NotImplementedError("f: replace this line with your code")\n')


def test_stub_outside_a_function_has_the_plain_hint():
    stubbed, _ = make_student_copies.stub_solution_regions("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION")
    assert stubbed == '# YOUR CODE HERE\nraise NotImplementedError("replace this line with your code")'


@pytest.mark.parametrize("source, message", [
    ("### BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n### END SOLUTION\n", "without a"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n", "inside another"),
])
def test_markers_that_do_not_pair_up_are_an_error(source, message):
    with pytest.raises(make_student_copies.MarkerError, match=message):
        make_student_copies.stub_solution_regions(source)


@pytest.mark.parametrize(("source", "expected"), [
    ("check(f)\n### BEGIN HIDDEN TESTS\ncheck(f, hidden=True)\n### END HIDDEN TESTS", "check(f)"),
    ("a\n    ### BEGIN HIDDEN TESTS\n    x = 1\n    ### END HIDDEN TESTS\nb\n", "a\nb\n"),
    ("no hidden tests\n", "no hidden tests\n"),
])
def test_hidden_tests_are_removed_with_their_markers(source, expected):
    assert make_student_copies.without_hidden_tests(source) == expected
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    assert make_student_copies.make_student_notebook(notebook)[0].cells[0].source == expected


def test_solution_cells_without_markers_are_replaced_whole():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("answer = 42", metadata={"nbgrader": {"solution": True}}),
        nbformat.v4.new_markdown_cell("Because.", metadata={"nbgrader": {"solution": True}}),
        nbformat.v4.new_code_cell("print(answer)", outputs=[nbformat.v4.new_output("stream", text="42\n")]),
        nbformat.v4.new_code_cell("print('other')", outputs=[nbformat.v4.new_output("stream", text="other\n")]),
    ])
    student, exercises = make_student_copies.make_student_notebook(notebook)
    assert exercises == 2
    assert [c.source for c in student.cells] == [
        '# YOUR CODE HERE\nraise NotImplementedError("replace this line with your code")', "YOUR ANSWER HERE",
        "print(answer)", "print('other')"]
    assert student.cells[2].outputs == [] and student.cells[3].outputs == notebook.cells[3].outputs
    assert notebook.cells[0].source == "answer = 42"  # the teacher's notebook is not changed


# --------------------------------------------------------------------------------------------------------------
# The script: what it writes and says, and that it never loses a student's work
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture
def out(tmp_path):
    return tmp_path / "student"


def test_writes_every_notebook_and_says_so(out):
    result = _run_script("--out", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in TEACHER_NOTEBOOKS]
    for path in TEACHER_NOTEBOOKS:
        exercises = sum(map(_is_solution, nbformat.read(path, as_version=4).cells))
        assert re.search(rf"^wrote \S*{re.escape(path.name)} \({exercises} exercises? stubbed\)$", result.stdout,
                         re.MULTILINE), result.stdout
    assert f"{len(TEACHER_NOTEBOOKS)} student copies written, 0 skipped" in result.stdout


def test_never_overwrites_a_students_work_without_force(out):
    assert _run_script("--out", out).returncode == 0
    first, last = out / TEACHER_NOTEBOOKS[0].name, out / TEACHER_NOTEBOOKS[-1].name
    work = nbformat.read(first, as_version=4)
    solution = next(c for c in work.cells if _is_solution(c))
    solution.source = "def my_answer():\n    return 'a student wrote this'"
    nbformat.write(work, first)
    students_bytes = first.read_bytes()
    last.unlink()  # a copy that went missing is written again; the others are left alone

    result = _run_script("--out", out)
    assert result.returncode == 0, result.stderr
    assert first.read_bytes() == students_bytes
    assert re.search(rf"^skipped \S*{re.escape(first.name)}: it already exists .*use --force", result.stdout,
                     re.MULTILINE), result.stdout
    assert re.search(rf"^wrote \S*{re.escape(last.name)} ", result.stdout, re.MULTILINE), result.stdout
    assert f"1 student copy written, {len(TEACHER_NOTEBOOKS) - 1} skipped" in result.stdout

    forced = _run_script("--out", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert re.search(rf"^overwrote \S*{re.escape(first.name)} ", forced.stdout, re.MULTILINE), forced.stdout
    assert "a student wrote this" not in first.read_text(encoding="utf-8")
    assert nbformat.read(first, as_version=4) == \
        make_student_copies.make_student_notebook(nbformat.read(TEACHER_NOTEBOOKS[0], as_version=4))[0]


def test_default_folder_is_student_next_to_notebooks():
    assert make_student_copies.parse_args([]).out == ROOT / "student"
    assert "student/" in (ROOT / ".gitignore").read_text().split()


def test_bad_usage_exits_non_zero(tmp_path, out):
    unknown = _run_script("--frobnicate")
    assert unknown.returncode == 2 and "usage:" in unknown.stderr

    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = _run_script("--source", empty, "--out", out)
    assert nothing.returncode == 1 and "no notebooks named NN_*.ipynb" in nothing.stderr
    assert not out.exists()


def test_broken_markers_write_nothing(tmp_path, out):
    source = tmp_path / "teacher"
    source.mkdir()
    solution = {"nbgrader": {"solution": True}}
    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION", metadata=solution)])
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("intro"), nbformat.v4.new_code_cell(
        "def g():\n    ### BEGIN SOLUTION\n    return 2", metadata=solution)])
    nbformat.write(good, source / "01_good.ipynb")
    nbformat.write(bad, source / "02_bad.ipynb")
    result = _run_script("--source", source, "--out", out)
    assert result.returncode == 1
    assert "02_bad.ipynb, cell 1: line 2: '### BEGIN SOLUTION' is never closed" in result.stderr
    assert "no student copy was written" in result.stderr
    assert not out.exists()
