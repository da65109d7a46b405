"""Reading the exercises out of the stored notebooks, for the tests of the exercise checks.

The reference solutions are taken from the notebooks themselves (the cells carrying nbgrader metadata), so the
tests follow the notebooks and cannot drift from them. Each ``tests/test_exercises_nbNN.py`` imports what it needs
from here (pytest puts this folder on the import path, as for any test module):

``NOTEBOOKS``        the folder of the notebooks
``cells``            the cells of a stored notebook, as JSON dictionaries
``source``           a cell's source as one string
``solution_cell``    the source of the one solution cell with a given nbgrader grade id
``define``           execute a cell's source in a namespace; return the function it defines
``student_version``  what nbgrader's generate_assignment makes of a solution cell (the solution replaced by a stub)
``run_check``        run a check function; return whether it passed and the one line it printed
``fails_with``       assert that a check fails with a message containing given fragments
"""

import json
import re
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
_SOLUTION = re.compile(r"( *)### BEGIN SOLUTION\n.*?### END SOLUTION\n?", re.DOTALL)


def cells(notebook):
    """The cells of ``NOTEBOOKS / notebook`` as stored (JSON dictionaries)."""
    return json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


def solution_cell(notebook, grade_id):
    """The source of the one cell of ``notebook`` whose nbgrader grade id is ``grade_id``; it must be a solution
    cell."""
    matches = [c for c in cells(notebook) if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id]
    assert len(matches) == 1, f"expected one cell with grade_id {grade_id!r} in {notebook}, found {len(matches)}"
    assert matches[0]["metadata"]["nbgrader"]["solution"] is True
    return source(matches[0])


def define(cell_source, name, namespace):
    """Execute ``cell_source`` in a copy of ``namespace`` (what the notebook has defined by then, e.g. ``np``)
    and return the function ``name`` it defines."""
    namespace = dict(namespace)
    exec(compile(cell_source, f"<{name}>", "exec"), namespace)  # noqa: S102 - the notebook's own exercise cell
    return namespace[name]


def student_version(cell_source):
    """What nbgrader's generate_assignment makes of a solution cell: the solution replaced by a stub."""
    return _SOLUTION.sub(lambda m: f"{m.group(1)}# YOUR CODE HERE\n{m.group(1)}raise NotImplementedError()\n",
                         cell_source)


def run_check(check, function, capsys):
    """Run ``check(function)``; return ``(passed, line)``, the line being all it printed (exactly one line)."""
    passed = check(function)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1, f"a check prints exactly one line, got {lines}"
    return passed, lines[0]


def fails_with(check, function, capsys, *fragments):
    """Assert that ``check(function)`` fails, with a "❌" line that contains every one of ``fragments``."""
    passed, line = run_check(check, function, capsys)
    assert not passed, f"a wrong answer passed: {line}"
    assert line.startswith("❌"), line
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
