"""Every lesson has the shape the series promises, read from the stored notebooks (nothing is executed).

- It fits one class period: at most 2,200 words of prose (formulas and HTML not counted) and 150 non-blank code
  lines, and no code cell outside an exercise longer than 12 non-blank lines (figures that need more are functions
  of ``logreg_viz``).
- It opens with its number and title, its learning goal and a link to the notation card, with a plan whose minute
  marks add up to the period it states; it ends with a summary, and every exercise comes before the summary.
- The reader predicts before they see: a **Predict** prompt comes before the first live view of its section, each
  prompt is answered in a collapsed "Check your prediction" box, and the series has at least 20 of them.
- From lesson 02 on, a later cell runs on the student's own function (``yours_or`` or ``try_it``) in every lesson
  with a code exercise.
- The core is imported one way: ``import logreg_core as core``.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
MAX_WORDS, MAX_CODE_LINES, MAX_CELL_LINES = 2200, 150, 12
PREDICT, ANSWER = "**Predict", "<summary>Check your prediction</summary>"


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _is_exercise(cell):
    return cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution", False)


def _code_lines(cell):
    return [line for line in cell.source.splitlines() if line.strip()]


def _words(markdown):
    prose = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$|<[^>]+>", " ", markdown, flags=re.S)
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", prose))


def _is_live_view(cell):
    return cell.cell_type == "code" and any("logreg_viz" in output.get("metadata", {}) for output in cell.outputs)


@pytest.fixture(params=NOTEBOOKS, ids=lambda path: path.name)
def lesson(request):
    return request.param, _cells(request.param)


def test_the_series_is_there():
    assert len(NOTEBOOKS) == 13 and (ROOT / "notebooks" / "NOTATION.md").is_file()


def test_a_lesson_fits_one_class_period(lesson):
    path, cells = lesson
    words = sum(_words(cell.source) for cell in cells if cell.cell_type == "markdown")
    code_lines = sum(len(_code_lines(cell)) for cell in cells if cell.cell_type == "code")
    walls = [index for index, cell in enumerate(cells)
             if cell.cell_type == "code" and not _is_exercise(cell) and len(_code_lines(cell)) > MAX_CELL_LINES]
    assert words <= MAX_WORDS, f"{path.name}: {words} words of prose"
    assert code_lines <= MAX_CODE_LINES, f"{path.name}: {code_lines} code lines"
    assert not walls, f"{path.name}: code cells {walls} are longer than {MAX_CELL_LINES} lines"


def test_a_lesson_opens_with_its_goal_notation_and_timed_plan_and_ends_with_a_summary(lesson):
    path, cells = lesson
    opening = cells[0].source
    assert opening.startswith(f"# {path.name[:2]} · "), f"{path.name}: the first cell is not the lesson's title"
    assert "**Learning goal.**" in opening and "](NOTATION.md)" in opening, \
        f"{path.name}: the opening states no learning goal or does not link the notation card"
    plan = re.search(r"\*\*Plan\*\* \((\d+) min\)", opening)
    assert plan, f"{path.name}: no plan with the lesson's minutes"
    minutes = [int(m) for m in re.findall(r"^\d+\. .*\((\d+) min\)$", opening, flags=re.M)]
    assert minutes and sum(minutes) == int(plan.group(1)), f"{path.name}: the plan's minutes do not add up"
    headings = [re.findall(r"^## (.+)$", cell.source, flags=re.M) for cell in cells if cell.cell_type == "markdown"]
    sections = [heading for cell in headings for heading in cell]
    assert sections[-1] == "Summary", f"{path.name}: the last section is {sections[-1]!r}, not the summary"
    summary = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## Summary" in c.source)
    assert not [i for i, cell in enumerate(cells) if _is_exercise(cell) and i > summary], \
        f"{path.name}: an exercise comes after the summary"


def test_the_reader_predicts_before_the_first_live_view_of_a_section(lesson):
    path, cells = lesson
    section_start = 0
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and re.search(r"^## ", cell.source, flags=re.M):
            section_start, predicted = index, False
        if cell.cell_type == "markdown" and PREDICT in cell.source:
            predicted = True
        if _is_live_view(cell):
            assert predicted, f"{path.name}: the live view of cell {index} (section from cell {section_start}) " \
                              "comes with no Predict prompt before it"
            predicted = True  # one prompt per section is enough


def test_every_prediction_is_answered_in_a_collapsed_box(lesson):
    path, cells = lesson
    text = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    assert text.count(PREDICT) >= 1, f"{path.name}: no Predict prompt"
    assert text.count(ANSWER) >= text.count(PREDICT), f"{path.name}: a prediction has no collapsed answer"


def test_the_series_asks_for_at_least_twenty_predictions():
    prompts = sum(cell.source.count(PREDICT) for path in NOTEBOOKS for cell in _cells(path)
                  if cell.cell_type == "markdown")
    assert prompts >= 20, prompts


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=lambda path: path.name)
def test_later_cells_run_on_the_students_own_function(path):
    cells = _cells(path)
    exercises = [re.search(r"def (\w+)\(", cell.source).group(1) for cell in cells
                 if _is_exercise(cell) and "def " in cell.source]
    if not exercises:
        pytest.skip(f"{path.name} has no code exercise")
    uses = [re.search(rf"(yours_or|try_it)\((my_)?({'|'.join(exercises)})\b", cell.source)
            for cell in cells if cell.cell_type == "code" and not _is_exercise(cell)]
    assert any(uses), f"{path.name}: no later cell runs on the student's {', '.join(exercises)}"


def test_the_core_is_imported_one_way():
    for path in NOTEBOOKS:
        for cell in _cells(path):
            if cell.cell_type != "code":
                continue
            imports = re.findall(r"^\s*(?:import logreg_core.*|from logreg_core import.*)$", cell.source, flags=re.M)
            assert all(line.strip() == "import logreg_core as core" for line in imports), (path.name, imports)
