"""Minibatch stochastic gradient descent, drawn (notebook 07): noisy paths on the loss surface of the one-feature
problem, the loss against two clocks, and a live view with a batch-size slider and a learning-rate slider.

The runs come from ``logreg_core.gradient_descent(..., batch_size=B, random_state=seed)`` (or from the student's
own loop); this module only draws them. The surface and the paths are drawn with ``logreg_viz.descent`` (the
contour map of notebook 04), so both lessons show the same map.

``losses_of``                  the loss of many weight vectors at once (one matrix product)
``updates_per_epoch``          how many updates one pass over the data takes, ceil(n / B)
``plot_minibatch_paths``       small multiples: one path per panel on the contour map
``plot_loss_clocks``           the loss above its lowest value against updates and against epochs
``plot_constant_vs_decaying``  two paths on the map, and their loss above the lowest against epochs
``MinibatchView``              the live view: batch size and learning rate re-run SGD and redraw path and loss

Importing this module changes no global matplotlib state.
"""

from __future__ import annotations

import math

import numpy as np

import logreg_core
from logreg_viz.descent import draw_loss_surface, draw_path, update_path
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, label_axes
from logreg_viz.training import LEARNING_RATE_STEP, _log_grid_through

__all__ = ["RUN_COLORS", "AXIS_LABELS", "losses_of", "updates_per_epoch", "plot_minibatch_paths", "plot_loss_clocks",
           "plot_constant_vs_decaying", "MinibatchView"]

#: Colours of the runs of a figure, in turn (Okabe-Ito: vermillion, bluish green, reddish purple, sky blue).
RUN_COLORS = ACCENT_COLORS[:4]
#: The axes of the map: the one-feature model is z = a x + b, with w = (w0, w1) = (b, a).
AXIS_LABELS = ("intercept $b$ (= $w_0$)", "slope $a$ (= $w_1$)")
_EXCESS_LABEL = r"loss above the lowest, $L(\mathbf{w}) - L(\mathbf{w}^*)$"
_EXCESS_FLOOR = 1e-12  # an excess loss of exactly 0 (rounding) would vanish from a log axis


def losses_of(X_b, y, weights):
    """The loss of each row of ``weights``, shape (n_rows,): ``logreg_core.loss`` of every weight vector at once.

    X_b : array_like of shape (n_samples, k + 1); y : array_like of shape (n_samples,);
    weights : array_like of shape (n_rows, k + 1), e.g. the weights of every update of a run.
    """
    z = np.asarray(weights, dtype=np.float64) @ np.asarray(X_b, dtype=np.float64).T  # (n_rows, n_samples)
    return logreg_core.bce_from_logits(z, y).mean(axis=1)


def updates_per_epoch(n_samples, batch_size):
    """Updates in one pass over the data: ceil(n / B) (the last minibatch may be smaller); 1 for the full batch."""
    return 1 if batch_size is None else math.ceil(n_samples / batch_size)


def _distinct(X_b, y):
    """The distinct samples, if the data is copies of them, each the same number of times (same mean loss, and a
    surface many times cheaper to compute); otherwise the data as it is."""
    rows, counts = np.unique(np.column_stack([X_b, y]), axis=0, return_counts=True)
    if np.all(counts == counts[0]):
        return rows[:, :-1], rows[:, -1]
    return X_b, y


def _surface(ax, X_b, y, w_star, b_lim, a_lim):
    """The contour map of notebook 04 (``descent.draw_loss_surface``), its axes named as in the notation card."""
    X_distinct, y_distinct = _distinct(np.asarray(X_b, dtype=np.float64), np.asarray(y, dtype=np.float64))
    surface = draw_loss_surface(ax, X_distinct, y_distinct, b_lim, a_lim, w_star=w_star, colorbar=False,
                                resolution=100)
    ax.set_xlabel(AXIS_LABELS[0])
    ax.set_ylabel(AXIS_LABELS[1])
    return surface


