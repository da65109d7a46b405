"""Figures and widgets of the series: one place for every plot, animation and slider.

The math lives in ``logreg_core`` (which never imports matplotlib); this package draws it. Importing it changes
no global matplotlib state: styles are passed to each artist explicitly.

Submodules
----------
style     colours (colour-blind safe, class 0 and class 1 the same in every figure) and axis helpers
"""

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
