"""Polynomial features, drawn (notebooks 12 and 13): curved boundaries, overfitting, and the L2 cure.

- ``plot_boundaries``: small multiples, each a model's probability surface and boundary in the original 2-D space.
- ``plot_lifted_product``: XOR lifted to the height x1·x2, where a flat plane separates it, beside the same
  boundary seen from above (a curve).
- ``plot_accuracy_by_degree``: training and test accuracy against the polynomial degree.
- ``DegreeExplorer``: degree and L2 sliders over the polynomial pipeline; the curved boundary, and the training and
  test accuracy under the figure.

The models are ``logreg_data.polynomial_model`` pipelines (``PolynomialFeatures`` -> ``StandardScaler`` ->
``LogisticRegressionGD``); the explorer draws with ``logreg_viz.training.TrainingFigure``. Importing this module
changes no global matplotlib state.
"""

from __future__ import annotations

import html

import numpy as np

import logreg_core
from logreg_data import WINDOW, polynomial_model, weights_and_features
from logreg_viz.data_panel import DataPanel
from logreg_viz.draw import one_blas_thread
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, CLASS_COLORS, CLASS_MARKERS, label_axes
from logreg_viz.training import TrainingFigure

__all__ = ["ALPHAS", "plot_boundaries", "plot_lifted_product", "plot_accuracy_by_degree", "DegreeExplorer"]

#: The values of the explorer's L2 slider: 0 (no penalty), then about three times larger at each step, up to 1.
ALPHAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)


def _history(estimator):
    return logreg_core.GDResult(weights=estimator.weights_history_, losses=estimator.loss_curve_)


# --------------------------------------------------------------------------------------------------------------
# Static figures
# --------------------------------------------------------------------------------------------------------------
def plot_boundaries(
    panels,
    *,
    suptitle=None,
    window=None,
    resolution=200,
    labels=("class 0", "class 1"),
    axes=None,
    panel_size=3.6,
):
    """Side by side, fitted models on their data: each one's probability surface, boundary p = 1/2 and points.

    Parameters
    ----------
    panels : sequence of (X, y, model, title)
        ``X`` of shape (n_samples, 2), ``y`` of shape (n_samples,) with labels 0 and 1, ``model`` a fitted
        ``LogisticRegressionGD`` or a ``Pipeline`` ending in one (its boundary is drawn in the original 2-D space:
        a curve, when its features bend it), ``title`` a str.
    suptitle : str or None
    window : (xlim, ylim) or None
        Default ``WINDOW``.
    resolution : int, default=200
        Pixels a side of each probability image.
    labels : pair of str, legend names of class 0 and class 1.
    axes : sequence of matplotlib Axes or None
        Drawn into if given (nothing else is added); otherwise a new pyplot figure with one row of panels, a
        colour bar and a legend.
    panel_size : float, inches per panel of a new figure.

    Returns
    -------
    figure : matplotlib Figure
    """
    xlim, ylim = WINDOW if window is None else window
    complete = axes is None  # a figure of its own: with a colour bar and a legend
    if complete:
        figure = new_figure((panel_size * len(panels) + 0.9, panel_size + 0.9), canvas="pyplot")
        axes = np.atleast_1d(figure.subplots(1, len(panels), sharex=True, sharey=True))
    else:
        figure = axes[0].figure
    for k, (ax, (X, y, model, title)) in enumerate(zip(axes, panels)):
        w, features = weights_and_features(model)
        panel = DataPanel(ax, X, y, xlim, ylim, resolution=resolution, labels=labels, legend=False,
                           features=features)
        panel.set_weights(w)
        ax.set_title(title, fontsize="medium")
        if complete and k > 0:
            ax.set_ylabel("")
    if complete:
        figure.colorbar(panel.image, ax=axes, fraction=0.03, pad=0.02).set_label("probability of class 1")
        handles, names = axes[0].get_legend_handles_labels()
        figure.legend(handles, names, loc="outside lower center", ncol=len(names))
        if suptitle:
            figure.suptitle(suptitle)
    return figure