def _thin_if_long(path, weights, long=300):
    """A path of many steps is drawn with a thin line, so that its cloud does not become a solid blot."""
    if len(weights) > long:
        path.line.set_linewidth(0.5)


def plot_minibatch_paths(X_b, y, paths, *, w_star, b_lim, a_lim, title="Paths of minibatch gradient descent",
                         markersize=2.0):
    """One path of weights per panel, each on the contour map of the loss of a one-feature problem.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    paths : dict of {str: array_like of shape (n_updates + 1, 2)}
        Panel title -> weights before the first update and after each update (e.g. ``GDResult.weights``).
    w_star : array_like of shape (2,), the minimum, marked with a star.
    b_lim, a_lim : pair of float, the view of the intercept (x axis) and of the slope (y axis).
    title : str
    markersize : float, the size of the dots at every update.

    Returns
    -------
    figure : matplotlib Figure (a still figure: a notebook cell that ends with it shows it as a PNG)
    """
    figure = new_figure((3.4 * len(paths) + 0.4, 3.9), canvas="still")
    axes = np.atleast_1d(figure.subplots(1, len(paths), sharex=True, sharey=True))
    for k, (ax, (label, weights)) in enumerate(zip(axes, paths.items())):
        _surface(ax, X_b, y, w_star, b_lim, a_lim)
        path = draw_path(ax, weights, color=RUN_COLORS[k % len(RUN_COLORS)], label="path", marker=".",
                         markersize=markersize)
        _thin_if_long(path, weights)
        n_outside = path.n_outside
        outside = f"\n{n_outside} points outside the view" if n_outside else ""
        ax.set_title(f"{label}{outside}", fontsize="medium")
        if k:
            ax.set_ylabel("")
    axes[0].legend(loc="lower right", fontsize="small", framealpha=0.9)
    figure.suptitle(title)
    return figure


def plot_loss_clocks(runs, n_samples, loss_star, *, title="The same runs on two clocks"):
    """The loss above its lowest value against the number of updates (left) and of epochs (right).

    Parameters
    ----------
    runs : dict of {str: (array_like of shape (n_updates + 1,), int or None)}
        Legend label -> (the loss before the first update and after each update, on all the data; the batch size,
        None for the full batch).
    n_samples : int, the number of samples (an epoch is one pass over them).
    loss_star : float, the lowest loss L(w*).
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    figure = new_figure((10.0, 3.9), canvas="still")
    by_update, by_epoch = figure.subplots(1, 2, sharey=True)
    for k, (label, (losses, batch_size)) in enumerate(runs.items()):
        excess = np.maximum(np.asarray(losses) - loss_star, _EXCESS_FLOOR)
        updates = np.arange(len(excess))
        style = {"color": RUN_COLORS[k % len(RUN_COLORS)], "lw": 1.4, "label": label}
        by_update.plot(updates[1:], excess[1:], **style)
        by_epoch.plot(updates / updates_per_epoch(n_samples, batch_size), excess, **style)
    by_update.set_xscale("log")
    by_update.set_yscale("log")
    label_axes(by_update, "Clock 1: updates", "updates (log scale)", _EXCESS_LABEL)
    label_axes(by_epoch, "Clock 2: epochs (passes over the data)", "epochs", "")
    for ax in (by_update, by_epoch):
        ax.grid(True, alpha=0.3)
    by_epoch.legend(loc="upper right", fontsize="small")
    figure.suptitle(title)
    return figure


def plot_constant_vs_decaying(X_b, y, paths, *, w_star, batch_size, b_lim, a_lim,
                              title="A constant step and a decaying one"):
    """Two (or more) paths on one contour map (left), and their loss above the lowest against epochs (right).

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    paths : dict of {str: array_like of shape (n_updates + 1, 2)}
        Legend label -> the weights before the first update and after each update.
    w_star : array_like of shape (2,), the minimum.
    batch_size : int, the minibatch size of every run (for the epochs).
    b_lim, a_lim : pair of float, the view of the map.
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    figure = new_figure((10.4, 4.3), canvas="still")
    surface_ax, loss_ax = figure.subplots(1, 2, width_ratios=(1.0, 1.15))
    _surface(surface_ax, X_b, y, w_star, b_lim, a_lim)
    loss_star = logreg_core.loss(X_b, y, w_star)
    for k, (label, weights) in enumerate(paths.items()):
        color = RUN_COLORS[k % len(RUN_COLORS)]
        _thin_if_long(draw_path(surface_ax, weights, color=color, label=label, marker=".", markersize=2.0,
                                mark_start=k == 0), weights)
        excess = np.maximum(losses_of(X_b, y, weights) - loss_star, _EXCESS_FLOOR)
        epochs = np.arange(len(excess)) / updates_per_epoch(len(y), batch_size)
        loss_ax.plot(epochs, excess, color=color, lw=1.2, label=label)
    surface_ax.set_title("The paths on the loss surface")
    surface_ax.legend(loc="lower right", fontsize="small", framealpha=0.9)
    loss_ax.set_yscale("log")
    label_axes(loss_ax, "The loss above the lowest", "epochs", _EXCESS_LABEL)
    loss_ax.grid(True, alpha=0.3)
    loss_ax.legend(loc="upper right", fontsize="small")
    figure.suptitle(title)
    return figure


