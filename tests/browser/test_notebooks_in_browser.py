"""Every notebook in a real browser; presentation mode (Voilà); and every kind of live view in Notebook 7 and Voilà.

JupyterLab (the ``lab_server`` fixture, on a temporary copy of the notebooks as stored) opens each notebook in
headless Chromium and Run > Run All Cells runs it in a fresh kernel (``notebook_checks.NotebookChecks``: no error
anywhere, every live view rendered, the markdown images shown). The notebooks with live views are opened by their
own ``test_live_<topic>.py`` classes, which do those checks too and then play with every control; this module opens
the others (one run per notebook: its kernel's time is the cost).

Voilà (what ``make present`` runs) shows lesson 05 as an app with the code hidden, its animation inlined, and its
training view working. ``gallery.py``, one of each of the ten kinds of live view, is run in Notebook 7 and in Voilà
(opened with a link that carries settings: ``?learning_rate=10&n_iter=abc``): every view renders there, and the
link sets the sliders it names, or says why not.

Each notebook and app has its own test class, so that ``pytest -n 2 --dist loadscope`` spreads them over both
workers. Skipped, with a message saying how to get them, when Chromium or Playwright is missing.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from notebook_checks import MarkdownImageChecks, NotebookChecks, live_views

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
class InJupyterLab(NotebookChecks):
    """The class's notebook opened in JupyterLab as stored, checked, then run with Run > Run All Cells."""

    notebook: Path

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


class InVoila:
    """The class's notebook as a Voilà app, the way ``make present NB=..`` shows it."""

    notebook: Path
    link = ""  # the query string of the page's address, e.g. "?learning_rate=10"
    images_inlined = True  # markdown images: Voilà serves no files; the page carries them (data: URLs)

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, browser_folder, browser, tools, tmp_path_factory):
        folder, series = browser_folder
        server = tools.start_voila(folder, series / "notebooks" / cls.notebook.name)
        page = browser.new_page(viewport=VIEWPORT)
        try:
            try:
                page.goto(server.url + cls.link, wait_until="commit")
                tools.wait_for_voila(page, server)
                views = tools.wait_for_widget_views(page, live_views(cls.notebook))
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
        assert app.views["rendered"] == live_views(self.notebook), app.views
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
        learning_rate, status = tools.slider(view, "learning rate"), view.locator(tools.STATUS_LINE)
        tools.wait_for_text(status, "safe step 1/β = ")
        safe = re.search(r"safe step 1/β = ([0-9.e+-]+)\)", status.inner_text())
        assert safe, status.inner_text()
        assert tools.readout(learning_rate) == safe.group(1)

    def test_learning_rate_slider_retrains_and_redraws(self, app, tools):
        view = tools.training_view(app.page)
        learning_rate, status = tools.slider(view, "learning rate"), view.locator(tools.STATUS_LINE)
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
# One class per notebook and app
# --------------------------------------------------------------------------------------------------------------
# --------------------------------------------------------------------------------------------------------------
# Every kind of live view in Notebook 7 and in Voilà (gallery.py)
# --------------------------------------------------------------------------------------------------------------
# Each live view's box on the page: its controls' labels, whether its canvas has been drawn, and its status line.
GALLERY_VIEWS_JS = """
() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
    .filter(output => output.querySelector('.jupyter-matplotlib-canvas-div canvas') !== null)
    .map(output => {
        const canvas = output.querySelector('.jupyter-matplotlib-canvas-div canvas');
        const status = output.querySelector('[role="status"]');
        return {drawn: canvas.width > 0 && canvas.height > 0,
                controls: Array.from(output.querySelectorAll('.widget-label')).map(label => label.innerText),
                status: status ? status.innerText : null};
    })
"""


class GalleryChecks:
    """Every kind of live view renders, with its controls above its canvas and a status line announced to screen
    readers, and no widget says "Error displaying widget"."""

    def test_every_kind_of_live_view_renders(self, app):
        import gallery

        views = app.page.evaluate(GALLERY_VIEWS_JS)
        assert not app.views["errors"], "a widget shows 'Error displaying widget'"
        assert len(views) == len(gallery.VIEWS), views
        for name, view in zip(gallery.VIEWS, views):
            assert view["drawn"] and view["controls"] and view["status"], f"{name}: {view}"


class TestGalleryInNotebook7(GalleryChecks):
    """Notebook 7: the gallery opened and run with Run > Run All Cells, as in JupyterLab."""

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, browser_folder, browser, tools, gallery):
        import gallery as gallery_module

        folder, series = browser_folder
        server = tools.start_notebook7(folder, series)
        page = browser.new_page(viewport=VIEWPORT)
        path = gallery.relative_to(series).as_posix()
        try:
            tools.open_notebook(page, server.url, path, app="notebook")
            report = tools.run_all_cells(page, path)
            assert not report["errors"] and not report["stderr"], report
            views = tools.wait_for_widget_views(page, len(gallery_module.VIEWS))
            yield SimpleNamespace(page=page, views=views)
        finally:
            page.close()
            server.stop()


class TestGalleryInVoilaWithALink(GalleryChecks):
    """Voilà: the gallery as ``make present`` would show it, opened with a link that carries settings."""

    LINK = "?learning_rate=10&n_iter=abc"

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, browser_folder, browser, tools, gallery):
        import gallery as gallery_module

        folder, _ = browser_folder
        server = tools.start_voila(folder, gallery)
        page = browser.new_page(viewport=VIEWPORT)
        try:
            page.goto(server.url + cls.LINK, wait_until="commit")
            tools.wait_for_voila(page, server)
            views = tools.wait_for_widget_views(page, len(gallery_module.VIEWS))
            assert not page.evaluate(tools.VOILA_PROBLEMS_JS), page.evaluate(tools.VOILA_PROBLEMS_JS)
            yield SimpleNamespace(page=page, views=views)
        finally:
            page.close()
            server.stop()

    def test_the_link_sets_the_learning_rate_and_says_what_it_could_not_set(self, app, tools):
        view = tools.training_view(app.page)
        learning_rate, iterations = tools.slider(view, "learning rate"), tools.slider(view, "iterations")
        status = view.locator('[role="status"]')
        assert float(tools.readout(learning_rate)) == pytest.approx(10, rel=0.07)  # the slider's nearest position
        assert tools.readout(iterations) == "300"  # the link's n_iter=abc is no number: the default stays
        text = status.inner_text()
        assert text.startswith(f"Opened from the link at learning_rate = {tools.readout(learning_rate)} "
                               "(the slider's nearest step to 10)."), text
        assert "n_iter='abc' is not a whole number, so n_iter opens at its default, 300" in text


# --------------------------------------------------------------------------------------------------------------
# Lesson 05 as an app, and the notebooks without live views in JupyterLab
# --------------------------------------------------------------------------------------------------------------
class TestVoila05(TrainingViewChecks, MarkdownImageChecks, InVoila):
    """Lesson 05 as ``make present NB=05`` shows it."""

    notebook = next(path for path in NOTEBOOKS if _number(path) == "05")


for _notebook in NOTEBOOKS:
    if not live_views(_notebook):  # the others have a class of their own in a test_live_<topic>.py module
        _name = f"TestJupyterLab{_number(_notebook)}"
        globals()[_name] = type(_name, (InJupyterLab,), {"notebook": _notebook})
