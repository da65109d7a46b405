"""Draw your own data, and bend the boundary (notebook 09).

The data and the models (``make_dataset`` and its ``PRESETS`` in the ``WINDOW``, ``polynomial_features``,
``polynomial_model``, ``weights_and_features``) live in ``logreg_data``; this module draws them.

- ``plot_boundaries``: small multiples, each a model's probability surface and boundary in the original 2-D space.
- ``DataEditor``: a click adds a point of the chosen class, a click on a point removes it, buttons clear or load a
  preset. Every change re-trains (``logreg_core.gradient_descent``, once) and redraws the training view; what
  cannot be trained (no points, one class, ...) is said on the figure instead of raising.
- ``DegreeExplorer``: degree and L2 sliders over the polynomial pipeline; the curved boundary, and the training and
  test accuracy next to the figure.

Both views are live views (``logreg_viz.live.LiveView``) that draw with ``logreg_viz.training.TrainingFigure``
(data panel with probability surface and boundary, loss curve), the same code as the training view of notebooks
04-05. Importing this module changes no global matplotlib state.
"""

from __future__ import annotations

import functools
import html
import textwrap

import numpy as np
from matplotlib.backend_bases import MouseButton
from threadpoolctl import ThreadpoolController

import logreg_core
from logreg_data import PRESETS, WINDOW, make_dataset, polynomial_features, polynomial_model, weights_and_features
from logreg_viz.data_panel import DataPanel
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.training import TrainingFigure

__all__ = ["ALPHAS", "plot_boundaries", "DataEditor", "DegreeExplorer"]

#: The values of the explorer's L2 slider: 0 (no penalty), then about three times larger at each step, up to 1.
ALPHAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
#: How the two classes look, in words (for messages): colours and markers of ``logreg_viz.style``.
CLASS_NAMES = ("class 0 (blue ●)", "class 1 (orange ■)")
#: A click closer than this to a point's centre (in typographic points, 1/72 inch) removes the point.
HIT_RADIUS_POINTS = 6.0


def _history(estimator):
    return logreg_core.GDResult(weights=estimator.weights_history_, losses=estimator.loss_curve_)


@functools.cache
def _blas_threads():
    return ThreadpoolController()  # finds the BLAS libraries once (the limits below then cost microseconds)


def _one_blas_thread():
    """A context in which NumPy's BLAS uses one thread.

    A view's update multiplies small matrices (a 100 x 100 grid by at most 66 weights): more threads save
    microseconds on an idle machine, but cost tens of milliseconds when the cores are busy (a browser, the notebook
    server, another kernel), because every product waits for all its threads (measured: benchmarks/bench_draw.py).
    """
    return _blas_threads().limit(limits=1, user_api="blas")


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


# --------------------------------------------------------------------------------------------------------------
# The editor: draw points, re-train, redraw
# --------------------------------------------------------------------------------------------------------------
def _checked_points(X, y):
    """``X`` as float64 of shape (n_samples, 2) and ``y`` as int labels 0 or 1, copies; a ValueError says what is
    wrong."""
    X, y = np.array(X, dtype=np.float64), np.asarray(y)
    if X.size == 0:
        X = X.reshape(0, 2)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2); got {X.shape}.")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), one label per point; got {y.shape}.")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only; got {np.unique(y)}.")
    return X, y.astype(int)


def _why_no_model(y):
    """Why a data set with labels y cannot be trained on (a message for the figure), or None if it can."""
    if len(y) == 0:
        return "No points yet.\nClick in this panel to add a point of the\nclass chosen below, or load a preset."
    counts = np.bincount(y, minlength=2)
    present = int(np.argmax(counts))
    missing = 1 - present
    if len(y) == 1:
        return f"One point is not enough to learn from.\nAdd a point of {CLASS_NAMES[missing]}."
    if counts[missing] == 0:
        return (f"Only {CLASS_NAMES[present]} so far ({len(y)} points).\n"
                f"Add a point of {CLASS_NAMES[missing]}:\nwith one class there is no boundary to learn.")
    return None


def _conflicts(X, y):
    """How many distinct places hold points of both classes (identical coordinates, different labels)."""
    _, place = np.unique(X, axis=0, return_inverse=True)
    place = place.ravel()
    has_class = [np.bincount(place[y == k], minlength=place.max() + 1) > 0 for k in (0, 1)]
    return int(np.count_nonzero(has_class[0] & has_class[1]))


def _conflict_message(count):
    where = "one place holds" if count == 1 else f"{count} places hold"
    return (f"Careful: {where} points of both classes.\nNo boundary can get both right there;\n"
            "the best the model can say is p = ½.")


def _feature_summary(degree, n_features):
    if degree == 1:
        return "a straight boundary: z = w₀ + w₁x₁ + w₂x₂"
    return f"degree-{degree} polynomial features: z is linear in {n_features} features"


