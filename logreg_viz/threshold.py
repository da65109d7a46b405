"""The decision threshold, explored: confusion matrix, precision, recall and the ROC point (notebook 08).

A classifier that outputs a probability still needs a rule to turn it into a decision. The series has one rule
(``logreg_core.labels_from_scores``): a sample is class 1 when its probability is *above* the threshold tau,
p > tau (with tau = 1/2: z > 0). Here class 1 is the *positive* class, the one a screening looks for, and
"class 1" reads "flagged". Moving tau trades one kind of error for the other. This module shows that trade-off
for one set of scores:

``threshold_metrics``  the confusion matrix, precision, recall and false-positive rate at one threshold
``ThresholdExplorer``  a threshold slider over a figure of four panels, built once: the scores of both classes
                       with the threshold line, the confusion matrix, precision and recall against the
                       threshold, and the ROC curve with the current point

A slider move only counts the four outcomes at the new threshold and updates existing artists (``set_data`` on
the confusion-matrix image and the markers, ``set_text`` on the labels), then redraws just those artists on a
saved background (blitting); the curves are computed once and the layout is fixed after the first pass (see
``benchmarks/bench_threshold.py`` for the timing). Nothing here changes matplotlib's global state.

Convention: ``y_true`` is 1 for the positive class (class 1, orange, as everywhere in the series; in notebook 08:
malignant), and ``scores`` is the model's probability of that class. A sample is flagged when
``scores > threshold``.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.ticker import NullLocator, StrMethodFormatter
import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

from logreg_viz.live import LiveView
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, CLASS_COLORS, label_axes

__all__ = ["ThresholdMetrics", "threshold_metrics", "precision_recall_by_threshold", "ThresholdExplorer"]

RECALL_COLOR = ACCENT_COLORS[0]  # vermillion
PRECISION_COLOR = ACCENT_COLORS[1]  # bluish green
ROC_COLOR = ACCENT_COLORS[2]  # reddish purple
#: Cells of the confusion matrix are shaded by the fraction of their row (0 white ... 1 mid grey).
CONFUSION_CMAP = "Greys"


@dataclass(frozen=True)
class ThresholdMetrics:
    """What one threshold does to one set of scores.

    Attributes
    ----------
    threshold : float
    confusion : ndarray of int of shape (2, 2)
        Rows: actually positive, actually negative. Columns: flagged positive, not flagged.
        So ``[[TP, FN], [FP, TN]]`` (positive first, unlike scikit-learn's default order).
    precision : float
        TP / (TP + FP): of the flagged samples, the fraction truly positive. 1.0 when nothing is flagged
        (no flag is wrong; the convention of ``sklearn.metrics.precision_recall_curve``).
    recall : float
        TP / (TP + FN): of the positive samples, the fraction flagged (the true-positive rate).
    false_positive_rate : float
        FP / (FP + TN): of the negative samples, the fraction flagged (a false alarm each).
    """

    threshold: float
    confusion: np.ndarray
    precision: float
    recall: float
    false_positive_rate: float

    @property
    def true_positives(self):
        return int(self.confusion[0, 0])

    @property
    def false_negatives(self):
        return int(self.confusion[0, 1])

    @property
    def false_positives(self):
        return int(self.confusion[1, 0])

    @property
    def true_negatives(self):
        return int(self.confusion[1, 1])


def _check_scores(y_true, scores):
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=np.float64)
    if y_true.ndim != 1 or scores.shape != y_true.shape:
        raise ValueError(
            f"y_true and scores must be 1-D arrays of the same length; got shapes {y_true.shape} and {scores.shape}."
        )
    if not np.all((y_true == 0) | (y_true == 1)):
        raise ValueError(
            "y_true must be 1 for the positive class (the one being screened for) and 0 otherwise; "
            f"got values {np.unique(y_true)[:5]}. Map your labels first, e.g. (y == positive_label).astype(int)."
        )
    if np.unique(y_true).size != 2:
        raise ValueError("y_true needs samples of both classes: precision, recall and ROC need positives and "
                         "negatives.")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores contains NaN or infinite values.")
    return y_true.astype(int), scores


def threshold_metrics(y_true, scores, threshold):
    """Confusion matrix, precision, recall and false-positive rate when the samples with ``scores > threshold``
    are flagged as positive (the series' decision rule, p > tau).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        1 for the positive class, 0 for the negative one.
    scores : array_like of shape (n_samples,)
        The model's probability (or any score) of the positive class.
    threshold : float

    Returns
    -------
    metrics : ThresholdMetrics
    """
    y_true, scores = _check_scores(y_true, scores)
    return _metrics(y_true, scores, float(threshold))


def _metrics(y_true, scores, threshold):
    flagged = scores > threshold
    positive = y_true == 1
    true_positives = int(np.count_nonzero(flagged & positive))
    false_positives = int(np.count_nonzero(flagged & ~positive))
    n_positive = int(np.count_nonzero(positive))
    false_negatives, true_negatives = n_positive - true_positives, y_true.size - n_positive - false_positives
    confusion = np.array([[true_positives, false_negatives], [false_positives, true_negatives]])
    n_flagged = true_positives + false_positives
    precision = true_positives / n_flagged if n_flagged else 1.0
    return ThresholdMetrics(threshold, confusion, float(precision), true_positives / n_positive,
                            false_positives / (false_positives + true_negatives))


def precision_recall_by_threshold(y_true, scores):
    """Precision and recall at every threshold at once, under the rule ``scores > threshold``.

    Both are step functions of the threshold that change only where it passes a score. Drawn with
    ``drawstyle="steps-post"`` from 0 to 1, the returned points give the value at every threshold in [0, 1].

    Parameters
    ----------
    y_true : array_like of shape (n_samples,), 1 for the positive class, 0 for the negative one
    scores : array_like of shape (n_samples,), the probability of the positive class

    Returns
    -------
    thresholds : ndarray of shape (m,)
        0, then every distinct score in [0, 1] (ascending), then 1.
    precision, recall : ndarray of shape (m,)
        Their values for thresholds from ``thresholds[i]`` up to (not including) ``thresholds[i + 1]``.
    """
    y_true, scores = _check_scores(y_true, scores)
    inside = scores[(scores > 0.0) & (scores < 1.0)]
    thresholds = np.unique(np.r_[0.0, inside, 1.0])
    positive_scores, negative_scores = np.sort(scores[y_true == 1]), np.sort(scores[y_true == 0])
    true_positives = positive_scores.size - np.searchsorted(positive_scores, thresholds, side="right")
    false_positives = negative_scores.size - np.searchsorted(negative_scores, thresholds, side="right")
    flagged = true_positives + false_positives
    precision = np.where(flagged > 0, true_positives / np.maximum(flagged, 1), 1.0)
    return thresholds, precision, true_positives / positive_scores.size


class ThresholdExplorer(LiveView):
    """A threshold slider over four panels: scores, confusion matrix, precision/recall, ROC curve.

    The figure is built once (a ``LiveView``: live in a notebook, or a still picture with ``interactive=False``).
    A slider move counts the four outcomes at the new threshold (flagged: ``scores > threshold``) and moves the
    existing artists, then redraws only those (blitting). End a cell with the explorer to show it. The positive
    class is drawn as class 1 is everywhere in the series (orange), the negative one as class 0 (blue).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        1 for the positive class (the one screened for: class 1), 0 for the negative one.
    scores : array_like of shape (n_samples,)
        Probability of the positive class for each sample, e.g. ``model.predict_proba(X)[:, 1]``.
    threshold : float, default=0.5
        The starting threshold.
    class_names : pair of str, default=("positive", "negative")
        Names of the positive and the negative class, used in every label.
    data_name : str, default="test set"
        What the samples are, for the titles.
    interactive : bool or None
        See ``LiveView``.

    Attributes
    ----------
    figure : matplotlib Figure
    slider : ipywidgets.FloatSlider, the control ``"threshold"``
    metrics : ThresholdMetrics
        The state currently drawn.
    fpr, tpr, roc_thresholds : ndarray
        The ROC curve, from ``sklearn.metrics.roc_curve``.
    auc : float
        Area under the ROC curve, from ``sklearn.metrics.roc_auc_score``.
    """

    def __init__(self, y_true, scores, *, threshold=0.5, class_names=("positive", "negative"), data_name="test set",
                 interactive=None):
        import ipywidgets as widgets  # only the slider needs ipywidgets

        super().__init__((9.6, 7.6), interactive=interactive)

        self.y_true, self.scores = _check_scores(y_true, scores)
        self.class_names = tuple(class_names)
        positive, negative = self.class_names
        self.fpr, self.tpr, self.roc_thresholds = roc_curve(self.y_true, self.scores)
        self.auc = float(roc_auc_score(self.y_true, self.scores))
        pr_thresholds, precision, recall = precision_recall_by_threshold(self.y_true, self.scores)

        (self.scores_ax, self.confusion_ax), (self.curves_ax, self.roc_ax) = self.figure.subplots(2, 2)

        # Top left: the scores of both classes, and the threshold cutting through them.
        bins = np.linspace(0.0, 1.0, 26)
        for value, name, hatch in ((1, positive, None), (0, negative, "//")):
            color = CLASS_COLORS[value]
            # one "stepfilled" patch per class, not one per bar: a redraw stays cheap
            self.scores_ax.hist(self.scores[self.y_true == value], bins=bins, histtype="stepfilled", color=color,
                                alpha=0.55, edgecolor=color, linewidth=1.5, hatch=hatch, label=f"actually {name}")
        self.scores_ax.set_yscale("log")
        self.scores_ax.yaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
        self.scores_ax.yaxis.set_minor_locator(NullLocator())  # 1, 10, 100 suffice; each tick costs a redraw
        self.scores_ax.set_xlim(0, 1)
        self.threshold_lines = [self.scores_ax.axvline(threshold, color=BOUNDARY_COLOR, linewidth=2,
                                                       label="threshold")]
        label_axes(self.scores_ax, f"Scores of the {data_name}: flagged right of the line (p > τ)",
                   f"model's probability of {positive}", "number of samples (log scale)")
        self.scores_ax.legend(loc="upper center")

        # Top right: the confusion matrix; colour = fraction of the row, text = counts.
        self.confusion_image = self.confusion_ax.imshow(np.zeros((2, 2)), cmap=CONFUSION_CMAP, vmin=0.0,
                                                        vmax=2.5,  # a full row is a mid grey: black text reads
                                                        # on a projector, the panel's whole cell: room for the text
                                                        aspect="auto" if self.projector else None)
        self.confusion_ax.set_xticks([0, 1], [f"flagged\n{positive}", f"not flagged\n({negative})"])
        self.confusion_ax.set_yticks([0, 1], [f"actually\n{positive}", f"actually\n{negative}"])
        self.confusion_ax.tick_params(length=0)
        self._cell_names = (("caught", "missed"), ("false alarms", "correctly cleared"))
        self.confusion_texts = [[self.confusion_ax.text(j, i, "", ha="center", va="center", fontsize=12)
                                 for j in range(2)] for i in range(2)]
        label_axes(self.confusion_ax, "Confusion matrix (shade: fraction of the row)", "decision", "truth")

        # Bottom left: precision and recall against the threshold.
        self.curves_ax.plot(pr_thresholds, recall, drawstyle="steps-post", color=RECALL_COLOR,
                            linewidth=2, label=f"recall ({positive} caught)")
        self.curves_ax.plot(pr_thresholds, precision, drawstyle="steps-post", color=PRECISION_COLOR,
                            linewidth=2, linestyle="--", label="precision (flags that are right)")
        self.threshold_lines.append(self.curves_ax.axvline(threshold, color=BOUNDARY_COLOR, linewidth=1.5))
        self.recall_marker, = self.curves_ax.plot([], [], "o", color=RECALL_COLOR, markersize=8, zorder=4)
        self.precision_marker, = self.curves_ax.plot([], [], "s", color=PRECISION_COLOR, markersize=8, zorder=4)
        self.curves_ax.set_xlim(0, 1)
        self.curves_ax.set_ylim(0, 1.05)
        label_axes(self.curves_ax, "Precision and recall against the threshold", "threshold τ", "fraction")
        self.curves_ax.legend(loc="lower left")

        # Bottom right: the ROC curve, with the point of the current threshold.
        self.roc_ax.plot([0, 1], [0, 1], color="0.6", linestyle=":", label="guessing at random")
        self.roc_ax.plot(self.fpr, self.tpr, color=ROC_COLOR, linewidth=2, label=f"ROC curve (AUC = {self.auc:.3f})")
        # above everything of the panel, the zoom indicator included: the current point is never hidden
        self.roc_marker, = self.roc_ax.plot([], [], "o", color=BOUNDARY_COLOR, markersize=9, zorder=6,
                                            label="current threshold")
        self.roc_ax.set_xlim(-0.02, 1.02)
        self.roc_ax.set_ylim(-0.02, 1.02)
        if not self.projector:  # on a projector, the panel's whole cell: room for its text
            self.roc_ax.set_aspect("equal")
        label_axes(self.roc_ax, "ROC curve: every threshold at once", f"false-positive rate ({negative} flagged)",
                   "true-positive rate\n= recall" if self.projector else "true-positive rate = recall")
        self.roc_ax.legend(loc="lower right")
        # A good classifier's curve hugs the top-left corner, where the point moves: magnify that corner.
        self.roc_zoom_ax = self.roc_ax.inset_axes([0.36, 0.36, 0.4, 0.4], xlim=(-0.01, 0.25), ylim=(0.75, 1.01))
        self.roc_zoom_ax.plot(self.fpr, self.tpr, color=ROC_COLOR, linewidth=2)
        self.roc_zoom_marker, = self.roc_zoom_ax.plot([], [], "o", color=BOUNDARY_COLOR, markersize=9, zorder=4)
        self.roc_zoom_ax.set_title("top-left corner, magnified", fontsize=9)
        self.roc_zoom_ax.tick_params(labelsize=8)
        zoom = self.roc_ax.indicate_inset_zoom(self.roc_zoom_ax, edgecolor="0.4")
        if self.projector:  # too small to read from the back of a room: the full curve only
            for artist in (self.roc_zoom_ax, zoom, self.roc_zoom_marker, *self.roc_zoom_ax.spines.values(),
                           zoom.rectangle, *zoom.connectors):
                artist.set_visible(False)

        self.headline = self.figure.suptitle("Threshold τ = 0.00: recall 0.00 (000 of 000 positive caught)",
                                             fontsize=13)
        self.slider = widgets.FloatSlider(
            value=threshold, min=0.0, max=1.0, step=0.01, description="threshold τ", readout_format=".2f",
            continuous_update=True, style={"description_width": "initial"}, layout=widgets.Layout(width="520px"),
        )
        # A threshold moves these (and the legends and frames they can cross); the rest is a saved background.
        self.start({"threshold": self.slider}, moving=[
            *self.threshold_lines, self.scores_ax.get_legend(), self.curves_ax.get_legend(),
            self.confusion_image, *self.confusion_ax.spines.values(), *np.ravel(self.confusion_texts),
            self.recall_marker, self.precision_marker, self.roc_marker, self.roc_zoom_marker,
            *self.scores_ax.spines.values(), *self.curves_ax.spines.values(), *self.roc_zoom_ax.spines.values(),
            self.headline,
        ])

    def move_artists(self, threshold):
        """Count the outcomes at ``threshold`` (flagged: score > threshold) and move the artists to show them."""
        metrics = _metrics(self.y_true, self.scores, float(threshold))
        self.metrics = metrics
        counts = metrics.confusion
        row_fractions = counts / counts.sum(axis=1, keepdims=True)
        self.confusion_image.set_data(row_fractions)
        for i in range(2):
            for j in range(2):
                text = self.confusion_texts[i][j]
                text.set_text(f"{self._cell_names[i][j]}\n{counts[i, j]}")

        for line in self.threshold_lines:
            line.set_xdata([metrics.threshold, metrics.threshold])
        self.recall_marker.set_data([metrics.threshold], [metrics.recall])
        self.precision_marker.set_data([metrics.threshold], [metrics.precision])
        for marker in (self.roc_marker, self.roc_zoom_marker):
            marker.set_data([metrics.false_positive_rate], [metrics.recall])

        positive = self.class_names[0]
        n_positive = metrics.true_positives + metrics.false_negatives
        self.headline.set_text(
            f"Threshold τ = {metrics.threshold:.2f}: recall {metrics.recall:.2f} ({metrics.true_positives} of "
            f"{n_positive} {positive} caught), precision {metrics.precision:.2f} "
            f"({metrics.false_positives} false alarms)"
        )
        return (f"threshold τ = {metrics.threshold:.2f}: {metrics.true_positives} of {n_positive} {positive} caught, "
                f"{metrics.false_negatives} missed, {metrics.false_positives} false alarms; recall "
                f"{metrics.recall:.2f}, precision {metrics.precision:.2f}")
