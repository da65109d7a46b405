"""Watching gradient descent train: the training figure and the live training view of notebooks 05, 06 and 12.

Everything here replays a *recorded* training run (``logreg_core.gradient_descent`` returns every weight vector
and every loss it visited), so a frame of an animation or a position of a slider only updates a few artists;
nothing is re-trained or re-created per frame.

- ``TrainingFigure``: two panels on any figure (a live view's, or a still one for GIFs and tests). Left, the data
  on the probability surface p(x) with the boundary p = 1/2 (``logreg_viz.data_panel``); right, the loss curve
  with a marker at the shown iteration. Its weights may apply to a feature map of the two coordinates (e.g.
  polynomial features, notebook 12); ``set_data`` swaps in another data set and its run (notebook 12's editor).
- ``TrainingView``: the live view (``logreg_viz.live.LiveView``) of that figure. Controls: Play, an iteration
  slider, a learning-rate slider (log scale) and an iterations slider; moving either of the last two re-trains
  once and redraws.

- ``plot_loss_curve``: a run's loss, on one or more scales side by side, with the lowest loss if it is known.
- ``plot_weight_growth``: the length of the weights against the iteration, on a log scale, for several runs.

Snapshots and GIFs of a run are in ``logreg_viz.snapshots``; the two-cluster data of 05 and 06 in ``logreg_data``.
Importing this module changes no global matplotlib state.
"""

from __future__ import annotations

import math

import numpy as np

import logreg_core
from logreg_viz.blitting import freeze_layout
from logreg_viz.data_panel import DataPanel, accuracy, padded_limits, with_intercept
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, label_axes

__all__ = ["LOSS_COLOR", "LEARNING_RATE_STEP", "TrainingFigure", "TrainingView", "plot_loss_curve",
           "plot_weight_growth"]

