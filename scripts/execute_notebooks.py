"""Store the notebooks executed: run each top to bottom in a fresh kernel, keep live views as their pictures.

``make notebooks`` runs this on every notebook of ``notebooks/``; give paths to run only some:

    .venv/bin/python scripts/execute_notebooks.py notebooks/04_separable_clusters.ipynb

A stored notebook is read without a kernel, on a repository page, on nbviewer, in nbconvert's HTML or on the site
(``make book``). There a live view's widget cannot run, and nbconvert picks a widget view over any other form of
the same output: the reader would see an empty box. So each live view is stored as what a reader can see, the
PNG of its figure (with its plain-text form), and no widget state is stored. In JupyterLab, Notebook 7 and Voilà
the live widget is back as soon as its cell runs.

Also for clean diffs: execution counts run 1..N, and no execution timestamps are recorded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TIMEOUT = 600  # s per cell


def as_pictures(notebook):
    """Drop the widget view of every output that has a picture or a text form, and the stored widget state.

    Parameters
    ----------
    notebook : nbformat.NotebookNode, changed in place

    Returns
    -------
    count : int, the number of outputs changed
    """
    count = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and ("image/png" in data or "text/plain" in data):
                del data[WIDGET_VIEW]
                count += 1
    notebook.metadata.pop("widgets", None)
    return count


def execute(path):
    """Execute the notebook at ``path`` in a fresh kernel, in its own folder, and store it with pictures."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    changed = as_pictures(notebook)
    nbformat.write(notebook, path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: every notebooks/NN_*.ipynb)")
    paths = parser.parse_args(argv).paths or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    for path in paths:
        changed = execute(path)
        print(f"{path.name}: executed; {changed} live view(s) stored as pictures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
