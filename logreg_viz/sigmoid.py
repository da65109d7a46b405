"""The sigmoid, drawn (notebook 01): from a linear score to a probability, and where p = 1/2.

Static figures are still pictures (``logreg_viz.figures.new_figure``): a notebook shows the returned figure as a
PNG. ``SigmoidExplorer`` is a live view (``logreg_viz.live.LiveView``): its figure is built once, and a slider only
moves the existing artists. Every number drawn comes from ``logreg_core``.

plot_line_vs_sigmoid          a straight line leaves [0, 1]; the sigmoid of a score never does
plot_sigmoid_and_slope        sigma(z) and sigma'(z) = sigma(z) (1 - sigma(z))
plot_decision_boundaries      where p = 1/2: a point in 1-D, a line in 2-D, a plane in 3-D
plot_sigmoid_settings         the explorer's picture for a few (a, b), side by side
logit                         the log-odds, the sigmoid's inverse
SigmoidExplorer               sliders for the slope a and the intercept b over a labelled 1-D data set

The one-feature model is z = a x + b (a the slope, b the intercept), as in ``notebooks/NOTATION.md``; the core's
weight vector is ``w = [b, a]``.
"""

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

import logreg_core as core
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.style import (
    ACCENT_COLORS,
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_MARKERS,
    PROBABILITY_CMAP,
    label_axes,
    minus_signs,
)

__all__ = [
    "plot_line_vs_sigmoid",
    "plot_sigmoid_and_slope",
    "plot_decision_boundaries",
    "plot_sigmoid_settings",
    "padded_range",
    "logit",
    "SigmoidExplorer",
]

_GRID_POINTS = 400
_MUTED = "0.55"  # grey for guides (p = 1/2, asymptotes)


def logit(p):
    """The log-odds z = log(p / (1 - p)), the inverse of the sigmoid.

    Parameters
    ----------
    p : float or array_like of any shape
        Probabilities strictly between 0 and 1.

    Returns
    -------
    z : float or ndarray of the same shape as ``p``
    """
    p = np.asarray(p, dtype=np.float64)
    return (np.log(p) - np.log1p(-p))[()]


def _signed(value, fmt):
    """A number as the next term of a sum: ``_signed(-5.5, "g") == "− 5.5"``, ``_signed(2, "g") == "+ 2"``."""
    return f"{'−' if value < 0 else '+'} {abs(value):{fmt}}"


def _class_legend_handles(class_names):
    """Legend entries for the two classes, in their fixed colours and markers."""
    return [
        Line2D([], [], linestyle="none", marker=CLASS_MARKERS[k], color=CLASS_COLORS[k], label=class_names[k])
        for k in (0, 1)
    ]


def _scatter_labels(ax, x, y, class_names):
    """Samples drawn at the height of their label (0 or 1), in their class colour and marker; returns the two
    PathCollections."""
    return [
        ax.scatter(
            x[y == k], y[y == k], s=60, c=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
            edgecolors="white", linewidths=0.8, zorder=4, label=class_names[k],
        )
        for k in (0, 1)
    ]


