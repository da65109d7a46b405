"""Gradient descent, drawn: loss surfaces, descent paths and the learning-rate explorer (notebook 03).

A problem with one feature has two weights, the intercept ``b = w[0]`` and the slope ``w = w[1]``, so its loss
is a surface over the (b, w) plane that fits on a page. This module draws that surface as contours and any
number of optimisation paths on top of it:

``loss_grid``                  the loss on a grid of (b, w), computed once, vectorised, with ``logreg_core``
``draw_loss_surface``          the contours (plus the minimum), on an axes you pass
``draw_path``                  one path of weights (e.g. ``GDResult.weights``) as a line of steps
``plot_descent_paths``         a surface with several labelled paths: gradient descent, Newton's method, ...
``plot_learning_rate_regimes`` too small / good / too large side by side, with their loss curves
``describe_run``               the regime of a run in words, computed from its losses and final gradient
``LearningRateExplorer``       a log-scale learning-rate slider that re-runs descent and redraws the path and the
                               loss curve together

The background is computed and drawn once; a slider move only re-runs ``logreg_core.gradient_descent``, moves
a few ``Line2D`` artists and redraws just those (see ``benchmarks/bench_descent.py`` for the timing). Nothing
here changes matplotlib's global state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import logreg_core
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, label_axes

__all__ = [
    "REGIME_COLORS",
    "PATH_COLORS",
    "loss_grid",
    "LossSurface",
    "draw_loss_surface",
    "PathArtists",
    "draw_path",
    "update_path",
    "view_around",
    "plot_descent_paths",
    "plot_learning_rate_regimes",
    "RunDescription",
    "describe_run",
    "LearningRateExplorer",
]

#: One colour per learning-rate regime (Okabe-Ito: reddish purple, bluish green, vermillion).
REGIME_COLORS = {"too small": ACCENT_COLORS[2], "good": ACCENT_COLORS[1], "too large": ACCENT_COLORS[0]}
#: Colours of the paths of ``plot_descent_paths``, in turn (Okabe-Ito, distinct from the greys of the surface).
PATH_COLORS = (REGIME_COLORS["good"], REGIME_COLORS["too large"], REGIME_COLORS["too small"], ACCENT_COLORS[3])
#: The surface is drawn in greys so that coloured paths stand out on it.
SURFACE_CMAP = "Greys"
_MAX_GRID_VALUES = 4_000_000  # logits held in memory at once by loss_grid (32 MB of float64)
_LOSS_HEADROOM = 1.25  # loss axes end a quarter above the starting loss; higher losses get an "off the chart" note
_AXIS_LABELS = ("intercept $b$ (= $w_0$)", "slope $w$ (= $w_1$)")


# ----------------------------------------------------------------------------------------------------------------
# The surface
# ----------------------------------------------------------------------------------------------------------------
def _check_one_feature(X_b):
    X_b = np.asarray(X_b, dtype=np.float64)
    if X_b.ndim != 2 or X_b.shape[1] != 2:
        raise ValueError(
            "The loss surface is drawn over (b, w) for a problem with ONE feature: X_b must have shape "
            f"(n_samples, 2), a column of ones and the feature; got shape {X_b.shape}."
        )
    return X_b


def loss_grid(X_b, y, b_values, w_values, alpha=0.0, *, max_grid_values=_MAX_GRID_VALUES):
    """The loss L(b, w) at every point of a grid, in one vectorised pass (in blocks if the data is large).

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
        A one-feature problem: the column of ones, then the feature.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    b_values : array_like of shape (n_b,)
        Intercepts (``w[0]``), the grid's columns.
    w_values : array_like of shape (n_w,)
        Slopes (``w[1]``), the grid's rows.
    alpha : float >= 0, default=0.0
        L2 strength, as in ``logreg_core.loss`` (the intercept is not penalised).
    max_grid_values : int, default=4_000_000
        At most this many logits are held in memory at once (32 MB of float64): larger data goes in blocks of rows.

    Returns
    -------
    losses : ndarray of shape (n_w, n_b)
        ``losses[i, j] == logreg_core.loss(X_b, y, [b_values[j], w_values[i]], alpha)``, laid out as
        ``contour(b_values, w_values, losses)`` expects.
    """
    X_b = _check_one_feature(X_b)
    y = np.asarray(y, dtype=np.float64)
    b_values = np.asarray(b_values, dtype=np.float64)
    w_values = np.asarray(w_values, dtype=np.float64)
    losses = np.empty((w_values.size, b_values.size))
    rows_per_block = max(1, max_grid_values // (b_values.size * X_b.shape[0]))
    for start in range(0, w_values.size, rows_per_block):
        w_block = w_values[start : start + rows_per_block]
        # logits z[i, j, k] = b_j * 1 + w_i * x_k, shape (rows, n_b, n_samples)
        z = b_values[None, :, None] * X_b[:, 0] + w_block[:, None, None] * X_b[:, 1]
        losses[start : start + rows_per_block] = logreg_core.bce_from_logits(z, y).mean(axis=-1)
    return losses + 0.5 * alpha * w_values[:, None] ** 2


def view_around(points, margin=0.15):
    """Axis limits ``(b_lim, w_lim)`` that show all finite ``points`` (shape (m, 2)) with a margin on each side."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    points = points[np.all(np.isfinite(points), axis=1)]
    low, high = points.min(axis=0), points.max(axis=0)
    pad = margin * np.maximum(high - low, 1.0)
    return (low[0] - pad[0], high[0] + pad[0]), (low[1] - pad[1], high[1] + pad[1])


