"""A training run as still pictures: the boundary at a few moments, and the whole run as an animated GIF.

``snapshot_iterations``      moments spread on a log scale (early iterations move the boundary most)
``plot_training_snapshots``  small multiples: data, probability surface and boundary at those moments
``plot_band_snapshots``      small multiples of given weights: the band where the model is unsure, narrowing
``gif_frame_iterations``     the frames of an animation: dense at the start, sparse later
``save_training_gif``        the run replayed into an animated GIF by ``TrainingFigure`` (the live view's code)
``weights_and_losses``       the history of a ``GDResult`` or of a fitted ``LogisticRegressionGD``

Importing this module changes no global matplotlib state.
"""

from __future__ import annotations

import numpy as np

import logreg_core
from logreg_viz.data_panel import DataPanel, accuracy, padded_limits
from logreg_viz.figures import new_figure
from logreg_viz.geometry import boundary_segment
from logreg_viz.style import BOUNDARY_COLOR
from logreg_viz.training import TrainingFigure

__all__ = ["snapshot_iterations", "plot_training_snapshots", "plot_band_snapshots", "gif_frame_iterations",
           "save_training_gif", "weights_and_losses"]


def snapshot_iterations(n_steps, count=4):
    """Iterations spread on a log scale from 0 to ``n_steps``: 0, n/100, n/10, n for count=4 (unique, sorted).

    Early iterations change the boundary most, so equal spacing would waste most snapshots on the end.
    """
    if count < 2:
        raise ValueError("count must be at least 2 (the start and the end).")
    inner = [round(n_steps * 10.0 ** (-(count - 1 - k))) for k in range(1, count - 1)]
    return sorted({0, *inner, n_steps})



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
        Drawn into if given; otherwise a new still figure (``new_figure``).

    Returns
    -------
    figure : matplotlib Figure
    """
    weights, losses = weights_and_losses(history)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    X_b = logreg_core.add_intercept(X)
    if iterations is None:
        iterations = snapshot_iterations(len(losses) - 1, 4)
    if xlim is None or ylim is None:
        xlim, ylim = padded_limits(X)
    if figure is None:
        figure = new_figure((3.3 * len(iterations) + 0.8, 4.0), canvas="still")
    figure.set_layout_engine("constrained")
    axes = figure.subplots(1, len(iterations), sharex=True, sharey=True)
    for k, (ax, iteration) in enumerate(zip(np.atleast_1d(axes), iterations)):
        panel = DataPanel(ax, X, y, xlim, ylim, resolution=resolution, labels=labels, legend=False)
        panel.set_weights(weights[iteration])
        correct = accuracy(X_b, y, weights[iteration])
        ax.set_title(f"iteration {iteration}\nloss {losses[iteration]:.3g}, accuracy {correct:.0%}")
        if k > 0:
            ax.set_ylabel("")
    colorbar = figure.colorbar(panel.image, ax=axes, fraction=0.02, pad=0.02)
    colorbar.set_label("probability of class 1")
    handles, names = np.atleast_1d(axes)[0].get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncol=len(names))
    figure.suptitle(title)
    return figure



def plot_band_snapshots(X, y, snapshots, *, title="The band where the model is unsure", labels=("class 0", "class 1"),
                        xlim=None, ylim=None, resolution=200):
    """Small multiples of a model at given moments: the data on its probability surface, its boundary p = 1/2, and
    the band between p = 0.27 and p = 0.73 (z = -1 and z = 1, dashed), whose width is 2 / |(w1, w2)|.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    snapshots : dict of {int: array_like of shape (3,)}
        Iteration -> the weights after that many updates, intercept first.
    title : str
    labels : pair of str
    xlim, ylim : pair of float or None, the window (by default a square around the points).
    resolution : int, pixels a side of each probability image.

    Returns
    -------
    figure : matplotlib Figure (a still figure: a notebook cell that ends with it shows it as a PNG)
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    if xlim is None or ylim is None:
        xlim, ylim = padded_limits(X)
    figure = new_figure((3.4 * len(snapshots) + 0.8, 4.1), canvas="still")
    axes = np.atleast_1d(figure.subplots(1, len(snapshots), sharex=True, sharey=True))
    for k, (ax, (iteration, w)) in enumerate(zip(axes, snapshots.items())):
        w = np.asarray(w, dtype=np.float64)
        panel = DataPanel(ax, X, y, xlim, ylim, resolution=resolution, labels=labels, legend=False)
        panel.set_weights(w)
        for z, name in ((-1.0, "band edges p = 0.27 and 0.73"), (1.0, None)):  # w . [1, x] = z
            ax.plot(*boundary_segment(w - [z, 0.0, 0.0], panel.xlim, panel.ylim), color=BOUNDARY_COLOR, lw=1.2,
                    ls=(0, (4, 3)), zorder=4, label=name)
        ax.set_title(f"after {iteration:,} iterations\nband {2 / np.linalg.norm(w[1:]):.2f} wide")
        if k > 0:
            ax.set_ylabel("")
    colorbar = figure.colorbar(panel.image, ax=axes, fraction=0.02, pad=0.02)
    colorbar.set_label("probability of class 1")
    handles, names = axes[0].get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncol=len(names))
    figure.suptitle(title)
    return figure


def weights_and_losses(history):
    """``(weights, losses)`` of a ``GDResult`` or of a fitted ``LogisticRegressionGD``."""
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

    weights, losses = weights_and_losses(history)
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
