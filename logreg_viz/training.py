"""Watching gradient descent train: the one training view of the series, and its static relatives.

Everything here replays a *recorded* training run (``logreg_core.gradient_descent`` returns every weight
vector and every loss it visited), so a frame of an animation or a position of a slider only updates a few
artists; nothing is re-trained or re-created per frame.

- ``TrainingView``: the live view for a notebook. Left, the data on the probability surface p(x) with the
  boundary p = 1/2; right, the loss curve with a marker at the shown iteration. Controls: Play, an iteration
  slider, a learning-rate slider (log scale) and an iterations slider; moving either of the last two re-trains
  once and redraws.
- ``TrainingFigure``: the same two panels without widgets, on any canvas (the view's, or Agg for GIFs and tests).
  Its weights may apply to a feature map of the two coordinates (e.g. polynomial features, notebook 09); the
  boundary is then the curve(s) z = 0, found by ``boundary_curves``. ``set_data`` swaps in another data set and
  its run (notebook 09's editor).
- ``plot_training_snapshots``: the boundary at a few moments of training, as small multiples.
- ``save_training_gif``: the training replayed into an animated GIF (shown even where no kernel runs).
- ``TwoClusters`` and ``DistanceView``: the two-Gaussian data of notebooks 04 and 05, its Bayes-optimal
  boundary, and a slider that moves the clusters apart or together and re-trains.

The drawing conventions (class colours and markers, the boundary colour, the probability colour map) come from
``logreg_viz.style``. Importing this module changes no global matplotlib state.
"""

from __future__ import annotations

import dataclasses
import math

import contourpy
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

import logreg_core
from logreg_data import OVERLAPPING_CLUSTERS, SEPARABLE_CLUSTERS, TwoClusters  # noqa: F401 - moved; re-exported
from logreg_viz._display import Blitter, drawing_order, interactive_figure, widget_with_picture
from logreg_viz.style import (
    ACCENT_COLORS,
    BOUNDARY_COLOR,
    PROBABILITY_CMAP,
    label_axes,
    plot_classes,
)

__all__ = [
    "boundary_segment",
    "boundary_curves",
    "TwoClusters",
    "SEPARABLE_CLUSTERS",
    "OVERLAPPING_CLUSTERS",
    "TrainingFigure",
    "TrainingView",
    "DistanceView",
    "plot_training_snapshots",
    "plot_learned_vs_bayes",
    "snapshot_iterations",
    "gif_frame_iterations",
    "save_training_gif",
]

#: Colour of the Bayes-optimal boundary (dashed), distinct from the learned boundary (solid black).
BAYES_COLOR = ACCENT_COLORS[2]
#: Colour of the loss curve.
LOSS_COLOR = ACCENT_COLORS[0]
#: The probability colour map of ``style``, mixed half-and-half with white: light enough for the class
#: colours of the points to stand out on it, and opaque, so a redrawn frame fully covers the previous one.
SURFACE_CMAP = ListedColormap(0.5 + 0.5 * PROBABILITY_CMAP(np.linspace(0.0, 1.0, 256))[:, :3], name="p_class1_light")


# --------------------------------------------------------------------------------------------------------------
# Geometry: the boundary p = 1/2 as a segment inside the view
# --------------------------------------------------------------------------------------------------------------
def boundary_segment(w, xlim, ylim):
    """End points of the decision boundary w0 + w1 x + w2 y = 0 inside a rectangle.

    The boundary of a 2-D logistic regression is a straight line, so two points draw it exactly: no contour of
    a grid is needed. The line is written as a point plus a direction and clipped to the rectangle
    (Liang-Barsky clipping).

    Parameters
    ----------
    w : array_like of shape (3,)
        Weights ``[w0, w1, w2]``, intercept first.
    xlim, ylim : pair of float
        The rectangle ``xlim[0] <= x <= xlim[1]``, ``ylim[0] <= y <= ylim[1]``.

    Returns
    -------
    xs, ys : ndarray of shape (2,) each, or of shape (0,) each
        The two end points, or empty arrays if the line misses the rectangle (or w1 = w2 = 0: no boundary).
    """
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (3,):
        raise ValueError(f"boundary_segment draws the boundary of 2 features: w must have shape (3,); got {w.shape}.")
    empty = (np.empty(0), np.empty(0))
    scale = np.max(np.abs(w))
    if not np.isfinite(scale) or scale == 0.0:
        return empty
    w0, w1, w2 = w / scale  # the same line; entries in [-1, 1], so squaring them cannot overflow or underflow
    normal_sq = w1 * w1 + w2 * w2
    if normal_sq == 0.0:
        return empty
    # The point of the line closest to the origin, and the line's direction (perpendicular to (w1, w2)).
    px, py = -w0 * w1 / normal_sq, -w0 * w2 / normal_sq
    dx, dy = -w2, w1
    t_low, t_high = -np.inf, np.inf
    for p, d, (low, high) in ((px, dx, xlim), (py, dy, ylim)):
        if d == 0.0:
            if not low <= p <= high:
                return empty
            continue
        t1, t2 = sorted(((low - p) / d, (high - p) / d))
        t_low, t_high = max(t_low, t1), min(t_high, t2)
    if t_low > t_high:
        return empty
    t = np.array([t_low, t_high])
    return px + t * dx, py + t * dy


