"""Write a student copy of every notebook: each solution replaced by a stub, everything else kept.

The notebooks in ``notebooks/`` are the teacher's copies: every exercise cell holds its reference solution
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader's markers). A student copy replaces each such
region with nbgrader's stub, indented like the marker::

    # YOUR CODE HERE
    raise NotImplementedError("my_sigmoid: replace this line with your code")

so the lines above the region (the ``def`` line, the docstring) stay as they are. The stub raises only when the
function is called: defining it never fails. Hidden tests (``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``
in a check cell) are removed, as nbgrader removes them from what it hands out. The outputs and execution counts of
the solution cells are cleared, and so are those of the cells that use what a solution defines (the check cells and
the "Try it" cells): a student should not find a "✅ correct" under a check they have not run yet. Everything else is
copied unchanged: the text, the figures, the widgets and their saved state, the check calls and all metadata.
Markdown solution cells without markers (none so far) become "YOUR ANSWER HERE", as in nbgrader.

Cells are locked as nbgrader's ``LockCells`` locks them, through the metadata that JupyterLab and Notebook obey: a
solution cell cannot be deleted, and a locked cell (``"locked": true`` in its nbgrader metadata, e.g. a check cell)
can be neither deleted nor edited.

So that a student copy runs top to bottom without an error (JupyterLab's Run All stops at the first one), the
notebooks play their part: a check turns a stub's NotImplementedError into "⏳ not done yet", and a cell that uses
an exercise on the notebook's data runs it inside ``with logreg_exercises.try_it(function):``, which does the same.

A student copy that already exists is never overwritten (it may hold a student's work) unless ``--force`` is
given; the script says which files it skipped and why, and which it wrote.

Usage::

    python scripts/make_student_copies.py                # notebooks/NN_*.ipynb -> student/NN_*.ipynb
    python scripts/make_student_copies.py --force        # overwrite existing student copies
    python scripts/make_student_copies.py --out class_a  # another folder (relative to the current one)

Keep the output folder next to ``figures/`` (as ``student/`` is): the notebooks show animations from
``../figures``.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_TESTS = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS\n.*?^[ \t]*### END HIDDEN TESTS[ \t]*(\n|\Z)", re.M | re.S)
CODE_STUB = '# YOUR CODE HERE\nraise NotImplementedError("{hint}")'
MARKDOWN_STUB = "YOUR ANSWER HERE"
DEFAULT_HINT = "replace this line with your code"


class MarkerError(ValueError):
    """A solution region whose markers do not pair up."""


def _enclosing_function(source, line_number):
    """Name of the innermost function whose body contains ``line_number`` (1-based), or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics and the like: the hint is simply less specific
        return None
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and node.lineno < line_number <= node.end_lineno]
    return max(functions, key=lambda node: node.lineno).name if functions else None


def stub_solution_regions(source):
    """``source`` with every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region replaced by the code stub.

    The stub takes the indentation of the BEGIN marker's line. Raises MarkerError if the markers do not pair up.
    Returns ``(new_source, number_of_regions)``.
    """
    lines = source.splitlines()
    kept, regions, begin = [], 0, None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            if begin is not None:
                raise MarkerError(f"line {number}: '{BEGIN}' inside another solution region (line {begin})")
            begin = number
            indent = line[: len(line) - len(line.lstrip())]
            name = _enclosing_function(source, number)
            hint = f"{name}: {DEFAULT_HINT}" if name else DEFAULT_HINT
            kept.extend(indent + stub_line for stub_line in CODE_STUB.format(hint=hint).splitlines())
        elif stripped.startswith(END):
            if begin is None:
                raise MarkerError(f"line {number}: '{END}' without a '{BEGIN}' before it")
            begin = None
            regions += 1
        elif begin is None:
            kept.append(line)
    if begin is not None:
        raise MarkerError(f"line {begin}: '{BEGIN}' is never closed by '{END}'")
    return "\n".join(kept) + ("\n" if source.endswith("\n") else ""), regions


