"""A notebook with one of every live view of the series, for the browser tests that need all of them at once.

Each lesson shows its views among its own cells; running all thirteen lessons in every front end (JupyterLab,
Notebook 7, Voilà, the projector switch, the dark theme) would take most of the test suite's time budget. This
gallery makes every kind of live view of the series on small data, one per cell, as the last expression of its
cell (as the lessons show them): ``VIEWS`` names them, in order.

It also shows one animation in markdown, as lessons 05 and 06 do (``ANIMATION``, from ``../figures``, so the
gallery is written one folder below the series' root, as ``notebooks/`` is): Voilà must carry it in the page.

``write(path)`` stores it as an unexecuted notebook (the front ends run it).
"""

from __future__ import annotations

import nbformat

#: The live views of the series, by class: every lesson's view is one of these.
VIEWS = ("SigmoidExplorer", "LinkedExplorer", "DescentExplorer", "TrainingView", "DistanceView", "MinibatchView",
         "ThresholdExplorer", "TrainingRegionsExplorer", "DataEditor", "DegreeExplorer")

SETUP = """\
import numpy as np

import logreg_core as core
from logreg_data import OVERLAPPING_CLUSTERS, make_dataset
from logreg_viz import DataEditor
from logreg_viz.clusters import DistanceView
from logreg_viz.linked import DescentExplorer, LinkedExplorer
from logreg_viz.minibatch import MinibatchView
from logreg_viz.multiclass import TrainingRegionsExplorer
from logreg_viz.polynomial import DegreeExplorer
from logreg_viz.sigmoid import SigmoidExplorer
from logreg_viz.threshold import ThresholdExplorer
from logreg_viz.training import TrainingView

hours = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
passed = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])
x8 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
y8 = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
X_b8 = core.add_intercept(x8.reshape(-1, 1))
w_star8 = core.gradient_descent(X_b8, y8, np.zeros(2), 1.0, 2000).final_weights
X, y = OVERLAPPING_CLUSTERS.sample()
w_start = np.random.RandomState(0).uniform(0.0, 1.0, size=3)
"""

CELLS = {
    "SigmoidExplorer": 'SigmoidExplorer(hours, passed, a=1.0, b=-2.0, class_names=("failed", "passed"), '
                       'xlabel="hours studied")',
    "LinkedExplorer": 'LinkedExplorer(hours, passed, a=1.0, b=-2.0, xlabel="hours studied")',
    "DescentExplorer": "DescentExplorer(x8, y8, w_star=w_star8)",
    "TrainingView": "TrainingView(X, y, w_start, learning_rate=core.safe_learning_rate(core.add_intercept(X)), "
                    "n_iter=300)",
    "DistanceView": "DistanceView(OVERLAPPING_CLUSTERS, w_start, n_iter=300)",
    "MinibatchView": "MinibatchView(X_b8, y8, np.array([-4.5, 0.0]), w_star=w_star8, b_lim=(-6, 2), "
                     "a_lim=(-1.5, 6.5), batch_size=2, n_updates=100)",
    "ThresholdExplorer": "p = core.predict_proba(core.add_intercept(X), w_start * [0, 2, -2])\n"
                         'ThresholdExplorer(y, p, threshold=0.5, class_names=("class 1", "class 0"))',
    "TrainingRegionsExplorer": "three = np.vstack([X, X + [3.0, 3.0]])\n"
                               "labels = np.r_[y, np.full(len(y), 2)]\n"
                               "Z_history = np.cumsum(np.random.default_rng(0).normal(0, 0.1, (41, 3, 3)), axis=0)\n"
                               "losses = np.linspace(1.1, 0.5, 41)\n"
                               'TrainingRegionsExplorer(three, labels, Z_history, losses, labels=["a", "b", "c"])',
    "DataEditor": "DataEditor(*make_dataset(\"two blobs\", 30))",
    "DegreeExplorer": 'X_few, y_few = make_dataset("circles", 30, noise=0.25, random_state=8)\n'
                      'X_new, y_new = make_dataset("circles", 300, noise=0.25, random_state=100)\n'
                      "DegreeExplorer(X_few, y_few, X_new, y_new, degree=4, alpha=0.0)",
}


#: The markdown animation, with the alt text its figure's description begins with (tests/test_alt_text.py).
ANIMATION = ("![Gradient descent on two clusters that do not overlap: the boundary swings into the gap between the "
             "clusters while the loss falls](../figures/05_separable_training.gif)")


def write(path):
    """Store the gallery at ``path``, unexecuted; returns the path."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_markdown_cell(f"# Every live view of the series\n\n{ANIMATION}"),
                      nbformat.v4.new_code_cell(SETUP)]
    for name in VIEWS:
        notebook.cells += [nbformat.v4.new_markdown_cell(f"## {name}"), nbformat.v4.new_code_cell(CELLS[name])]
    nbformat.write(notebook, path)
    return path
