"""Newton's method, drawn (notebook 10).

``newton_parabola``        the parabola with the loss's value, slope and curvature at one point, and its lowest point
``plot_newton_parabolas``  a loss of one weight with the parabola of each Newton step: where each step lands
``plot_newton_vs_descent`` a one-feature problem: both paths on the loss surface, and how fast each closes the gap

In one dimension a Newton step replaces the loss L(a) near a_t by the parabola with the same value, slope and
curvature, and jumps to the parabola's lowest point, a_t - L'(a_t) / L''(a_t). The figures draw exactly that, from
the functions the notebook writes (L, L' and L''); nothing here computes a step on its own. Nothing here changes
matplotlib's global state.
"""

from __future__ import annotations

import numpy as np

from logreg_viz.descent import plot_descent_paths
from logreg_viz.figures import new_figure
from logreg_viz.solvers import plot_convergence
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, label_axes, minus_signs

__all__ = ["newton_parabola", "plot_newton_parabolas", "plot_newton_vs_descent"]

LOSS_COLOR = BOUNDARY_COLOR
PARABOLA_COLORS = (ACCENT_COLORS[0], ACCENT_COLORS[2], ACCENT_COLORS[3])  # vermillion, reddish purple, sky blue


def newton_parabola(value, slope, curvature, a_t):
    """The parabola q(a) = L(a_t) + L'(a_t) (a - a_t) + L''(a_t) (a - a_t)^2 / 2, and where it is lowest.

    Parameters
    ----------
    value, slope, curvature : float
        L(a_t), L'(a_t) and L''(a_t) > 0.
    a_t : float

    Returns
    -------
    q : callable, q(a) for a float or an array of a
    a_next : float
        The parabola's lowest point, a_t - L'(a_t) / L''(a_t): the Newton step.
    """
    if not curvature > 0:
        raise ValueError(f"the curvature must be positive for the parabola to have a lowest point; got {curvature!r}.")

    def q(a):
        step = np.asarray(a, dtype=np.float64) - a_t
        return value + slope * step + 0.5 * curvature * step**2

    return q, a_t - slope / curvature


def plot_newton_parabolas(loss, slope, curvature, paths, *, a_range, a_star=None, loss_range=None, n_parabolas=3,
                          weight_name="a"):
    """One panel per path of Newton iterates: the loss, and at each iterate the parabola whose bottom is the next.

    Parameters
    ----------
    loss, slope, curvature : callable
        L(a), L'(a) and L''(a) of a loss of one weight, each taking a float.
    paths : sequence of array_like
        Newton iterates a_0, a_1, ... (one panel each), e.g. computed with ``a - slope(a) / curvature(a)``.
    a_range : pair of float, or a sequence of pairs (one per path)
        The weight axis of every panel, or of each.
    a_star : float or None
        The minimiser, marked with a star.
    loss_range : pair of float or None
        The loss axis; by default from 0 to a little above the loss at every start.
    n_parabolas : int, default=3
        At most this many steps of each path are drawn with their parabola.
    weight_name : str, default="a"
        The weight's symbol, for the labels.

    Returns
    -------
    figure : matplotlib Figure
    """
    ranges = [a_range] * len(paths) if np.ndim(a_range) == 1 else list(a_range)
    if len(ranges) != len(paths):
        raise ValueError(f"a_range must be one pair, or one pair per path; got {len(ranges)} pairs for "
                         f"{len(paths)} paths.")
    if loss_range is None:
        loss_range = (0.0, 1.25 * max(loss(path[0]) for path in paths))
    figure = new_figure((5.2 * len(paths), 4.4))
    axes = np.atleast_1d(figure.subplots(1, len(paths), sharey=True))
    for ax, path, a_range in zip(axes, paths, ranges):
        path = np.asarray(path, dtype=np.float64)
        a_grid = np.linspace(*a_range, 400)
        losses = np.array([loss(a) for a in a_grid])
        ax.plot(a_grid, losses, color=LOSS_COLOR, linewidth=2.4, label=f"the loss $L({weight_name})$", zorder=3)
        for t, a_t in enumerate(path[: n_parabolas]):
            if t + 1 >= path.size:
                break
            q, a_next = newton_parabola(loss(a_t), slope(a_t), curvature(a_t), a_t)
            color = PARABOLA_COLORS[t % len(PARABOLA_COLORS)]
            ax.plot(a_grid, q(a_grid), color=color, linewidth=1.6, linestyle="--",
                    label=f"parabola at ${weight_name}_{t}$ = {a_t:.2f}")
            ax.plot([a_t], [loss(a_t)], "o", color=color, markersize=7, zorder=4)
            ax.plot([a_next], [q(a_next)], "v", color=color, markersize=8, zorder=4)
            ax.annotate("", xy=(a_next, loss_range[0]), xytext=(a_t, loss_range[0]),
                        arrowprops={"arrowstyle": "->", "color": color, "linewidth": 1.8})
            ax.axvline(a_next, color=color, linewidth=0.8, linestyle=":")
        if a_star is not None:
            ax.plot([a_star], [loss(a_star)], "*", color=ACCENT_COLORS[1], markersize=15, zorder=5,
                    label=f"the minimum, ${weight_name}^*$ = {a_star:.2f}")
        ax.set_xlim(*a_range)
        ax.set_ylim(*loss_range)
        landed = f", the first step lands at {path[1]:.2f}" if path.size > 1 else ""
        label_axes(ax, minus_signs(f"From ${weight_name}_0$ = {path[0]:g}{landed}"), f"weight ${weight_name}$", "loss")
        ax.legend(loc="upper right", fontsize=8.5, framealpha=0.9)
    return figure


def plot_newton_vs_descent(X_b, y, paths, losses, best_loss, *, alpha=0.0, w_star=None,
                           title="The same start, the same loss"):
    """A one-feature problem: the paths on the loss surface over (b, a), and the gap to the minimum per step.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2), the column of ones and the feature
    y : array_like of shape (n_samples,)
    paths : dict of {str: array_like of shape (n_steps + 1, 2)}, the weights of each method, step by step
    losses : dict of {str: array_like}, the loss of each method before training and after every step (same keys)
    best_loss : float, the minimum of the loss
    alpha : float >= 0, the L2 strength of the loss
    w_star : array_like of shape (2,) or None, the minimiser
    title : str, the title of the left panel

    Returns
    -------
    figure : matplotlib Figure
    """
    if set(paths) != set(losses):
        raise ValueError(f"paths and losses must name the same methods; got {sorted(paths)} and {sorted(losses)}.")
    figure = new_figure((13.0, 5.2))
    ax_surface, ax_gap = figure.subplots(1, 2)
    labelled = {f"{name}, {len(path) - 1} steps": path for name, path in paths.items()}
    plot_descent_paths(X_b, y, labelled, alpha=alpha, w_star=w_star, ax=ax_surface, title=title,
                       legend_loc="upper right")
    in_order = {name: losses[name] for name in paths}  # the same method, the same colour in both panels
    plot_convergence(in_order, best_loss, ax=ax_gap, title="Distance to the minimum, step by step",
                     legend_loc="lower left")
    return figure