@dataclass
class LossSurface:
    """What ``draw_loss_surface`` drew: the grid it computed and the artists, for later reuse."""

    b_values: np.ndarray
    w_values: np.ndarray
    losses: np.ndarray
    filled: object
    lines: object
    colorbar: object = None
    minimum: object = None  # the star at w_star, if drawn


def draw_loss_surface(
    ax, X_b, y, b_lim, w_lim, *, alpha=0.0, w_star=None, resolution=160, n_levels=14, colorbar=True
):
    """Draw the loss over the (b, w) plane as filled grey contours, the minimum as a star.

    The levels are spaced geometrically above the lowest value, so the flat valley floor gets as many
    contour lines as the steep walls.

    Parameters
    ----------
    ax : matplotlib Axes
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    b_lim, w_lim : pair of float
        The visible range of the intercept (x axis) and of the slope (y axis); they are fixed on ``ax``.
    alpha : float >= 0, default=0.0
        L2 strength.
    w_star : array_like of shape (2,) or None
        The minimiser, marked with a star if given.
    resolution : int, default=160
        Grid points along each axis.
    n_levels : int, default=14
    colorbar : bool, default=True

    Returns
    -------
    surface : LossSurface
    """
    b_values = np.linspace(*b_lim, resolution)
    w_values = np.linspace(*w_lim, resolution)
    losses = loss_grid(X_b, y, b_values, w_values, alpha)
    low, high = losses.min(), losses.max()
    levels = low + (high - low) * (np.geomspace(1.0, 101.0, n_levels) - 1.0) / 100.0
    filled = ax.contourf(b_values, w_values, losses, levels=levels, cmap=SURFACE_CMAP, alpha=0.55, zorder=0)
    lines = ax.contour(b_values, w_values, losses, levels=levels, colors="0.45", linewidths=0.6, zorder=1)
    bar = None
    if colorbar:
        bar = ax.figure.colorbar(filled, ax=ax, pad=0.02, format="%.2g")
        bar.set_label(r"loss $L(b, w)$")
    minimum = None
    if w_star is not None:
        minimum, = ax.plot(*np.asarray(w_star)[:2], marker="*", markersize=15, color=BOUNDARY_COLOR,
                           markeredgecolor="white", linestyle="none", label=r"minimum $w^*$", zorder=7)  # above paths
    ax.set_xlim(b_lim)
    ax.set_ylim(w_lim)
    ax.set_xlabel(_AXIS_LABELS[0])
    ax.set_ylabel(_AXIS_LABELS[1])
    return LossSurface(b_values, w_values, losses, filled, lines, bar, minimum)


