"""The stored notebooks as nbviewer shows them, opened in Chromium from disk with the network cut.

Each stored notebook is exported by nbconvert's ``HTMLExporter`` with its default template, as nbviewer renders
it, to ``notebooks/<name>.html`` beside a copy of ``figures/`` (``tests/static_export.py``: nbviewer serves the
page at the notebook's place in the repository, so ``../figures/...`` is the repository's file). Chromium opens
every page over ``file://`` in one browser context whose every other request is aborted and recorded. On every
page:

- every output that the stored notebook marks as a live view (``{"logreg_viz": {"view": ...}}``) shows a picture
  that has loaded (``naturalWidth > 0``);
- no widget placeholder, no "Error displaying widget", no widget view (``application/vnd.jupyter.widget-view+json``)
  anywhere: a static page runs no widget;
- every image of the markdown cells (the animations of ``figures/``) has loaded;
- the page asked the network for nothing but the two scripts nbconvert's template itself links from a CDN,
  require.js (for widgets, which these pages have none of) and MathJax (typesets the formulas). Offline they fail;
  nothing above depends on them, which is the point: a reader with no network still sees every picture, with the
  formulas as TeX source. Anything else asked of the network fails the test, and so does a script error.

One class, one browser context, all the notebooks: about 10 s on the 2-core reference machine.
"""

from __future__ import annotations

import re

import pytest
from static_export import NOTEBOOKS, WIDGET_VIEW, copy_figures, export, live_views, markdown_images

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1200, "height": 900}
CDN_SCRIPT = re.compile(r"""<script[^>]*\ssrc=["'](https?://[^"']+)["']""")

# What a page shows: each live view's output (by cell id and output number) and its pictures; the markdown
# images; what must not be there.
PAGE_REPORT_JS = """
(views) => {
    const loaded = (img) => img.complete && img.naturalWidth > 0;
    const describe = (img) => ({src: img.getAttribute('src').slice(0, 40), loaded: loaded(img)});
    return {
        views: views.map(([cellId, number]) => {
            const cell = document.getElementById(`cell-id=${cellId}`);
            const output = cell && cell.querySelectorAll('.jp-OutputArea-child')[number];
            return output ? Array.from(output.querySelectorAll('img')).map(describe) : null;
        }),
        markdownImages: Array.from(document.querySelectorAll('.jp-MarkdownCell img')).map(describe),
        widgetErrors: document.body.innerText.includes('Error displaying widget'),
        widgetPlaceholders: document.querySelectorAll(
            'script[type^="application/vnd.jupyter.widget"], .jupyter-widgets, .widget-area').length,
        widgetMime: document.documentElement.outerHTML.includes('MIME'),
    };
}
""".replace("MIME", WIDGET_VIEW)


class TestNbviewerPagesOffline:
    @pytest.fixture(scope="class")
    @classmethod
    def pages(cls, tmp_path_factory):
        """Every stored notebook exported as nbviewer renders it: {notebook: page path}."""
        from nbconvert import HTMLExporter

        folder = copy_figures(tmp_path_factory.mktemp("nbviewer"))
        exporter = HTMLExporter()
        return {notebook: export(notebook, folder, exporter) for notebook in NOTEBOOKS}

    @pytest.fixture(scope="class")
    @classmethod
    def reader(cls, browser):
        """One offline context for every page; every request not for a file:// URL is aborted and recorded."""
        context = browser.new_context(viewport=VIEWPORT, offline=True)
        record = {"elsewhere": [], "missing": [], "errors": []}

        def elsewhere(route):
            record["elsewhere"].append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(?!file:|data:)"), elsewhere)
        page = context.new_page()
        page.on("requestfailed", lambda request: record["missing"].append(f"{request.url}: {request.failure}")
                if request.url.startswith("file://") else None)
        page.on("pageerror", lambda error: record["errors"].append(str(error)))
        yield page, record
        context.close()

    def test_every_page_shows_a_picture_for_every_live_view(self, pages, reader):
        page, record = reader
        problems, blocked = [], set()
        for notebook, path in pages.items():
            for entries in record.values():
                entries.clear()
            views = live_views(notebook)
            page.goto(path.as_uri(), wait_until="load")  # every image has loaded or failed by then
            report = page.evaluate(PAGE_REPORT_JS, [[cell_id, number] for cell_id, number, _ in views])
            name = notebook.name
            for (cell_id, number, view), images in zip(views, report["views"], strict=True):
                if not images or not any(image["loaded"] for image in images):
                    problems.append(f"{name}: the {view} of cell {cell_id} (output {number}) shows no picture: "
                                    f"{images}")
            shown = [image for image in report["markdownImages"] if image["loaded"]]
            if len(shown) != len(report["markdownImages"]) or len(shown) != len(markdown_images(notebook)):
                problems.append(f"{name}: markdown images {report['markdownImages']}, "
                                f"the notebook links {markdown_images(notebook)}")
            if report["widgetErrors"] or report["widgetPlaceholders"] or report["widgetMime"]:
                problems.append(f"{name}: widgets on a static page: {report}")
            # The template's own CDN scripts may fail; nothing else may be asked of the network
            linked = set(CDN_SCRIPT.findall(path.read_text(encoding="utf-8")))
            problems += [f"{name} asked the network for {url}" for url in record["elsewhere"] if url not in linked]
            problems += [f"{name} could not load {failure}" for failure in record["missing"]]
            problems += [f"{name}: script error: {error}" for error in record["errors"]]
            blocked.update(record["elsewhere"])
        assert problems == [], "\n".join(problems)
        # What was blocked is what the template links, and only that (see the module's docstring)
        assert all(re.match(r"https://cdnjs\.cloudflare\.com/ajax/libs/(require\.js|mathjax)/", url)
                   for url in blocked), blocked
