"""Solvers side by side: how fast each one closes the gap to the minimum (notebook 10).

``plot_convergence``   the gap L(w_k) - L* against the iteration k, both axes logarithmic, one curve per solver

On a logarithmic loss axis the kind of convergence shows as a shape: gradient descent (linear convergence) falls
as a straight slope against k, so on a logarithmic k axis it bends down late; Newton's method (quadratic
convergence) drops off a cliff, its number of correct digits doubling at each step. The colours and markers are
those of ``logreg_viz.descent.plot_descent_paths``, so that the same solver looks the same in the contour figure
beside it. Nothing here changes matplotlib's global state.
"""

from __future__ import annotations

import numpy as np

from logreg_viz.descent import PATH_COLORS
from logreg_viz.figures import new_figure
from logreg_viz.style import label_axes

__all__ = ["plot_convergence"]

_MARKERS = ("o", "s", "^", "D")  # as plot_descent_paths
_MAX_MARKERS = 14  # a curve of many iterations gets this many markers, spaced evenly on the log k axis


def _marker_positions(n_points):
    """Indices (into iterations 1..n_points) that carry a marker: all of them, or a log-spaced subset."""
    if n_points <= _MAX_MARKERS:
        return np.arange(n_points)
    return np.unique(np.geomspace(1, n_points, _MAX_MARKERS).round().astype(int) - 1)


def plot_convergence(losses, best_loss, *, ax=None, floor=1e-13,
                     title="How fast each solver reaches the minimum", legend_loc="best"):
    """Draw the gap to the minimum, L(w_k) - L*, against the iteration k for several solvers.

    Parameters
    ----------
    losses : dict of {str: array_like of shape (n_iterations + 1,)}
        Legend label -> the objective before training (entry 0) and after each iteration, e.g.
        ``GDResult.losses`` or ``LogisticRegressionGD.loss_curve_``. Lengths may differ.
    best_loss : float
        The minimum L* (or the lowest objective any solver reached).
    ax : matplotlib Axes or None
        Where to draw; a new figure if None (a still picture: a notebook shows it when a cell ends with the call).
    floor : float > 0, default=1e-13
        Gaps at or below this are not drawn: they are at the level of rounding errors (a float64 loss near 0.1
        carries about 16 significant digits), where the logarithm of the gap means nothing. The loss axis ends
        there.
    title : str
    legend_loc : str, default="best"
        Where the legend goes (matplotlib's ``loc``).

    Returns
    -------
    figure : matplotlib Figure
        The figure drawn on (``figure.axes[0]`` is the new Axes, if none was given).
    """
    if not losses:
        raise ValueError("losses is empty: pass at least one {label: objective values} pair.")
    if not floor > 0:
        raise ValueError(f"floor must be a positive number (the loss axis is logarithmic); got {floor!r}.")
    if ax is None:
        ax = new_figure((6.4, 5.0)).subplots()
    highest_gap = floor
    for k, (label, values) in enumerate(losses.items()):
        values = np.asarray(values, dtype=np.float64)
        if values.ndim != 1 or values.size < 2:
            raise ValueError(
                f"losses[{label!r}] must be a 1-D array with the start and at least one iteration; "
                f"got shape {values.shape}."
            )
        gap = values[1:] - best_loss  # iteration 1 onwards: a logarithmic axis has no place for k = 0
        gap = np.where(gap > floor, gap, np.nan)
        iterations = np.arange(1, values.size)
        ax.plot(iterations, gap, color=PATH_COLORS[k % len(PATH_COLORS)], marker=_MARKERS[k % len(_MARKERS)],
                markevery=list(_marker_positions(gap.size)), markersize=5, linewidth=1.6,
                label=f"{label} ({values.size - 1} iterations)")
        if np.any(np.isfinite(gap)):
            highest_gap = max(highest_gap, np.nanmax(gap))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(floor, highest_gap * 3.0)
    label_axes(ax, title, "iteration $k$ (log scale)", r"$L(w_k) - L^*$ (log scale)")
    ax.grid(True, which="major", color="0.88", linewidth=0.6)
    ax.legend(loc=legend_loc, framealpha=0.9)
    return ax.figure
