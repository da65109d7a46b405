"""The checks every notebook passes in a browser after Run All, whichever test class opened it.

``NotebookChecks`` (JupyterLab): the notebook opens as stored with no widget error; Run All runs every cell once,
in order, with no error and nothing on stderr; every live view renders (as many as the stored notebook has: their
outputs name them, ``logreg_viz.live.LIVE_VIEW_METADATA``); the images of its markdown cells are shown.
``MarkdownImageChecks`` is the last of those on its own, for Voilà too.

A class mixes them in and provides an ``app`` fixture with ``page``, ``stored`` (the widget tally as opened),
``report`` (Run All's report) and ``views`` (the widget tally after the run), and ``notebook`` (its path).
"""

import re

import nbformat
from PIL import Image

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

        notebook = getattr(app, "notebook", None) or self.notebook  # the gallery is written during the run
        images = _markdown_images(notebook)
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
            with Image.open(notebook.parent / link) as picture:
                assert image["size"] == list(picture.size), f"{link} is shown at another size: {image}"
                mime_type = Image.MIME[picture.format]
            if self.images_inlined:
                assert image["src"].startswith(f"data:{mime_type};base64,"), f"{link} is not inlined: {image}"




def live_views(notebook):
    """How many live views a stored notebook shows (their outputs name them in their metadata)."""
    return sum("logreg_viz" in output.get("metadata", {}) for cell in nbformat.read(notebook, as_version=4).cells
               if cell.cell_type == "code" for output in cell.outputs)


class NotebookChecks:
    """Opened as stored, run with Run All in JupyterLab: no error anywhere, every live view rendered."""

    images_inlined = False  # markdown images: JupyterLab's server serves the files

    def test_opens_as_stored_without_a_widget_error(self, app):
        assert not app.stored["errors"], "a stored widget shows 'Error displaying widget' when the notebook opens"

    def test_run_all_runs_every_cell_without_an_error(self, app):
        report = app.report
        assert not report["errors"], f"cells failed: {report['errors']}"
        assert not report["stderr"], f"cells wrote to stderr: {report['stderr']}"
        assert report["executed"] == list(range(1, report["cells"] + 1)), "not every cell ran, once, in order"

    def test_every_live_view_renders(self, app):
        assert not app.views["errors"], "a widget shows 'Error displaying widget'"
        assert app.report["widgetOutputs"] == live_views(self.notebook), "not every live view was displayed"
        assert app.views["rendered"] == app.report["widgetOutputs"], app.views

    def test_markdown_images_are_shown(self, app, tools):
        MarkdownImageChecks.test_markdown_images_are_shown(self, app, tools)
