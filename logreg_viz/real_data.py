"""Real data, drawn: the figures of the breast-cancer lesson (notebook 08) and of the penalty lesson (notebook 09).

``plot_feature_scales``    every feature's values on one logarithmic axis, by class: sizes differ by powers of ten
``plot_loss_curves``       loss curves on a logarithmic loss axis, with the steps where early stopping stops
``plot_calibration``       scikit-learn's ``CalibrationDisplay`` for held-out probabilities, with how many fall
                           in each bin
``plot_coefficient_path``  every weight against scikit-learn's C (and our alpha = 1/(C n)), our own fits as circles
``plot_boundary_display``  a two-feature model drawn by scikit-learn's ``DecisionBoundaryDisplay``, with the data

Each function computes nothing the lesson teaches: it draws what the notebook computed, and returns the figure
(a still picture: a notebook shows it when a cell ends with the call). Class 0 is blue circles, class 1 orange
squares, as everywhere in the series. Nothing here changes matplotlib's global state.
"""

from __future__ import annotations

import numpy as np

from logreg_viz.figures import new_figure
from logreg_viz.style import (
    ACCENT_COLORS,
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_MARKERS,
    PROBABILITY_CMAP,
    label_axes,
    plot_classes,
)

__all__ = [
    "plot_feature_scales",
    "plot_loss_curves",
    "plot_calibration",
    "plot_coefficient_path",
    "plot_boundary_display",
]

_MUTED = "0.72"  # grey of the lines that are context, not the story


def _labels_01(y, name="y"):
    y = np.asarray(y)
    if y.ndim != 1 or not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{name} must be a 1-D array of labels 0 and 1; got shape {y.shape}, "
                         f"values {np.unique(y)[:5]}.")
    return y.astype(int)


# ----------------------------------------------------------------------------------------------------------------
# Notebook 08: the features, the loss curves, the calibration
# ----------------------------------------------------------------------------------------------------------------
def plot_feature_scales(X, y, feature_names, *, class_names=("class 0", "class 1"), seed=1):
    """Every feature's values on one logarithmic axis, one row per feature (smallest spread at the bottom).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features), raw (unscaled) features
    y : array_like of shape (n_samples,), labels 0 and 1 (class 0 blue circles, class 1 orange squares)
    feature_names : sequence of str of length n_features
    class_names : pair of str, the legend's names of class 0 and class 1
    seed : int, default=1
        Seed of the vertical jitter that keeps the points of a row apart.

    Returns
    -------
    figure : matplotlib Figure
    """
    X = np.asarray(X, dtype=np.float64)
    y = _labels_01(y)
    if X.ndim != 2 or X.shape[0] != y.size or X.shape[1] != len(feature_names):
        raise ValueError(f"X must have shape (len(y), len(feature_names)) = ({y.size}, {len(feature_names)}); "
                         f"got {X.shape}.")
    order = np.argsort(X.std(axis=0))  # the smallest spread first, at the bottom
    jitter = np.random.default_rng(seed).uniform(-0.3, 0.3, size=y.size)
    figure = new_figure((9.0, 0.26 * X.shape[1] + 1.6))
    ax = figure.subplots()
    for label in (0, 1):  # one scatter per class: every feature's row at once
        values = X[y == label][:, order]  # column r: the feature of row r
        rows = np.arange(order.size) + jitter[y == label][:, None]
        shown = values > 0  # a logarithmic axis cannot show 0
        ax.scatter(values[shown], rows[shown], s=4, alpha=0.35, color=CLASS_COLORS[label],
                   marker=CLASS_MARKERS[label], linewidths=0, label=class_names[label])
    n_zeros = int(np.count_nonzero(X <= 0))
    ax.set_xscale("log")
    ax.set_yticks(range(len(order)), [feature_names[j] for j in order], fontsize=8)
    ax.set_ylim(-0.8, len(order) - 0.2)
    zeros = f"; the {n_zeros} values that are 0 cannot be shown" if n_zeros else ""
    label_axes(ax, "Each feature's values: their sizes differ by powers of ten",
               f"feature value (log scale{zeros})", "feature (largest spread at the top)")
    ax.legend(title="diagnosis", markerscale=3, loc="lower right")
    return figure


