"""Gradient descent, drawn: loss surfaces and descent paths (notebooks 04, 07 and 10).

A problem with one feature has two weights, the intercept ``b = w[0]`` and the slope ``a = w[1]`` (the model
z = a x + b of ``notebooks/NOTATION.md``), so its loss is a surface over the (b, a) plane that fits on a page. This
module draws that surface as contours, the intercept across and the slope up, and any number of optimisation
paths on top of it:

``loss_grid``                  the loss on a grid of (b, a), computed once, vectorised, with ``logreg_core``
``draw_loss_surface``          the contours (plus the minimum), on an axes you pass
``draw_path``                  one path of weights (e.g. ``GDResult.weights``) as a line of steps
``plot_descent_paths``         a surface with several labelled paths: gradient descent, Newton's method, ...
``plot_learning_rate_regimes`` too small / good / too large side by side, with their loss curves
``describe_run``               the regime of a run in words, computed from its losses and final gradient
``loss_gap``                   how far above the lowest loss each step is: what a logarithmic loss axis shows

The live view on the same surface (click a start, slide the learning rate) is ``logreg_viz.linked.DescentExplorer``.
Nothing here changes matplotlib's global state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import logreg_core
from logreg_viz.figures import new_figure
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
    "GAP_FLOOR",
    "loss_gap",
]

#: One colour per learning-rate regime (Okabe-Ito: reddish purple, bluish green, vermillion).
REGIME_COLORS = {"too small": ACCENT_COLORS[2], "good": ACCENT_COLORS[1], "too large": ACCENT_COLORS[0]}
#: Colours of the paths of ``plot_descent_paths``, in turn (Okabe-Ito, distinct from the greys of the surface).
PATH_COLORS = (REGIME_COLORS["good"], REGIME_COLORS["too large"], REGIME_COLORS["too small"], ACCENT_COLORS[3])
#: The surface is drawn in greys so that coloured paths stand out on it.
SURFACE_CMAP = "Greys"
_MAX_GRID_VALUES = 4_000_000  # logits held in memory at once by loss_grid (32 MB of float64)
#: Losses closer than this to the lowest are drawn at it: the gap is then rounding noise (and log 0 is no place).
GAP_FLOOR = 1e-10
_LOSS_HEADROOM = 1.25  # loss axes end a quarter above the starting loss; higher losses get an "off the chart" note
_AXIS_LABELS = ("intercept $b$ (= $w_0$)", "slope $a$ (= $w_1$)")


# ----------------------------------------------------------------------------------------------------------------
# The surface
# ----------------------------------------------------------------------------------------------------------------
def _check_one_feature(X_b):
    X_b = np.asarray(X_b, dtype=np.float64)
    if X_b.ndim != 2 or X_b.shape[1] != 2:
        raise ValueError(
            "The loss surface is drawn over (b, a) for a problem with ONE feature: X_b must have shape "
            f"(n_samples, 2), a column of ones and the feature; got shape {X_b.shape}."
        )
    return X_b


def loss_grid(X_b, y, b_values, a_values, alpha=0.0, *, max_grid_values=_MAX_GRID_VALUES):
    """The loss L at every point (b, a) of a grid, in one vectorised pass (in blocks if the data is large).

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
        A one-feature problem: the column of ones, then the feature.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    b_values : array_like of shape (n_b,)
        Intercepts (``w[0]``), the grid's columns.
    a_values : array_like of shape (n_a,)
        Slopes (``w[1]``), the grid's rows.
    alpha : float >= 0, default=0.0
        L2 strength, as in ``logreg_core.loss`` (the intercept is not penalised).
    max_grid_values : int, default=4_000_000
        At most this many logits are held in memory at once (32 MB of float64): larger data goes in blocks of rows.

    Returns
    -------
    losses : ndarray of shape (n_a, n_b)
        ``losses[i, j] == logreg_core.loss(X_b, y, [b_values[j], a_values[i]], alpha)``, laid out as
        ``contour(b_values, a_values, losses)`` expects.
    """
    X_b = _check_one_feature(X_b)
    y = np.asarray(y, dtype=np.float64)
    b_values = np.asarray(b_values, dtype=np.float64)
    a_values = np.asarray(a_values, dtype=np.float64)
    losses = np.empty((a_values.size, b_values.size))
    rows_per_block = max(1, max_grid_values // (b_values.size * X_b.shape[0]))
    for start in range(0, a_values.size, rows_per_block):
        a_block = a_values[start : start + rows_per_block]
        # logits z[i, j, k] = b_j * 1 + a_i * x_k, shape (rows, n_b, n_samples)
        z = b_values[None, :, None] * X_b[:, 0] + a_block[:, None, None] * X_b[:, 1]
        losses[start : start + rows_per_block] = logreg_core.bce_from_logits(z, y).mean(axis=-1)
    return losses + 0.5 * alpha * a_values[:, None] ** 2


def view_around(points, margin=0.15):
    """Axis limits ``(b_lim, a_lim)`` that show all finite ``points`` (shape (m, 2)) with a margin on each side."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    points = points[np.all(np.isfinite(points), axis=1)]
    low, high = points.min(axis=0), points.max(axis=0)
    pad = margin * np.maximum(high - low, 1.0)
    return (low[0] - pad[0], high[0] + pad[0]), (low[1] - pad[1], high[1] + pad[1])


