"""Two Gaussian clusters (notebooks 05 and 06): the data, its boundaries, the learned boundary next to the best
possible one, how right the learned probabilities are, and a slider that moves the clusters apart or together.

``plot_clusters``            the two clusters, nothing else
``plot_boundaries``          boundary lines of several weight vectors over the data, drawn by a given ``boundary_x2``
``plot_learned_vs_bayes``    the data on the learned model's probability surface, its boundary and the Bayes one
``train_on_clusters``        a sample of the clusters and the run of gradient descent on it (what each panel shows)
``plot_distance_multiples``  small multiples of ``DistanceView`` at a few distances (a picture for every reader)
``plot_reliability``         the learned probability against the true one (the Bayes posterior), with the diagonal
``DistanceView``             a live view: the distance between the clusters' centres; each setting draws a new
                             sample, re-trains and shows both boundaries

The data (``TwoClusters``, its Bayes-optimal weights and accuracy) lives in ``logreg_data``. Importing this module
changes no global matplotlib state.
"""

from __future__ import annotations

import dataclasses

import numpy as np

import logreg_core
from logreg_viz.data_panel import DataPanel, accuracy, padded_limits
from logreg_viz.figures import new_figure
from logreg_viz.geometry import boundary_segment
from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, label_axes, plot_classes

__all__ = ["BAYES_COLOR", "plot_clusters", "plot_boundaries", "plot_learned_vs_bayes", "train_on_clusters",
           "plot_distance_multiples", "plot_reliability", "DistanceView"]

#: Colour of the Bayes-optimal boundary (dashed), distinct from the learned boundary (solid black).
BAYES_COLOR = ACCENT_COLORS[2]


def plot_clusters(X, y, title, *, labels=("class 0", "class 1")):
    """The points of two classes, coloured and shaped by class, on equal axes.

    X : array_like of shape (n_samples, 2); y : array_like of shape (n_samples,), labels 0 and 1; title : str.
    Returns the figure (a still figure: a notebook cell that ends with it shows it as a PNG).
    """
    ax = new_figure((5.4, 4.6), canvas="still").subplots()
    plot_classes(ax, X, y, labels=labels)
    label_axes(ax, title, "feature $x_1$", "feature $x_2$")
    ax.set_aspect("equal")
    ax.legend(loc="lower left")
    return ax.figure


def plot_boundaries(X, y, weights, boundary_x2, *, title="The boundary line at a few moments"):
    """The data with the boundary line of each weight vector, the line computed by ``boundary_x2``.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
    weights : dict of {str: array_like of shape (3,)}
        Legend label -> weights [w0, w1, w2] (w2 != 0).
    boundary_x2 : callable
        ``boundary_x2(w, x1)``: the x2 of the boundary point above each x1 (an array of x1 in, the same shape out),
        e.g. a student's function.
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    X = np.asarray(X, dtype=np.float64)
    xlim, ylim = padded_limits(X)
    ax = new_figure((6.0, 5.0), canvas="still").subplots()
    plot_classes(ax, X, y)
    x1 = np.linspace(*xlim, 200)
    styles = ((0, (1, 2)), (0, (5, 3)), "-", (0, (8, 2, 2, 2)))
    for k, (label, w) in enumerate(weights.items()):
        ax.plot(x1, boundary_x2(np.asarray(w, dtype=np.float64), x1), color=BOUNDARY_COLOR, lw=1.2 + 0.6 * k,
                ls=styles[k % len(styles)], label=label)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal")
    label_axes(ax, title, "feature $x_1$", "feature $x_2$")
    ax.legend(loc="lower left", fontsize="small", framealpha=0.9)
    return ax.figure


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
        Drawn into if given; otherwise a new still figure (``new_figure``) with one Axes.

    Returns
    -------
    artists : dict
        ``"ax"``: the Axes; ``"panel"``: its data panel (``.image``, ``.boundary`` (learned), ``.points``);
        ``"bayes"``: the Bayes-optimal boundary (Line2D). ``DistanceView`` moves these.
    """
    if ax is None:
        ax = new_figure((6.0, 5.2), canvas="still").subplots()
    if xlim is None or ylim is None:
        xlim, ylim = padded_limits(np.asarray(X, dtype=np.float64))
    panel = DataPanel(ax, X, y, xlim, ylim, resolution=resolution, labels=labels, legend=False)
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


