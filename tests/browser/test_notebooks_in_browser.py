"""Every notebook in a real browser, and the presentation mode (Voilà).

JupyterLab (started on localhost by the ``lab_server`` fixture, on a temporary copy of the notebooks as stored)
opens each notebook in headless Chromium, and Run > Run All Cells runs it in a fresh kernel. Then: every cell has
run, in order; none shows an error or writes to stderr; every widget view has rendered, none as "Error displaying
widget". The live views get a hand on their controls: in 05 and 06, the learning-rate slider starts where the
notebook put it, moving it re-trains and changes the figure, and Play advances the iteration (08's threshold
explorer is played with in ``test_live_breast_cancer.py``). The animations of markdown cells (05 and 06) are shown
as images. Voilà (what ``make present`` runs) shows 05, 06 and 08 as apps with the code hidden, and the same checks
pass there.

Each notebook has its own test class (made from the list of notebooks at the end), so that ``pytest -n 2 --dist
loadscope`` spreads them over both workers. Skipped, with a message saying how to get them, when Chromium or
Playwright is missing. Select or deselect with ``-m browser`` / ``-m 'not browser'``.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from PIL import Image

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
VIEWPORT = {"width": 1400, "height": 1000}


def _number(notebook):
    return notebook.name.split("_")[0]


def _screenshot_on_failure(page, folder, name):
    """Keep a picture of the page when a set-up step fails, and say where it is."""
    path = Path(folder) / f"{name}.png"
    try:
        page.screenshot(path=path, full_page=True)
        return f"the page at that moment: {path}"
    except Exception as error:  # noqa: BLE001 - the picture is a courtesy; the original error matters
        return f"(no screenshot: {error})"


# --------------------------------------------------------------------------------------------------------------
# The two ways of showing a notebook: JupyterLab (Run All) and Voilà (an app)
# --------------------------------------------------------------------------------------------------------------
class InJupyterLab:
    """The class's notebook opened in JupyterLab as stored, checked, then run with Run > Run All Cells."""

    notebook: Path
    images_inlined = False  # markdown images: JupyterLab's server serves the files

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, lab_server, browser, tools, tmp_path_factory):
        path = f"notebooks/{cls.notebook.name}"
        page = browser.new_page(viewport=VIEWPORT)
        try:
            try:
                tools.open_notebook(page, lab_server.url, path)
                stored = page.evaluate(tools.WIDGET_VIEWS_JS)
                report = tools.run_all_cells(page, path)
                views = tools.wait_for_widget_views(page, report["widgetOutputs"])
            except Exception as error:
                error.add_note(_screenshot_on_failure(page, tmp_path_factory.mktemp("failure"), cls.notebook.stem))
                error.add_note(f"JupyterLab's log ends with:\n{lab_server.log_tail()}")
                raise
            yield SimpleNamespace(page=page, stored=stored, report=report, views=views)
            tools.shut_down(page, path)  # its kernel: the next notebook gets the CPU to itself
        finally:
            page.close()

    def test_opens_as_stored_without_a_widget_error(self, app):
        assert not app.stored["errors"], "a stored widget shows 'Error displaying widget' when the notebook opens"

    def test_run_all_runs_every_cell_without_an_error(self, app):
        report = app.report
        assert not report["errors"], f"cells failed: {report['errors']}"
        assert not report["stderr"], f"cells wrote to stderr: {report['stderr']}"
        assert report["executed"] == list(range(1, report["cells"] + 1)), "not every cell ran, once, in order"

    def test_every_widget_renders(self, app):
        assert not app.views["errors"], "a widget shows 'Error displaying widget'"
        assert app.views["rendered"] == app.report["widgetOutputs"], app.views


class InVoila:
    """The class's notebook as a Voilà app, the way ``make present NB=..`` shows it."""

    notebook: Path
    images_inlined = True  # markdown images: Voilà serves no files; the page carries them (data: URLs)

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, browser_folder, browser, tools, tmp_path_factory):
        folder, series = browser_folder
        server = tools.start_voila(folder, series / "notebooks" / cls.notebook.name)
        page = browser.new_page(viewport=VIEWPORT)
        try:
            try:
                page.goto(server.url, wait_until="commit")
                tools.wait_for_voila(page, server)
                views = tools.wait_for_widget_views(page, tools.widget_outputs(cls.notebook))
            except Exception as error:
                name = f"voila-{cls.notebook.stem}"
                error.add_note(_screenshot_on_failure(page, tmp_path_factory.mktemp("failure"), name))
                raise
            yield SimpleNamespace(page=page, views=views)
        finally:
            page.close()
            server.stop()

    def test_shows_outputs_with_the_code_hidden_and_no_error(self, app, tools):
        problems = app.page.evaluate(tools.VOILA_PROBLEMS_JS)
        assert not problems, problems
        assert app.views["rendered"] == tools.widget_outputs(self.notebook), app.views
        text = app.page.locator("body").inner_text()
        code_lines = [line.strip() for cell in nbformat.read(self.notebook, as_version=4).cells
                      if cell.cell_type == "code" for line in cell.source.splitlines()
                      if len(line.strip()) >= 25 and not line.lstrip().startswith("#")]
        assert code_lines and not [line for line in code_lines if line in text], "code is shown"