# --------------------------------------------------------------------------------------------------------------
# Notebook 01: the sigmoid
# --------------------------------------------------------------------------------------------------------------
def plot_line_vs_sigmoid(x, y, a, b, x_range=None, class_names=("class 0", "class 1")):
    """Two panels: a least-squares line through 0/1 labels leaves [0, 1]; sigma(a x + b) stays inside.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        One feature.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    a, b : float
        Slope and intercept of the sigmoid panel.
    x_range : pair of float, optional
        Horizontal extent; by default the data's range widened by its own width on each side, so that the
        line visibly crosses 0 and 1.
    class_names : pair of str

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    if x_range is None:
        width = np.ptp(x)
        x_range = (x.min() - 0.6 * width, x.max() + 0.6 * width)
    grid = np.linspace(*x_range, _GRID_POINTS)
    slope, intercept = np.polyfit(x, y, deg=1)  # the least-squares line, the "just use regression" idea

    fig = new_figure((10, 3.8))
    ax_line, ax_sigmoid = fig.subplots(1, 2, sharey=True)
    for ax in (ax_line, ax_sigmoid):
        ax.axhspan(0, 1, color="0.93", zorder=0, label="valid probabilities [0, 1]")
        _scatter_labels(ax, x, y, class_names)
    ax_line.plot(grid, slope * grid + intercept, color=ACCENT_COLORS[0], lw=2.5,
                 label=f"least-squares line {slope:.2f}·x {_signed(intercept, '.2f')}")
    ax_sigmoid.plot(grid, core.sigmoid(a * grid + b), color=ACCENT_COLORS[1], lw=2.5,
                    label=minus_signs(f"σ({a:g}·x {_signed(b, 'g')})"))
    label_axes(ax_line, "A straight line is not a probability", "x", "predicted value")
    label_axes(ax_sigmoid, "The sigmoid squashes the line into (0, 1)", "x", "predicted probability of class 1")
    ax_sigmoid.tick_params(labelleft=True)
    for ax in (ax_line, ax_sigmoid):
        ax.set_xlim(*x_range)
    ax_line.set_ylim(-0.6, 1.6)
    handles, labels = ax_line.get_legend_handles_labels()
    extra_handles, extra_labels = ax_sigmoid.get_legend_handles_labels()
    fig.legend(handles + extra_handles[-1:], labels + extra_labels[-1:], loc="outside lower center", ncols=5,
               fontsize=9)
    return fig


def plot_sigmoid_and_slope(z_max=8.0):
    """Two panels: sigma(z) with its landmarks, and its slope sigma'(z) = sigma(z) (1 - sigma(z)).

    Parameters
    ----------
    z_max : float, default=8.0
        The logit axis runs from -z_max to z_max.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    z = np.linspace(-z_max, z_max, _GRID_POINTS)
    p = core.sigmoid(z)
    fig = new_figure((10, 3.6))
    ax_p, ax_slope = fig.subplots(1, 2)

    for level in (0.0, 1.0):
        ax_p.axhline(level, color=_MUTED, lw=1, ls="--")
    ax_p.axhline(0.5, color=_MUTED, lw=1, ls=":")
    ax_p.axvline(0.0, color=_MUTED, lw=1, ls=":")
    ax_p.plot(z, p, color=ACCENT_COLORS[1], lw=2.5, label=r"$\sigma(z) = 1\,/\,(1 + e^{-z})$")
    ax_p.plot([0], [0.5], "o", color=BOUNDARY_COLOR, ms=7, label="σ(0) = ½")
    z_mark = 2.0
    ax_p.plot([z_mark, -z_mark], core.sigmoid([z_mark, -z_mark]), "D", color=ACCENT_COLORS[2], ms=6,
              label=minus_signs(f"σ({-z_mark:g}) = 1 − σ({z_mark:g})"))
    ax_p.set_ylim(-0.08, 1.08)
    label_axes(ax_p, "The sigmoid: always between 0 and 1", "logit z", "probability p = σ(z)")
    ax_p.legend(loc="upper left", fontsize=8.5)

    ax_slope.plot(z, p * (1 - p), color=ACCENT_COLORS[0], lw=2.5, label=r"$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$")
    ax_slope.plot([0], [0.25], "o", color=BOUNDARY_COLOR, ms=7, label="largest slope ¼ at z = 0")
    ax_slope.set_ylim(-0.01, 0.3)
    label_axes(ax_slope, "Its slope: steepest at z = 0, flat far away", "logit z", "slope σ′(z)")
    ax_slope.legend(loc="upper left", fontsize=8.5)
    return fig