# ----------------------------------------------------------------------------------------------------------------
# Paths on the surface
# ----------------------------------------------------------------------------------------------------------------
@dataclass
class PathArtists:
    """The artists of one drawn path: the line of steps, its end point, its steps outside the view, and the
    marker of its start (if drawn)."""

    line: object
    end: object
    outside: object
    n_outside: int = 0  # points of the path outside the view, set by update_path
    start: object = None


def draw_path(ax, weights, *, color, label, marker="o", markersize=3.5, mark_start=True):
    """Draw a path of weights (``weights[0]`` the start) as a line through its steps.

    Steps that leave the axes' current limits are also shown as hollow markers on the frame, where they
    left, so a diverging path stays readable (see ``update_path``).

    Parameters
    ----------
    ax : matplotlib Axes
        Its limits must already be set (e.g. by ``draw_loss_surface``).
    weights : array_like of shape (n_steps + 1, 2)
        E.g. ``GDResult.weights`` of a one-feature problem: column 0 the intercept b, column 1 the slope w.
    color : colour
    label : str
        Legend entry.
    marker : str, default="o"
        Marker at each step; a second method on the same surface can use another shape (e.g. "s").
    markersize : float, default=3.5
    mark_start : bool, default=True
        Mark ``weights[0]`` with a hollow black circle labelled "start".

    Returns
    -------
    artists : PathArtists
    """
    start = None
    if mark_start:
        start, = ax.plot(*np.asarray(weights, dtype=np.float64)[0, :2], marker="o", markersize=10,
                         markerfacecolor="none", markeredgecolor=BOUNDARY_COLOR, markeredgewidth=1.5, linestyle="none",
                         label="start", zorder=6)
    line, = ax.plot([], [], color=color, marker=marker, markersize=markersize, linewidth=1.4, label=label, zorder=4)
    end, = ax.plot([], [], color=color, marker=marker, markersize=2.4 * markersize, markeredgecolor="white",
                   linestyle="none", zorder=5)
    outside, = ax.plot([], [], color=color, marker=marker, markersize=markersize + 2, markerfacecolor="white",
                       linestyle="none", clip_on=False, zorder=6)
    outside.set_in_layout(False)  # it sits on the frame; an empty unclipped line would upset constrained layout
    artists = PathArtists(line, end, outside, start=start)
    update_path(artists, weights)
    return artists


def update_path(artists, weights):
    """Move the artists of ``draw_path`` to a new path; return how many of its steps lie outside the view.

    Parameters
    ----------
    artists : PathArtists
    weights : array_like of shape (n_steps + 1, 2)

    Returns
    -------
    n_outside : int
        Number of points of the path (start included) outside the axes' limits; they are drawn clipped to the
        frame as hollow markers.
    """
    weights = np.asarray(weights, dtype=np.float64)[:, :2]
    ax = artists.line.axes
    (b_low, b_high), (w_low, w_high) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    b, w = weights[:, 0], weights[:, 1]
    is_outside = (b < b_low) | (b > b_high) | (w < w_low) | (w > w_high)
    artists.line.set_data(b, w)
    artists.end.set_data(b[-1:], w[-1:])
    artists.outside.set_data(np.clip(b[is_outside], b_low, b_high), np.clip(w[is_outside], w_low, w_high))
    artists.n_outside = int(np.count_nonzero(is_outside))
    return artists.n_outside