def boundary_curves(xs, ys, z):
    """The decision boundary z = 0 of a model that is not linear in x (e.g. on polynomial features), from a grid.

    The curves are traced by contourpy (matplotlib's contouring engine) with linear interpolation between grid
    points, and returned as one polyline whose pieces are separated by NaN: a single ``Line2D.set_data`` shows
    them all, so a view moves one existing artist instead of creating a new contour set on every change.

    Parameters
    ----------
    xs : ndarray of shape (n_x,)
    ys : ndarray of shape (n_y,)
        Grid coordinates, increasing.
    z : ndarray of shape (n_y, n_x)
        The logit w . [1, features(x)] at each grid point (``z[i, j]`` at ``(xs[j], ys[i])``).

    Returns
    -------
    bx, by : ndarray of shape (n_points,) each
        The curves' points, NaN between separate curves; empty arrays if z has one sign on the whole grid.
    """
    generator = contourpy.contour_generator(xs, ys, z, line_type=contourpy.LineType.ChunkCombinedNan)
    (points,) = generator.lines(0.0)[0]  # one chunk: an (n_points, 2) array, or None where there is no curve
    if points is None:
        return np.empty(0), np.empty(0)
    return points[:, 0], points[:, 1]


# --------------------------------------------------------------------------------------------------------------
# The left panel: data on the probability surface, with the boundary
# --------------------------------------------------------------------------------------------------------------
class _DataPanel:
    """Data points, the probability surface p(x) as an image, and the boundary p = 1/2, in one Axes.

    ``set_weights(w)`` recomputes the surface with one matrix product (grid_b @ w) and moves the boundary line;
    nothing is created after ``__init__``. With a feature map (``features``), the weights apply to
    ``features(x)`` and the boundary is the curve(s) z = 0 on the image's grid (``boundary_curves``).
    """

    def __init__(
        self, ax, X, y, xlim, ylim, *, resolution=120, labels=("class 0", "class 1"), legend=True, features=None
    ):
        self.ax = ax
        self.xlim, self.ylim = tuple(map(float, xlim)), tuple(map(float, ylim))
        # Pixel centres of a resolution x resolution image covering the window, with their column of ones.
        self._xs = np.linspace(*self.xlim, 2 * resolution + 1)[1::2]
        self._ys = np.linspace(*self.ylim, 2 * resolution + 1)[1::2]
        grid_x, grid_y = np.meshgrid(self._xs, self._ys)
        self._shape = grid_x.shape
        self._grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
        self.set_features(features)
        self.image = ax.imshow(
            np.full(self._shape, 0.5),
            extent=(*self.xlim, *self.ylim),
            origin="lower",
            cmap=SURFACE_CMAP,
            vmin=0.0,
            vmax=1.0,
            # Nearest-neighbour on the probabilities, coloured afterwards: several times faster to draw than
            # "bilinear" or than colouring first, and at 120 pixels a side just as smooth to the eye.
            interpolation="nearest",
            interpolation_stage="data",
            aspect="equal",
            zorder=0,
        )
        self.points = plot_classes(ax, X, y, labels=labels)
        (self.boundary,) = ax.plot([], [], color=BOUNDARY_COLOR, lw=2.2, zorder=4, label="boundary p = ½")
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        label_axes(ax, "", "feature $x_1$", "feature $x_2$")
        if legend:
            ax.legend(loc="lower left", fontsize="small", framealpha=0.9)

    def set_data(self, X, y):
        """Show other points (any number per class, none included), e.g. after regenerating the data."""
        X, y = np.asarray(X).reshape(-1, 2), np.asarray(y)
        for k, collection in enumerate(self.points):
            collection.set_offsets(X[y == k])

    def set_features(self, features):
        """Let the weights apply to ``features(x)`` (a callable, (n, 2) -> (n, k)), or to x itself if None."""
        self.features = features
        self.grid_b = logreg_core.add_intercept(self._grid if features is None else features(self._grid))

    def set_weights(self, w):
        """Show the model with weights ``w`` (shape (3,), or (k + 1,) with features): its surface and boundary."""
        if self.features is None:
            self.image.set_data(logreg_core.predict_proba(self.grid_b, w).reshape(self._shape))
            self.boundary.set_data(*boundary_segment(w, self.xlim, self.ylim))  # a straight line: exact
            return
        z = (self.grid_b @ np.asarray(w, dtype=np.float64)).reshape(self._shape)
        self.image.set_data(logreg_core.sigmoid(z))
        self.boundary.set_data(*boundary_curves(self._xs, self._ys, z))

    def clear_weights(self):
        """Show no model: a blank surface (p = 1/2 everywhere) and no boundary."""
        self.image.set_data(np.full(self._shape, 0.5))
        self.boundary.set_data([], [])


