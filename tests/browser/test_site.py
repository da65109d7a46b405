"""The series' website (``make book``), opened from disk in Chromium with the network cut.

The site is built once, into a temporary folder, by ``scripts/build_site.py`` (what ``make book`` runs). Then
Chromium opens ``index.html`` and every lesson's page over ``file://``, as a reader with a USB stick would, in a
browser context that is offline and whose every request not for a ``file://`` URL is aborted and recorded. On
every page:

- the page asked for nothing outside the site (no CDN, no font server, no widget manager), no file of the site is
  missing, no script failed and nothing was logged as an error in the console;
- every image has loaded (``naturalWidth > 0``), the markdown animations (GIFs) included;
- every code cell of the stored notebook is on the page, with exactly as many pictures as it stored: each live view
  shows the picture stored with it; controls stored with no picture show their text; no output is empty, and no
  widget placeholder or "Error displaying widget" is anywhere;
- the math is typeset by the MathJax of the site: every formula rendered, none in error, no raw ``$``, ``\\(`` or
  ``\\[`` left in the text;
- its "previous", "next" and title links lead to the previous page, the next one and the index;
- a lesson's title is its notebook's first heading, and the page links to its notebook: the stored file itself,
  copied into the site.

Another test reads as a reader would: the index lists every lesson (the notebooks' first headings, in order), and
its links, "next", "previous" and the site's title take the reader there and back. A last one checks that the folder
can be copied anywhere: every link relative, ``.nojekyll`` for GitHub Pages, every notebook there.

All of it runs in one class, so ``pytest -n 2 --dist loadscope`` builds the site once, on one worker.
Skipped, with a message saying how to get them, when Chromium or Playwright is missing. Select or deselect with
``-m browser``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
LESSONS = [f"{notebook.stem}.html" for notebook in NOTEBOOKS]
PAGES = ["index.html", *LESSONS, "NOTATION.html"]  # the notation card every lesson links to comes last
VIEWPORT = {"width": 1400, "height": 1000}
BUILD_TIMEOUT = 300  # s; the build takes 5-15 s on the 2-core reference machine
MATH_TIMEOUT = 60_000  # ms; MathJax typesets a page of 300 formulas in 1-5 s there
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# MathJax 2 signals the end of its first typesetting pass with the startup hook "End" (called at once if it has
# already passed). Polled until MathJax has loaded, which registers the hook, then until the hook has run.
MATH_TYPESET_JS = """
() => {
    if (window.__mathTypeset === undefined && window.MathJax && MathJax.Hub && MathJax.Hub.Register) {
        window.__mathTypeset = false;
        MathJax.Hub.Register.StartupHook('End', () => { window.__mathTypeset = true; });
    }
    return window.__mathTypeset === true;
}
"""

# What a page shows: its images, its cells' outputs, its math, and what must not be there.
PAGE_REPORT_JS = """
() => {
    const article = document.querySelector('article') || document.body;
    const loaded = (img) => img.complete && img.naturalWidth > 0;
    const imagesOf = (element) => element.tagName === 'IMG' ? [element] : Array.from(element.querySelectorAll('img'));
    const shows = (element) => element.innerText.trim() !== '' || imagesOf(element).some(loaded);
    const cells = Array.from(article.querySelectorAll('div.cell')).map((cell) => {
        const output = cell.querySelector('.cell_output');
        const children = output ? Array.from(output.children) : [];
        return {
            images: output ? imagesOf(output).map((img) => ({src: img.getAttribute('src'), loaded: loaded(img)})) : [],
            text: output ? output.innerText : '',
            empty: children.filter((child) => !shows(child)).length,
        };
    });
    // Formulas as Sphinx wrote them (MathJax's own output also has elements of class "math": not those)
    const math = Array.from(article.querySelectorAll('span.math.notranslate, div.math.notranslate'));
    // Text a reader sees outside code and outside typeset math: no TeX delimiter may be left there
    const raw = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('pre, code, script, style, .MathJax, .MathJax_Display, .MJX_Assistive_MathML')) {
            continue;
        }
        if (/[$]|\\\\[(\\[]|\\\\begin[{]/.test(node.textContent)) { raw.push(node.textContent.trim().slice(0, 80)); }
    }
    return {
        title: (article.querySelector('h1') || {innerText: ''}).innerText.replace(/#$/, '').trim(),
        images: Array.from(document.images).map((img) => ({src: img.getAttribute('src'), loaded: loaded(img)})),
        markdownImages: Array.from(article.querySelectorAll('img')).filter((img) => !img.closest('div.cell'))
            .map((img) => img.getAttribute('src')),
        cells,
        math: math.length,
        typeset: math.filter((m) => m.querySelector('.MathJax, .MathJax_Display')).length,
        mathErrors: article.querySelectorAll('.MathJax_Error, merror').length,
        mathjax: window.MathJax ? String(window.MathJax.version) : null,
        raw,
        widgetErrors: document.body.innerText.includes('Error displaying widget'),
        widgetPlaceholders: document.querySelectorAll(
            'script[type^="application/vnd.jupyter.widget"], .jupyter-widgets, .widget-area, .jp-OutputArea').length,
        notebookLinks: Array.from(document.querySelectorAll('a[href$=".ipynb"]')).map((a) => a.href),
        noteText: (document.querySelector('.notebook-note') || {innerText: ''}).innerText,
        links: Object.fromEntries([['previous', 'a.left-prev'], ['next', 'a.right-next'], ['home', 'a.navbar-brand']]
            .map(([name, selector]) => [name, document.querySelector(selector)])
            .map(([name, link]) => [name, link && link.href.split('#')[0]])),
    };
}
"""


# --------------------------------------------------------------------------------------------------------------
# What the stored notebooks hold, and so what their pages must show
# --------------------------------------------------------------------------------------------------------------
def _plain(markdown):
    """A heading's text as a page shows it: markdown's emphasis and code marks dropped."""
    return re.sub(r"[*_`]", "", markdown).strip()


def lesson(notebook):
    """What the page of ``notebook`` must show, read from the stored notebook."""
    cells = nbformat.read(notebook, as_version=4).cells
    markdown = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    heading = re.search(r"^#\s+(.+)$", markdown, flags=re.MULTILINE)
    code_cells = [cell for cell in cells if cell.cell_type == "code"]
    outputs = [[output.get("data", {}) for output in cell.outputs] for cell in code_cells]
    return {
        "title": _plain(heading.group(1)) if heading else None,
        "pictures": [sum("image/png" in data for data in cell) for cell in outputs],
        "live_views": [index for index, cell in enumerate(outputs) if any(WIDGET_VIEW in data for data in cell)],
        "control_texts": [(index, "".join(data["text/plain"])) for index, cell in enumerate(outputs) for data in cell
                          if WIDGET_VIEW in data and "image/png" not in data and "text/plain" in data],
        "markdown_images": re.findall(r"!\[[^\]]*\]\(([^)\s]+)", markdown),
        "has_math": "$" in markdown,
    }


def _file(url):
    """The path of a file:// URL."""
    parsed = urlparse(url)
    assert parsed.scheme == "file", f"{url} is not a file of the site"
    return Path(unquote(parsed.path))


# --------------------------------------------------------------------------------------------------------------
# The site, and a reader with no network
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tools, tmp_path_factory):
    """The site, built by what ``make book`` runs, into a temporary folder."""
    tools.require_browser()  # not worth building for a browser that is not there
    out = tmp_path_factory.mktemp("book") / "site"
    build = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert build.returncode == 0, f"the site did not build:\n{build.stdout}\n{build.stderr}"
    assert (out / "index.html").is_file(), f"the build made no index.html:\n{build.stdout}"
    # In a clone, `make book` must leave the site and nothing else (MyST-NB writes beside its output folder)
    assert [path.name for path in out.parent.iterdir()] == ["site"], "the build wrote files beside the site"
    return out


class Reader:
    """Tabs of an offline browser context, in which every request not for a file:// URL is aborted and recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=VIEWPORT, offline=True)
        self.elsewhere, self.missing, self.errors = [], [], []
        # Only requests for something else than a file are intercepted (a regex is matched by the browser's driver:
        # the site's own hundreds of files do not each make a round trip to Python)
        self.context.route(re.compile(r"^(?!file:)"), self._elsewhere)
        self.page = self.new_page()

    def new_page(self, init_script=None):
        """A tab whose failed loads and script errors are recorded; ``init_script`` runs before each page's own."""
        page = self.context.new_page()
        if init_script:
            page.add_init_script(init_script)
        page.on("requestfailed", self._failed)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(f"console: {message.text}")
                if message.type == "error" else None)
        return page

    def _elsewhere(self, route):
        self.elsewhere.append(route.request.url)
        route.abort()

    def _failed(self, request):
        # A file the site lacks. (A page left before it has loaded everything has its remaining loads cancelled:
        # net::ERR_ABORTED.)
        if request.url.startswith("file://") and request.failure != "net::ERR_ABORTED":
            self.missing.append(f"{request.url}: {request.failure}")

    def open(self, url, page=None):
        for record in (self.elsewhere, self.missing, self.errors):
            record.clear()
        (page or self.page).goto(url, wait_until="load")

    def problems(self):
        return ([f"asked the network for {url}" for url in self.elsewhere]
                + [f"could not load {failure}" for failure in self.missing]
                + [f"script error: {error}" for error in self.errors])