def plot_descent_paths(X_b, y, paths, *, alpha=0.0, w_star=None, b_lim=None, w_lim=None, ax=None,
                       title="Gradient descent on the loss surface", markers=("o", "s", "^", "D"), legend_loc="best"):
    """A loss surface with one or more labelled paths on it (gradient descent, Newton's method, ...).

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    paths : dict of {str: array_like of shape (n_steps + 1, 2)}
        Legend label -> path of weights, e.g. ``{"gradient descent": result.weights}``. Paths may differ in
        length; they need not start at the same point.
    alpha : float >= 0, default=0.0
    w_star : array_like of shape (2,) or None
        The minimiser, marked with a star.
    b_lim, w_lim : pair of float or None
        Visible ranges; by default the box around all paths (and ``w_star``) with a margin.
    ax : matplotlib Axes or None
        Where to draw; a new figure if None.
    title : str
    markers : sequence of str
        Marker shape of each path in turn, so that paths differ by more than colour.
    legend_loc : str, default="best"
        Where the legend goes (matplotlib's ``loc``); "best" keeps it off the paths.

    Returns
    -------
    fig : matplotlib Figure
    ax : matplotlib Axes
    """
    if ax is None:
        ax = new_figure((6.4, 5.0), canvas="pyplot").subplots()
    if b_lim is None or w_lim is None:
        points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths.values()]
        if w_star is not None:
            points.append(np.asarray(w_star, dtype=np.float64)[None, :2])
        auto_b, auto_w = view_around(np.vstack(points))
        b_lim, w_lim = b_lim or auto_b, w_lim or auto_w
    draw_loss_surface(ax, X_b, y, b_lim, w_lim, alpha=alpha, w_star=w_star)
    starts_drawn = set()
    for k, (label, weights) in enumerate(paths.items()):
        start = tuple(np.asarray(weights, dtype=np.float64)[0, :2])
        draw_path(ax, weights, color=PATH_COLORS[k % len(PATH_COLORS)], label=label, marker=markers[k % len(markers)],
                  mark_start=start not in starts_drawn)
        starts_drawn.add(start)
    ax.set_title(title)
    ax.legend(loc=legend_loc, framealpha=0.9)
    return ax.figure, ax


# ----------------------------------------------------------------------------------------------------------------
# Learning-rate regimes
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RunDescription:
    """The regime of a gradient-descent run (see ``describe_run``)."""

    regime: str  # "too small", "good" or "too large": the key into REGIME_COLORS
    verdict: str  # one short phrase, e.g. "zig-zags"
    details: str  # the numbers behind the verdict
    n_rises: int  # updates that raised the loss
    final_gradient_norm: float

    @property
    def color(self):
        return REGIME_COLORS[self.regime]

    def __str__(self):
        return f"{self.regime}: {self.verdict} ({self.details})"


def describe_run(result, X_b, y, alpha=0.0, gradient_tol=1e-3):
    """Say in words what a gradient-descent run did, from its losses and its final gradient.

    - the loss never rose and the final gradient is tiny: **good**, converged;
    - the loss never rose but the gradient is still large: **too small**, it crawls;
    - the loss rose at some updates, even above where it started: **too large**, it climbs;
    - the loss rose at some updates and the gradient is still large: **too large**, it zig-zags;
    - the loss rose on the way but the run converged anyway: counted as **good**, "on the edge".

    Parameters
    ----------
    result : logreg_core.GDResult
    X_b : array_like of shape (n_samples, n_features + 1)
    y : array_like of shape (n_samples,)
    alpha : float >= 0, default=0.0
    gradient_tol : float, default=1e-3
        A run has converged when the gradient's length at its final weights is below this.

    Returns
    -------
    description : RunDescription
    """
    losses = result.losses
    n_rises = int(np.count_nonzero(np.diff(losses) > 1e-9 * np.abs(losses[:-1])))  # as LogisticRegressionGD
    grad_norm = float(np.linalg.norm(logreg_core.gradient(X_b, y, result.final_weights, alpha)))
    converged = grad_norm < gradient_tol
    steps = f"after {result.n_steps} steps"
    if n_rises == 0 and converged:
        return RunDescription("good", "converges", f"loss {losses[-1]:.4f} {steps}, "
                              f"gradient length below {gradient_tol:g}", 0, grad_norm)
    if n_rises == 0:
        return RunDescription("too small", "crawls", f"loss still falling {steps} ({losses[-1]:.4f}), "
                              f"gradient length {grad_norm:.2g}", 0, grad_norm)
    if converged:
        return RunDescription("good", "on the edge", f"converges, but the loss rose at {n_rises} of "
                              f"{result.n_steps} steps on the way", n_rises, grad_norm)
    if losses[1:].max() > losses[0]:
        return RunDescription("too large", "climbs", f"the loss went up to {losses.max():.3g}, above its start "
                              f"{losses[0]:.3g}", n_rises, grad_norm)
    return RunDescription("too large", "zig-zags", f"the loss rose at {n_rises} of {result.n_steps} steps",
                          n_rises, grad_norm)