def _padded_limits(X, pad=0.12):
    """A square window around the points of X (shape (n, 2)) with a relative margin: ``(xlim, ylim)``."""
    low, high = X.min(axis=0), X.max(axis=0)
    center, half = (low + high) / 2, (high - low).max() / 2 * (1 + 2 * pad)
    return (center[0] - half, center[0] + half), (center[1] - half, center[1] + half)


def _accuracy(X_b, y, w):
    return float(np.mean(logreg_core.predict(X_b, w) == y))


def _with_intercept(X, features):
    """The design matrix of the points X (shape (n, 2)): [1, features(X)], or [1, X] without a feature map."""
    return logreg_core.add_intercept(X if features is None else features(X))


def _describe_state(iteration, loss, accuracy):
    return f"iteration {iteration}: loss {loss:.3g}, accuracy {accuracy:.1%}"


# --------------------------------------------------------------------------------------------------------------
# The two-panel figure: data panel + loss curve, updated only through artists
# --------------------------------------------------------------------------------------------------------------
class TrainingFigure:
    """The two panels of the training view, on an existing figure or a new Agg one.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 and 1
    history : logreg_core.GDResult or None
        The recorded run to replay (``weights`` of shape (n_steps + 1, 3), or (n_steps + 1, k + 1) with a feature
        map, and ``losses`` of shape (n_steps + 1,)). None shows no model yet (see ``set_data``).
    figure : matplotlib Figure or None
        Drawn into if given (e.g. one with an ipympl canvas); otherwise a new Figure on an Agg canvas.
    title : str
    xlim, ylim : pair of float or None
        The data window; by default a square around the points.
    resolution : int, default=120
        The probability image is resolution x resolution pixels (computed with one matrix product per frame).
    labels : pair of str
        Legend names of class 0 and class 1.
    loss_scale : {"log", "linear"}, default="log"
        On a log scale the loss's slow fall towards 0 stays visible to the end.
    figsize, dpi : figure size in inches and resolution, for a new figure.
    features : callable or None, default=None
        A feature map, ``features(X)`` of shape (n_samples, k) for X of shape (n_samples, 2): the weights (shape
        (k + 1,)) apply to it, and the boundary is drawn as the curve(s) z = 0. None: the weights apply to the
        two coordinates, and the boundary is a straight segment.

    Attributes
    ----------
    figure, ax_data, ax_loss : the matplotlib Figure and its two Axes.
    panel : the data panel (``panel.image``, ``panel.boundary``, ``panel.points``).
    loss_line, marker : the loss curve and the marker at the shown iteration.
    message : matplotlib Text, a note in a box over the data panel, hidden unless ``set_data`` gives one.
    iteration : int, the iteration shown.
    """

    def __init__(
        self,
        X,
        y,
        history,
        *,
        figure=None,
        title="Gradient descent, replayed",
        xlim=None,
        ylim=None,
        resolution=120,
        labels=("class 0", "class 1"),
        loss_scale="log",
        figsize=(9.6, 4.4),
        dpi=100,
        features=None,
    ):
        self.X = np.asarray(X, dtype=np.float64)
        self.y = np.asarray(y)
        self.X_b = _with_intercept(self.X, features)
        if figure is None:
            figure = Figure(figsize=figsize, dpi=dpi)
            FigureCanvasAgg(figure)
        self.figure = figure
        # Lay the figure out once; later frames change data only, so the layout is kept (and not recomputed).
        figure.set_layout_engine("constrained")
        self.ax_data, self.ax_loss = figure.subplots(1, 2, width_ratios=(1.0, 1.15))
        if xlim is None or ylim is None:
            xlim, ylim = _padded_limits(self.X)
        self.panel = _DataPanel(
            self.ax_data, self.X, self.y, xlim, ylim, resolution=resolution, labels=labels, legend=False,
            features=features,
        )
        colorbar = figure.colorbar(self.panel.image, ax=self.ax_data, fraction=0.046, pad=0.03)
        colorbar.set_label("probability of class 1")

        (self.loss_line,) = self.ax_loss.plot([], [], color=LOSS_COLOR, lw=1.8, label="training loss")
        (self.marker,) = self.ax_loss.plot(
            [], [], "o", color=BOUNDARY_COLOR, markersize=7, zorder=3, label="shown iteration", clip_on=False
        )
        self.ax_loss.set_yscale(loss_scale)
        label_axes(self.ax_loss, "Loss while training", "iteration", "mean cross-entropy (loss)")
        self.ax_loss.grid(True, alpha=0.3)
        # One legend for both panels, below them (inside the data panel it would hide points or the surface).
        handles = [*self.panel.points, self.panel.boundary, self.loss_line, self.marker]
        figure.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize="small")
        if title:
            figure.suptitle(title)
        # At the top of the data panel, so that a note that comes with a model (a warning) hides little of it.
        self.message = self.ax_data.text(
            0.5, 0.96, "", transform=self.ax_data.transAxes, ha="center", va="top", zorder=6, visible=False,
            bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": LOSS_COLOR, "alpha": 0.95},
        )
        self.iteration = 0
        self._loss_ylim = None
        if history is None:
            self._show_no_model()
            self.ax_loss.set_xlim(0.0, 1.0)
            self.ax_loss.set_ylim((0.0 if loss_scale == "linear" else 0.01), 1.0)
        else:
            self.set_history(history)
        # An empty line drawn unclipped (the marker, while there is no run) would upset the constrained layout.
        self.marker.set_in_layout(history is not None)
        figure.canvas.draw()  # computes the layout (and the blitting background)
        figure.set_layout_engine("none")
        self.marker.set_in_layout(True)
        # What changes from frame to frame, in drawing order: everything else is the saved background.
        self._blitter = Blitter(
            figure,
            drawing_order([
                self.panel.image,
                *self.ax_data.spines.values(),
                *self.panel.points,
                self.panel.boundary,
                self.message,
                self.ax_data.title,
                self.loss_line,
                self.marker,
                *self.ax_loss.spines.values(),  # a full draw paints them over the loss curve where it meets them
            ]),
        )
        figure.canvas.draw()

    @property
    def n_steps(self):
        """Number of updates in the replayed run (0 while no model is shown)."""
        return 0 if self.history is None else self.history.n_steps

    def set_data(self, X, y, history=None, *, features=None, message=None):
        """Show another data set and the run trained on it, at the run's last iteration (call ``draw`` next).

        Parameters
        ----------
        X : array_like of shape (n_samples, 2)
            Any number of points, none included; the window stays where it is.
        y : array_like of shape (n_samples,), labels 0 and 1
        history : logreg_core.GDResult or None
            The run on this data (its weights apply to ``features(X)``, intercept first). None shows no model: a
            blank surface (p = 1/2), no boundary and no loss curve, e.g. while there is nothing to train on.
        features : callable or None
            The feature map of the run's weights (see the class), or None for the two coordinates themselves.
        message : str or None
            A note shown in a box over the data panel (e.g. why there is no model); None hides the box.
        """
        self.X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
        self.y = np.asarray(y)
        self.panel.set_data(self.X, self.y)
        self.panel.set_features(features)
        self.message.set_text(message or "")
        self.message.set_visible(bool(message))
        if history is None:
            self.X_b = None
            self._show_no_model()
            return
        self.X_b = _with_intercept(self.X, features)
        self.iteration = history.n_steps
        self.set_history(history)

    def _show_no_model(self):
        self.history = None
        self.panel.clear_weights()
        self.loss_line.set_data([], [])
        self.marker.set_data([], [])
        self.ax_data.set_title("no model")

    def set_history(self, history):
        """Replay another run: new loss curve and limits; shows the same iteration (clipped to the new run)."""
        self.history = history
        losses = history.losses
        self.loss_line.set_data(np.arange(len(losses)), losses)
        # The x axis spans this run. The loss axis only ever widens: runs with different learning rates can be
        # compared by eye, and most changes of the learning rate need no new ticks (no full redraw).
        xlim = (0.0, float(max(history.n_steps, 1)))
        if self.ax_loss.get_yscale() == "log":
            ylim = (losses.min() / 1.5, losses.max() * 1.5)
        else:
            ylim = (0.0, losses.max() * 1.05)
        if self._loss_ylim is not None:
            ylim = (min(ylim[0], self._loss_ylim[0]), max(ylim[1], self._loss_ylim[1]))
        if xlim != self.ax_loss.get_xlim() or ylim != self._loss_ylim:
            self.ax_loss.set_xlim(xlim)
            self.ax_loss.set_ylim(ylim)
            self._loss_ylim = ylim
            if hasattr(self, "_blitter"):
                self._blitter.invalidate()  # new ticks: one full draw
        self.show_iteration(min(self.iteration, history.n_steps))

    def show_iteration(self, iteration):
        """Move every artist to the state after ``iteration`` updates (no drawing: see ``draw``)."""
        iteration = int(iteration)
        w = self.history.weights[iteration]
        loss = self.history.losses[iteration]
        self.iteration = iteration
        self.panel.set_weights(w)
        self.marker.set_data([iteration], [loss])
        self.ax_data.set_title(_describe_state(iteration, loss, _accuracy(self.X_b, self.y, w)))

    def draw(self):
        """Show the current state: redraws only what moved (blitting), or everything after a change of limits."""
        self._blitter.update()


