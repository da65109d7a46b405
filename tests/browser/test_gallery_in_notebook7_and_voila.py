"""Every kind of live view in Notebook 7 and in Voilà (``make present``), from ``gallery.py``.

Every lesson with a live view runs in JupyterLab in its own ``test_live_<topic>.py`` class (Run All, the checks of
``notebook_checks.NotebookChecks``, then a hand over every control); the three without one (03, 09, 10) are
re-executed by nbval and opened as pages by ``test_static_export.py`` and ``test_site.py``. Here ``gallery.py``,
one of each of the ten kinds of live view and an animation in markdown, runs:

- in Notebook 7, with Run > Run All Cells: every view renders, with its controls, canvas and status line, and the
  animation is shown;
- in Voilà, as ``make present`` shows a lesson, opened with a link that carries settings
  (``?learning_rate=10&n_iter=abc``): every view renders, the code is hidden, the animation is inlined in the
  page (Voilà serves no files), and the link sets the slider it names, or says why not.

Each app has its own test class, so that ``pytest -n 2 --dist loadscope`` spreads them over both workers.
Skipped, with a message saying how to get them, when Chromium or Playwright is missing.
"""

from types import SimpleNamespace

import nbformat
import pytest
from notebook_checks import MarkdownImageChecks

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1400, "height": 1000}


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

    def test_every_kind_of_live_view_renders(self, app, tools):
        import gallery
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:  # a canvas gets its size once its first picture has loaded: wait for every one
            app.page.wait_for_function(f"() => ({GALLERY_VIEWS_JS})().filter(view => view.drawn).length >= "
                                       f"{len(gallery.VIEWS)}", timeout=tools.WIDGET_TIMEOUT)
        except PlaywrightTimeout:
            pass  # the assertions below say which view is not drawn
        views = app.page.evaluate(GALLERY_VIEWS_JS)
        assert not app.views["errors"], "a widget shows 'Error displaying widget'"
        assert len(views) == len(gallery.VIEWS), views
        for name, view in zip(gallery.VIEWS, views):
            assert view["drawn"] and view["controls"] and view["status"], f"{name}: {view}"


class TestGalleryInNotebook7(GalleryChecks, MarkdownImageChecks):
    """Notebook 7: the gallery opened and run with Run > Run All Cells, as in JupyterLab."""

    images_inlined = False  # markdown images: Notebook 7's server serves the files

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
            yield SimpleNamespace(page=page, views=views, notebook=gallery)
        finally:
            page.close()
            server.stop()


class TestGalleryInVoilaWithALink(GalleryChecks, MarkdownImageChecks):
    """Voilà: the gallery as ``make present`` would show it, opened with a link that carries settings."""

    images_inlined = True  # markdown images: Voilà serves no files; the page carries them (data: URLs)

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
            yield SimpleNamespace(page=page, views=views, notebook=gallery)
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

    def test_shows_outputs_with_the_code_hidden(self, app):
        text = app.page.locator("body").inner_text()
        code_lines = [line.strip() for cell in nbformat.read(app.notebook, as_version=4).cells
                      if cell.cell_type == "code" for line in cell.source.splitlines()
                      if len(line.strip()) >= 25 and not line.lstrip().startswith("#")]
        assert code_lines and not [line for line in code_lines if line in text], "code is shown"