def _points(count):
    return f"{count} point{'' if count == 1 else 's'}"


def _multiple(ratio):
    """A multiple of the safe step in two significant digits, never in exponent form (100, not 1e+02)."""
    return f"{ratio:.2g}" if ratio < 99.5 else f"{ratio:.0f}"


def _eta_in_units(learning_rate, safe):
    """The learning rate, and the same as a multiple of the safe step eta_safe = safe_learning_rate(X_b)."""
    ratio = learning_rate / safe
    multiple = "" if np.isclose(ratio, 1.0) else f"{_multiple(ratio)} "
    return rf"$\eta$ = {learning_rate:.3g} = {multiple}$\eta_\mathrm{{safe}}$"


def plot_learning_rate_regimes(X_b, y, w0, learning_rates, n_iter, *, alpha=0.0, w_star=None, b_lim, w_lim,
                               loss_ylim=None, legend_loc="best"):
    """Three (or more) learning rates side by side: each path on the surface, and all loss curves below.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    w0 : array_like of shape (2,)
        The common starting point.
    learning_rates : dict of {str: float}
        Panel title -> learning rate, e.g. ``{"too small": 0.1 * s, "good": s, "too large": 8 * s}``; a title
        that is a key of ``REGIME_COLORS`` gets that colour.
    n_iter : int
    alpha : float >= 0, default=0.0
    w_star : array_like of shape (2,) or None
    b_lim, w_lim : pair of float
    loss_ylim : pair of float or None
        Range of the loss axis; by default 0 to a quarter above the starting loss.
    legend_loc : str, default="best"
        Where the legend of each surface goes (matplotlib's ``loc``).

    Returns
    -------
    fig : matplotlib Figure
    results : dict of {str: logreg_core.GDResult}
        The runs drawn, by title.
    """
    safe = logreg_core.safe_learning_rate(X_b, alpha)
    n = len(learning_rates)
    fig = new_figure((4.1 * n, 7.4), canvas="pyplot")
    grid = fig.add_gridspec(2, n, height_ratios=(1.25, 1.0))
    loss_ax = fig.add_subplot(grid[1, :])
    results = {}
    for k, (title, learning_rate) in enumerate(learning_rates.items()):
        ax = fig.add_subplot(grid[0, k])
        result = logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter, alpha=alpha)
        results[title] = result
        description = describe_run(result, X_b, y, alpha)
        color = REGIME_COLORS.get(title, description.color)
        draw_loss_surface(ax, X_b, y, b_lim, w_lim, alpha=alpha, w_star=w_star, colorbar=False)
        n_outside = draw_path(ax, result.weights, color=color, label=f"{n_iter} steps").n_outside
        if n_outside:
            ax.text(0.03, 0.03, f"{_points(n_outside)} outside this view\n(hollow markers on the frame)",
                    transform=ax.transAxes, fontsize=8, va="bottom", bbox={"facecolor": "white", "alpha": 0.85})
        ax.set_title(f"{title}: {_eta_in_units(learning_rate, safe)}\n{description.verdict}", color=color)
        ax.legend(loc=legend_loc, fontsize=8, framealpha=0.9)
        if k:
            ax.set_ylabel("")
        loss_ax.plot(np.arange(result.n_steps + 1), result.losses, color=color, linewidth=1.6,
                     label=f"{title} ({_eta_in_units(learning_rate, safe)})")
    if w_star is not None:
        loss_ax.axhline(logreg_core.loss(X_b, y, w_star, alpha), color=BOUNDARY_COLOR, linestyle="--",
                        linewidth=1, label=r"lowest loss $L(w^*)$")
    loss_ylim = loss_ylim or (0.0, _LOSS_HEADROOM * logreg_core.loss(X_b, y, w0, alpha))
    highest = max(result.losses.max() for result in results.values())
    if highest > loss_ylim[1]:
        loss_ax.text(0.99, 0.03, f"highest loss {highest:.3g}: off the chart", transform=loss_ax.transAxes,
                     fontsize=9, ha="right", va="bottom", bbox={"facecolor": "white", "alpha": 0.85})
    loss_ax.set_ylim(loss_ylim)
    loss_ax.set_xlim(0, n_iter)
    label_axes(loss_ax, "The loss along each path", "step", r"loss $L$")
    loss_ax.legend(loc="upper right")
    fig.suptitle(f"{n} learning rates, {n_iter} steps each from the same start", fontsize=13)
    return fig, results


