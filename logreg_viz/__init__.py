"""Figures and widgets of the series: one place for every plot, animation and slider.

The math lives in ``logreg_core`` (which never imports matplotlib) and the data sets in ``logreg_data``; this
package draws them. Importing it changes no global matplotlib state: styles are passed to each artist explicitly.

Submodules
----------
style          colours (colour-blind safe, class 0 and class 1 the same in every figure) and axis helpers
display        projector mode (``projector()``, ``LOGREG_PROJECTOR=1``) and the opaque figure face for dark themes
figures        ``new_figure``: the one function that makes every figure, still or live
live           ``LiveView``: the one base of every live view (controls, canvas, status line; blitting)
blitting       redrawing only the artists that move
_ipympl        the one adapter to ipympl (tested with ipympl 0.10.0)
sigmoid        lesson 01: the sigmoid, its figures and ``SigmoidExplorer``
cross_entropy  lesson 02: binary cross-entropy; the squared-error and log-loss surfaces over (b, a)
linked         lessons 02 and 04: the loss surface linked to the data (``LinkedExplorer``, ``DescentExplorer``)
descent        lessons 04, 07 and 10: loss surfaces, descent paths, learning-rate regimes
geometry       the decision boundary as a segment or as curves
data_panel     data on the probability surface, with its boundary, in one Axes
training       lessons 05, 06 and 12: ``TrainingFigure`` and ``TrainingView``
snapshots      a training run as small multiples and as an animated GIF
clusters       lessons 05 and 06: the clusters, the learned boundary against the Bayes one, reliability,
               ``DistanceView``
minibatch      lesson 07: noisy paths, the fair clock, decaying steps, ``MinibatchView``
real_data      lessons 08 and 09: feature scales, loss curves, calibration, the coefficient path
threshold      lesson 08: the decision threshold and ``ThresholdExplorer``
newton         lesson 10: the Newton step as a parabola, Newton against gradient descent
solvers        lesson 10: how fast each solver converges
multiclass     lesson 11: decision regions, class probabilities and ``TrainingRegionsExplorer``
draw           lesson 12: ``DataEditor`` (points by click, by keyboard or from a CSV file)
points_csv     lesson 12: the editor's CSV files, read and written with clear errors
polynomial     lessons 12 and 13: boundaries of polynomial models and ``DegreeExplorer``
presentation   Voilà's app view of a notebook (``make present``)

Projector mode, for the figures and views made after it, in one line at the top of a notebook::

    import logreg_viz; logreg_viz.projector()

``from logreg_viz import DataEditor`` works too; it imports scikit-learn only when asked for (lessons 01-04 never
need it).
"""

from logreg_viz.display import projector
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
    "DataEditor",
    "ACCENT_COLORS",
    "BOUNDARY_COLOR",
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "PROBABILITY_CMAP",
    "label_axes",
    "plot_classes",
    "projector",
]


def __getattr__(name):
    """``logreg_viz.DataEditor`` on first use (PEP 562): the editor needs scikit-learn, which takes two seconds to
    import, and only lesson 12 uses it."""
    if name == "DataEditor":
        from logreg_viz.draw import DataEditor

        return DataEditor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
