"""Draw your own data (notebook 12): ``DataEditor``, whose points also go out to, and come in from, CSV files.

- ``DataEditor``: a click adds a point of the chosen class, a click on a point removes it; with the keyboard alone,
  the fields x1 and x2 and the button "add point" add one, "remove last" removes the last; buttons clear or load a
  preset. Every change re-trains (``logreg_core.gradient_descent``, once) and redraws the training view; what
  cannot be trained (no points, one class, ...) is said on the figure instead of raising. The points leave and
  enter as CSV files ``x1,x2,label`` (``logreg_viz.points_csv`` has the rules): ``save_csv`` and ``load_csv`` in
  code, an upload button and a download link in the widget. A file that breaks a rule is refused with a
  ``ValueError`` naming the problem and the line; in the widget the same message goes to the status line, and
  the points on screen stay as they were.

The data and the models (``make_dataset`` and its ``PRESETS`` in the ``WINDOW``, ``polynomial_features``) live in
``logreg_data``; the degree explorer and the static figures of polynomial features are in
``logreg_viz.polynomial``. The editor is a live view (``logreg_viz.live.LiveView``) that draws with
``logreg_viz.training.TrainingFigure``, the training view of notebooks 05-06. Importing this module changes no
global matplotlib state.
"""

from __future__ import annotations

import functools
import html
import textwrap
from pathlib import Path

import numpy as np
from matplotlib.backend_bases import MouseButton
from threadpoolctl import ThreadpoolController

import logreg_core
from logreg_data import PRESETS, WINDOW, make_dataset, polynomial_features
from logreg_viz.live import LiveView
from logreg_viz.points_csv import MAX_POINTS, download_link, points_from_csv, points_to_csv, read_points_csv
from logreg_viz.training import TrainingFigure

__all__ = ["CLASS_NAMES", "HIT_RADIUS_POINTS", "MAX_POINTS", "DataEditor"]

#: How the two classes look, in words (for messages): colours and markers of ``logreg_viz.style``.
CLASS_NAMES = ("class 0 (blue ●)", "class 1 (orange ■)")
#: A click closer than this to a point's centre (in typographic points, 1/72 inch) removes the point.
HIT_RADIUS_POINTS = 6.0


@functools.cache
def _blas_threads():
    return ThreadpoolController()  # finds the BLAS libraries once (the limits below then cost microseconds)


def one_blas_thread():
    """A context in which NumPy's BLAS uses one thread.

    A view's update multiplies small matrices (a 100 x 100 grid by at most 66 weights): more threads save
    microseconds on an idle machine, but cost tens of milliseconds when the cores are busy (a browser, the notebook
    server, another kernel), because every product waits for all its threads (measured: benchmarks/bench_draw.py).
    """
    return _blas_threads().limit(limits=1, user_api="blas")


# --------------------------------------------------------------------------------------------------------------
# The editor: draw points, re-train, redraw
# --------------------------------------------------------------------------------------------------------------
def _checked_points(X, y, window):
    """``X`` as float64 of shape (n_samples, 2) and ``y`` as int labels 0 or 1, copies; a ValueError says what is
    wrong (a shape, a label, a point outside ``window``, more than ``MAX_POINTS`` points)."""
    X, y = np.array(X, dtype=np.float64), np.asarray(y)
    if X.size == 0:
        X = X.reshape(0, 2)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2); got {X.shape}.")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), one label per point; got {y.shape}.")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only; got {np.unique(y)}.")
    if len(y) > MAX_POINTS:
        raise ValueError(f"{len(y)} points: the editor re-trains on every click and keeps up with at most "
                         f"{MAX_POINTS} points (MAX_POINTS); keep a sample of them.")
    (x_low, x_high), (y_low, y_high) = window
    outside = ~((X[:, 0] >= x_low) & (X[:, 0] <= x_high) & (X[:, 1] >= y_low) & (X[:, 1] <= y_high))
    if np.any(outside):
        i = int(np.argmax(outside))
        raise ValueError(f"point {i}, ({X[i, 0]:g}, {X[i, 1]:g}), lies outside the editor's window (x1 from "
                         f"{x_low:g} to {x_high:g}, x2 from {y_low:g} to {y_high:g}); scale or move the points "
                         "into it (NaN and inf are outside too).")
    return X, y.astype(int)