# ----------------------------------------------------------------------------------------------------------------
# The widget
# ----------------------------------------------------------------------------------------------------------------
class LearningRateExplorer(LiveView):
    """A log-scale learning-rate slider that re-runs gradient descent and redraws its path and loss curve.

    The figure (surface on the left, loss curve on the right) is built once (a ``LiveView``). A slider move
    runs ``logreg_core.gradient_descent``, moves four ``Line2D`` artists and two texts, and redraws only those on
    a saved background (blitting): the contours are never recomputed or redrawn. End a cell with the explorer to
    show it; the status line says how the learning rate compares with the safe step.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    w0 : array_like of shape (2,)
        Where every run starts.
    n_iter : int, default=100
        Steps per run.
    alpha : float >= 0, default=0.0
    w_star : array_like of shape (2,) or None
        The minimiser: marked on the surface, its loss drawn as a dashed line on the loss curve.
    b_lim, w_lim : pair of float or None
        The fixed view of the surface; by default the box around ``w0`` and ``w_star``. Steps that leave it
        are shown on the frame.
    learning_rate : float or None
        The starting value; by default the safe step ``eta_safe = safe_learning_rate(X_b, alpha)``.
    span : float, default=100.0
        The slider runs from ``eta_safe / span`` to ``eta_safe * span``, on a log scale.
    loss_ylim : pair of float or None
        Range of the loss axis; by default 0 to a quarter above the starting loss. Higher losses are reported
        in a note.
    legend_loc : str, default="lower right"
        Where the surface's legend goes. A fixed place: "best" would move it (and cost time) on every redraw.
    interactive : bool or None
        See ``LiveView``.

    Attributes
    ----------
    figure : matplotlib Figure
    slider : ipywidgets.FloatLogSlider, the control ``"learning_rate"``
    learning_rate : float, the learning rate of the run drawn
    legend_handles : the legend entries of the path and of the loss curve (recoloured with them)
    result : logreg_core.GDResult
        The run currently drawn.
    description : RunDescription
    """

    def __init__(self, X_b, y, w0, *, n_iter=100, alpha=0.0, w_star=None, b_lim=None, w_lim=None,
                 learning_rate=None, span=100.0, loss_ylim=None, legend_loc="lower right", interactive=None):
        import ipywidgets as widgets  # only the widget needs ipywidgets

        super().__init__((9.6, 4.4), interactive=interactive)

        self.X_b = _check_one_feature(X_b)
        self.y = np.asarray(y, dtype=np.float64)
        self.w0 = np.asarray(w0, dtype=np.float64)
        self.n_iter = n_iter
        self.alpha = alpha
        self.safe_learning_rate = logreg_core.safe_learning_rate(self.X_b, alpha)
        if b_lim is None or w_lim is None:
            points = [self.w0] + ([np.asarray(w_star, dtype=np.float64)] if w_star is not None else [])
            auto_b, auto_w = view_around(np.vstack(points), margin=0.35)
            b_lim, w_lim = b_lim or auto_b, w_lim or auto_w
        start_loss = logreg_core.loss(self.X_b, self.y, self.w0, alpha)
        self.loss_ylim = loss_ylim or (0.0, _LOSS_HEADROOM * start_loss)

        self.surface_ax, self.loss_ax = self.figure.subplots(1, 2, width_ratios=(1.15, 1.0))
        self.surface = draw_loss_surface(self.surface_ax, self.X_b, self.y, b_lim, w_lim, alpha=alpha,
                                         w_star=w_star, colorbar=False)
        self.path = draw_path(self.surface_ax, self.w0[None, :], color=REGIME_COLORS["good"], label="descent path")
        self.outside_note = self.surface_ax.text(
            0.03, 0.03, "", transform=self.surface_ax.transAxes, fontsize=9, va="bottom",
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.6"}, visible=False)
        self.surface_ax.set_title("Path of the weights on the loss surface")
        surface_legend = self.surface_ax.legend(loc=legend_loc, framealpha=0.9)

        self.loss_curve, = self.loss_ax.plot([], [], color=REGIME_COLORS["good"], linewidth=1.8, label="loss")
        self.lowest_loss = None
        if w_star is not None:
            self.lowest_loss = self.loss_ax.axhline(logreg_core.loss(self.X_b, self.y, w_star, alpha),
                                                    color=BOUNDARY_COLOR, linestyle="--", linewidth=1,
                                                    label=r"lowest loss $L(w^*)$")
        self.loss_ax.set_xlim(0, n_iter)
        self.loss_ax.set_ylim(self.loss_ylim)
        label_axes(self.loss_ax, "Loss after each step", "step", r"loss $L$")
        loss_legend = self.loss_ax.legend(loc="upper right")
        # legend entries are copies of the artists: recolour them with the path (the last entry of each legend)
        self.legend_handles = (surface_legend.legend_handles[-1], loss_legend.legend_handles[0])
        self.off_chart_note = self.loss_ax.text(
            0.97, 0.80, "", transform=self.loss_ax.transAxes, fontsize=9, ha="right", va="top",
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.6"}, visible=False)
        self.headline = self.figure.suptitle("", fontsize=12)

        safe_exponent = np.log10(self.safe_learning_rate)
        self.slider = widgets.FloatLogSlider(
            value=learning_rate or self.safe_learning_rate, base=10,
            min=safe_exponent - np.log10(span), max=safe_exponent + np.log10(span), step=0.02,
            description="learning rate η", readout_format=".3g", continuous_update=True,
            style={"description_width": "initial"}, layout=widgets.Layout(width="520px"),
        )
        # A run moves these (and what a full draw paints above them: the start, the minimum, the legends and
        # frames they cross); the surface and everything else is a saved background.
        self.start({"learning_rate": self.slider}, moving=[
            self.path.line, self.path.end, self.path.outside, self.path.start, self.surface.minimum,
            self.outside_note, surface_legend, self.loss_curve, self.lowest_loss, self.off_chart_note, loss_legend,
            *self.loss_ax.spines.values(), self.headline,
        ])

    def move_artists(self, learning_rate):
        """Re-run gradient descent with ``learning_rate`` and move the artists to the new run."""
        result = logreg_core.gradient_descent(self.X_b, self.y, self.w0, learning_rate, self.n_iter,
                                              alpha=self.alpha)
        description = describe_run(result, self.X_b, self.y, self.alpha)
        self.result, self.description, self.learning_rate = result, description, learning_rate

        n_outside = update_path(self.path, result.weights)
        for artist in (self.path.line, self.path.end, self.path.outside, self.loss_curve, *self.legend_handles):
            artist.set_color(description.color)
        self.path.outside.set_markerfacecolor("white")
        self.outside_note.set_text(f"{n_outside} of {result.n_steps + 1} points outside this view\n"
                                   "(shown as hollow markers on the frame)")
        self.outside_note.set_visible(n_outside > 0)

        self.loss_curve.set_data(np.arange(result.n_steps + 1), result.losses)
        highest = result.losses.max()
        self.off_chart_note.set_text(f"highest loss {highest:.3g}: off the chart")
        self.off_chart_note.set_visible(highest > self.loss_ylim[1])

        ratio = learning_rate / self.safe_learning_rate
        self.headline.set_text(f"{_eta_in_units(learning_rate, self.safe_learning_rate)}, {description}")
        self.headline.set_color(description.color)
        guarantee = "below 2 η<sub>safe</sub>: every step lowers the loss" if ratio < 2 else (
            "beyond 2 η<sub>safe</sub>: no guarantee")
        return (f"η = {learning_rate:.3g} = {_multiple(ratio)} η<sub>safe</sub> &nbsp;·&nbsp; {guarantee} "
                f"&nbsp;·&nbsp; {description}")