def plot_loss_curves(curves, *, stops=None, title="Training loss, step by step"):
    """Loss curves on a logarithmic loss axis, with the steps where early stopping would stop.

    Parameters
    ----------
    curves : dict of {str: array_like of shape (n_steps + 1,)}
        Legend label -> the loss before training and after every step (``GDResult.losses``, ``loss_curve_``).
        The first curve is drawn thin (a run that jumps about), the others thick.
    stops : dict of {str: int} or None
        Legend label -> a step of the LAST curve, marked on it (e.g. where a ``tol`` stops training).
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    if not curves:
        raise ValueError("curves is empty: pass at least one {label: losses} pair.")
    figure = new_figure((10.5, 4.4))
    ax = figure.subplots()
    for k, (label, losses) in enumerate(curves.items()):
        losses = np.asarray(losses, dtype=np.float64)
        ax.plot(losses, color=ACCENT_COLORS[k % len(ACCENT_COLORS)], linewidth=0.6 if k == 0 else 2.2,
                alpha=0.8 if k == 0 else 1.0, label=label)
    last = np.asarray(list(curves.values())[-1], dtype=np.float64)
    for (label, step), marker in zip((stops or {}).items(), ("o", "s", "D", "^", "v")):
        if not 0 <= step < last.size:
            raise ValueError(f"stops[{label!r}] = {step} is not a step of the last curve (0 to {last.size - 1}).")
        ax.plot(step, last[step], marker, color=BOUNDARY_COLOR, markersize=7, label=f"{label} (step {step})")
    ax.axhline(np.log(2), color=BOUNDARY_COLOR, linestyle=":", linewidth=1, label=r"start: $\log 2$ (every p = ½)")
    ax.set_yscale("log")
    label_axes(ax, title, "gradient-descent step", "loss (log scale)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure


def plot_calibration(groups, *, n_bins=5, positive_name="class 1",
                     title="Do the probabilities mean what they say?"):
    """scikit-learn's reliability diagram (``CalibrationDisplay``) of held-out probabilities, one curve per group,
    above a histogram of how many samples fall in each bin.

    Parameters
    ----------
    groups : dict of {str: (y, p)}
        Legend label -> the true labels (0 or 1) and the predicted probabilities of class 1, on samples the model
        did not train on (a test set, or cross-validated predictions).
    n_bins : int, default=5
        Equal-width bins of the probability; each point is a bin: the mean predicted probability in it against
        the fraction of class 1 among its samples.
    positive_name : str
        What class 1 is, for the axis labels.
    title : str

    Returns
    -------
    figure : matplotlib Figure
        Two axes: the reliability diagram (``figure.axes[0]``) and the counts per bin.
    """
    from sklearn.calibration import CalibrationDisplay

    if not groups:
        raise ValueError("groups is empty: pass at least one {label: (y, p)} pair.")
    figure = new_figure((7.2, 7.0))
    ax, ax_counts = figure.subplots(2, 1, height_ratios=(2.3, 1), sharex=True)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    width = (edges[1] - edges[0]) / (len(groups) + 1)
    for k, (label, (y, p)) in enumerate(groups.items()):
        y, p = _labels_01(y, f"the labels of {label!r}"), np.asarray(p, dtype=np.float64)
        color = ACCENT_COLORS[(k + 1) % len(ACCENT_COLORS)]
        CalibrationDisplay.from_predictions(y, p, n_bins=n_bins, ax=ax, name=f"{label} ({y.size} samples)",
                                            color=color, marker="os^D"[k % 4], linewidth=2, markersize=7,
                                            ref_line=k == 0)
        counts, _ = np.histogram(p, bins=edges)
        ax_counts.bar(edges[:-1] + (k + 0.5) * width, counts, width=width, align="edge", color=color,
                      label=label)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("auto")
    label_axes(ax, title, "", f"fraction that is actually {positive_name}")
    ax.legend(loc="upper left", fontsize=9)
    ax_counts.set_yscale("log")
    ax_counts.set_xticks(edges)
    label_axes(ax_counts, "How many samples each bin holds", f"predicted probability of {positive_name} (bins)",
               "samples (log scale)")
    return figure


# ----------------------------------------------------------------------------------------------------------------
# Notebook 09: the coefficient path, and a model in DecisionBoundaryDisplay
# ----------------------------------------------------------------------------------------------------------------
def plot_coefficient_path(C_values, path, feature_names, n_samples, *, ours=None, highlight=3,
                          title="The L2 penalty shrinks the weights"):
    """Every weight against scikit-learn's C (log axis), with our alpha = 1 / (C n) on the top axis.

    Parameters
    ----------
    C_values : array_like of shape (m,), increasing
    path : array_like of shape (m, k), the k weights (intercept excluded) at each C
    feature_names : sequence of str of length k
    n_samples : int, the n of alpha = 1 / (C n)
    ours : dict of {float: array_like of shape (k,)} or None
        Our own weights at some values of C, drawn as open circles.
    highlight : int, default=3
        This many weights, the largest in size at the largest C, are coloured and named; the others are grey.
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    C_values = np.asarray(C_values, dtype=np.float64)
    path = np.asarray(path, dtype=np.float64)
    if path.shape != (C_values.size, len(feature_names)):
        raise ValueError(f"path must have shape (len(C_values), len(feature_names)) = "
                         f"({C_values.size}, {len(feature_names)}); got {path.shape}.")
    figure = new_figure((9.0, 5.2))
    ax = figure.subplots()
    named = np.argsort(-np.abs(path[-1]))[:highlight]
    others = np.setdiff1d(np.arange(path.shape[1]), named)
    for i, j in enumerate(others):
        ax.plot(C_values, path[:, j], color=_MUTED, linewidth=0.8,
                label=f"the other {others.size} weights" if i == 0 else None)
    for color, j in zip(ACCENT_COLORS, named):
        ax.plot(C_values, path[:, j], color=color, linewidth=2.2, label=feature_names[j])
    for i, (C, weights) in enumerate((ours or {}).items()):
        weights = np.ravel(weights)
        ax.plot(np.full(weights.size, C), weights, "o", markersize=6, markerfacecolor="none",
                markeredgecolor=BOUNDARY_COLOR, label="ours (gradient descent), every weight" if i == 0 else None)
    ax.axhline(0, color=BOUNDARY_COLOR, linewidth=0.6)
    ax.set_xscale("log")
    label_axes(ax, title, "scikit-learn's C (log scale; larger C = weaker penalty)",
               "weight of a standardised feature")

    def alpha_from_C(C):  # alpha = 1 / (C n) is its own inverse between C and alpha; the axis may probe C = 0
        with np.errstate(divide="ignore"):
            return 1.0 / (np.asarray(C, dtype=np.float64) * n_samples)

    top = ax.secondary_xaxis("top", functions=(alpha_from_C, alpha_from_C))
    top.set_xlabel(r"our $\alpha = 1/(C\,n)$ (log scale)")
    ax.legend(loc="upper left", framealpha=0.9, fontsize=9)
    return figure


