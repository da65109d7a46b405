"""Two Gaussian clusters (notebooks 04 and 05): the learned boundary next to the best possible one, and a slider
that moves the clusters apart or together.

``plot_learned_vs_bayes``  the data on the learned model's probability surface, its boundary and the Bayes one
``DistanceView``           a live view: the distance between the clusters' centres; each setting draws a new
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
from logreg_viz.style import ACCENT_COLORS

__all__ = ["BAYES_COLOR", "plot_learned_vs_bayes", "DistanceView"]

#: Colour of the Bayes-optimal boundary (dashed), distinct from the learned boundary (solid black).
BAYES_COLOR = ACCENT_COLORS[2]


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
        ax = new_figure((6.0, 5.2), canvas="pyplot").subplots()
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


class DistanceView(LiveView):
    """A slider for the distance between two Gaussian clusters: regenerates the data, re-trains, redraws.

    Each setting draws a new sample from ``TwoClusters(distance, ...)`` (same seed), trains by gradient descent
    from ``w0`` at the safe learning rate, and shows the learned boundary next to the Bayes-optimal one, with the
    training accuracy and the best expected accuracy Phi(distance / (2 sigma)).

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
        X, y = clusters.sample()
        X_b = logreg_core.add_intercept(X)
        learning_rate = logreg_core.safe_learning_rate(X_b)
        history = logreg_core.gradient_descent(X_b, y, self.w0, learning_rate, self.n_iter)
        self.X_b, self.y, self.history = X_b, y, history
        return X, y, history.final_weights

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
