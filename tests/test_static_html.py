"""The stored notebooks in nbconvert's HTML (what nbviewer shows), read without a browser: every live view's output
holds its picture, and nothing in the page is a widget that a static page cannot draw.

The fast companion of ``tests/browser/test_static_export.py``, which opens the same pages in Chromium with no
network and checks that every picture actually loads. How the pages are made: ``static_export.py``.
"""

import pytest
from bs4 import BeautifulSoup
from static_export import NOTEBOOKS, WIDGET_VIEW, copy_figures, export, live_views, markdown_images


@pytest.fixture(scope="module")
def exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return copy_figures(tmp_path_factory.mktemp("nbviewer"))


def test_the_series_has_live_views_to_check():
    """The outputs' metadata still names the live views (11 of them in 10 lessons when this was written): without
    it the checks below would check nothing."""
    assert sum(len(live_views(notebook)) for notebook in NOTEBOOKS) >= 10, "the metadata naming live views is gone"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[notebook.stem[:2] for notebook in NOTEBOOKS])
def test_every_live_view_is_a_picture_in_nbconverts_html(notebook, exporter, folder):
    page = export(notebook, folder, exporter)
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")

    assert WIDGET_VIEW not in html, f"{notebook.name}: nbconvert's HTML holds a widget view (an empty box there)"
    assert "Error displaying widget" not in html
    assert soup.select(".jupyter-widgets, .widget-area") == []
    for cell_id, number, view in live_views(notebook):
        (cell,) = soup.select(f'.jp-Cell[id="cell-id={cell_id}"]')
        outputs = cell.select(".jp-OutputArea-child")
        images = outputs[number].select('img[src^="data:image/png;base64,"]')
        assert len(images) == 1, f"{notebook.name}, cell {cell_id}, output {number} ({view}): {len(images)} pictures"
    # Every markdown image is a link to a file that is there, seen from the page
    for alt, link in markdown_images(notebook):
        assert soup.select(f'img[src="{link}"]'), f"{notebook.name}: the markdown image {link} is not in the page"
        assert (page.parent / link).is_file(), f"{notebook.name}: {link} does not resolve next to the page"