# --------------------------------------------------------------------------------------------------------------
# The live views, in either app
# --------------------------------------------------------------------------------------------------------------
class TrainingViewChecks:
    """The TrainingView of 05 and 06: canvas, Play + iteration, learning rate + iterations, a status line."""

    def test_learning_rate_slider_starts_at_the_safe_step(self, app, tools):
        """Both notebooks start the view at the safe step 1/β, and the browser shows it there: a slider started
        off its grid would be moved to the nearest position (in 05, to 0.282 instead of 0.284) and re-train."""
        view = tools.training_view(app.page)
        learning_rate, status = tools.slider(view, "learning rate"), view.locator(".widget-html-content")
        tools.wait_for_text(status, "safe step 1/β = ")
        safe = re.search(r"safe step 1/β = ([0-9.e+-]+)\)", status.inner_text())
        assert safe, status.inner_text()
        assert tools.readout(learning_rate) == safe.group(1)

    def test_learning_rate_slider_retrains_and_redraws(self, app, tools):
        view = tools.training_view(app.page)
        learning_rate, status = tools.slider(view, "learning rate"), view.locator(".widget-html-content")
        start = tools.readout(learning_rate)
        tools.wait_for_text(status, f"learning rate {start} ")  # the kernel has caught up with the slider
        before = tools.wait_for_canvas(view)
        for key, picture_before in (("PageUp", before), ("PageDown", None)):  # up five steps, then back
            shown = tools.readout(learning_rate)
            picture_before = picture_before or tools.canvas_signature(view)
            tools.press(learning_rate, key)
            value = tools.wait_for_readout(learning_rate, f"text !== {json.dumps(shown)}")
            tools.wait_for_text(status, f"learning rate {value} ")  # re-trained with the new value
            tools.wait_for_canvas_change(view, picture_before)
        assert value == start

    def test_play_advances_the_iteration(self, app, tools):
        view = tools.training_view(app.page)
        iteration = tools.slider(view, "iteration")
        picture = tools.wait_for_canvas(view)
        tools.press(iteration, "Home")  # iteration 0, the starting weights
        tools.wait_for_readout(iteration, "text === '0'")
        at_zero = tools.wait_for_canvas_change(view, picture)
        view.locator(".widget-play button:has(i.fa-play)").click()
        first = int(tools.wait_for_readout(iteration, "Number(text) > 0"))
        tools.wait_for_readout(iteration, f"Number(text) > {first}")  # and on, frame after frame
        tools.wait_for_canvas_change(view, at_zero)  # the kernel redraws the moving boundary
        view.locator(".widget-play button:has(i.fa-stop)").click()  # stop (playing or not): back to 0


# --------------------------------------------------------------------------------------------------------------
# The pictures of markdown cells, in either app
# --------------------------------------------------------------------------------------------------------------
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")

# For each alt text: the images of the page that have it, and whether each has loaded (and at what size).
IMAGES_JS = """
(alts) => alts.map(alt => Array.from(document.querySelectorAll('img')).filter(img => img.alt === alt).map(img => ({
    src: img.getAttribute('src').slice(0, 40), loaded: img.complete && img.naturalWidth > 0,
    size: [img.naturalWidth, img.naturalHeight], shown: img.getBoundingClientRect().width > 0,
})))
"""


def _markdown_images(notebook):
    """(alt text, link) of each image of the notebook's markdown cells."""
    return [match.groups() for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "markdown"
            for match in MARKDOWN_IMAGE.finditer(cell.source)]


class MarkdownImageChecks:
    """The images of the notebook's markdown cells (in 05 and 06, an animated GIF in ../figures/) are shown: each
    one has loaded, at the size of its file. JupyterLab fetches the file from its server; Voilà serves no files,
    so the page carries the image itself (a data: URL, made by logreg_viz.presentation)."""

    def test_markdown_images_are_shown(self, app, tools):
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        images = _markdown_images(self.notebook)
        alts = [alt for alt, _ in images]
        try:
            app.page.wait_for_function(f"(alts) => ({IMAGES_JS})(alts).every(f => f.length === 1 && f[0].loaded)",
                                       arg=alts, timeout=tools.WIDGET_TIMEOUT)
        except PlaywrightTimeout:
            pass  # the assertions below say which image is missing or broken
        for (alt, link), found in zip(images, app.page.evaluate(IMAGES_JS, alts), strict=True):
            assert len(found) == 1, f"{link}: {len(found)} images with its alt text on the page"
            (image,) = found
            assert image["loaded"] and image["shown"], f"{link} is not shown: {image}"
            with Image.open(self.notebook.parent / link) as picture:
                assert image["size"] == list(picture.size), f"{link} is shown at another size: {image}"
                mime_type = Image.MIME[picture.format]
            if self.images_inlined:
                assert image["src"].startswith(f"data:{mime_type};base64,"), f"{link} is not inlined: {image}"


# --------------------------------------------------------------------------------------------------------------
# One class per notebook and app
# --------------------------------------------------------------------------------------------------------------
LIVE_VIEW_CHECKS = {"05": TrainingViewChecks, "06": TrainingViewChecks}
PRESENTED = ["05", "06", "08"]  # the notebooks the teacher's guide presents with Voilà


for _notebook in NOTEBOOKS:
    _checks = [LIVE_VIEW_CHECKS[_number(_notebook)]] if _number(_notebook) in LIVE_VIEW_CHECKS else []
    if _markdown_images(_notebook):
        _checks.append(MarkdownImageChecks)
    _name = f"TestJupyterLab{_number(_notebook)}"
    globals()[_name] = type(_name, (*_checks, InJupyterLab), {"notebook": _notebook})
    if _number(_notebook) in PRESENTED:
        _name = f"TestVoila{_number(_notebook)}"
        globals()[_name] = type(_name, (*_checks, InVoila), {"notebook": _notebook})