@dataclass
class LossSurface:
    """What ``draw_loss_surface`` drew: the grid it computed and the artists, for later reuse."""

    b_values: np.ndarray
    a_values: np.ndarray
    losses: np.ndarray
    filled: object
    lines: object
    colorbar: object = None
    minimum: object = None  # the star at w_star, if drawn


def draw_loss_surface(
    ax, X_b, y, b_lim, a_lim, *, alpha=0.0, w_star=None, resolution=160, n_levels=14, colorbar=True
):
    """Draw the loss over the (b, a) plane as filled grey contours, the minimum as a star.

    The levels are spaced geometrically above the lowest value, so the flat valley floor gets as many
    contour lines as the steep walls.

    Parameters
    ----------
    ax : matplotlib Axes
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    b_lim, a_lim : pair of float
        The visible range of the intercept b (x axis) and of the slope a (y axis); they are fixed on ``ax``.
    alpha : float >= 0, default=0.0
        L2 strength.
    w_star : array_like of shape (2,) or None
        The minimiser ``[b, a]``, marked with a star if given.
    resolution : int, default=160
        Grid points along each axis.
    n_levels : int, default=14
    colorbar : bool, default=True

    Returns
    -------
    surface : LossSurface
    """
    b_values = np.linspace(*b_lim, resolution)
    a_values = np.linspace(*a_lim, resolution)
    losses = loss_grid(X_b, y, b_values, a_values, alpha)
    low, high = losses.min(), losses.max()
    levels = low + (high - low) * (np.geomspace(1.0, 101.0, n_levels) - 1.0) / 100.0
    filled = ax.contourf(b_values, a_values, losses, levels=levels, cmap=SURFACE_CMAP, alpha=0.55, zorder=0)
    lines = ax.contour(b_values, a_values, losses, levels=levels, colors="0.45", linewidths=0.6, zorder=1)
    bar = None
    if colorbar:
        bar = ax.figure.colorbar(filled, ax=ax, pad=0.02, format="%.2g")
        bar.set_label(r"loss $L$")
    minimum = None
    if w_star is not None:
        minimum, = ax.plot(*np.asarray(w_star)[:2], marker="*", markersize=15, color=BOUNDARY_COLOR,
                           markeredgecolor="white", linestyle="none", label=r"minimum $w^*$", zorder=7)  # above paths
    ax.set_xlim(b_lim)
    ax.set_ylim(a_lim)
    ax.set_xlabel(_AXIS_LABELS[0])
    ax.set_ylabel(_AXIS_LABELS[1])
    return LossSurface(b_values, a_values, losses, filled, lines, bar, minimum)


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
        E.g. ``GDResult.weights`` of a one-feature problem: column 0 the intercept b, column 1 the slope a.
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
    (b_low, b_high), (a_low, a_high) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    b, a = weights[:, 0], weights[:, 1]
    is_outside = (b < b_low) | (b > b_high) | (a < a_low) | (a > a_high)
    artists.line.set_data(b, a)
    artists.end.set_data(b[-1:], a[-1:])
    artists.outside.set_data(np.clip(b[is_outside], b_low, b_high), np.clip(a[is_outside], a_low, a_high))
    artists.n_outside = int(np.count_nonzero(is_outside))
    return artists.n_outside