# --------------------------------------------------------------------------------------------------------------
# The live view: TrainingFigure on an ipympl canvas + Play, sliders and a status line
# --------------------------------------------------------------------------------------------------------------
#: Step of the learning-rate slider, in powers of ten: 20 positions per decade (each 12% above the last).
LEARNING_RATE_STEP = 0.05


def _log_grid_through(value, low, high, step):
    """Ends ``(min, max)``, in powers of ten, of a log slider whose positions ``min + k * step`` include ``value``.

    A slider only takes the values of its grid: one started off the grid is moved to the nearest position as soon
    as the browser shows it. Here the grid is laid through ``log10(value)``, and each end is the grid position
    nearest to ``log10(low)`` and ``log10(high)``, but at least one step away from ``value`` (so that ``value``
    is inside the range even if it is not inside [low, high], and never clipped by rounding at an end).
    """
    exponent = math.log10(value)
    below = max(1, round((exponent - math.log10(low)) / step))
    above = max(1, round((math.log10(high) - exponent) / step))
    return exponent - below * step, exponent + above * step


class TrainingView:
    """Watch gradient descent train, scrub through it, and re-train with another learning rate.

    The run is computed once per setting with ``logreg_core.gradient_descent`` (about 10 ms for 750 updates on
    200 points) and replayed from its history: Play and the iteration slider only move artists. Changing the
    learning rate or the number of iterations re-trains and redraws at once. A learning rate that is too large
    is not hidden: the loss curve climbs and zig-zags, and the status line says how often the loss rose.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 and 1
    w0 : array_like of shape (3,)
        Starting weights, the same for every re-training (so runs differ by the learning rate only).
    learning_rate : float > 0
    n_iter : int >= 1, default=750
    alpha : float >= 0, default=0.0
        L2 strength (see ``logreg_core.loss``).
    learning_rate_range : pair of float, default=(1e-3, 1e2)
        About the ends of the log-scale learning-rate slider. Its positions are 20 per decade and go through
        ``learning_rate`` itself (so that the browser shows it as given); each end is the position nearest to the
        one asked for, or one step beyond ``learning_rate`` if that lies outside.
    max_n_iter : int, default=3000
        Largest value of the iterations slider.
    interactive : bool, default=True
        Draw on an ipympl canvas widget (for a notebook). False draws on Agg, e.g. for tests and benchmarks;
        the controls exist and work the same either way.
    **figure_kwargs
        Passed to ``TrainingFigure`` (title, labels, xlim, ylim, resolution, loss_scale, figsize, dpi).

    Attributes
    ----------
    history : logreg_core.GDResult of the current setting.
    training_figure : TrainingFigure.
    play, iteration, learning_rate, n_iter : the ipywidgets controls.
    status : ipywidgets.HTML, one line about the current run.
    play_link : ipywidgets.Link, the browser-side link between Play and the iteration slider.
    widget : ipywidgets.VBox, everything together (what a notebook displays).
    """

    def __init__(
        self,
        X,
        y,
        w0,
        learning_rate,
        n_iter=750,
        *,
        alpha=0.0,
        learning_rate_range=(1e-3, 1e2),
        max_n_iter=3000,
        interactive=True,
        **figure_kwargs,
    ):
        import ipywidgets as widgets

        self.X_b = logreg_core.add_intercept(X)
        self.y = np.asarray(y, dtype=np.float64)
        self.w0 = np.array(w0, dtype=np.float64)
        self.alpha = alpha
        self.safe_learning_rate = logreg_core.safe_learning_rate(self.X_b, alpha)
        self.history = self._train(learning_rate, n_iter)
        self._setting = (float(learning_rate), int(n_iter))  # what self.history was trained with

        figsize, dpi = figure_kwargs.pop("figsize", (9.6, 4.4)), figure_kwargs.pop("dpi", 100)
        figure = interactive_figure(figsize, dpi) if interactive else None
        self.training_figure = TrainingFigure(
            X, y, self.history, figure=figure, figsize=figsize, dpi=dpi, **figure_kwargs
        )
        self.training_figure.show_iteration(self.history.n_steps)
        self.figure = self.training_figure.figure

        low, high = learning_rate_range
        self.play = widgets.Play(
            value=self.history.n_steps, min=0, max=self.history.n_steps, interval=40, description="Play"
        )
        self.iteration = widgets.IntSlider(
            value=self.history.n_steps,
            min=0,
            max=self.history.n_steps,
            description="iteration",
            continuous_update=True,
            layout=widgets.Layout(width="480px"),
        )
        # Play drives the slider in the browser itself, so the two stay together even while the kernel is busy.
        self.play_link = widgets.jslink((self.play, "value"), (self.iteration, "value"))
        # A grid through the given learning rate: off the grid, the browser would move the slider to the nearest
        # position and the view would re-train at once, with a learning rate the notebook did not ask for.
        exponents = _log_grid_through(learning_rate, low, high, LEARNING_RATE_STEP)
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=exponents[0],
            max=exponents[1],
            step=LEARNING_RATE_STEP,
            description="learning rate",
            readout_format=".3g",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="360px"),
        )
        self.n_iter = widgets.IntSlider(
            value=n_iter,
            min=10,
            max=max(max_n_iter, n_iter),
            step=10,
            description="iterations",
            continuous_update=False,
            layout=widgets.Layout(width="360px"),
        )
        self.status = widgets.HTML()
        self._set_play_speed()
        self._update_status()

        self.iteration.observe(self._on_iteration, names="value")
        self.learning_rate.observe(self._on_setting, names="value")
        self.n_iter.observe(self._on_setting, names="value")

        children = [widgets.HBox([self.play, self.iteration]), widgets.HBox([self.learning_rate, self.n_iter])]
        if interactive:
            children.insert(0, self.figure.canvas)
        self.widget = widgets.VBox([*children, self.status])

    # -- training ---------------------------------------------------------------------------------------------
    def _train(self, learning_rate, n_iter):
        """One run of gradient descent from ``w0`` (no warnings: the loss curve shows what happened)."""
        return logreg_core.gradient_descent(self.X_b, self.y, self.w0, learning_rate, int(n_iter), alpha=self.alpha)

    def retrain(self, learning_rate=None, n_iter=None):
        """Train again with another learning rate and/or number of iterations, and show the result.

        Setting the sliders does the same; this method is what they call. Returns the new ``GDResult``
        (or the old one, unchanged, if the weights overflowed: the status line then says so).
        """
        learning_rate = self.learning_rate.value if learning_rate is None else learning_rate
        n_iter = self.n_iter.value if n_iter is None else n_iter
        try:
            history = self._train(learning_rate, n_iter)
        except FloatingPointError as error:
            self.status.value = f"<b>⚠ Training failed:</b> {error}"
            self._setting = None  # the run shown is not the sliders' setting
            return self.history
        self._setting = (float(learning_rate), int(n_iter))
        at_end = self.iteration.value == self.history.n_steps
        self.history = history
        self.training_figure.set_history(history)
        # Stay at the end if we were there (the usual case: compare final states); else keep the iteration.
        shown = history.n_steps if at_end else min(self.iteration.value, history.n_steps)
        with self.iteration.hold_trait_notifications():
            self.iteration.max = self.play.max = history.n_steps
            self.iteration.value = shown
        self.training_figure.show_iteration(shown)
        self._set_play_speed()
        self._update_status()
        self.training_figure.draw()
        return history

    def _on_setting(self, change):
        # The browser computes the slider's value from its position, through log10 and back: the value it sends
        # when it first shows the slider can differ from ours in the last digits. That is no new setting.
        if self._setting is not None and self.n_iter.value == self._setting[1] and math.isclose(
            self.learning_rate.value, self._setting[0], rel_tol=1e-9
        ):
            return
        self.retrain()

    def _on_iteration(self, change):
        self.show_iteration(change["new"])

    def show_iteration(self, iteration):
        """Show the state after ``iteration`` updates of the current run, and redraw."""
        self.training_figure.show_iteration(min(int(iteration), self.history.n_steps))
        self.training_figure.draw()

    def _set_play_speed(self):
        # About 150 frames per run whatever its length: a replay takes ~6 s at 25 frames per second.
        self.play.step = max(1, self.history.n_steps // 150)

    def _update_status(self):
        losses = self.history.losses
        rises = int(np.count_nonzero(np.diff(losses) > 1e-12 * np.abs(losses[:-1])))
        lr = self.learning_rate.value
        accuracy = _accuracy(self.X_b, self.y, self.history.final_weights)
        text = (
            f"learning rate {lr:.3g} (safe step 1/L = {self.safe_learning_rate:.3g}): "
            f"loss {losses[0]:.3g} → {losses[-1]:.3g} after {self.history.n_steps} updates, "
            f"training accuracy {accuracy:.1%}"
        )
        if rises:
            text += f"; <b>the loss rose in {rises} of them</b>: the step is too large"
        self.status.value = text

    # -- display ----------------------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        text = f"<TrainingView: learning rate {self.learning_rate.value:.3g}, {self.history.n_steps} iterations>"
        return widget_with_picture(self.widget, self.figure, text, **kwargs)


# --------------------------------------------------------------------------------------------------------------
# Static figures: the boundary at a few moments, learned vs Bayes, and the GIF
# --------------------------------------------------------------------------------------------------------------
def snapshot_iterations(n_steps, count=4):
    """Iterations spread on a log scale from 0 to ``n_steps``: 0, n/100, n/10, n for count=4 (unique, sorted).

    Early iterations change the boundary most, so equal spacing would waste most snapshots on the end.
    """
    if count < 2:
        raise ValueError("count must be at least 2 (the start and the end).")
    inner = [round(n_steps * 10.0 ** (-(count - 1 - k))) for k in range(1, count - 1)]
    return sorted({0, *inner, n_steps})


def _new_figure(figure, figsize, dpi=100):
    if figure is not None:
        return figure
    import matplotlib.pyplot as plt  # pyplot, so that a notebook shows the figure inline like any other

    return plt.figure(figsize=figsize, dpi=dpi)


def plot_training_snapshots(
    X,
    y,
    history,
    iterations=None,
    *,
    title="The boundary at four moments of training",
    labels=("class 0", "class 1"),
    xlim=None,
    ylim=None,
    resolution=200,
    figure=None,
):
    """Small multiples: the data, probability surface and boundary after a few numbers of updates.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    history : logreg_core.GDResult or a fitted LogisticRegressionGD
        Anything with ``weights``/``losses`` or ``weights_history_``/``loss_curve_``.
    iterations : sequence of int or None
        Which moments to show; default ``snapshot_iterations(n_steps, 4)``.
    title : str
    labels : pair of str
    xlim, ylim : pair of float or None
    resolution : int
    figure : matplotlib Figure or None
        Drawn into if given; otherwise a new pyplot figure.

    Returns
    -------
    figure : matplotlib Figure
    """
    weights, losses = _weights_and_losses(history)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    X_b = logreg_core.add_intercept(X)
    if iterations is None:
        iterations = snapshot_iterations(len(losses) - 1, 4)
    if xlim is None or ylim is None:
        xlim, ylim = _padded_limits(X)
    figure = _new_figure(figure, figsize=(3.3 * len(iterations) + 0.8, 4.0))
    figure.set_layout_engine("constrained")
    axes = figure.subplots(1, len(iterations), sharex=True, sharey=True)
    for k, (ax, iteration) in enumerate(zip(np.atleast_1d(axes), iterations)):
        panel = _DataPanel(ax, X, y, xlim, ylim, resolution=resolution, labels=labels, legend=False)
        panel.set_weights(weights[iteration])
        accuracy = _accuracy(X_b, y, weights[iteration])
        ax.set_title(f"iteration {iteration}\nloss {losses[iteration]:.3g}, accuracy {accuracy:.0%}")
        if k > 0:
            ax.set_ylabel("")
    colorbar = figure.colorbar(panel.image, ax=axes, fraction=0.02, pad=0.02)
    colorbar.set_label("probability of class 1")
    handles, names = np.atleast_1d(axes)[0].get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncol=len(names))
    figure.suptitle(title)
    return figure