def _batch_sizes(n_samples):
    """The batch-size slider's options: 1, 2, 4, ... below n, then n itself (the full batch)."""
    sizes = [2**k for k in range(int(math.log2(n_samples)) + 1) if 2**k < n_samples]
    return [*sizes, n_samples]


class MinibatchView(LiveView):
    """Minibatch SGD, live: a batch-size slider and a learning-rate slider re-run it and redraw its path and loss.

    Every setting runs ``logreg_core.gradient_descent(X_b, y, w0, learning_rate, n_updates, batch_size=B,
    random_state=seed)`` from the same start with the same seed, so a setting always shows the same run. Left, the
    path on the contour map of the loss (steps outside the view are marked on its frame); right, the loss on all
    the data above its lowest value, on a log scale, after each update. The status line says how many epochs the
    updates make and how far from the minimum the path ended.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, 2), a one-feature problem
    y : array_like of shape (n_samples,)
    w0 : array_like of shape (2,), the start of every run.
    w_star : array_like of shape (2,), the minimum (marked; its loss is the floor of the loss panel).
    b_lim, a_lim : pair of float, the view of the map.
    batch_size : int, default=1, where the batch-size slider starts (one of 1, 2, 4, ... and n).
    learning_rate : float, default=1.0, where the learning-rate slider starts.
    learning_rate_range : pair of float, default=(0.01, 10.0), about the ends of the log-scale slider.
    n_updates : int, default=200, updates per run.
    seed : int, default=0, the seed of the shuffles.
    interactive : bool or None, see ``LiveView``.

    Attributes
    ----------
    result : logreg_core.GDResult, the run drawn.
    batch_size, learning_rate : the controls ``"batch_size"`` (a SelectionSlider) and ``"learning_rate"``.
    """

    def __init__(self, X_b, y, w0, *, w_star, b_lim, a_lim, batch_size=1, learning_rate=1.0,
                 learning_rate_range=(0.01, 10.0), n_updates=200, seed=0, interactive=None):
        import ipywidgets as widgets

        super().__init__((10.0, 4.4), interactive=interactive)
        self.X_b = np.asarray(X_b, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        self.w0 = np.asarray(w0, dtype=np.float64)
        self.w_star = np.asarray(w_star, dtype=np.float64)
        self.n_updates, self.seed = int(n_updates), seed
        self.loss_star = logreg_core.loss(self.X_b, self.y, self.w_star)
        n_samples = len(self.y)

        self.surface_ax, self.loss_ax = self.figure.subplots(1, 2, width_ratios=(1.0, 1.1))
        surface = _surface(self.surface_ax, self.X_b, self.y, self.w_star, b_lim, a_lim)
        self.path = draw_path(self.surface_ax, self.w0[None, :], color=RUN_COLORS[0], label="path", marker=".",
                              markersize=2.5)
        self.surface_ax.set_title("The path on the loss surface")
        # Below both panels, where no path ever goes: a legend on the map would be redrawn with every move.
        self.figure.legend(handles=[surface.minimum, self.path.start, self.path.line], loc="outside lower center",
                           ncol=3, fontsize="small")
        self.outside_note = self.surface_ax.text(
            0.03, 0.97, "", transform=self.surface_ax.transAxes, fontsize=9, va="top", visible=False,
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.6"})

        (self.loss_line,) = self.loss_ax.plot([], [], color=RUN_COLORS[0], lw=1.3)
        self.loss_ax.set_yscale("log")
        self.loss_ax.set_xlim(0, self.n_updates)
        self.loss_ax.set_ylim(1e-6, 20.0)
        label_axes(self.loss_ax, "The loss on all the data, after each update", "update", _EXCESS_LABEL)
        self.loss_ax.grid(True, alpha=0.3)
        self.headline = self.figure.suptitle("", fontsize=12)

        sizes = _batch_sizes(n_samples)
        if batch_size not in sizes:
            raise ValueError(f"batch_size must be one of {sizes}; got {batch_size!r}.")
        self.batch_size = widgets.SelectionSlider(
            options=[(f"{size} (all)" if size == n_samples else str(size), size) for size in sizes],
            value=batch_size, description="batch size B", continuous_update=True,
            style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
        low, high = _log_grid_through(learning_rate, *learning_rate_range, LEARNING_RATE_STEP)
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate, base=10, min=low, max=high, step=LEARNING_RATE_STEP, description="learning rate η",
            readout_format=".3g", continuous_update=True, style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"))
        self.start({"batch_size": self.batch_size, "learning_rate": self.learning_rate}, moving=[
            self.path.line, self.path.end, self.path.outside, self.path.start, surface.minimum,
            self.outside_note, self.loss_line, *self.loss_ax.spines.values(), self.headline,
        ])

    def run(self, batch_size, learning_rate):
        """The run of one setting: ``n_updates`` updates of minibatch SGD from ``w0``."""
        return logreg_core.gradient_descent(self.X_b, self.y, self.w0, learning_rate, self.n_updates,
                                            batch_size=int(batch_size), random_state=self.seed)

    def move_artists(self, batch_size, learning_rate):
        """Re-run SGD with this batch size and learning rate; move the path, the loss curve and the texts."""
        result = self.run(batch_size, learning_rate)
        self.result = result
        n_outside = update_path(self.path, result.weights)
        self.outside_note.set_text(f"{n_outside} of {result.n_steps + 1} points outside this view")
        self.outside_note.set_visible(n_outside > 0)
        excess = np.maximum(result.losses - self.loss_star, _EXCESS_FLOOR)
        self.loss_line.set_data(np.arange(len(excess)), excess)

        n_samples = len(self.y)
        epochs = result.n_steps / updates_per_epoch(n_samples, batch_size)
        full = batch_size == n_samples
        kind = "full batch: gradient descent" if full else f"B = {batch_size}"
        self.headline.set_text(f"{kind}, η = {learning_rate:.3g}: {result.n_steps} updates = {epochs:.3g} epochs")
        distance = float(np.linalg.norm(result.final_weights - self.w_star))
        return (f"batch size {batch_size}{' (all the samples)' if full else ''}, learning rate {learning_rate:.3g}: "
                f"{result.n_steps} updates = {epochs:.3g} epochs; the loss ended {excess[-1]:.2g} above the lowest, "
                f"{distance:.2f} from the minimum w*")