def plot_descent_paths(X_b, y, paths, *, alpha=0.0, w_star=None, b_lim=None, a_lim=None, ax=None,
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
    b_lim, a_lim : pair of float or None
        Visible ranges of the intercept and the slope; by default the box around all paths (and ``w_star``)
        with a margin.
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
    if b_lim is None or a_lim is None:
        points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths.values()]
        if w_star is not None:
            points.append(np.asarray(w_star, dtype=np.float64)[None, :2])
        auto_b, auto_a = view_around(np.vstack(points))
        b_lim, a_lim = b_lim or auto_b, a_lim or auto_a
    draw_loss_surface(ax, X_b, y, b_lim, a_lim, alpha=alpha, w_star=w_star)
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
    """Say in words what a gradient-descent run did, from its losses, its rises and its final gradient.

    - the loss never rose and the final gradient is tiny: **good**, it converges;
    - the loss never rose but the gradient is still large: **too small**, it crawls;
    - the loss rose on the way but the run converged anyway: **good**, "on the edge";
    - the loss rose at some updates and ended *above* where it started: **too large**, it climbs;
    - the loss rose at some updates and ended below its start, far from converged: **too large**, it zig-zags
      (the details say how high it went on the way, if that was above the start).

    A rise is what ``logreg_core.GDResult.rises`` counts: an update that raised the loss by more than rounding.

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
    losses, n_rises, n_steps = result.losses, result.n_rises, result.n_steps
    grad_norm = float(np.linalg.norm(logreg_core.gradient(X_b, y, result.final_weights, alpha)))
    converged = grad_norm < gradient_tol
    if n_rises == 0 and converged:
        return RunDescription("good", "converges", f"loss {losses[-1]:.4f} after {n_steps} steps, "
                              f"gradient length below {gradient_tol:g}", 0, grad_norm)
    if n_rises == 0:
        return RunDescription("too small", "crawls", f"loss still falling after {n_steps} steps ({losses[-1]:.4f}), "
                              f"gradient length {grad_norm:.2g}", 0, grad_norm)
    rose = f"the loss rose at {n_rises} of {n_steps} steps"
    if converged:
        return RunDescription("good", "on the edge", f"converges, but {rose} on the way", n_rises, grad_norm)
    if losses[-1] > losses[0]:
        return RunDescription("too large", "climbs", f"{rose} and ended at {losses[-1]:.4g}, above its start "
                              f"{losses[0]:.4g}", n_rises, grad_norm)
    peak = f", up to {losses.max():.4g} (above its start {losses[0]:.4g})" if losses.max() > losses[0] else ""
    return RunDescription("too large", "zig-zags", f"{rose}{peak}, and ended at {losses[-1]:.4g}", n_rises,
                          grad_norm)


def loss_gap(losses, lowest_loss):
    """How far each loss lies above the lowest loss, ``losses - lowest_loss``, never below ``GAP_FLOOR``.

    Parameters
    ----------
    losses : array_like of shape (n,)
    lowest_loss : float, e.g. ``logreg_core.loss(X_b, y, w_star)``

    Returns
    -------
    gap : ndarray of shape (n,), for a logarithmic axis
    """
    return np.maximum(np.asarray(losses, dtype=np.float64) - lowest_loss, GAP_FLOOR)


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


def plot_learning_rate_regimes(X_b, y, w0, learning_rates, n_iter, *, alpha=0.0, w_star=None, b_lim, a_lim,
                               loss_ylim=None, legend_loc="best"):
    """Three (or more) learning rates side by side: each path on the surface, and all loss curves below.

    With ``w_star`` the curves show how far above the lowest loss each step is, L - L(w*), on a logarithmic axis
    (``loss_gap``), where crawling, converging and zig-zagging look different; without it, the loss itself.

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
    b_lim, a_lim : pair of float
        The view of every surface: the intercept b across, the slope a up.
    loss_ylim : pair of float or None
        Range of the loss axis; by default 0 to a quarter above the starting loss (without ``w_star``), or
        ``GAP_FLOOR`` to twice the largest gap (with it).
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
    lowest = None if w_star is None else logreg_core.loss(X_b, y, w_star, alpha)
    for k, (title, learning_rate) in enumerate(learning_rates.items()):
        ax = fig.add_subplot(grid[0, k])
        result = logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_iter, alpha=alpha)
        results[title] = result
        description = describe_run(result, X_b, y, alpha)
        color = REGIME_COLORS.get(title, description.color)
        draw_loss_surface(ax, X_b, y, b_lim, a_lim, alpha=alpha, w_star=w_star, colorbar=False)
        n_outside = draw_path(ax, result.weights, color=color, label=f"{n_iter} steps").n_outside
        if n_outside:
            ax.text(0.03, 0.03, f"{_points(n_outside)} outside this view\n(hollow markers on the frame)",
                    transform=ax.transAxes, fontsize=8, va="bottom", bbox={"facecolor": "white", "alpha": 0.85})
        ax.set_title(f"{title}: {_eta_in_units(learning_rate, safe)}\n{description.verdict}", color=color)
        ax.legend(loc=legend_loc, fontsize=8, framealpha=0.9)
        if k:
            ax.set_ylabel("")
        curve = result.losses if w_star is None else loss_gap(result.losses, lowest)
        loss_ax.plot(np.arange(result.n_steps + 1), curve, color=color, linewidth=1.6,
                     label=f"{title} ({_eta_in_units(learning_rate, safe)})")
    if w_star is None:
        loss_ylim = loss_ylim or (0.0, _LOSS_HEADROOM * logreg_core.loss(X_b, y, w0, alpha))
        highest = max(result.losses.max() for result in results.values())
        if highest > loss_ylim[1]:
            loss_ax.text(0.99, 0.03, f"highest loss {highest:.3g}: off the chart", transform=loss_ax.transAxes,
                         fontsize=9, ha="right", va="bottom", bbox={"facecolor": "white", "alpha": 0.85})
        loss_ax.set_ylim(loss_ylim)
        label_axes(loss_ax, "The loss along each path", "step", r"loss $L$")
    else:
        loss_ax.set_yscale("log")
        gaps = np.concatenate([loss_gap(r.losses, lowest) for r in results.values()])
        loss_ax.set_ylim(loss_ylim or (max(GAP_FLOOR, 0.003 * gaps.min()), 2 * gaps.max()))  # room for the legend
        label_axes(loss_ax, "How far above the lowest loss each step is", "step", r"$L - L(w^*)$  (log scale)")
    loss_ax.set_xlim(0, n_iter)
    loss_ax.legend(loc="lower left" if w_star is not None else "upper right")
    fig.suptitle(f"{n} learning rates, {n_iter} steps each from the same start", fontsize=13)
    return fig, results