def plot_decision_boundaries(seed=0):
    """Three panels: the set where p = 1/2 is a point in 1-D, a line in 2-D and a plane in 3-D.

    Each panel draws random points coloured by the class the model predicts for them, so the boundary is
    where the colours meet. The weights are fixed and named in each title.

    Parameters
    ----------
    seed : int, default=0
        Seed of the random points.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    rng = np.random.default_rng(seed)
    fig = new_figure((13, 4.3))
    ax1 = fig.add_subplot(1, 3, 1)
    ax2 = fig.add_subplot(1, 3, 2)
    ax3 = fig.add_subplot(1, 3, 3, projection="3d")

    # 1-D: z = 2 x - 3, boundary x = 1.5
    w1 = np.array([-3.0, 2.0])
    grid = np.linspace(-1, 4, _GRID_POINTS)
    ax1.imshow(core.predict_proba(core.add_intercept(grid[:, None]), w1)[None, :], extent=(-1, 4, -0.1, 1.1),
               aspect="auto", cmap=PROBABILITY_CMAP, vmin=0, vmax=1, alpha=0.35, zorder=0)
    ax1.plot(grid, core.predict_proba(core.add_intercept(grid[:, None]), w1), color=ACCENT_COLORS[1], lw=2.5,
             label=r"$p = \sigma(2x - 3)$")
    ax1.axvline(1.5, color=BOUNDARY_COLOR, lw=2, ls="--", label="boundary: the point x = 1.5")
    ax1.axhline(0.5, color=_MUTED, lw=1, ls=":")
    label_axes(ax1, "1 feature: a point", "x", "probability of class 1")
    ax1.legend(loc="lower right", fontsize=8.5)

    # 2-D: z = x1 + 2 x2 - 1, boundary x2 = (1 - x1) / 2
    w2 = np.array([-1.0, 1.0, 2.0])
    g1, g2 = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(-3, 3, 200))
    p_grid = core.predict_proba(core.add_intercept(np.column_stack([g1.ravel(), g2.ravel()])), w2)
    ax2.imshow(p_grid.reshape(g1.shape), extent=(-3, 3, -3, 3), origin="lower", cmap=PROBABILITY_CMAP,
               vmin=0, vmax=1, alpha=0.35, zorder=0)
    points = rng.uniform(-3, 3, size=(40, 2))
    _scatter_predicted(ax2, points, w2)
    ax2.plot([-3, 3], [2, -1], color=BOUNDARY_COLOR, lw=2, ls="--", label="boundary: x₁ + 2x₂ − 1 = 0")
    ax2.set_xlim(-3, 3)
    ax2.set_ylim(-3, 3)
    label_axes(ax2, "2 features: a line", "x₁", "x₂")
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=8.5)

    # 3-D: z = x1 + x2 + x3, boundary x3 = -x1 - x2
    w3 = np.array([0.0, 1.0, 1.0, 1.0])
    points = rng.uniform(-2, 2, size=(60, 3))
    _scatter_predicted(ax3, points, w3)
    s1, s2 = np.meshgrid(np.linspace(-2, 2, 2), np.linspace(-2, 2, 2))
    ax3.plot_surface(s1, s2, -s1 - s2, color="0.35", alpha=0.35)
    ax3.set_zlabel("x₃")
    ax3.set_zlim(-2, 2)
    label_axes(ax3, "3 features: a plane", "x₁", "x₂")
    handles = _class_legend_handles(("predicted class 0", "predicted class 1"))
    handles.append(Patch(color="0.35", alpha=0.5, label="boundary: x₁ + x₂ + x₃ = 0"))
    ax3.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), fontsize=8.5)
    ax3.set_box_aspect(None, zoom=0.85)  # room for the x3 label
    return fig


def _scatter_predicted(ax, points, w):
    """Scatter 2-D or 3-D points coloured and shaped by the class the weights ``w`` predict for them."""
    predicted = core.predict(core.add_intercept(points), w)
    extra = {"depthshade": False} if points.shape[1] == 3 else {"zorder": 3}
    for k in (0, 1):
        ax.scatter(*points[predicted == k].T, c=CLASS_COLORS[k], marker=CLASS_MARKERS[k], s=28,
                   edgecolors="white", linewidths=0.5, label=f"predicted class {k}", **extra)


class _SigmoidView:
    """The artists of one 1-D sigmoid over labelled samples, on one Axes; ``update(a, b)`` moves them.

    Shared by the static ``plot_sigmoid_settings``, the live ``SigmoidExplorer`` and the data panel of
    ``logreg_viz.linked``, so all of them draw the same picture. Drawn: the stretches of x predicted class 0 and
    class 1 shaded in their colours, the curve p = sigma(a x + b), the boundary x = -b / a, each sample at the
    height of its label, joined to its probability on the curve, with that probability printed. (Shaded
    rectangles rather than an image of p keep a redraw cheap.)

    Parameters
    ----------
    ax : matplotlib Axes
    x : ndarray of shape (n_samples,)
    y : ndarray of shape (n_samples,), labels 0 or 1
    x_range : pair of float
    class_names : pair of str
    sigmoid : callable, default=logreg_core.sigmoid
        What turns the scores into probabilities, e.g. a student's own ``my_sigmoid``. It draws the curve and
        the samples' probabilities; the predicted classes (shading, boundary, count) follow the core's decision
        rule z > 0, which needs no sigmoid.
    probabilities : bool, default=True
        Print each sample's probability beside its ring.
    title : bool, default=True
        Let ``update`` write the model, its boundary and its count of correct samples as the axes' title (False:
        the title is the caller's, and stays).
    legend : {"right", None}, default="right"
        A legend beside the axes, or none (a view that shows several panels puts ``legend_handles`` in one legend
        of the figure: a legend over moving artists would have to be redrawn with them at every move).
    """

    def __init__(self, ax, x, y, x_range, class_names, *, sigmoid=core.sigmoid, probabilities=True, legend="right",
                 title=True):
        self.ax, self.x, self.y = ax, x, y
        self.title = title
        self.sigmoid = sigmoid
        self.grid = np.linspace(*x_range, _GRID_POINTS)
        self.text_offset = 0.012 * (x_range[1] - x_range[0])
        self.x_range = x_range
        self.X_grid, self.X_b = core.add_intercept(self.grid[:, None]), core.add_intercept(x[:, None])
        self.regions = [ax.axvspan(x_range[0], x_range[0], color=CLASS_COLORS[k], alpha=0.13, lw=0, zorder=0)
                        for k in (0, 1)]
        self.half = ax.axhline(0.5, color=_MUTED, lw=1, ls=":", zorder=1)
        self.curve, = ax.plot([], [], color=ACCENT_COLORS[1], lw=2.5, zorder=2, label="p = σ(a·x + b)")
        self.boundary, = ax.plot([], [], color=BOUNDARY_COLOR, lw=2, ls="--", zorder=2, label="boundary p = ½")
        # Each sample is joined from its label to its probability (the gap is how wrong the model is), and marked
        # on the curve; one Line2D per class draws all of them (one artist per sample would cost a redraw each).
        self.members = [np.flatnonzero(y == k) for k in (0, 1)]
        self.connectors = [ax.plot([], [], color=CLASS_COLORS[k], lw=1.2, alpha=0.8, zorder=3)[0] for k in (0, 1)]
        self.on_curve = [
            ax.plot([], [], linestyle="none", marker=CLASS_MARKERS[k], mfc="white", mec=CLASS_COLORS[k], mew=1.8,
                    ms=7, zorder=5)[0]
            for k in (0, 1)
        ]
        self.p_texts = [ax.text(xi, 0, "", fontsize=8, va="center", zorder=6) for xi in x] if probabilities else []
        self.samples = _scatter_labels(ax, x, y, class_names)
        ax.set_xlim(*x_range)
        ax.set_ylim(-0.12, 1.12)
        self.legend_handles = _class_legend_handles(class_names) + [
            self.curve, self.boundary,
            Line2D([], [], linestyle="none", marker="o", mfc="white", mec="0.3", mew=1.8, label="its p on the curve"),
        ]
        self.legend = None
        if legend == "right":
            self.legend = ax.legend(handles=self.legend_handles, loc="center left", bbox_to_anchor=(1.01, 0.5),
                                    fontsize=8.5)

    def moving_artists(self):
        """What ``update`` changes, and all a full draw paints above it in the axes (the shaded stretches lie
        under everything): the axes' content but for its ticks."""
        return [*self.regions, self.half, self.curve, self.boundary, *self.connectors, *self.samples,
                *self.on_curve, *self.p_texts, *self.ax.spines.values(), *([self.ax.title] if self.title else [])]

    def update(self, a, b):
        """Move the artists to slope ``a`` and intercept ``b``; returns the boundary position (None if a == 0)."""
        w = np.array([b, a])
        p_grid = np.asarray(self.sigmoid(self.X_grid @ w), dtype=float)
        p_samples = np.asarray(self.sigmoid(self.X_b @ w), dtype=float)
        self.curve.set_data(self.grid, p_grid)
        boundary = None if a == 0 else -b / a
        self.boundary_x = boundary
        for k, (start, stop) in enumerate(self._class_intervals(a, b, boundary)):
            self.regions[k].set_x(start)
            self.regions[k].set_width(stop - start)
        self.boundary.set_data(([boundary] * 2, [-0.12, 1.12]) if boundary is not None else ([], []))
        for k, members in enumerate(self.members):
            gap = np.full(len(members), np.nan)  # NaN between the connectors: one line, drawn in pieces
            self.connectors[k].set_data(np.column_stack([self.x[members], self.x[members], gap]).ravel(),
                                        np.column_stack([np.full(len(members), k), p_samples[members], gap]).ravel())
            self.on_curve[k].set_data(self.x[members], p_samples[members])
        for xi, yi, pi, text in zip(self.x, self.y, p_samples, self.p_texts):
            # beside its ring, away from its connector (below a class-0 ring, above a class-1 ring) and from the
            # curve: a rising curve is lower on the left, so class 0 writes above-left and class 1 below-right
            above = yi == 0
            left = above == (a >= 0)
            text.set_text(f"{pi:.2f}")
            text.set_position((xi + (-self.text_offset if left else self.text_offset), pi + (0.08 if above else -0.08)))
            text.set_horizontalalignment("right" if left else "left")
        self.probabilities = p_samples
        self.correct = int(np.count_nonzero(core.predict(self.X_b, w) == self.y))
        where = "no boundary" if boundary is None else f"boundary x = {boundary:.2f}"
        self.summary = minus_signs(f"a = {a:.2f}, b = {b:.2f}: {where}, {self.correct}/{len(self.y)} correct")
        if self.title:
            self.ax.set_title(self.summary)
        return boundary

    def _class_intervals(self, a, b, boundary):
        """The stretches (start, stop) of the x axis predicted class 0 and class 1 (z > 0 is class 1)."""
        low, high = self.x_range
        if boundary is None:  # a == 0: every x gets p = sigma(b)
            return ((low, low), (low, high)) if b > 0 else ((low, high), (low, low))
        cut = min(max(boundary, low), high)
        return ((low, cut), (cut, high)) if a > 0 else ((cut, high), (low, cut))


