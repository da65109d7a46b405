"""Binary cross-entropy, drawn (notebook 02): the loss of one sample, and why not squared error.

Static figures are still pictures (``logreg_viz.figures.new_figure``). Every number drawn comes from
``logreg_core``. (The live view of notebook 02, where the loss surface, the data and each sample's loss move
together, is ``logreg_viz.linked.LinkedExplorer``.)

plot_loss_branches   -log p for y = 1 and -log(1 - p) for y = 0
loss_surfaces        squared error and cross-entropy over the (b, a) plane, with where each is not convex
plot_loss_surfaces   the two surfaces side by side, the regions where a surface is not convex shaded
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Patch

import logreg_core as core
from logreg_viz.figures import new_figure
from logreg_viz.sigmoid import logit
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, CLASS_COLORS, label_axes

__all__ = ["plot_loss_branches", "LossSurfaces", "loss_surfaces", "plot_loss_surfaces"]

_GRID_POINTS = 400

# --------------------------------------------------------------------------------------------------------------
# Notebook 02: binary cross-entropy
# --------------------------------------------------------------------------------------------------------------
_P_GRID = np.linspace(1e-3, 1 - 1e-3, _GRID_POINTS)


def _branch(y):
    """The loss of one sample with label ``y`` for every p on ``_P_GRID``, from the core's logit form."""
    return core.bce_from_logits(logit(_P_GRID), np.full(_P_GRID.shape, y))


_BRANCH_LABELS = {1: r"$y = 1$:  $-\log p$", 0: r"$y = 0$:  $-\log(1 - p)$"}