def train_on_clusters(clusters, w0, n_iter=750):
    """Draw the clusters' sample and train on it: gradient descent from ``w0`` at the safe learning rate.

    Returns
    -------
    X : ndarray of shape (n_samples, 2); y : ndarray of shape (n_samples,)
    X_b : ndarray of shape (n_samples, 3), X with its column of ones
    history : logreg_core.GDResult, the run
    """
    X, y = clusters.sample()
    X_b = logreg_core.add_intercept(X)
    history = logreg_core.gradient_descent(X_b, y, w0, logreg_core.safe_learning_rate(X_b), int(n_iter))
    return X, y, X_b, history


def plot_distance_multiples(clusters, w0, distances, *, n_iter=750, max_distance=None, resolution=120):
    """What the distance slider shows, at a few distances side by side: each panel a new sample with its centres
    that far apart, the learned boundary (solid) and the Bayes one (dashed), and the two accuracies.

    Parameters
    ----------
    clusters : logreg_data.TwoClusters, whose ``distance`` is replaced by each of ``distances``.
    w0 : array_like of shape (3,), the start of every run.
    distances : sequence of float
    n_iter : int, default=750, iterations at the safe learning rate.
    max_distance : float or None, the window fits clusters this far apart (default: the largest distance).
    resolution : int, pixels a side of each probability image.

    Returns
    -------
    figure : matplotlib Figure
    """
    figure = new_figure((3.3 * len(distances) + 0.4, 4.0), canvas="still")
    axes = np.atleast_1d(figure.subplots(1, len(distances), sharex=True, sharey=True))
    xlim, ylim = clusters.view_limits(max_distance=max_distance or max(distances))
    for k, (ax, distance) in enumerate(zip(axes, distances)):
        shifted = dataclasses.replace(clusters, distance=float(distance))
        X, y, X_b, history = train_on_clusters(shifted, w0, n_iter)
        plot_learned_vs_bayes(X, y, history.final_weights, shifted.bayes_weights(), ax=ax, xlim=xlim,
                                        ylim=ylim, resolution=resolution)
        ax.get_legend().remove()
        ax.set_title(f"d = {distance:g}: training {accuracy(X_b, y, history.final_weights):.1%},\n"
                     f"best expected {shifted.bayes_accuracy():.1%}", fontsize="medium")
        if k:
            ax.set_ylabel("")
    handles, names = axes[0].get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncol=len(names))
    figure.suptitle(f"Centres d apart ({n_iter} iterations each): the learned line (solid), the best (dashed)")
    return figure