def plot_boundary_display(model, X, y, feature_names, *, class_names=("class 0", "class 1"),
                          title="Our estimator in scikit-learn's DecisionBoundaryDisplay"):
    """A fitted two-feature model drawn by ``sklearn.inspection.DecisionBoundaryDisplay``: its probability of
    class 1 as a background and its boundary p = ½, with the data on top.

    Parameters
    ----------
    model : fitted classifier with ``predict_proba`` (any scikit-learn estimator or Pipeline) on two features
    X : array_like of shape (n_samples, 2), in the units the model takes (a Pipeline scales inside)
    y : array_like of shape (n_samples,), labels 0 and 1
    feature_names : pair of str, the axis labels
    class_names : pair of str, the names of class 0 and class 1
    title : str

    Returns
    -------
    figure : matplotlib Figure
    """
    from matplotlib.lines import Line2D
    from sklearn.inspection import DecisionBoundaryDisplay

    X = np.asarray(X, dtype=np.float64)
    y = _labels_01(y)
    figure = new_figure((7.5, 5.8))
    ax = figure.subplots()
    shading = DecisionBoundaryDisplay.from_estimator(
        model, X, response_method="predict_proba", plot_method="pcolormesh", grid_resolution=200,
        cmap=PROBABILITY_CMAP, vmin=0, vmax=1, alpha=0.45, ax=ax, xlabel=feature_names[0], ylabel=feature_names[1])
    DecisionBoundaryDisplay.from_estimator(model, X, response_method="predict_proba", plot_method="contour",
                                           grid_resolution=200, levels=[0.5], colors=BOUNDARY_COLOR, linewidths=2,
                                           ax=ax)
    plot_classes(ax, X, y, labels=class_names, s=18)
    figure.colorbar(shading.surface_, ax=ax, label=f"P({class_names[1]}) from the model")
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color=BOUNDARY_COLOR, linewidth=2))
    labels.append("decision boundary, p = ½")
    ax.legend(handles, labels, loc="lower right", framealpha=0.9)
    return figure