def plot_learned_vs_bayes(
    X,
    y,
    w_learned,
    w_bayes,
    *,
    ax=None,
    title="Learned boundary and the best possible one",
    labels=("class 0", "class 1"),
    xlim=None,
    ylim=None,
    resolution=200,
):
    """The data on the learned model's probability surface, its boundary (solid) and the Bayes one (dashed).

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    w_learned, w_bayes : array_like of shape (3,)
    ax : matplotlib Axes or None
        Drawn into if given; otherwise a new pyplot figure with one Axes.

    Returns
    -------
    artists : dict
        ``"ax"``: the Axes; ``"panel"``: its data panel (``.image``, ``.boundary`` (learned), ``.points``);
        ``"bayes"``: the Bayes-optimal boundary (Line2D). ``DistanceView`` moves these.
    """
    if ax is None:
        ax = _new_figure(None, figsize=(6.0, 5.2)).subplots()
    if xlim is None or ylim is None:
        xlim, ylim = _padded_limits(np.asarray(X, dtype=np.float64))
    panel = _DataPanel(ax, X, y, xlim, ylim, resolution=resolution, labels=labels, legend=False)
    panel.set_weights(w_learned)
    panel.boundary.set_label("learned boundary")
    (bayes,) = ax.plot(
        *boundary_segment(w_bayes, panel.xlim, panel.ylim),
        color=BAYES_COLOR,
        lw=2.2,
        ls=(0, (5, 3)),
        zorder=4,
        label="Bayes-optimal boundary",
    )
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize="small", framealpha=0.9)
    return {"ax": ax, "panel": panel, "bayes": bayes}


