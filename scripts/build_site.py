"""Build the series' static website into ``site/`` (``make book``): one page per notebook, and an index.

The pages are made from the notebooks as stored in ``notebooks/`` (executed, with their figures), with no
re-execution, by Sphinx with MyST-NB; ``book/conf.py`` says how (and why: no network, ever). This script lays
out a fresh source folder in a temporary directory, runs Sphinx on it, and leaves only the site:

- ``book/`` (the configuration, the index page and its text, the style sheet);
- ``[0-9]*.ipynb``, the notebooks of ``notebooks/``, each without its saved widget state (a static page runs no
  widget, and the state would weigh up to 300 kB a page); the index lists them, in the order of their names,
  under their first heading. Their pages (``site/01_sigmoid.html``, ...) sit beside ``site/_static/``;
- ``figures/``, beside the source folder, so the notebooks' ``../figures/...`` links resolve as in the repository;
- ``_static/mathjax/``: MathJax, from the PyPI package ``jupyter-server-mathjax``, so math is typeset offline;
- ``_downloads/``: the notebooks exactly as stored, copied next to their pages for download.

Sphinx runs with warnings as errors: a missing figure or a page with no title fails the build.

Usage::

    python scripts/build_site.py               # -> site/ (replaced if it is a site built before)
    python scripts/build_site.py --out FOLDER  # another folder (created; must be missing, empty or a site)

A failed build leaves the folder as it was. Nothing else is written outside a temporary directory.

Open ``site/index.html`` in a browser, or copy ``site/`` to any static web host.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "book"
MARKER = ".buildinfo"  # Sphinx writes it at the top of every HTML build: how a folder is known to be a site


def lessons(notebooks_folder=ROOT / "notebooks"):
    """The notebooks the site shows, in their order: ``notebooks/[0-9]*.ipynb``."""
    return sorted(Path(notebooks_folder).glob("[0-9]*.ipynb"))


def mathjax_folder():
    """The MathJax 2 files that the PyPI package ``jupyter-server-mathjax`` ships (MathJax.js is at its top)."""
    import jupyter_server_mathjax

    folder = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (folder / "MathJax.js").is_file():
        raise FileNotFoundError(f"no MathJax.js in {folder}: reinstall jupyter-server-mathjax (requirements.txt)")
    return folder


def without_widget_state(notebook, destination):
    """Copy ``notebook`` to ``destination`` without its saved widget state (metadata ``widgets``)."""
    content = json.loads(Path(notebook).read_text(encoding="utf-8"))
    content.get("metadata", {}).pop("widgets", None)
    Path(destination).write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def lay_out_sources(folder):
    """Fill ``folder`` with everything Sphinx reads (see the module's docstring); return the notebooks.

    The notebooks go at the top of ``folder``, so every page of the site sits beside ``_static/``: Firefox loads
    web fonts (MathJax's) from a ``file://`` page only from the page's own folder or below. ``figures/`` goes
    beside ``folder``, where the notebooks' ``../figures/...`` links lead, as they do in the repository.
    """
    folder = Path(folder)
    shutil.copytree(SOURCES, folder, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    notebooks = lessons()
    if not notebooks:
        raise FileNotFoundError(f"no notebooks/[0-9]*.ipynb in {ROOT}")
    downloads = folder / "_downloads"
    downloads.mkdir()
    for notebook in notebooks:
        without_widget_state(notebook, folder / notebook.name)
        shutil.copy2(notebook, downloads / notebook.name)
    # The notation card every lesson links to ([notation](NOTATION.md)) is a page of the site too.
    shutil.copy2(ROOT / "notebooks" / "NOTATION.md", folder / "NOTATION.md")
    if (ROOT / "figures").is_dir():
        shutil.copytree(ROOT / "figures", folder.parent / "figures")
    shutil.copytree(mathjax_folder(), folder / "_static" / "mathjax")
    return notebooks


def check_output(out):
    """Refuse to build into ``out`` unless it is missing, empty or a site built before (it will be replaced)."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise SystemExit(f"{out} is not empty and holds no site built before (no {MARKER}): not touching it")


def build(out=ROOT / "site"):
    """Build the site into ``out`` (replaced only once the new site is complete); return its index page."""
    from sphinx.cmd.build import build_main

    out = Path(out).resolve()
    check_output(out)
    with tempfile.TemporaryDirectory(prefix="logreg-book-") as work:
        sources, html = Path(work) / "sources", Path(work) / "build" / "html"
        lay_out_sources(sources)
        # Sphinx writes into the temporary folder, and MyST-NB next to it (build/jupyter_execute: the outputs'
        # images, before Sphinx copies them), so nothing lands in the repository but the finished site.
        # -W --keep-going: every warning is listed, then fails the build; -q: only warnings and errors are printed
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-d", str(Path(work) / "doctrees"),
                             str(sources), str(html)])
        if status != 0:
            raise SystemExit(f"Sphinx failed (exit code {status}): see the messages above; {out} is unchanged")
        sources_copy = html / "_sources"  # Sphinx makes it even when told to copy no sources (html_copy_source)
        if sources_copy.is_dir() and not any(sources_copy.iterdir()):
            sources_copy.rmdir()
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(html, out)
    return out / "index.html"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site",
                        help="folder of the site (default: site/); replaced if it is a site built before")
    args = parser.parse_args(argv)
    index = build(args.out)
    print(f"The site is in {index.parent}: open {index} in a browser, or copy the folder to a static web host.")


if __name__ == "__main__":
    sys.exit(main())