def without_hidden_tests(source):
    """``source`` without its ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` regions, markers included, as
    nbgrader's ``ClearHiddenTests`` removes them: the autograder puts them back, a student never sees them."""
    return HIDDEN_TESTS.sub("", source).rstrip("\n") + ("\n" if source.endswith("\n") else "")


def _is_solution_cell(cell):
    return bool(cell.metadata.get("nbgrader", {}).get("solution")) or BEGIN in cell.source


def _defined_names(source):
    """Names a solution cell defines at top level (functions, classes, assigned variables)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def _uses_any(source, names):
    """Whether ``source`` mentions one of ``names`` as a whole word."""
    return any(re.search(rf"\b{re.escape(name)}\b", source) for name in names)


def _clear(cell):
    cell.outputs = []
    cell.execution_count = None


def _lock(cell):
    """Lock ``cell`` as nbgrader's LockCells does by default: a solution cell cannot be deleted; a grade cell or a
    locked cell can be neither deleted nor edited."""
    nbgrader = cell.metadata.get("nbgrader", {})
    if nbgrader.get("solution"):
        cell.metadata["deletable"] = False
    elif nbgrader.get("grade") or nbgrader.get("locked"):
        cell.metadata["deletable"] = False
        cell.metadata["editable"] = False


def make_student_notebook(notebook):
    """The student version of a teacher notebook (a new NotebookNode; ``notebook`` is not changed).

    Returns ``(student_notebook, number_of_exercises_stubbed)``.
    """
    student = nbformat.from_dict(notebook)  # a deep copy
    solution_names, exercises = set(), 0
    for index, cell in enumerate(student.cells):
        _lock(cell)
        cell.source = without_hidden_tests(cell.source)
        if not _is_solution_cell(cell):
            if cell.cell_type == "code" and _uses_any(cell.source, solution_names):
                _clear(cell)  # e.g. a check cell: its stored "✅ correct" came from the reference solution
            continue
        try:
            new_source, regions = stub_solution_regions(cell.source)
        except MarkerError as error:
            raise MarkerError(f"cell {index}: {error}") from None
        if cell.cell_type == "code":
            solution_names |= _defined_names(cell.source)
            if regions == 0:  # a solution cell without markers: the whole cell is the answer (nbgrader's rule)
                new_source = CODE_STUB.format(hint=DEFAULT_HINT)
            _clear(cell)
        elif regions == 0:
            new_source = MARKDOWN_STUB
        cell.source = new_source
        exercises += 1
    return student, exercises


def _shown(path):
    """A path as the user should read it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Write a student copy of every notebook (solutions replaced by stubs) into a folder.",
        epilog="Existing student copies are never overwritten unless --force is given.",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "student",
                        help="folder for the student copies (default: student/ in the repository)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite student copies that already exist (their students' work is lost)")
    parser.add_argument("--source", type=Path, default=ROOT / "notebooks",
                        help="folder of the teacher notebooks NN_*.ipynb (default: notebooks/)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sources = sorted(args.source.glob("[0-9]*.ipynb"))
    if not sources:
        print(f"error: no notebooks named NN_*.ipynb in {_shown(args.source)}", file=sys.stderr)
        return 1

    # Build every copy before writing any, so that a notebook with broken markers leaves nothing half done.
    copies = []
    for source in sources:
        try:
            student, exercises = make_student_notebook(nbformat.read(source, as_version=4))
        except MarkerError as error:
            print(f"error: {_shown(source)}, {error}; no student copy was written", file=sys.stderr)
            return 1
        copies.append((args.out / source.name, student, exercises))

    args.out.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    for target, student, exercises in copies:
        if target.exists() and not args.force:
            print(f"skipped {_shown(target)}: it already exists and may hold a student's work "
                  "(use --force to overwrite it)")
            skipped += 1
            continue
        verb = "overwrote" if target.exists() else "wrote"
        nbformat.write(student, target)
        print(f"{verb} {_shown(target)} ({exercises} exercise{'s' * (exercises != 1)} stubbed)")
        written += 1
    print(f"{written} student cop{'ies' if written != 1 else 'y'} written, {skipped} skipped, "
          f"in {_shown(args.out)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