def plot_reliability(p_true, learned, *, n_bins=10, n_points=2000, title="Learned probability against the true one"):
    """For each model, its probability of class 1 against the true one on the same points, with the diagonal.

    A dot is one point; the curve joins the mean learned probability of the points in each of ``n_bins`` equal bins
    of the true probability. On the diagonal the model's probabilities are right; a curve steeper than it is
    over-confident (too close to 0 and 1), a flatter one under-confident.

    Parameters
    ----------
    p_true : array_like of shape (n_samples,), the true probability of class 1 of each point (e.g. Bayes' rule).
    learned : dict of {str: array_like of shape (n_samples,)}, panel title -> a model's probabilities.
    n_bins : int, default=10
    n_points : int, default=2000, dots drawn per panel (the first ones; the curve uses every point).
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    p_true = np.asarray(p_true, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(p_true, edges) - 1, 0, n_bins - 1)
    occupied = np.bincount(which, minlength=n_bins) > 0
    figure = new_figure((4.3 * len(learned) + 0.4, 4.3), canvas="still")
    axes = np.atleast_1d(figure.subplots(1, len(learned), sharey=True))
    for k, (ax, (label, p_learned)) in enumerate(zip(axes, learned.items())):
        p_learned = np.asarray(p_learned, dtype=np.float64)
        ax.scatter(p_true[:n_points], p_learned[:n_points], s=4, color=ACCENT_COLORS[3], alpha=0.35, lw=0,
                   label="one point")
        means = np.bincount(which, weights=p_learned, minlength=n_bins)[occupied] / np.bincount(which)[occupied]
        centres = np.bincount(which, weights=p_true, minlength=n_bins)[occupied] / np.bincount(which)[occupied]
        ax.plot(centres, means, "o-", color=ACCENT_COLORS[0], lw=2, label=f"mean of each bin ({n_bins} bins)")
        ax.plot([0, 1], [0, 1], color=BOUNDARY_COLOR, ls="--", lw=1, label="right: learned = true")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        label_axes(ax, label, "true probability of class 1 (Bayes)", "learned probability of class 1" if k == 0 else "")
        ax.grid(True, alpha=0.3)
    axes[0].legend(loc="upper left", fontsize="small", framealpha=0.9)
    figure.suptitle(title)
    return figure


class DistanceView(LiveView):
    """A slider for the distance between two Gaussian clusters: regenerates the data, re-trains, redraws.

    Each setting draws a new sample from ``TwoClusters(distance, ...)`` (same seed), trains by gradient descent
    from ``w0`` at the safe learning rate, and shows the learned boundary next to the Bayes-optimal one, with the
    training accuracy and the best expected accuracy Phi(distance / (2 s)), s the spread of a cluster.

    Parameters
    ----------
    clusters : logreg_data.TwoClusters
        The starting data set; the slider changes its ``distance`` only.
    w0 : array_like of shape (3,)
    n_iter : int, default=750
    distance_range : pair of float, default=(0.0, 8.0)
    interactive : bool or None
        See ``LiveView``.
    resolution : int, default=160
        Pixels a side of the probability image.

    Attributes
    ----------
    clusters : the clusters shown; history : the run on their sample.
    artists : dict of the ``"ax"``, its ``"panel"`` and the ``"bayes"`` boundary (see ``plot_learned_vs_bayes``).
    distance : ipywidgets.FloatSlider, the control ``"distance"``.
    """

    def __init__(self, clusters, w0, n_iter=750, *, distance_range=(0.0, 8.0), interactive=None, resolution=160):
        import ipywidgets as widgets

        super().__init__((6.2, 5.4), interactive=interactive)
        self.clusters = clusters
        self.w0 = np.array(w0, dtype=np.float64)
        self.n_iter = int(n_iter)
        X, y, w = self._fit(clusters)
        xlim, ylim = clusters.view_limits(max_distance=distance_range[1])
        self.artists = plot_learned_vs_bayes(
            X, y, w, clusters.bayes_weights(), ax=self.figure.subplots(), xlim=xlim, ylim=ylim, resolution=resolution
        )
        self.distance = widgets.FloatSlider(
            value=clusters.distance, min=distance_range[0], max=distance_range[1], step=0.1,
            description="distance between centres", style={"description_width": "initial"},
            continuous_update=True, layout=widgets.Layout(width="480px"),
        )
        ax, panel = self.artists["ax"], self.artists["panel"]
        self.start({"distance": self.distance}, moving=[
            panel.image, *ax.spines.values(), *panel.points, panel.boundary, self.artists["bayes"], ax.title,
            ax.get_legend(),
        ])

    def _fit(self, clusters):
        X, y, self.X_b, self.history = train_on_clusters(clusters, self.w0, self.n_iter)
        self.y = y
        return X, y, self.history.final_weights

    def move_artists(self, distance):
        """Regenerate the data with centres ``distance`` apart, re-train, and move the artists."""
        self.clusters = dataclasses.replace(self.clusters, distance=float(distance))
        X, y, w = self._fit(self.clusters)
        panel = self.artists["panel"]
        panel.set_data(X, y)
        panel.set_weights(w)
        self.artists["bayes"].set_data(*boundary_segment(self.clusters.bayes_weights(), panel.xlim, panel.ylim))
        trained, best = accuracy(self.X_b, y, w), self.clusters.bayes_accuracy()
        self.artists["ax"].set_title(
            f"distance {self.clusters.distance:.1f}: training accuracy {trained:.1%}, best expected {best:.1%}",
            fontsize="medium",
        )
        return (f"centres {self.clusters.distance:.1f} apart: the learned line classifies {trained:.1%} of this "
                f"sample correctly; the best possible (Bayes) line is expected to get {best:.1%} of new points right")