def _weights_and_losses(history):
    if hasattr(history, "weights_history_"):
        return history.weights_history_, history.loss_curve_
    return history.weights, history.losses


def gif_frame_iterations(n_steps, n_frames=60):
    """Iterations to show in an animation: dense at the start (where the boundary moves), sparse later.

    Returns about ``n_frames`` unique iterations from 0 to ``n_steps``, spaced evenly on a log(1 + i) scale.
    """
    raw = np.expm1(np.linspace(0.0, np.log1p(n_steps), n_frames))
    return np.unique(np.round(raw).astype(int))


def save_training_gif(
    path, X, y, history, *, iterations=None, fps=12, hold_seconds=2.0, dpi=80, **figure_kwargs
):
    """Replay a training run into an animated GIF with matplotlib's PillowWriter.

    The frames are drawn by ``TrainingFigure``, the same code as the live view, on an Agg canvas.

    Parameters
    ----------
    path : str or path-like
        Where to write the ``.gif``.
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    history : logreg_core.GDResult or a fitted LogisticRegressionGD
    iterations : sequence of int or None
        The frames; default ``gif_frame_iterations(n_steps)``.
    fps : int, frames per second.
    hold_seconds : float, how long the last frame stays before the loop restarts.
    dpi : int, resolution of the frames.
    **figure_kwargs : passed to ``TrainingFigure`` (title, labels, loss_scale, ...).

    Returns
    -------
    iterations : ndarray of int, the iterations drawn, in order.
    """
    from matplotlib.animation import PillowWriter

    weights, losses = _weights_and_losses(history)
    history = logreg_core.GDResult(weights=weights, losses=losses)
    if iterations is None:
        iterations = gif_frame_iterations(history.n_steps)
    iterations = np.asarray(iterations, dtype=int)
    view = TrainingFigure(X, y, history, dpi=dpi, **figure_kwargs)
    writer = PillowWriter(fps=fps)
    with writer.saving(view.figure, path, dpi=dpi):
        for iteration in iterations:
            view.show_iteration(iteration)
            writer.grab_frame()
        for _ in range(round(hold_seconds * fps)):  # Pillow merges equal frames into one longer frame
            writer.grab_frame()
    return iterations