def plot_loss_branches():
    """The two branches of binary cross-entropy over the predicted probability p of class 1.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig = new_figure((7.5, 4.2))
    ax = fig.add_subplot()
    for y in (1, 0):
        ax.plot(_P_GRID, _branch(y), color=CLASS_COLORS[y], lw=2.5, label=_BRANCH_LABELS[y])
    ax.annotate("confident and right:\nloss near 0", xy=(0.97, 0.05), xytext=(0.62, 1.6),
                arrowprops=dict(arrowstyle="->", color="0.3"), fontsize=9, ha="center")
    ax.annotate("confident and wrong:\nloss grows without limit", xy=(0.02, 3.9), xytext=(0.3, 5.2),
                arrowprops=dict(arrowstyle="->", color="0.3"), fontsize=9, ha="center")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 7)
    label_axes(ax, "Cross-entropy of one sample", "predicted probability of class 1, p", "loss")
    ax.legend(loc="upper center", fontsize=9)
    return fig


@dataclass(frozen=True)
class LossSurfaces:
    """Both losses of a one-feature problem on a grid of (b, a), and where each one is not convex.

    Attributes
    ----------
    b_values : ndarray of shape (n_b,), intercepts (the grid's columns)
    a_values : ndarray of shape (n_a,), slopes (the grid's rows)
    squared, cross_entropy : ndarray of shape (n_a, n_b)
        The mean squared error of the probabilities, (1/n) sum (p_i - y_i)^2, and the mean cross-entropy
        ``logreg_core.loss``, at each (b, a).
    squared_not_convex, cross_entropy_not_convex : ndarray of bool of shape (n_a, n_b)
        Where the surface curves downward in some direction: its Hessian (computed exactly, not by differences)
        has a negative eigenvalue.
    """

    b_values: np.ndarray
    a_values: np.ndarray
    squared: np.ndarray
    cross_entropy: np.ndarray
    squared_not_convex: np.ndarray
    cross_entropy_not_convex: np.ndarray


def _not_convex(second_derivative, x):
    """Where the Hessian mean_i g''(z_i) [1, x_i][1, x_i]^T has a negative eigenvalue, on the grid.

    ``second_derivative`` has shape (n_a, n_b, n_samples): g''(z_i) at each grid point. A symmetric 2 x 2 matrix
    has a negative eigenvalue exactly when a diagonal entry or its determinant is negative.
    """
    h_bb = second_derivative.mean(axis=-1)
    h_ba = (second_derivative * x).mean(axis=-1)
    h_aa = (second_derivative * x**2).mean(axis=-1)
    tiny = 1e-12 * np.maximum(np.abs(h_bb) + np.abs(h_aa), 1e-300)  # rounding noise is not a direction
    return (h_bb < -tiny) | (h_aa < -tiny) | (h_bb * h_aa - h_ba**2 < -tiny**2)


def loss_surfaces(X_b, y, b_lim, a_lim, resolution=161):
    """Squared error and cross-entropy of p = sigma(a x + b) over a grid of (b, a), with where each is not convex.

    Per sample, with p = sigma(z) and s = p (1 - p) (the sigmoid's slope), the second derivatives in z are
    2 [s^2 + (p - y) s (1 - 2p)] for the squared error (p - y)^2, which turns negative, and s for the
    cross-entropy, which never does; the Hessian over (b, a) is their mean times [1, x][1, x]^T.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2), a column of ones, then the feature x
    y : array_like of shape (n_samples,), labels 0 or 1
    b_lim, a_lim : pair of float, the ranges of the intercept b and of the slope a
    resolution : int, default=161, grid points along each axis

    Returns
    -------
    surfaces : LossSurfaces
    """
    X_b, y = np.asarray(X_b, dtype=float), np.asarray(y, dtype=float)
    if X_b.ndim != 2 or X_b.shape[1] != 2:
        raise ValueError(f"X_b must have shape (n_samples, 2), a column of ones and one feature; got {X_b.shape}.")
    x = X_b[:, 1]
    b_values, a_values = np.linspace(*b_lim, resolution), np.linspace(*a_lim, resolution)
    z = b_values[None, :, None] + a_values[:, None, None] * x  # shape (n_a, n_b, n_samples)
    p = core.sigmoid(z)
    slope = p * (1.0 - p)
    squared = np.mean((p - y) ** 2, axis=-1)
    cross_entropy = core.bce_from_logits(z, y).mean(axis=-1)
    squared_curvature = 2.0 * (slope**2 + (p - y) * slope * (1.0 - 2.0 * p))
    return LossSurfaces(b_values, a_values, squared, cross_entropy, _not_convex(squared_curvature, x),
                        _not_convex(slope, x))


def plot_loss_surfaces(X_b, y, b_lim, a_lim, resolution=161):
    """Side by side: squared error through the sigmoid, and cross-entropy, as contour maps over (b, a).

    Where a surface is not convex (it curves downward in some direction) it is shaded and hatched; each map
    marks its lowest grid point. The titles give the shaded share of the map.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 or 1
    b_lim, a_lim : pair of float, the ranges shown of the intercept b (x axis) and of the slope a (y axis)
    resolution : int, default=161

    Returns
    -------
    fig : matplotlib Figure
    surfaces : LossSurfaces, the numbers drawn
    """
    surfaces = loss_surfaces(X_b, y, b_lim, a_lim, resolution)
    fig = new_figure((11, 4.4))
    axes = fig.subplots(1, 2)
    shade = ACCENT_COLORS[0]
    maps = [(surfaces.squared, surfaces.squared_not_convex, "Squared error (p − y)² through σ"),
            (surfaces.cross_entropy, surfaces.cross_entropy_not_convex, "Cross-entropy")]
    for ax, (loss, not_convex, name) in zip(axes, maps):
        low, high = loss.min(), loss.max()
        levels = low + (high - low) * (np.geomspace(1.0, 101.0, 14) - 1.0) / 100.0
        filled = ax.contourf(surfaces.b_values, surfaces.a_values, loss, levels=levels, cmap="Greys", alpha=0.55)
        ax.contour(surfaces.b_values, surfaces.a_values, loss, levels=levels, colors="0.45", linewidths=0.6)
        if not_convex.any():
            ax.contourf(surfaces.b_values, surfaces.a_values, not_convex.astype(float), levels=[0.5, 1.5],
                        colors=[shade], alpha=0.18, hatches=["//"])
        fig.colorbar(filled, ax=ax, pad=0.02, format="%.2g").set_label("loss")
        i, j = np.unravel_index(np.argmin(loss), loss.shape)
        ax.plot(surfaces.b_values[j], surfaces.a_values[i], marker="*", ms=14, color=BOUNDARY_COLOR,
                mec="white", ls="none", label="lowest point of the map")
        share = not_convex.mean()
        verdict = f"not convex on {share:.0%} of the map" if share else "convex everywhere"
        label_axes(ax, f"{name}:\n{verdict}", "intercept $b$ (= $w_0$)", "slope $a$ (= $w_1$)")
        handles = [*ax.get_legend_handles_labels()[0],
                   Patch(facecolor=shade, alpha=0.18, hatch="//", label="not convex here")]
        ax.legend(handles=handles, loc="upper right", fontsize=8.5, framealpha=0.9)
    return fig, surfaces