def _why_no_model(y):
    """Why a data set with labels y cannot be trained on (a message for the figure), or None if it can."""
    if len(y) == 0:
        return ("No points yet.\nClick in this panel, or type x1, x2\nabove, to add a point of the chosen\n"
                "class; or load a preset.")  # lines no wider than the panel
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
    """Draw a data set with the mouse or the keyboard, and watch logistic regression re-train on every change.

    Choose a class with the toggle above the figure; a click in the data panel adds a point of that class, a
    click on a point removes it. With the keyboard alone: type the point's coordinates in the fields x1 and x2 (the
    arrow keys step them by 0.1) and press the button "add point" (``add_typed_point``); "remove last" removes the
    point added last (``remove_last_point``); the status line says what was added or removed. The buttons clear
    everything or load a preset (``logreg_data.make_dataset``).
    After each change the model is trained again from zero weights: ``logreg_core.gradient_descent``, ``n_iter``
    updates at the safe learning rate 1/β, on the points or on their polynomial features (``degree`` > 1); the
    probability surface, the boundary and the loss curve are redrawn at once (``TrainingFigure``).

    The points go out and come in as CSV files ``x1,x2,label`` (the rules: ``logreg_viz.points_csv``): in code
    with ``save_csv`` and ``load_csv``; in the widget with the upload button (``upload``) and the download link
    (``download``, the file itself inside a ``data:`` link, refreshed on every change). A file that breaks a rule
    is refused: ``load_csv`` raises a ``ValueError`` that names the problem and the line, the upload button writes
    that message in the status line instead; either way the points stay as they were.

    What cannot be trained is said on the figure, not raised: no points, a single point, only one class. Points
    of both classes at the very same place are trained on, with a warning (no boundary can get both right).

    Parameters
    ----------
    X : array_like of shape (n_samples, 2) or None
        Points to start from (e.g. ``other_editor.data()[0]``), inside ``window``; ignored if ``preset`` is given.
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
        The data panel; every point lies inside it.
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
    label : ipywidgets.ToggleButtons, the class a click or "add point" adds.
    x1_field, x2_field : ipywidgets.BoundedFloatText, the coordinates "add point" adds at (inside ``window``).
    add_button : ipywidgets.Button, "add point": a point of the chosen class at (x1, x2).
    undo_button : ipywidgets.Button, "remove last": removes the last point.
    clear_button : ipywidgets.Button.
    preset_buttons : dict of ipywidgets.Button, one per preset.
    degree : ipywidgets.IntSlider, the control ``"degree"``.
    upload : ipywidgets.FileUpload, loads a points file.
    download : ipywidgets.HTML, a link that downloads the points as ``my_points.csv``.
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
        self.window = tuple(tuple(float(v) for v in limits) for limits in window)
        if preset is not None:
            X, y = make_dataset(preset, self.preset_size)
        self._X, self._y = _checked_points(np.empty((0, 2)) if X is None else X, np.empty(0) if y is None else y,
                                           self.window)
        self.history = self.features = self.learning_rate = self.accuracy = self.message = None
        self._note = None

        self.training_figure = TrainingFigure(
            self._X, self._y, None, figure=self.figure, title=title, xlim=self.window[0], ylim=self.window[1],
            resolution=resolution, loss_scale="linear",
        )
        self.figure.canvas.mpl_connect("button_press_event", self.on_click)

        self.label = widgets.ToggleButtons(
            options=[(name, k) for k, name in enumerate(CLASS_NAMES)],
            value=0,
            style={"button_width": "150px"},
            tooltips=["a click in the data panel, or 'add point', adds a point of class 0",
                      "a click in the data panel, or 'add point', adds a point of class 1"],
        )
        (x_low, x_high), (y_low, y_high) = self.window
        self.x1_field, self.x2_field = (
            widgets.BoundedFloatText(value=round((low + high) / 2, 6), min=low, max=high, step=0.1, description=name,
                                     tooltip=f"{name} of the next point 'add point' adds, from {low:g} to {high:g} "
                                             "(the arrow keys step by 0.1)",
                                     style={"description_width": "initial"}, layout=widgets.Layout(width="110px"))
            for name, low, high in (("x1", x_low, x_high), ("x2", y_low, y_high)))
        self.add_button = widgets.Button(description="add point", icon="plus",
                                         tooltip="add a point of the chosen class at (x1, x2)")
        self.add_button.on_click(lambda _: self.add_typed_point())
        self.undo_button = widgets.Button(description="remove last", icon="undo",
                                          tooltip="remove the point added last")
        self.undo_button.on_click(lambda _: self.remove_last_point())
        self.clear_button = widgets.Button(description="clear", icon="trash", tooltip="remove every point")
        self.clear_button.on_click(lambda _: self.clear())
        self.preset_buttons = {}
        for name in PRESETS:
            button = widgets.Button(description=name, tooltip=f"replace the points by the {name!r} preset",
                                    layout=widgets.Layout(width="110px"))
            button.on_click(lambda _, name=name: self.load_preset(name))
            self.preset_buttons[name] = button
        self.upload = widgets.FileUpload(
            accept=".csv,.txt,text/csv,text/plain", multiple=False, description="upload a CSV",
            tooltip=f"replace the points by those of a file x1,x2,label (at most {MAX_POINTS} points)",
            layout=widgets.Layout(width="150px"),
        )
        self.upload.observe(self._on_upload, names="value")
        self.download = widgets.HTML()
        self.degree = widgets.IntSlider(
            value=degree, min=1, max=max(max_degree, degree), description="polynomial degree",
            style={"description_width": "initial"}, continuous_update=False, layout=widgets.Layout(width="360px"),
        )
        self.start({"degree": self.degree}, moving=self.training_figure.moving_artists(), rows=[
            [widgets.Label("new points are:"), self.label, self.clear_button],
            [widgets.Label("click the figure, or type:"), self.x1_field, self.x2_field, self.add_button,
             self.undo_button],
            [widgets.Label("load a preset:"), *self.preset_buttons.values()],
            [widgets.Label("your points:"), self.upload, self.download],
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
        """Replace every point by ``X`` (shape (n_samples, 2), inside the window, at most ``MAX_POINTS``) with
        labels ``y`` (0 or 1), re-train and redraw. A ValueError says what is wrong, and changes nothing."""
        self._X, self._y = _checked_points(X, y, self.window)
        self.refresh()

    def add_point(self, x1, x2, label):
        """Add the point (x1, x2) with label 0 or 1, re-train and redraw."""
        self.set_points(np.vstack([self._X, [x1, x2]]), np.append(self._y, int(label)))

    def remove_point(self, index):
        """Remove the point number ``index`` (in the order of ``X``), re-train and redraw."""
        self.set_points(np.delete(self._X, index, axis=0), np.delete(self._y, index))

    def add_typed_point(self):
        """The button "add point": add a point of the chosen class (``label``) at the fields' (x1, x2), re-train,
        redraw, and say in the status line what was added (or, beyond ``MAX_POINTS``, that nothing was)."""
        x1, x2, label = float(self.x1_field.value), float(self.x2_field.value), int(self.label.value)
        if self._refuse_beyond_max_points():
            return
        self._note = f"added a point of {CLASS_NAMES[label]} at ({x1:g}, {x2:g})"
        self.add_point(x1, x2, label)

    def remove_last_point(self):
        """The button "remove last": remove the last point of ``X`` (the one added last), re-train, redraw, and say
        in the status line which point went (or that there is none)."""
        if len(self._y) == 0:
            self._note = "⚠ no point to remove"
            self.refresh(redraw=False)
            return
        (x1, x2), label = self._X[-1], int(self._y[-1])
        self._note = f"removed the last point, of {CLASS_NAMES[label]} at ({x1:g}, {x2:g})"
        self.remove_point(len(self._y) - 1)

    def _refuse_beyond_max_points(self):
        """True (and the status line says why) if the editor already holds ``MAX_POINTS`` points."""
        if len(self._y) < MAX_POINTS:
            return False
        self._note = (f"⚠ no point added: the editor holds at most {MAX_POINTS} points (it re-trains on every "
                      "click); remove some first")
        self.refresh(redraw=False)
        return True

    def clear(self):
        """Remove every point."""
        self.set_points(np.empty((0, 2)), np.empty(0, dtype=int))

    def load_preset(self, name):
        """Replace the points by ``make_dataset(name, n_samples=preset_size)`` (fixed seed)."""
        self.set_points(*make_dataset(name, self.preset_size))

    # -- files ------------------------------------------------------------------------------------------------
    def save_csv(self, path):
        """Write the points to ``path`` as a points file: the header ``x1,x2,label``, then one line per point, each
        coordinate written exactly (``load_csv`` gives back the very same points).

        Raises ValueError while there are no points (a file of a header only is not a points file).
        """
        if len(self._y) == 0:
            raise ValueError("there are no points to save; draw some or load a preset first.")
        Path(path).write_text(points_to_csv(self._X, self._y), encoding="utf-8", newline="\n")

    def load_csv(self, path):
        """Replace the points by those of the points file at ``path`` (see ``logreg_viz.points_csv``), re-train and
        redraw.

        Raises
        ------
        ValueError
            (a ``PointsFileError``) naming the problem, and the line where there is one; the points stay as they
            were.
        """
        X, y = read_points_csv(path, window=self.window)
        self._note = f"loaded {len(y)} points from {html.escape(Path(path).name)}"
        self.set_points(X, y)

    def _on_upload(self, change):
        """The upload button's handler: load the file, or say in the status line why not (never raises)."""
        if not change["new"]:
            return  # the value cleared below
        uploaded = change["new"][0]
        name = str(uploaded["name"])
        try:
            X, y = points_from_csv(bytes(uploaded["content"]), name=name, window=self.window)
        except ValueError as error:
            self._note = f"⚠ <b>not loaded</b>, the points are unchanged: {html.escape(str(error), quote=False)}"
            self.refresh(redraw=False)
        else:
            self._note = f"loaded {len(y)} points from {html.escape(name)}"
            self.set_points(X, y)
        finally:
            self.upload.value = ()  # so that the same file can be chosen again

    # -- the mouse (the keyboard's way: add_typed_point, remove_last_point) --------------------------------
    def on_click(self, event):
        """Matplotlib's ``button_press_event`` handler: a left click adds a point, or removes the one it hits.

        Clicks outside the data panel, with another button, or the second press of a double click are ignored; so
        is a click that would add a point beyond ``MAX_POINTS`` (the status line says so).
        """
        if event.inaxes is not self.training_figure.ax_data or event.xdata is None or event.ydata is None:
            return
        if event.button != MouseButton.LEFT or getattr(event, "dblclick", False):
            return
        index = self.point_at(event.xdata, event.ydata)
        if index is not None:
            self.remove_point(index)
        elif not self._refuse_beyond_max_points():
            (x_low, x_high), (y_low, y_high) = self.window
            self.add_point(min(max(event.xdata, x_low), x_high), min(max(event.ydata, y_low), y_high),
                           self.label.value)

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
        and move the artists; never raises for any data. A note (a file loaded or refused) leads the status once."""
        with one_blas_thread():
            text = self._retrain(degree)
        self.download.value = download_link(self._X, self._y)
        note, self._note = self._note, None
        return text if note is None else f"{note}<br>{text}"

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