# --------------------------------------------------------------------------------------------------------------
# Notebook 05: move the clusters apart or together, re-train, compare with the Bayes-optimal boundary
# --------------------------------------------------------------------------------------------------------------
class DistanceView:
    """A slider for the distance between two Gaussian clusters: regenerates the data, re-trains, redraws.

    Each setting draws a new sample from ``TwoClusters(distance, ...)`` (same seed), trains by gradient descent
    from ``w0`` at the safe learning rate, and shows the learned boundary next to the Bayes-optimal one, with the
    training accuracy and the best expected accuracy Phi(distance / (2 sigma)).

    Parameters
    ----------
    clusters : TwoClusters
        The starting data set; the slider changes its ``distance`` only.
    w0 : array_like of shape (3,)
    n_iter : int, default=750
    distance_range : pair of float, default=(0.0, 8.0)
    interactive : bool, default=True
        ipympl canvas (notebook) or Agg (tests).
    """

    def __init__(self, clusters, w0, n_iter=750, *, distance_range=(0.0, 8.0), interactive=True, resolution=160):
        import ipywidgets as widgets

        self.clusters = clusters
        self.w0 = np.array(w0, dtype=np.float64)
        self.n_iter = int(n_iter)
        X, y, w = self._fit(clusters)
        figsize, dpi = (6.2, 5.4), 100
        self.figure = interactive_figure(figsize, dpi) if interactive else None
        if self.figure is None:
            self.figure = Figure(figsize=figsize, dpi=dpi)
            FigureCanvasAgg(self.figure)
        self.figure.set_layout_engine("constrained")
        xlim, ylim = clusters.view_limits(max_distance=distance_range[1])
        self.artists = plot_learned_vs_bayes(
            X, y, w, clusters.bayes_weights(), ax=self.figure.subplots(), xlim=xlim, ylim=ylim, resolution=resolution
        )
        self._set_title(X, y, w)
        self.figure.canvas.draw()
        self.figure.set_layout_engine("none")
        ax, panel = self.artists["ax"], self.artists["panel"]
        self._blitter = Blitter(
            self.figure,
            [panel.image, *ax.spines.values(), *panel.points, panel.boundary, self.artists["bayes"], ax.title,
             ax.get_legend()],
        )
        self.figure.canvas.draw()

        self.distance = widgets.FloatSlider(
            value=clusters.distance,
            min=distance_range[0],
            max=distance_range[1],
            step=0.1,
            description="distance between centres",
            style={"description_width": "initial"},
            continuous_update=True,
            layout=widgets.Layout(width="480px"),
        )
        self.distance.observe(self._on_distance, names="value")
        children = [self.distance]
        if interactive:
            children.insert(0, self.figure.canvas)
        self.widget = widgets.VBox(children)

    def _fit(self, clusters):
        X, y = clusters.sample()
        X_b = logreg_core.add_intercept(X)
        learning_rate = logreg_core.safe_learning_rate(X_b)
        history = logreg_core.gradient_descent(X_b, y, self.w0, learning_rate, self.n_iter)
        self.X_b, self.y, self.history = X_b, y, history
        return X, y, history.final_weights

    def _set_title(self, X, y, w):
        self.artists["ax"].set_title(
            f"distance {self.clusters.distance:.1f}: training accuracy {_accuracy(self.X_b, y, w):.1%}, "
            f"best expected {self.clusters.bayes_accuracy():.1%}",
            fontsize="medium",
        )

    def set_distance(self, distance):
        """Regenerate the data with centres ``distance`` apart, re-train and redraw."""
        self.clusters = dataclasses.replace(self.clusters, distance=float(distance))
        X, y, w = self._fit(self.clusters)
        panel = self.artists["panel"]
        panel.set_data(X, y)
        panel.set_weights(w)
        self.artists["bayes"].set_data(*boundary_segment(self.clusters.bayes_weights(), panel.xlim, panel.ylim))
        self._set_title(X, y, w)
        self._blitter.update()

    def _on_distance(self, change):
        self.set_distance(change["new"])

    def _repr_mimebundle_(self, **kwargs):
        text = f"<DistanceView: distance {self.distance.value:.3g}>"
        return widget_with_picture(self.widget, self.figure, text, **kwargs)
