"""Figures and widgets of the series: one place for every plot, animation and slider.

The math lives in ``logreg_core`` (which never imports matplotlib) and the data sets in ``logreg_data``; this
package draws them. Importing it changes no global matplotlib state: styles are passed to each artist explicitly.

Submodules
----------
style          colours (colour-blind safe, class 0 and class 1 the same in every figure) and axis helpers
figures        ``new_figure``: the one function that makes every figure, still or live
live           ``LiveView``: the one base of every live view (controls, canvas, status line; blitting)
blitting       redrawing only the artists that move
_ipympl        the one adapter to ipympl (tested with ipympl 0.10.0)
sigmoid        notebook 01: the sigmoid, its figures and ``SigmoidExplorer``
cross_entropy  notebook 02: binary cross-entropy, and squared error against cross-entropy over (b, a)
descent        notebooks 04, 07 and 10: loss surfaces, descent paths, learning-rate regimes
linked         notebooks 02 and 04: the loss surface linked to the data (``LinkedExplorer``, ``DescentExplorer``)
geometry       the decision boundary as a segment or as curves
data_panel     data on the probability surface, with its boundary, in one Axes
training       notebooks 04, 05 and 09: ``TrainingFigure`` and ``TrainingView``
snapshots      a training run as small multiples and as an animated GIF
clusters       notebooks 04 and 05: the learned boundary against the Bayes one, and ``DistanceView``
threshold      notebook 06: the decision threshold and ``ThresholdExplorer``
solvers        notebook 07: how fast each solver converges
multiclass     notebook 08: decision regions and ``TrainingRegionsExplorer``
draw           notebook 09: ``DataEditor`` and ``DegreeExplorer``
presentation   Voilà's app view of a notebook (``make present``)
"""

from logreg_viz.draw import DataEditor  # noqa: F401 - notebook 12: `from logreg_viz import DataEditor`
from logreg_viz.style import (
    ACCENT_COLORS,
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_MARKERS,
    PROBABILITY_CMAP,
    label_axes,
    plot_classes,
)

__all__ = [
    "ACCENT_COLORS",
    "BOUNDARY_COLOR",
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "PROBABILITY_CMAP",
    "label_axes",
    "plot_classes",
]
