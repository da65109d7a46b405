"""More than two classes, drawn: decision regions and class probabilities of 2-D data with three classes
(notebook 11).

A classifier with K classes splits the plane into K regions, one per predicted class. For a linear model
(one-vs-rest or softmax regression) each region is bounded by straight lines. This module draws them:

``MULTICLASS_COLORS``          class 0 and class 1 keep the series' colours; class 2 is Okabe-Ito bluish green
``plot_multiclass``            scatter the samples, colour and marker by class
``plot_samples``               the same as a figure of its own, titled, labelled, with a legend
``draw_decision_regions``      shade the plane by the class a model predicts there, on an axes you pass
``draw_linear_boundaries``     the lines w . x + b = 0 of several linear scores (e.g. one-vs-rest's binary ones)
``plot_decision_regions``      regions + samples (+ lines), titled and labelled, on one axes
``compare_decision_regions``   the same, side by side for several models, on shared axes
``plot_class_probabilities``   P(class k | x) over the plane: one row per model, one panel per class
``first_step_with_region``     the first step of a recorded training run at which a class wins somewhere in view
``region_shares``              how much of the view each class's region covers
``TrainingRegionsExplorer``    a step slider (with Play) replaying gradient descent of a linear multiclass model:
                               the regions and the loss curve move together

Models are passed as a ``predict`` callable (``X`` of shape (m, 2) to labels 0..K-1 of shape (m,)) or any object
with a ``predict`` method, e.g. a fitted scikit-learn estimator. The regions are an image computed on a grid,
so a slider only replaces the image's data (``set_data``) and redraws what moved. Nothing here changes
matplotlib's global state.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, ListedColormap

from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, CLASS_COLORS, CLASS_MARKERS, label_axes

__all__ = [
    "MULTICLASS_COLORS",
    "MULTICLASS_MARKERS",
    "plot_multiclass",
    "plot_samples",
    "region_grid",
    "draw_decision_regions",
    "draw_linear_boundaries",
    "plot_decision_regions",
    "compare_decision_regions",
    "plot_class_probabilities",
    "first_step_with_region",
    "region_shares",
    "TrainingRegionsExplorer",
]

#: Okabe-Ito blue (class 0), orange (class 1), bluish green (class 2): distinguishable with the common
#: colour-vision deficiencies; the markers carry the class in grey-scale print too.
MULTICLASS_COLORS = (CLASS_COLORS[0], CLASS_COLORS[1], ACCENT_COLORS[1])
MULTICLASS_MARKERS = (CLASS_MARKERS[0], CLASS_MARKERS[1], "^")
#: Opacity of the shaded regions: light enough for the samples on top to stand out.
REGION_ALPHA = 0.28


def _check_2d(X, y=None):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"Decision regions are drawn in the plane: X must have shape (n_samples, 2); got {X.shape}.")
    if y is None:
        return X
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), one label per sample; got {y.shape}.")
    if y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= len(MULTICLASS_COLORS):
        raise ValueError(
            f"y must hold integer labels 0..{len(MULTICLASS_COLORS) - 1}; got {np.unique(y)[:5]}. "
            "Encode them first, e.g. with sklearn.preprocessing.LabelEncoder."
        )
    return X, y


def _as_predict(model):
    predict = getattr(model, "predict", model)
    if not callable(predict):
        raise TypeError(f"Expected a predict function or a fitted model with .predict; got {type(model).__name__}.")
    return predict


def plot_multiclass(ax, X, y, labels=None, **scatter_kwargs):
    """Scatter 2-D samples coloured and shaped by their label 0, 1 or 2; returns one PathCollection per class.

    Parameters
    ----------
    ax : matplotlib Axes
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,)
        Labels 0..K-1 with K <= 3.
    labels : sequence of str or None
        Legend entry of each class; by default "class 0", "class 1", ...
    """
    X, y = _check_2d(X, y)
    n_classes = int(y.max()) + 1
    labels = labels or [f"class {k}" for k in range(n_classes)]
    kwargs = {"s": 34, "edgecolors": "white", "linewidths": 0.6, "zorder": 3} | scatter_kwargs
    return [
        ax.scatter(X[y == k, 0], X[y == k, 1], c=MULTICLASS_COLORS[k], marker=MULTICLASS_MARKERS[k],
                   label=labels[k], **kwargs)
        for k in range(n_classes)
    ]


def plot_samples(X, y, *, labels=None, title="Samples by class", xlabel="feature 1", ylabel="feature 2",
                 figsize=(5.5, 4.5)):
    """The samples alone, coloured and shaped by class, in a figure of their own (titled, labelled, a legend).

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,), labels 0..K-1 with K <= 3
    labels : sequence of str or None, class names.
    title, xlabel, ylabel : str
    figsize : pair of float

    Returns
    -------
    figure : matplotlib Figure (pyplot's)
    """
    figure = new_figure(figsize, canvas="pyplot")
    ax = figure.subplots()
    plot_multiclass(ax, X, y, labels)
    label_axes(ax, title, xlabel, ylabel)
    ax.legend(loc="upper left", title="class" if labels is None else None)
    return figure


def region_grid(X, resolution=300, padding=0.08):
    """A regular grid covering the samples with a margin, for computing decision regions.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    resolution : int, default=300
        Grid points along each axis.
    padding : float, default=0.08
        Margin on each side, as a fraction of the data's range.

    Returns
    -------
    points : ndarray of shape (resolution**2, 2)
        The grid points, row by row from the bottom (the order ``imshow(origin="lower")`` expects).
    extent : tuple of 4 floats
        (x_min, x_max, y_min, y_max), for ``imshow`` and the axes limits.
    """
    X = _check_2d(X)
    low, high = X.min(axis=0), X.max(axis=0)
    margin = padding * np.maximum(high - low, 1e-12)
    low, high = low - margin, high + margin
    xs = np.linspace(low[0], high[0], resolution)
    ys = np.linspace(low[1], high[1], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return points, (low[0], high[0], low[1], high[1])


def _region_cmap(n_classes):
    return ListedColormap(MULTICLASS_COLORS[:n_classes], name=f"regions_{n_classes}")


def draw_decision_regions(ax, model, X, n_classes=3, resolution=300, padding=0.08):
    """Shade the plane by the class ``model`` predicts at each point.

    Parameters
    ----------
    ax : matplotlib Axes
    model : callable or object with ``predict``
        Maps points of shape (m, 2) to labels 0..n_classes-1 of shape (m,).
    X : array_like of shape (n_samples, 2)
        The samples the view must cover.
    n_classes : int, default=3
    resolution : int, default=300
    padding : float, default=0.08

    Returns
    -------
    image : matplotlib AxesImage
        Update it with ``image.set_data(labels.reshape(resolution, resolution))``.
    """
    points, extent = region_grid(X, resolution, padding)
    regions = np.asarray(_as_predict(model)(points)).reshape(resolution, resolution)
    image = ax.imshow(regions, origin="lower", extent=extent, cmap=_region_cmap(n_classes), vmin=-0.5,
                      vmax=n_classes - 0.5, alpha=REGION_ALPHA, interpolation="nearest", aspect="auto", zorder=0)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    return image


def draw_linear_boundaries(ax, coef, intercept, colors=None, labels=None, **line_kwargs):
    """Draw the lines ``coef[k] @ x + intercept[k] = 0`` across the current view of ``ax``.

    For one-vs-rest these are the binary boundaries "class k or not" (probability 1/2 of each binary model).

    Parameters
    ----------
    ax : matplotlib Axes
        Its limits must already be set (e.g. by ``draw_decision_regions``).
    coef : array_like of shape (n_lines, 2)
    intercept : array_like of shape (n_lines,)
    colors : sequence of colours or None
        One per line; by default the class colours in order.
    labels : sequence of str or None
        Legend entries, one per line.

    Returns
    -------
    lines : list of Line2D
    """
    coef = np.asarray(coef, dtype=np.float64)
    intercept = np.asarray(intercept, dtype=np.float64).ravel()
    if coef.ndim != 2 or coef.shape[1] != 2 or intercept.shape != (coef.shape[0],):
        raise ValueError(
            f"coef must have shape (n_lines, 2) and intercept (n_lines,); got {coef.shape} and {intercept.shape}."
        )
    colors = colors or MULTICLASS_COLORS
    (x_min, x_max), (y_min, y_max) = ax.get_xlim(), ax.get_ylim()
    kwargs = {"linewidth": 2.2, "linestyle": "--", "zorder": 2} | line_kwargs
    lines = []
    for k, ((w1, w2), b) in enumerate(zip(coef, intercept)):
        if abs(w2) >= abs(w1):  # the line is closer to horizontal: solve for the second coordinate
            xs = np.array([x_min, x_max])
            ys = -(b + w1 * xs) / w2
        else:
            ys = np.array([y_min, y_max])
            xs = -(b + w2 * ys) / w1
        label = labels[k] if labels is not None else None
        lines.extend(ax.plot(xs, ys, color=colors[k % len(colors)], label=label, **kwargs))
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    return lines


def plot_decision_regions(ax, model, X, y, *, labels=None, title="Decision regions", xlabel="feature 1",
                          ylabel="feature 2", boundaries=None, boundary_labels=None, resolution=300,
                          legend=True):
    """Decision regions of ``model`` with the samples on top (and optionally linear boundaries), on ``ax``.

    Parameters
    ----------
    ax : matplotlib Axes
    model : callable or object with ``predict``
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,)
    labels : sequence of str or None
        Class names for the legend.
    title, xlabel, ylabel : str
    boundaries : pair (coef of shape (n_lines, 2), intercept of shape (n_lines,)) or None
        Lines to draw on top, see ``draw_linear_boundaries``.
    boundary_labels : sequence of str or None
    resolution : int, default=300
    legend : bool, default=True

    Returns
    -------
    image : AxesImage
    """
    X, y = _check_2d(X, y)
    n_classes = int(y.max()) + 1
    image = draw_decision_regions(ax, model, X, n_classes=n_classes, resolution=resolution)
    if boundaries is not None:
        draw_linear_boundaries(ax, *boundaries, labels=boundary_labels)
    plot_multiclass(ax, X, y, labels)
    label_axes(ax, title, xlabel, ylabel)
    if legend:
        ax.legend(loc="upper left", fontsize=9, framealpha=0.9)
    return image


def compare_decision_regions(models, X, y, *, labels=None, xlabel="feature 1", ylabel="feature 2",
                             boundaries=None, boundary_labels=None, suptitle=None, resolution=300, ncols=None,
                             panel_size=(5.4, 5.0)):
    """Decision regions of several models side by side, on shared axes (legend in the first panel).

    Parameters
    ----------
    models : dict of str to (callable or object with ``predict``)
        Panel title -> model, in order from left to right.
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,)
    labels : sequence of str or None
        Class names.
    xlabel, ylabel : str
    boundaries : dict of str to (coef, intercept) or None
        Lines drawn on the panel with that title (see ``draw_linear_boundaries``).
    boundary_labels : dict of str to sequence of str or None
    suptitle : str or None
    resolution : int, default=300
    ncols : int or None
        Panels per row; by default all in one row.
    panel_size : pair of float, default=(5.4, 5.0)
        Width and height of one panel in inches.

    Returns
    -------
    fig : matplotlib Figure
    """
    boundaries = boundaries or {}
    boundary_labels = boundary_labels or {}
    ncols = ncols or len(models)
    nrows = -(-len(models) // ncols)
    fig = new_figure((panel_size[0] * ncols, panel_size[1] * nrows), canvas="pyplot")
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    for index, (ax, (title, model)) in enumerate(zip(axes.ravel(), models.items())):
        plot_decision_regions(ax, model, X, y, labels=labels, title=title, xlabel=xlabel, ylabel=ylabel,
                              boundaries=boundaries.get(title), boundary_labels=boundary_labels.get(title),
                              resolution=resolution, legend=index == 0)
    for ax in axes.ravel()[len(models):]:
        ax.set_visible(False)
    if suptitle:
        fig.suptitle(suptitle, fontsize=13)
    return fig


def _probability_cmap(k):
    """White at probability 0, class ``k``'s colour at probability 1, in ten bands of 0.1 (readable by eye, and a
    fraction of the size of a smooth picture in a stored notebook)."""
    return LinearSegmentedColormap.from_list(f"p_class{k}", ["#FFFFFF", MULTICLASS_COLORS[k]], N=10)


def plot_class_probabilities(models, X, y, *, labels=None, xlabel="feature 1", ylabel="feature 2",
                             suptitle=None, resolution=200, levels=(0.1, 0.5, 0.9), panel_size=(3.6, 3.3)):
    """The probability of each class over the plane, as a picture: one row per model, one panel per class.

    Panel (row m, column k) shades P(class k | x) under model m from white (0) to class k's colour (1) in bands of
    0.1, with labelled contour lines at ``levels``, and the samples on top. The argmax regions show only which class
    is most probable; these panels show how probable it is, and where a model is unsure.

    Parameters
    ----------
    models : dict of str to callable
        Row title -> ``predict_proba``: points of shape (m, 2) to probabilities of shape (m, n_classes), rows
        summing to 1 (e.g. a fitted estimator's ``predict_proba``).
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,), labels 0..n_classes-1
    labels : sequence of str or None, class names.
    xlabel, ylabel : str
    suptitle : str or None
    resolution : int, default=200, grid points a side.
    levels : sequence of float, the contour lines drawn and labelled.
    panel_size : pair of float, inches per panel.

    Returns
    -------
    figure : matplotlib Figure (pyplot's)
    """
    X, y = _check_2d(X, y)
    n_classes = int(y.max()) + 1
    labels = labels or [f"class {k}" for k in range(n_classes)]
    points, extent = region_grid(X, resolution)
    figure = new_figure((panel_size[0] * n_classes + 0.4, panel_size[1] * len(models) + 1.0), canvas="pyplot")
    axes = figure.subplots(len(models), n_classes, sharex=True, sharey=True, squeeze=False)
    xs, ys = np.linspace(extent[0], extent[1], resolution), np.linspace(extent[2], extent[3], resolution)
    for row, (title, predict_proba) in zip(axes, models.items()):
        probabilities = np.asarray(predict_proba(points), dtype=np.float64)
        if probabilities.shape != (len(points), n_classes):
            raise ValueError(f"{title!r}: predict_proba must return shape (m, {n_classes}); got "
                             f"{probabilities.shape}.")
        for k, ax in enumerate(row):
            p = probabilities[:, k].reshape(resolution, resolution)
            ax.imshow(p, origin="lower", extent=extent, cmap=_probability_cmap(k), vmin=0.0, vmax=1.0,
                              interpolation="nearest", aspect="auto", zorder=0)
            lines = ax.contour(xs, ys, p, levels=list(levels), colors="black", linewidths=0.8, zorder=1)
            ax.clabel(lines, fmt="%.1f", fontsize=8)
            plot_multiclass(ax, X, y, labels, s=16, edgecolors="black", linewidths=0.4)  # visible on any shade
            label_axes(ax, f"{title}\nP({labels[k]} | x)", xlabel, ylabel if k == 0 else "")
            ax.title.set_fontsize("medium")
    for k in range(n_classes):
        figure.colorbar(axes[-1][k].images[0], ax=axes[:, k], orientation="horizontal", fraction=0.05, pad=0.02,
                        aspect=25).set_label(f"P({labels[k]} | x)")
    if suptitle:
        figure.suptitle(suptitle, fontsize=13)
    handles, names = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncol=n_classes, fontsize="small")
    return figure


def first_step_with_region(weights_history, X, k, *, resolution=200, padding=0.08):
    """The first step of a recorded run at which class ``k`` wins somewhere in view, or None if it never does.

    "In view" is the grid of ``region_grid(X, resolution, padding)``, the grid that ``TrainingRegionsExplorer``
    shows with the same resolution: the step at which its region first appears there.

    Parameters
    ----------
    weights_history : array_like of shape (n_steps + 1, 3, n_classes)
        The weights before training and after each step (intercepts in row 0); the model predicts
        ``argmax_k`` of the scores.
    X : array_like of shape (n_samples, 2)
    k : int, the class.
    resolution, padding : the grid, as in ``region_grid``.

    Returns
    -------
    step : int or None
    """
    weights_history = np.asarray(weights_history, dtype=np.float64)
    grid_b = _with_intercept(region_grid(X, resolution, padding)[0])
    for step, W in enumerate(weights_history):
        if np.any(np.argmax(grid_b @ W, axis=1) == k):
            return step
    return None


def region_shares(W, X, *, resolution=200, padding=0.08):
    """The share of the view that each class's region covers under the weights ``W``.

    Parameters
    ----------
    W : array_like of shape (3, n_classes)
        Intercepts in row 0; the model predicts ``argmax`` of the scores.
    X : array_like of shape (n_samples, 2), the samples the view covers (``region_grid``).
    resolution, padding : the grid, as in ``region_grid``.

    Returns
    -------
    shares : ndarray of shape (n_classes,), summing to 1
    """
    W = np.asarray(W, dtype=np.float64)
    grid_b = _with_intercept(region_grid(X, resolution, padding)[0])
    return np.bincount(np.argmax(grid_b @ W, axis=1), minlength=W.shape[1]) / len(grid_b)


def _with_intercept(points):
    return np.column_stack([np.ones(points.shape[0]), points])


class TrainingRegionsExplorer(LiveView):
    """Replay gradient descent of a linear multiclass model: a step slider (with Play) moves its regions and
    a marker on its loss curve.

    The model predicts ``argmax_k (X_b @ W)[:, k]``, with ``X_b`` the points with a leading column of ones and
    ``W`` of shape (3, n_classes) (intercepts in row 0): softmax regression, and also one-vs-rest with its
    binary weights as columns. The figure is built once (a ``LiveView``); a step only recomputes the labels on the
    grid (one small matrix product), calls ``set_data`` on the image and the marker, and redraws only those
    (blitting). End a cell with the explorer to show it.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,)
    weights_history : array_like of shape (n_steps + 1, 3, n_classes)
        The weights before training and after each step.
    losses : array_like of shape (n_steps + 1,)
    labels : sequence of str or None
        Class names.
    xlabel, ylabel : str
    resolution : int, default=200
    step : int or None
        The starting step; by default the last one.
    interactive : bool or None
        See ``LiveView``.

    Attributes
    ----------
    figure : matplotlib Figure
    slider : ipywidgets.IntSlider, the control ``"step"``
    play : ipywidgets.Play
        Linked to the slider in the browser (``jslink``), so it runs even without a kernel.
    """

    def __init__(self, X, y, weights_history, losses, *, labels=None, xlabel="feature 1", ylabel="feature 2",
                 resolution=200, step=None, interactive=None):
        import ipywidgets as widgets  # only the controls need ipywidgets

        super().__init__((9.6, 4.4), interactive=interactive)

        self.X, self.y = _check_2d(X, y)
        self.weights_history = np.asarray(weights_history, dtype=np.float64)
        self.losses = np.asarray(losses, dtype=np.float64)
        if self.weights_history.ndim != 3 or self.weights_history.shape[1] != 3:
            raise ValueError(
                "weights_history must have shape (n_steps + 1, 3, n_classes): intercept and two weights per class; "
                f"got {self.weights_history.shape}."
            )
        if self.losses.shape != self.weights_history.shape[:1]:
            raise ValueError(f"losses must have one entry per row of weights_history; got {self.losses.shape}.")
        self.n_steps = self.weights_history.shape[0] - 1
        self.n_classes = self.weights_history.shape[2]
        self.resolution = resolution
        points, extent = region_grid(self.X, resolution)
        self.grid_b = _with_intercept(points)

        self.regions_ax, self.loss_ax = self.figure.subplots(1, 2, width_ratios=(1.1, 1.0))
        self.image = self.regions_ax.imshow(
            np.zeros((resolution, resolution)), origin="lower", extent=extent, cmap=_region_cmap(self.n_classes),
            vmin=-0.5, vmax=self.n_classes - 0.5, alpha=REGION_ALPHA, interpolation="nearest", aspect="auto")
        self.points = plot_multiclass(self.regions_ax, self.X, self.y, labels)
        label_axes(self.regions_ax, "Decision regions", xlabel, ylabel)
        self.regions_ax.legend(loc="upper left", fontsize=9, framealpha=0.9)

        self.loss_ax.plot(np.arange(self.n_steps + 1), self.losses, color=ACCENT_COLORS[2], linewidth=2,
                          label="training loss")
        self.loss_marker, = self.loss_ax.plot([], [], "o", color=BOUNDARY_COLOR, markersize=8, label="current step")
        label_axes(self.loss_ax, "Loss during training", "gradient-descent step", "cross-entropy loss")
        self.loss_ax.legend(loc="upper right")
        self.headline = self.figure.suptitle("After 0000 steps: loss 0.000, training accuracy 0.000", fontsize=13)
        start = self.n_steps if step is None else step
        self.slider = widgets.IntSlider(value=start, min=0, max=self.n_steps, description="step",
                                        continuous_update=True, layout=widgets.Layout(width="520px"))
        self.play = widgets.Play(value=start, min=0, max=self.n_steps, step=max(1, self.n_steps // 150),
                                 interval=60, description="play")
        widgets.jslink((self.play, "value"), (self.slider, "value"))
        # A step moves these (and what a full draw paints above them); the rest is a saved background.
        self.start({"step": self.slider}, rows=[[self.play, self.slider]], moving=[
            self.image, *self.points, self.regions_ax.get_legend(), *self.regions_ax.spines.values(),
            self.loss_marker, self.loss_ax.get_legend(), self.headline,
        ])

    def predict_at(self, step, points):
        """Labels that the weights after ``step`` steps give to ``points`` of shape (m, 2)."""
        return np.argmax(_with_intercept(np.asarray(points, dtype=np.float64)) @ self.weights_history[step], axis=1)

    def move_artists(self, step):
        """Show the model after ``step`` updates: its regions, and its point on the loss curve."""
        step = int(step)
        weights = self.weights_history[step]
        regions = np.argmax(self.grid_b @ weights, axis=1).reshape(self.resolution, self.resolution)
        self.image.set_data(regions)
        self.loss_marker.set_data([step], [self.losses[step]])
        accuracy = float(np.mean(self.predict_at(step, self.X) == self.y))
        self.accuracy = accuracy
        self.headline.set_text(f"After {step} steps: loss {self.losses[step]:.3f}, training accuracy {accuracy:.3f}")
        return (f"step {step} of {self.n_steps}: loss {self.losses[step]:.3f}, training accuracy {accuracy:.1%}, "
                f"{len(np.unique(regions))} of {self.n_classes} classes have a region in view")