class DataEditor(LiveView):
    """Draw a data set with the mouse, and watch logistic regression re-train on every change.

    Choose a class with the toggle above the figure; a click in the data panel adds a point of that class, a
    click on a point removes it. The buttons clear everything or load a preset (``logreg_data.make_dataset``).
    After each change the model is trained again from zero weights: ``logreg_core.gradient_descent``, ``n_iter``
    updates at the safe learning rate 1/L, on the points or on their polynomial features (``degree`` > 1); the
    probability surface, the boundary and the loss curve are redrawn at once (``TrainingFigure``).

    What cannot be trained is said on the figure, not raised: no points, a single point, only one class. Points
    of both classes at the very same place are trained on, with a warning (no boundary can get both right).

    Parameters
    ----------
    X : array_like of shape (n_samples, 2) or None
        Points to start from (e.g. ``other_editor.data()[0]``); ignored if ``preset`` is given.
    y : array_like of shape (n_samples,) or None
        Their labels, 0 or 1.
    preset : str or None
        Start from ``make_dataset(preset, n_samples=preset_size)`` instead.
    preset_size : int, default=60
        Points per preset.
    degree : int, default=1
        1 trains on (x1, x2), a straight boundary; more trains on ``polynomial_features(degree)``.
    alpha : float >= 0, default=0.0
        L2 strength.
    n_iter : int, default=500
        Updates of gradient descent per re-training.
    window : (xlim, ylim), default ``WINDOW``
    max_degree : int, default=8
        Top of the degree slider.
    interactive : bool or None
        See ``LiveView``. On Agg, clicks can be simulated with ``on_click``.
    resolution : int, default=100
        The probability image is resolution x resolution pixels.
    title : str
        Above the figure: how to draw.
    figsize, dpi : the figure's size in inches and its resolution.

    Attributes
    ----------
    training_figure : TrainingFigure, and ``figure``, its matplotlib Figure.
    history : logreg_core.GDResult or None, the last run (None while there is no model).
    features : callable or None, the feature map of the run's weights (None: the coordinates themselves).
    learning_rate : float or None, the step of the last run.
    accuracy : float or None, its training accuracy.
    message : str or None, the note shown on the figure (why there is no model, or a warning).
    label : ipywidgets.ToggleButtons, the class a click adds.
    clear_button : ipywidgets.Button.
    preset_buttons : dict of ipywidgets.Button, one per preset.
    degree : ipywidgets.IntSlider, the control ``"degree"``.
    """

    def __init__(
        self,
        X=None,
        y=None,
        *,
        preset=None,
        preset_size=60,
        degree=1,
        alpha=0.0,
        n_iter=500,
        window=WINDOW,
        max_degree=8,
        interactive=None,
        resolution=100,
        title="Draw your own data: a click adds a point of the chosen class, a click on a point removes it",
        figsize=(9.6, 4.6),
        dpi=100,
    ):
        import ipywidgets as widgets

        if not alpha >= 0:
            raise ValueError(f"alpha (the L2 strength) must be a number >= 0; got {alpha!r}.")
        super().__init__(figsize, interactive=interactive, dpi=dpi)
        self.alpha = float(alpha)
        self.n_iter = int(n_iter)
        self.preset_size = int(preset_size)
        if preset is not None:
            X, y = make_dataset(preset, self.preset_size)
        self._X, self._y = _checked_points(np.empty((0, 2)) if X is None else X, np.empty(0) if y is None else y)
        self.history = self.features = self.learning_rate = self.accuracy = self.message = None

        self.training_figure = TrainingFigure(
            self._X, self._y, None, figure=self.figure, title=title, xlim=window[0], ylim=window[1],
            resolution=resolution, loss_scale="linear",
        )
        self.figure.canvas.mpl_connect("button_press_event", self.on_click)

        self.label = widgets.ToggleButtons(
            options=[(name, k) for k, name in enumerate(CLASS_NAMES)],
            value=0,
            style={"button_width": "150px"},
            tooltips=["a click in the data panel adds a point of class 0",
                      "a click in the data panel adds a point of class 1"],
        )
        self.clear_button = widgets.Button(description="clear", icon="trash", tooltip="remove every point")
        self.clear_button.on_click(lambda _: self.clear())
        self.preset_buttons = {}
        for name in PRESETS:
            button = widgets.Button(description=name, tooltip=f"replace the points by the {name!r} preset",
                                    layout=widgets.Layout(width="110px"))
            button.on_click(lambda _, name=name: self.load_preset(name))
            self.preset_buttons[name] = button
        self.degree = widgets.IntSlider(
            value=degree, min=1, max=max(max_degree, degree), description="polynomial degree",
            style={"description_width": "initial"}, continuous_update=False, layout=widgets.Layout(width="360px"),
        )
        self.start({"degree": self.degree}, moving=self.training_figure.moving_artists(), rows=[
            [widgets.Label("a click adds:"), self.label, self.clear_button],
            [widgets.Label("load a preset:"), *self.preset_buttons.values()],
            [self.degree],
        ])

    # -- the data ---------------------------------------------------------------------------------------------
    @property
    def X(self):
        """ndarray of shape (n_samples, 2): the points, in the order they were added (a copy)."""
        return self._X.copy()

    @property
    def y(self):
        """ndarray of int of shape (n_samples,): their labels, 0 or 1 (a copy)."""
        return self._y.copy()

    def data(self):
        """The points and their labels, ``(X, y)``: arrays of shape (n_samples, 2) and (n_samples,), copies."""
        return self.X, self.y

    def set_points(self, X, y):
        """Replace every point by ``X`` (shape (n_samples, 2)) with labels ``y`` (0 or 1), re-train and redraw."""
        self._X, self._y = _checked_points(X, y)
        self.refresh()

    def add_point(self, x1, x2, label):
        """Add the point (x1, x2) with label 0 or 1, re-train and redraw."""
        self.set_points(np.vstack([self._X, [x1, x2]]), np.append(self._y, int(label)))

    def remove_point(self, index):
        """Remove the point number ``index`` (in the order of ``X``), re-train and redraw."""
        self.set_points(np.delete(self._X, index, axis=0), np.delete(self._y, index))

    def clear(self):
        """Remove every point."""
        self.set_points(np.empty((0, 2)), np.empty(0, dtype=int))

    def load_preset(self, name):
        """Replace the points by ``make_dataset(name, n_samples=preset_size)`` (fixed seed)."""
        self.set_points(*make_dataset(name, self.preset_size))

    # -- the mouse --------------------------------------------------------------------------------------------
    def on_click(self, event):
        """Matplotlib's ``button_press_event`` handler: a left click adds a point, or removes the one it hits.

        Clicks outside the data panel, with another button, or the second press of a double click are ignored.
        """
        if event.inaxes is not self.training_figure.ax_data or event.xdata is None or event.ydata is None:
            return
        if event.button != MouseButton.LEFT or getattr(event, "dblclick", False):
            return
        index = self.point_at(event.xdata, event.ydata)
        if index is None:
            self.add_point(event.xdata, event.ydata, self.label.value)
        else:
            self.remove_point(index)

    def point_at(self, x1, x2):
        """Index of the point drawn under (x1, x2) (within ``HIT_RADIUS_POINTS`` on screen), or None."""
        if len(self._X) == 0:
            return None
        to_pixels = self.training_figure.ax_data.transData
        distances = np.hypot(*(to_pixels.transform(self._X) - to_pixels.transform([(x1, x2)])).T)
        index = int(np.argmin(distances))
        return index if distances[index] <= HIT_RADIUS_POINTS * self.figure.dpi / 72 else None

    # -- training and drawing ---------------------------------------------------------------------------------
    def _train(self, X, y, degree):
        """One run of gradient descent from zero weights at the safe learning rate; returns (history, features)."""
        features = None if degree == 1 else polynomial_features(degree).fit(X).transform
        X_b = logreg_core.add_intercept(X if features is None else features(X))
        self.learning_rate = logreg_core.safe_learning_rate(X_b, self.alpha)
        history = logreg_core.gradient_descent(X_b, y, np.zeros(X_b.shape[1]), self.learning_rate, self.n_iter,
                                               alpha=self.alpha)
        return history, features

    def move_artists(self, degree):
        """Re-train on the current points with polynomial features of ``degree`` (if the points can be trained on),
        and move the artists; never raises for any data."""
        with _one_blas_thread():
            return self._retrain(degree)

    def _retrain(self, degree):
        X, y = self._X, self._y
        message = _why_no_model(y)
        history = features = None
        if message is None:
            try:
                history, features = self._train(X, y, degree)
            except (ValueError, FloatingPointError) as error:  # not expected; said on the figure if it happens
                message = "Training failed:\n" + textwrap.fill(str(error), 44)
            else:
                conflicts = _conflicts(X, y)
                message = _conflict_message(conflicts) if conflicts else None
        self.history, self.features, self.message = history, features, message
        figure = self.training_figure
        if figure.set_data(X, y, history, features=features, message=message):
            self.redraw_everything()  # new limits on the loss axis
        if history is None:
            self.accuracy = None
            figure.ax_data.set_title("no model yet")
            return f"{self._describe_points()} · no model yet"
        correct = int(np.sum(logreg_core.predict(figure.X_b, history.final_weights) == y))
        self.accuracy = correct / len(y)
        figure.ax_data.set_title(f"training accuracy {self.accuracy:.1%} ({correct} of {len(y)} points)")
        return (
            f"{self._describe_points()} · {_feature_summary(degree, figure.X_b.shape[1] - 1)} · "
            f"{history.n_steps} updates from w = 0 at the safe learning rate {self.learning_rate:.3g}: "
            f"loss {history.losses[0]:.3f} → {history.losses[-1]:.3f} · "
            f"<b>training accuracy {self.accuracy:.1%}</b>"
        )

    def _describe_points(self):
        counts = np.bincount(self._y, minlength=2)
        points = "1 point" if len(self._y) == 1 else f"{len(self._y)} points"
        return f"<b>{points}</b> ({counts[0]} of class 0, {counts[1]} of class 1)"


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
            with _one_blas_thread():
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