def plot_sigmoid_settings(x, y, settings, x_range=None, class_names=("class 0", "class 1"), xlabel="x"):
    """The ``SigmoidExplorer`` picture for a few settings of (a, b), stacked: a static preview of the widget.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    y : array_like of shape (n_samples,), labels 0 or 1
    settings : sequence of (a, b) pairs, slope and intercept
    x_range : pair of float, optional
        By default the data's range plus 10% of its width on each side.
    class_names : pair of str
    xlabel : str

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y).astype(int)
    x_range = padded_range(x) if x_range is None else x_range
    fig = new_figure((9.5, 2.9 * len(settings)))
    for ax, (a, b) in zip(np.atleast_1d(fig.subplots(len(settings), 1)), settings):
        _SigmoidView(ax, x, y, x_range, class_names).update(a, b)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("probability of class 1")
    return fig


def padded_range(x, pad=0.1):
    """The range of ``x`` (array_like of shape (n,)) widened by ``pad`` times its width on each side."""
    x = np.asarray(x, dtype=float)
    width = np.ptp(x)
    return (float(x.min() - pad * width), float(x.max() + pad * width))


class SigmoidExplorer(LiveView):
    """Sliders for the slope a and the intercept b move p = sigma(a x + b) over a labelled 1-D data set.

    The figure shows the curve, the decision boundary x = -b / a, every sample at the height of its label
    joined to its probability on the curve, that probability in numbers, and how many samples lie on the
    correct side. End a cell with the explorer to show it.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        One feature.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    a, b : float
        Starting slope and intercept.
    a_range, b_range : pair of float
        Slider limits.
    class_names : pair of str
    xlabel : str
    sigmoid : callable, default=logreg_core.sigmoid
        What draws the curve and the samples' probabilities: in notebook 01, the student's own sigmoid
        (``yours_or(my_sigmoid, core.sigmoid)``). It receives an ndarray of scores and must return their
        probabilities, same shape.
    interactive : bool or None
        See ``LiveView``: None is live in a notebook, a still picture elsewhere.

    Attributes
    ----------
    figure : matplotlib Figure
    view : the artists; ``view.curve``, ``view.boundary``, ``view.on_curve`` and ``view.connectors`` (one Line2D per
        class), ``view.probabilities`` (each sample's p, as drawn), ...
    a_slider, b_slider : ipywidgets.FloatSlider (the controls ``"a"`` and ``"b"``)
    boundary : float or None
        The boundary's position for the current sliders (None when a = 0).
    """

    def __init__(self, x, y, a=1.0, b=-2.0, a_range=(-5.0, 5.0), b_range=(-15.0, 15.0),
                 class_names=("class 0", "class 1"), xlabel="x", *, sigmoid=core.sigmoid, interactive=None):
        super().__init__((9.5, 4.2), interactive=interactive)
        x, y = np.asarray(x, dtype=float), np.asarray(y).astype(int)
        ax = self.figure.add_subplot()
        self.view = _SigmoidView(ax, x, y, padded_range(x), class_names, sigmoid=sigmoid)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("probability of class 1")
        slider_style = dict(continuous_update=True, style={"description_width": "initial"},
                            layout=widgets.Layout(width="480px"))
        self.a_slider = widgets.FloatSlider(value=a, min=a_range[0], max=a_range[1], step=0.05,
                                            description="slope a", readout_format=".2f", **slider_style)
        self.b_slider = widgets.FloatSlider(value=b, min=b_range[0], max=b_range[1], step=0.05,
                                            description="intercept b", readout_format=".2f", **slider_style)
        self.start({"a": self.a_slider, "b": self.b_slider}, moving=self.view.moving_artists())

    def move_artists(self, a, b):
        self.boundary = self.view.update(a, b)
        return html.escape(self.view.ax.get_title())