def plot_lifted_product(X, y, model, *, window=None, resolution=200):
    """XOR with the product x1·x2 as a third feature: lifted, and seen from above.

    Left, in 3-D, each point at the height x1·x2 and the model's boundary z = 0, a plane in the three features;
    right, the same model in the (x1, x2) plane, where that plane's trace is a curve.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 and 1
    model : fitted Pipeline
        Features (x1, x2, x1·x2) then a ``LogisticRegressionGD`` (``weights_and_features`` gives its four weights
        w0 .. w3, in that order of features); w3 must not be 0.
    window : (xlim, ylim) or None, default ``WINDOW``
    resolution : int, pixels a side of the probability image.

    Returns
    -------
    figure : matplotlib Figure (pyplot's)
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    (x_low, x_high), (y_low, y_high) = WINDOW if window is None else window
    w, _ = weights_and_features(model)
    figure = new_figure((11, 4.8), canvas="pyplot")
    ax3d = figure.add_subplot(1, 2, 1, projection="3d")
    height = X[:, 0] * X[:, 1]
    for k in (0, 1):
        ax3d.scatter(X[y == k, 0], X[y == k, 1], height[y == k], c=CLASS_COLORS[k], marker=CLASS_MARKERS[k], s=18,
                     depthshade=False, label=f"class {k}")
    grid1, grid2 = np.meshgrid(np.linspace(x_low, x_high, 21), np.linspace(y_low, y_high, 21))
    plane = -(w[0] + w[1] * grid1 + w[2] * grid2) / w[3]  # where z = 0
    ax3d.plot_surface(grid1, grid2, plane, color="grey", alpha=0.3)
    ax3d.set_xlabel("feature $x_1$")
    ax3d.set_ylabel("feature $x_2$")
    ax3d.set_zlabel("new feature $x_1 x_2$")
    ax3d.set_title("Lifted to the height $x_1 x_2$: a flat plane (grey) separates")
    ax2d = figure.add_subplot(1, 2, 2)
    plot_boundaries([(X, y, model, "Seen from above: the boundary is a curve")], axes=[ax2d],
                    window=((x_low, x_high), (y_low, y_high)), resolution=resolution)
    handles, names = ax2d.get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncol=len(names))
    figure.suptitle("XOR with the product $x_1 x_2$ as a third feature")
    return figure


def plot_accuracy_by_degree(degrees, train, test, *, mean_train=None, mean_test=None, n_train=None, n_test=None,
                            n_samples=None):
    """Training and test accuracy against the polynomial degree: one sample (solid), and optionally the mean of
    several samples (dashed).

    Parameters
    ----------
    degrees : array_like of int of shape (n_degrees,)
    train, test : array_like of shape (n_degrees,), accuracies of one sample's models
    mean_train, mean_test : array_like of shape (n_degrees,) or None, the means over other samples
    n_train, n_test : int or None, sizes of the training and test sets (for the legend)
    n_samples : int or None, how many samples the means are over (for the legend)

    Returns
    -------
    figure : matplotlib Figure (pyplot's)
    """
    figure = new_figure((7.5, 4.2), canvas="pyplot")
    ax = figure.subplots()
    points = f" ({n_train} points)" if n_train else ""
    new = f" ({n_test} new points)" if n_test else ""
    ax.plot(degrees, train, "o-", color=ACCENT_COLORS[0], lw=2, label=f"training accuracy{points}")
    ax.plot(degrees, test, "s-", color=ACCENT_COLORS[1], lw=2, label=f"test accuracy{new}")
    others = f" of {n_samples} other samples" if n_samples else " of other samples"
    if mean_train is not None:
        ax.plot(degrees, mean_train, "o--", color=ACCENT_COLORS[0], lw=1, alpha=0.6, label=f"training, mean{others}")
    if mean_test is not None:
        ax.plot(degrees, mean_test, "s--", color=ACCENT_COLORS[1], lw=1, alpha=0.6, label=f"test, mean{others}")
    ax.set_xticks(np.asarray(degrees))
    ax.grid(True, alpha=0.3)
    label_axes(ax, "More bending: better on the training points, worse on new ones", "polynomial degree",
               "accuracy")
    ax.legend(loc="lower right", fontsize="small")
    return figure


# --------------------------------------------------------------------------------------------------------------
# The explorer: polynomial degree and L2 strength, training and test accuracy
# --------------------------------------------------------------------------------------------------------------
def _format_alpha(alpha):
    return "0" if alpha == 0 else f"{alpha:g}"


class DegreeExplorer(LiveView):
    """Bend the boundary with polynomial features, and straighten it again with an L2 penalty.

    Each setting fits ``polynomial_model(degree, alpha, max_iter)`` (``PolynomialFeatures`` -> ``StandardScaler`` ->
    ``LogisticRegressionGD``) on the training points, once, and shows its run with ``TrainingFigure``: the
    probability surface and the boundary in the original 2-D space (a curve: the contour z = 0 of the model on
    the image's grid), and the loss curve. Under the figure, the status line gives the training and test accuracy
    of the setting, and a small table those of the settings tried before.

    Parameters
    ----------
    X_train : array_like of shape (n_train, 2)
    y_train : array_like of shape (n_train,), labels 0 and 1
    X_test : array_like of shape (n_test, 2)
    y_test : array_like of shape (n_test,)
        Points the model never trains on: they measure how it does on new data.
    degree : int, default=1
    alpha : float, default=0.0
        One of ``alphas``.
    max_iter : int, default=1000
        Updates of gradient descent per fit.
    max_degree : int, default=10
    alphas : sequence of float, default ``ALPHAS``
        The L2 slider's values.
    window : (xlim, ylim), default ``WINDOW``
    interactive : bool or None
        See ``LiveView``.
    resolution : int, default=100
    title : str
    figsize, dpi : the figure's size in inches and its resolution.

    Attributes
    ----------
    model : the fitted ``Pipeline`` of the current setting.
    train_accuracy, test_accuracy : float, its accuracies.
    tried : list of (degree, alpha, train_accuracy, test_accuracy), the settings shown so far, newest first.
    training_figure, figure : the ``TrainingFigure`` and its matplotlib Figure.
    degree : ipywidgets.IntSlider, the control ``"degree"``; alpha : ipywidgets.SelectionSlider, ``"alpha"``.
    """

    def __init__(
        self,
        X_train,
        y_train,
        X_test,
        y_test,
        *,
        degree=1,
        alpha=0.0,
        max_iter=1000,
        max_degree=10,
        alphas=ALPHAS,
        window=WINDOW,
        interactive=None,
        resolution=100,
        title="Polynomial features bend the boundary; an L2 penalty straightens it",
        figsize=(7.6, 4.0),
        dpi=100,
    ):
        import ipywidgets as widgets

        super().__init__(figsize, interactive=interactive, dpi=dpi)
        self.X_train, self.y_train = np.asarray(X_train, dtype=np.float64), np.asarray(y_train)
        self.X_test, self.y_test = np.asarray(X_test, dtype=np.float64), np.asarray(y_test)
        self.max_iter = int(max_iter)
        self.tried = []
        history, features = self._fit(degree, alpha)
        self.training_figure = TrainingFigure(
            self.X_train, self.y_train, history, figure=self.figure, title=title, xlim=window[0], ylim=window[1],
            resolution=resolution, loss_scale="linear", features=features,
        )
        self.training_figure.show_iteration(history.n_steps)  # the trained model, at the end of its run

        self.degree = widgets.IntSlider(
            value=degree, min=1, max=max(max_degree, degree), description="polynomial degree",
            style={"description_width": "initial"}, continuous_update=True, layout=widgets.Layout(width="380px"),
        )
        self.alpha = widgets.SelectionSlider(
            options=[(_format_alpha(a), float(a)) for a in alphas], value=float(alpha), description="L2 strength α",
            style={"description_width": "initial"}, continuous_update=True, layout=widgets.Layout(width="380px"),
        )
        self.start({"degree": self.degree, "alpha": self.alpha}, rows=[[self.degree, self.alpha]],
                   moving=self.training_figure.moving_artists())

    def _fit(self, degree, alpha):
        self._fitted = (degree, alpha)
        self.model = polynomial_model(degree, alpha, self.max_iter).fit(self.X_train, self.y_train)
        self.train_accuracy = float(self.model.score(self.X_train, self.y_train))
        self.test_accuracy = float(self.model.score(self.X_test, self.y_test))
        self.tried = [(degree, alpha, self.train_accuracy, self.test_accuracy)] + [
            row for row in self.tried if row[:2] != (degree, alpha)
        ]
        return _history(self.model[-1]), weights_and_features(self.model)[1]

    def move_artists(self, degree, alpha):
        """Fit the pipeline of this degree and L2 strength (once per setting), and show its run at the end."""
        if (degree, alpha) != self._fitted:
            with one_blas_thread():
                history, features = self._fit(degree, alpha)
                if self.training_figure.set_data(self.X_train, self.y_train, history, features=features):
                    self.redraw_everything()  # new limits on the loss axis
        return self._show(degree, alpha)

    def describe(self):
        degree, alpha = self.values["degree"], self.values["alpha"]
        return (f"<DegreeExplorer: degree {degree}, alpha {_format_alpha(alpha)}: training accuracy "
                f"{self.train_accuracy:.1%}, test accuracy {self.test_accuracy:.1%}>")

    def _show(self, degree, alpha):
        n_features = self.model[0].n_output_features_
        self.training_figure.ax_data.set_title(
            f"degree {degree}, α = {_format_alpha(alpha)}: training {self.train_accuracy:.0%}, "
            f"test {self.test_accuracy:.0%}", fontsize="medium",
        )
        names = self.model[0].get_feature_names_out(["x₁", "x₂"])
        shown = ", ".join(html.escape(name.replace(" ", "·")) for name in names[:9])
        cell = '<td style="padding: 0 8px 0 0; text-align: right">'
        rows = "".join(
            f"<tr>{cell}{d}</td>{cell}{_format_alpha(a)}</td>{cell}{train:.1%}</td>{cell}{test:.1%}</td></tr>"
            for d, a, train, test in self.tried[:6]
        )
        return (
            f"<b>degree {degree}, α = {_format_alpha(alpha)}</b>: "
            f"training accuracy <b>{self.train_accuracy:.1%}</b> ({len(self.y_train)} points), "
            f"test accuracy <b>{self.test_accuracy:.1%}</b> ({len(self.y_test)} new points)<br>"
            f"<small>linear in {n_features} features: {shown}{', …' if len(names) > 9 else ''}</small><br>"
            f"<b>Tried so far</b> (newest first)"
            f'<table style="border-collapse: collapse; line-height: 1.2"><tr>{cell}degree</td>{cell}α</td>'
            f"{cell}training</td>{cell}test</td></tr>{rows}</table>"
        )
