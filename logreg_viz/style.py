"""Colours and small drawing helpers shared by every figure of the series.

Colours come from the Okabe-Ito palette, chosen to stay distinguishable with the common colour-vision
deficiencies. Class 0 is always blue with circles, class 1 always orange with squares, so a marker's shape
carries the class even in grey-scale print.
"""

import re

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

#: Okabe-Ito blue (class 0) and orange (class 1).
CLASS_COLORS = ("#0072B2", "#E69F00")
CLASS_MARKERS = ("o", "s")
#: The decision boundary p = 1/2.
BOUNDARY_COLOR = "#000000"
#: Further Okabe-Ito colours for curves (loss curves, learning-rate regimes, ...): vermillion, bluish green,
#: reddish purple, sky blue, yellow.
ACCENT_COLORS = ("#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442")
#: Probability of class 1 as a background: class-0 blue at p = 0, white at p = 1/2, class-1 orange at p = 1.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "p_class1", [CLASS_COLORS[0], "#FFFFFF", CLASS_COLORS[1]], N=256
)


def label_axes(ax, title, xlabel, ylabel):
    """Give an axes its title and axis labels (every figure of the series has all three)."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def plot_classes(ax, X, y, labels=("class 0", "class 1"), **scatter_kwargs):
    """Scatter 2-D points coloured and shaped by their 0/1 label; returns the two PathCollections.

    Parameters
    ----------
    ax : matplotlib Axes
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 or 1
    labels : pair of str, legend entries for class 0 and class 1
    """
    X, y = np.asarray(X), np.asarray(y)
    kwargs = {"s": 30, "edgecolors": "white", "linewidths": 0.6, "zorder": 3} | scatter_kwargs
    return [
        ax.scatter(X[y == k, 0], X[y == k, 1], c=CLASS_COLORS[k], marker=CLASS_MARKERS[k], label=labels[k], **kwargs)
        for k in (0, 1)
    ]


def minus_signs(text):
    """Typeset minus signs: replace the hyphens of negative numbers with the minus sign (U+2212)."""
    return re.sub(r"-(?=\d)", "\u2212", text)