#: Colour of the loss curve.
LOSS_COLOR = ACCENT_COLORS[0]
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
        self.X_b = with_intercept(self.X, features)
        if figure is None:
            figure = new_figure(figsize, dpi=dpi)
        self.figure = figure
        # Lay the figure out once; later frames change data only, so the layout is kept (and not recomputed).
        figure.set_layout_engine("constrained")
        self.ax_data, self.ax_loss = figure.subplots(1, 2, width_ratios=(1.0, 1.15))
        if xlim is None or ylim is None:
            xlim, ylim = padded_limits(self.X)
        self.panel = DataPanel(
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
        freeze_layout(figure)
        self.marker.set_in_layout(True)

    def moving_artists(self):
        """What changes from frame to frame (blit these; everything else is a saved background)."""
        return [
            self.panel.image,
            *self.ax_data.spines.values(),
            *self.panel.points,
            self.panel.boundary,
            self.message,
            self.ax_data.title,
            self.loss_line,
            self.marker,
            *self.ax_loss.spines.values(),  # a full draw paints them over the loss curve where it meets them
        ]

    @property
    def n_steps(self):
        """Number of updates in the replayed run (0 while no model is shown)."""
        return 0 if self.history is None else self.history.n_steps

    def set_data(self, X, y, history=None, *, features=None, message=None):
        """Show another data set and the run trained on it, at the run's last iteration.

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

        Returns
        -------
        new_limits : bool
            True if the loss axis got new limits (a blitting view then needs a full draw).
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
            return False
        self.X_b = with_intercept(self.X, features)
        self.iteration = history.n_steps
        return self.set_history(history)

    def _show_no_model(self):
        self.history = None
        self.panel.clear_weights()
        self.loss_line.set_data([], [])
        self.marker.set_data([], [])
        self.ax_data.set_title("no model")

    def set_history(self, history):
        """Replay another run: new loss curve and limits; shows the same iteration (clipped to the new run).

        Returns
        -------
        new_limits : bool
            True if the loss axis got new limits (new ticks: a blitting view then needs a full draw).
        """
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
        new_limits = xlim != self.ax_loss.get_xlim() or ylim != self._loss_ylim
        if new_limits:
            self.ax_loss.set_xlim(xlim)
            self.ax_loss.set_ylim(ylim)
            self._loss_ylim = ylim
        self.show_iteration(min(self.iteration, history.n_steps))
        return new_limits

    def show_iteration(self, iteration):
        """Move every artist to the state after ``iteration`` updates (no drawing)."""
        iteration = int(iteration)
        w = self.history.weights[iteration]
        loss = self.history.losses[iteration]
        self.iteration = iteration
        self.panel.set_weights(w)
        self.marker.set_data([iteration], [loss])
        self.ax_data.set_title(f"iteration {iteration}: loss {loss:.3g}, accuracy {accuracy(self.X_b, self.y, w):.1%}")



class TrainingView(LiveView):
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
    interactive : bool or None
        See ``LiveView``: None is live in a notebook, a still picture elsewhere.
    **figure_kwargs
        Passed to ``TrainingFigure`` (title, labels, xlim, ylim, resolution, loss_scale, figsize, dpi).

    Attributes
    ----------
    history : logreg_core.GDResult of the current setting.
    training_figure : TrainingFigure; ``figure``, its matplotlib Figure.
    play : ipywidgets.Play, linked in the browser to the iteration slider (``play_link``).
    iteration, learning_rate, n_iter : the controls ``"iteration"``, ``"learning_rate"`` and ``"n_iter"``.
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
        interactive=None,
        **figure_kwargs,
    ):
        import ipywidgets as widgets

        figsize, dpi = figure_kwargs.pop("figsize", (9.6, 4.4)), figure_kwargs.pop("dpi", 100)
        super().__init__(figsize, interactive=interactive, dpi=dpi)
        self.X_b = logreg_core.add_intercept(X)
        self.y = np.asarray(y, dtype=np.float64)
        self.w0 = np.array(w0, dtype=np.float64)
        self.alpha = alpha
        self.safe_learning_rate = logreg_core.safe_learning_rate(self.X_b, alpha)
        self.history = self.train(learning_rate, n_iter)
        self._setting = (learning_rate, int(n_iter))  # what self.history was trained with
        self.training_figure = TrainingFigure(X, y, self.history, figure=self.figure, **figure_kwargs)

        low, high = learning_rate_range
        n_steps = self.history.n_steps
        self.play = widgets.Play(value=n_steps, min=0, max=n_steps, interval=40, description="Play")
        self.iteration = widgets.IntSlider(value=n_steps, min=0, max=n_steps, description="iteration",
                                           continuous_update=True, layout=widgets.Layout(width="480px"))
        # Play drives the slider in the browser itself, so the two stay together even while the kernel is busy.
        self.play_link = widgets.jslink((self.play, "value"), (self.iteration, "value"))
        # A grid through the given learning rate: off the grid, the browser would move the slider to the nearest
        # position and the view would re-train at once, with a learning rate the notebook did not ask for.
        exponents = _log_grid_through(learning_rate, low, high, LEARNING_RATE_STEP)
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate, base=10, min=exponents[0], max=exponents[1], step=LEARNING_RATE_STEP,
            description="learning rate", readout_format=".3g", continuous_update=True,
            style={"description_width": "initial"}, layout=widgets.Layout(width="360px"),
        )
        self.n_iter = widgets.IntSlider(value=n_iter, min=10, max=max(max_n_iter, n_iter), step=10,
                                        description="iterations", continuous_update=False,
                                        layout=widgets.Layout(width="360px"))
        self.start({"iteration": self.iteration, "learning_rate": self.learning_rate, "n_iter": self.n_iter},
                   rows=[[self.play, self.iteration], [self.learning_rate, self.n_iter]],
                   moving=self.training_figure.moving_artists())

    def train(self, learning_rate, n_iter):
        """One run of gradient descent from ``w0`` (no warnings: the loss curve shows what happened)."""
        return logreg_core.gradient_descent(self.X_b, self.y, self.w0, learning_rate, int(n_iter), alpha=self.alpha)

    def move_artists(self, iteration, learning_rate, n_iter):
        """Re-train if the learning rate or the number of iterations changed, then show ``iteration``."""
        failure = None
        if (learning_rate, n_iter) != self._setting:
            at_end = iteration == self.history.n_steps
            try:
                history = self.train(learning_rate, n_iter)
            except FloatingPointError as error:
                failure = f"<b>⚠ Training failed:</b> {error}"
                self._setting = None  # the run shown is not the sliders' setting
            else:
                self._setting = (learning_rate, n_iter)
                self.history = history
                if self.training_figure.set_history(history):
                    self.redraw_everything()  # new ticks on the loss axis
                # Stay at the end if we were there (the usual case: compare final states); else keep the iteration.
                iteration = history.n_steps if at_end else min(iteration, history.n_steps)
                self.iteration.max = self.play.max = history.n_steps
                self.iteration.value = iteration
                # About 150 frames per run whatever its length: a replay takes ~6 s at 25 frames per second.
                self.play.step = max(1, history.n_steps // 150)
        shown = min(int(iteration), self.history.n_steps)
        self.training_figure.show_iteration(shown)
        return failure or self._describe_run(shown)

    def _describe_run(self, shown):
        losses = self.history.losses
        rises = int(np.count_nonzero(np.diff(losses) > 1e-12 * np.abs(losses[:-1])))
        final_accuracy = accuracy(self.X_b, self.y, self.history.final_weights)
        text = (
            f"learning rate {self.learning_rate.value:.3g} (safe step 1/β = {self.safe_learning_rate:.3g}): "
            f"loss {losses[0]:.3g} → {losses[-1]:.3g} after {self.history.n_steps} updates, "
            f"training accuracy {final_accuracy:.1%}"
        )
        if rises:
            text += f"; <b>the loss rose in {rises} of them</b>: the step is too large"
        return f"{text} · shown: iteration {shown}"


def plot_loss_curve(losses, *, scales=("linear",), lowest=None, title="Loss while training"):
    """The loss after each iteration, on one panel per y scale (e.g. ``("linear", "log")`` side by side).

    Parameters
    ----------
    losses : array_like of shape (n_steps + 1,), the loss before training and after each update.
    scales : sequence of {"linear", "log"}, default=("linear",)
    lowest : float or None, the lowest loss (e.g. from scikit-learn), drawn dashed if given.
    title : str, the figure's title (each panel names its scale).

    Returns
    -------
    figure : matplotlib Figure (a still figure: a notebook cell that ends with it shows it as a PNG)
    """
    figure = new_figure((4.6 * len(scales) + 0.6, 3.6), canvas="still")
    for ax, scale in zip(np.atleast_1d(figure.subplots(1, len(scales))), scales):
        ax.plot(losses, color=LOSS_COLOR, lw=2, label="training loss")
        if lowest is not None:
            ax.axhline(lowest, color=BOUNDARY_COLOR, ls="--", lw=1, label="lowest loss")
        ax.set_yscale(scale)
        label_axes(ax, f"{scale} scale", "iteration", "mean cross-entropy (loss)")
        ax.grid(True, alpha=0.3)
        ax.legend()
    figure.suptitle(title)
    return figure


def plot_weight_growth(curves, *, marks=(), title="The length of the weights while training"):
    """The length of the weights |(w1, ..., wk)| against the iteration, on a log-scale x axis, for several runs.

    Parameters
    ----------
    curves : dict of {str: (array_like of int, array_like of float)}
        Legend label -> (iterations, lengths at those iterations). A run that stopped early ends with a dot.
    marks : sequence of int, iterations marked with a dotted vertical line (e.g. 750).
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    figure = new_figure((8.0, 4.2), canvas="still")
    ax = figure.subplots()
    last = max(int(np.max(iterations)) for iterations, _ in curves.values())
    styles = ({"lw": 2}, {"lw": 3}, {"lw": 2, "ls": "--"}, {"lw": 2, "ls": ":"})
    for k, (label, (iterations, lengths)) in enumerate(curves.items()):
        color = ACCENT_COLORS[k % len(ACCENT_COLORS)]
        ax.plot(iterations, lengths, color=color, label=label, **styles[k % len(styles)])
        if np.max(iterations) < last:  # stopped early: mark where
            ax.plot(iterations[-1], lengths[-1], "o", color=color, markersize=8)
    for k, iteration in enumerate(marks):
        ax.axvline(iteration, color="grey", lw=1, ls=":", label=f"{iteration:,} iterations" if k == 0 else None)
    ax.set_xscale("log")
    ax.grid(True, alpha=0.3)
    label_axes(ax, title, "iteration (log scale)", "length of the weights |(w₁, w₂)|")
    ax.legend(loc="upper left", fontsize="small")
    return figure
