"""The stored notebooks as a static renderer shows them: nbconvert's HTML, as nbviewer makes it.

nbviewer renders a notebook with nbconvert's ``HTMLExporter`` (its default template, ``lab``) and serves the page at
the notebook's own place in the repository (``.../blob/main/notebooks/05_separable_clusters.ipynb``), so that a
relative link of a markdown cell, ``../figures/05_separable_training.gif``, is the repository's file. ``export``
does the same on disk: the page goes to ``<folder>/notebooks/<name>.html`` beside a copy of ``figures/`` in
``<folder>/figures/``. The outputs' pictures are inside the page (``data:`` URLs, as nbconvert writes them); the
markdown images stay links, as on nbviewer (no ``embed_images``).

Used by ``tests/test_static_html.py`` (the HTML, parsed) and ``tests/browser/test_static_export.py`` (the pages,
opened in Chromium with no network).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LIVE_VIEW_METADATA = "logreg_viz"  # logreg_viz.live.LIVE_VIEW_METADATA (not imported: no widget stack needed here)
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def copy_figures(folder):
    """Copy ``figures/`` into ``folder`` (once); returns ``folder``, where ``export`` writes the pages."""
    folder = Path(folder)
    if not (folder / "figures").exists():
        shutil.copytree(ROOT / "figures", folder / "figures")
    return folder


def export(notebook, folder, exporter=None):
    """Export the stored ``notebook`` with nbconvert's ``HTMLExporter`` (default template) to
    ``<folder>/notebooks/<stem>.html``, next to ``<folder>/figures/`` (see ``copy_figures``); returns the page's path.

    ``exporter``: an ``HTMLExporter`` to reuse (making one costs more than an export).
    """
    from nbconvert import HTMLExporter

    exporter = exporter or HTMLExporter()
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    page = Path(folder) / "notebooks" / f"{Path(notebook).stem}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(body, encoding="utf-8")
    return page


def live_views(notebook):
    """The live views the stored ``notebook`` shows: a list of ``(cell id, output number, view class name)``, one per
    output whose metadata names a view (``{"logreg_viz": {"view": ...}}``)."""
    return [(cell.id, number, output.metadata[LIVE_VIEW_METADATA]["view"])
            for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"
            for number, output in enumerate(cell.outputs) if LIVE_VIEW_METADATA in output.get("metadata", {})]


def markdown_images(notebook):
    """(alt text, link) of each image of the stored ``notebook``'s markdown cells, in order."""
    return [match.groups() for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "markdown"
            for match in MARKDOWN_IMAGE.finditer(cell.source)]