class TestSiteOffline:
    @pytest.fixture(scope="class")
    @classmethod
    def reader(cls, browser):
        reader = Reader(browser)
        yield reader
        reader.context.close()

    @pytest.mark.parametrize("path", PAGES)
    def test_page(self, reader, site, path):
        reader.open((site / path).as_uri())
        expected = lesson(ROOT / "notebooks" / f"{Path(path).stem}.ipynb") if path in LESSONS else None
        if expected and expected["has_math"]:
            # MathJax.js is loaded async, which the load event waits for: it is there now, or it never comes
            assert reader.page.evaluate("() => window.MathJax !== undefined && window.MathJax.Hub !== undefined"), \
                f"{path}: MathJax did not load; {reader.problems()}"
            reader.page.wait_for_function(MATH_TYPESET_JS, timeout=MATH_TIMEOUT, polling=100)
        report = reader.page.evaluate(PAGE_REPORT_JS)

        assert reader.problems() == [], f"{path}: requests outside the site, missing files or errors"
        assert [image["src"] for image in report["images"] if not image["loaded"]] == [], \
            f"{path}: images that did not load"
        assert not report["widgetErrors"], f"{path} says 'Error displaying widget'"
        assert report["widgetPlaceholders"] == 0, f"{path} has widget placeholders (a static page runs no widget)"
        assert [index for index, cell in enumerate(report["cells"]) if cell["empty"]] == [], \
            f"{path}: cells with an empty output"
        assert report["raw"] == [], f"{path}: raw TeX left in the text"
        # Its place in the series: 'previous', 'next' and the site's title lead where they should
        number = PAGES.index(path)
        urls = [(site / page).as_uri() for page in PAGES]
        assert report["links"] == {"previous": urls[number - 1] if number > 0 else None,
                                   "next": urls[number + 1] if number + 1 < len(urls) else None,
                                   "home": urls[0]}, f"{path}: links to the previous and next pages and home"
        if expected is None:
            return

        assert report["title"] == expected["title"], f"{path}: the page's title is not the notebook's first heading"
        # Every cell's pictures, so every live view's
        assert len(report["cells"]) == len(expected["pictures"]), \
            f"{path} shows {len(report['cells'])} code cells, the notebook has {len(expected['pictures'])}"
        shown = [sum(image["loaded"] for image in cell["images"]) for cell in report["cells"]]
        assert shown == expected["pictures"], \
            f"{path}: pictures shown per code cell, against those stored (live views in cells {expected['live_views']})"
        for index, text in expected["control_texts"]:
            assert text.strip() in report["cells"][index]["text"], f"{path}, code cell {index}: {text!r} not shown"
        # The animations of markdown cells
        assert len(report["markdownImages"]) == len(expected["markdown_images"]), \
            f"{path}: markdown images {report['markdownImages']}, the notebook links {expected['markdown_images']}"
        assert [Path(src).suffix for src in report["markdownImages"]] == \
            [Path(src).suffix for src in expected["markdown_images"]]
        # The math
        if expected["has_math"]:
            assert report["mathjax"] and report["mathjax"].startswith("2.7"), \
                f"{path}: MathJax 2.7 (the site's own copy) is not loaded: {report['mathjax']}"
            assert report["math"] > 0, f"{path}: the notebook has math, the page has no formula"
            assert report["typeset"] == report["math"], \
                f"{path}: {report['math'] - report['typeset']} of {report['math']} formulas not typeset"
            assert report["mathErrors"] == 0, f"{path}: MathJax shows {report['mathErrors']} errors"
        # The notebook, for download, and how to run it live
        notebook_file = site / f"{Path(path).stem}.ipynb"
        assert report["notebookLinks"] == [notebook_file.as_uri()], f"{path}: links to notebooks"
        assert _file(report["notebookLinks"][0]).read_bytes() == \
            (ROOT / "notebooks" / notebook_file.name).read_bytes(), f"{path}: the linked notebook is not the stored one"
        assert "make lab" in report["noteText"], f"{path} does not say how to run the lesson live"

    def test_reading_from_the_index_to_a_lesson_and_home(self, reader, site):
        """The index lists every lesson; its links, 'next' and the site's title take a reader there and back.
        (test_page checks where every page's 'previous', 'next' and title links lead.)"""
        titles = [lesson(notebook)["title"] for notebook in NOTEBOOKS]
        pages = [(site / path).as_uri() for path in PAGES]
        # A tab where MathJax loads but typesets nothing (MathJax 2 takes window.MathJax as its configuration):
        # test_page checks the math; here it would only slow every page down
        page = reader.new_page("window.MathJax = {skipStartupTypeset: true};")

        reader.open(pages[0], page)
        lessons = page.eval_on_selector_all(".toctree-wrapper a.reference.internal",
                                            "links => links.map(a => [a.innerText.trim(), a.href])")
        assert lessons == [[title, url] for title, url in zip(titles, pages[1:-1], strict=True)], \
            "the index's list of lessons: the notebooks' first headings, in order"
        side_bar = page.eval_on_selector_all(".bd-sidebar-primary nav a.reference.internal",
                                             "links => links.map(a => a.href.split('#')[0])")
        assert side_bar == pages, "the side bar lists the index, every lesson in order, and the notation card"

        page.locator("a.right-next").click()
        page.wait_for_url(pages[1], wait_until="domcontentloaded")
        page.locator("a.right-next").click()
        page.wait_for_url(pages[2], wait_until="domcontentloaded")
        page.locator("a.left-prev").click()
        page.wait_for_url(pages[1], wait_until="domcontentloaded")
        page.locator("a.navbar-brand").click()
        page.wait_for_url(pages[0], wait_until="domcontentloaded")
        page.locator(".toctree-wrapper a.reference.internal").last.click()
        page.wait_for_url(pages[-2], wait_until="domcontentloaded")
        page.close()
        assert reader.problems() == []

    def test_the_site_can_be_copied_anywhere(self, site):
        """Every link of every page is relative, so the folder works from disk and under any path of any host; on
        GitHub Pages too (.nojekyll: Jekyll would drop _static/ and _images/). Every page sits beside _static/:
        Firefox, and MathJax in it, load web fonts from a file:// page only from the page's folder or below (from
        ../_static/ Firefox would typeset the math in whatever fonts the computer has)."""
        absolute = re.compile(r"""(?:href|src)=["'](?:/|file:)""")
        pages = sorted(page for page in site.rglob("*.html") if "_static" not in page.relative_to(site).parts)
        assert [str(page.relative_to(site)) for page in pages if page.parent != site] == [], "pages below the top"
        assert {f"{notebook.stem}.html" for notebook in NOTEBOOKS} <= {page.name for page in pages}
        assert [page.name for page in pages if absolute.search(page.read_text(encoding="utf-8"))] == [], \
            "pages with absolute links"
        assert (site / "_static" / "mathjax" / "MathJax.js").is_file()
        assert (site / ".nojekyll").is_file()
        assert sorted(path.name for path in site.glob("*.ipynb")) == [notebook.name for notebook in NOTEBOOKS]
