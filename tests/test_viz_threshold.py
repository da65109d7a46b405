"""logreg_viz.threshold: the metrics at one threshold against scikit-learn, under the series' decision rule
(flagged when p > tau), and the explorer's update logic (what a slider move changes, computed independently here)."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, precision_score, recall_score, roc_curve

import logreg_core
from logreg_viz.style import CLASS_COLORS
from logreg_viz.threshold import ThresholdExplorer, precision_recall_by_threshold, threshold_metrics


def _scores(seed=0, n=80):
    """Overlapping scores with ties (rounded to 2 decimals), positives tending higher."""
    rng = np.random.default_rng(seed)
    y_true = (rng.random(n) < 0.4).astype(int)
    scores = np.clip(0.3 * y_true + 0.7 * rng.random(n), 0.0, 1.0).round(2)
    return y_true, scores


Y_TRUE, SCORES = _scores()


@pytest.fixture
def explorer():
    return ThresholdExplorer(Y_TRUE, SCORES, class_names=("malignant", "benign"))


# ----------------------------------------------------------------------------------------------------------------
# threshold_metrics
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("threshold", [0.0, 0.12, 0.3, 0.5, 0.61, 0.9, 1.0])
def test_metrics_match_scikit_learn(threshold):
    flagged = (SCORES > threshold).astype(int)
    metrics = threshold_metrics(Y_TRUE, SCORES, threshold)
    tn, fp, fn, tp = confusion_matrix(Y_TRUE, flagged, labels=[0, 1]).ravel()  # scikit-learn's own order
    np.testing.assert_array_equal(metrics.confusion, [[tp, fn], [fp, tn]])
    assert (metrics.true_positives, metrics.false_negatives, metrics.false_positives, metrics.true_negatives) == (
        tp, fn, fp, tn)
    assert metrics.recall == pytest.approx(recall_score(Y_TRUE, flagged))
    if flagged.any():
        assert metrics.precision == pytest.approx(precision_score(Y_TRUE, flagged))
    assert metrics.false_positive_rate == pytest.approx(fp / (fp + tn))


def test_a_score_equal_to_the_threshold_is_not_flagged():
    metrics = threshold_metrics([1, 0, 1], [0.5, 0.2, 0.7], 0.5)
    assert metrics.true_positives == 1 and metrics.false_negatives == 1 and metrics.recall == 0.5


def test_flagged_means_what_logreg_core_predicts():
    """At every threshold, the flagged samples are those logreg_core's decision rule puts in class 1."""
    z = np.r_[np.linspace(-4.0, 4.0, 81), 0.0, -0.0]  # exactly on the boundary z = 0, twice
    p = logreg_core.sigmoid(z)
    y_true = (np.arange(z.size) % 3 == 0).astype(int)
    for threshold in (0.02, 0.3, 0.5, 0.77):
        flagged = logreg_core.labels_from_scores(z, threshold)
        metrics = threshold_metrics(y_true, p, threshold)
        assert metrics.true_positives == np.sum((flagged == 1) & (y_true == 1))
        assert metrics.false_positives == np.sum((flagged == 1) & (y_true == 0))


def test_nothing_flagged_gives_precision_one_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # scikit-learn's UndefinedMetricWarning must not appear
        metrics = threshold_metrics(Y_TRUE, SCORES, 1.01)
    assert metrics.precision == 1.0 and metrics.recall == 0.0 and metrics.false_positive_rate == 0.0


def test_every_threshold_lands_on_a_corner_of_the_roc_curve():
    """scikit-learn's ROC curve flags scores >= each of its thresholds; with p > tau, a threshold equal to a score
    gives the corner of the next higher threshold, and any threshold between two scores the corner above both."""
    fpr, tpr, thresholds = roc_curve(Y_TRUE, SCORES, drop_intermediate=False)  # thresholds[0] is +inf
    for k in range(1, len(thresholds)):
        for threshold in (thresholds[k], thresholds[k] - 1e-9):
            metrics = threshold_metrics(Y_TRUE, SCORES, threshold)
            corner = k - 1 if threshold == thresholds[k] else k
            assert (metrics.false_positive_rate, metrics.recall) == pytest.approx((fpr[corner], tpr[corner]))


def test_the_precision_and_recall_curves_hold_the_value_of_every_threshold():
    thresholds, precision, recall = precision_recall_by_threshold(Y_TRUE, SCORES)
    assert thresholds[0] == 0.0 and thresholds[-1] == 1.0 and np.all(np.diff(thresholds) > 0)
    for threshold in np.r_[np.linspace(0.0, 1.0, 101), SCORES]:
        i = np.searchsorted(thresholds, threshold, side="right") - 1  # the step that holds this threshold
        metrics = threshold_metrics(Y_TRUE, SCORES, threshold)
        assert (precision[i], recall[i]) == pytest.approx((metrics.precision, metrics.recall))


@pytest.mark.parametrize(
    ("y_true", "scores", "message"),
    [
        ([0, 1, 2], [0.1, 0.2, 0.3], "1 for the positive class"),
        ([1, 1, 1], [0.1, 0.2, 0.3], "both classes"),
        ([0, 1], [0.1, 0.2, 0.3], "same length"),
        ([0, 1], [0.1, np.nan], "NaN"),
    ],
)
def test_bad_inputs_are_explained(y_true, scores, message):
    with pytest.raises(ValueError, match=message):
        threshold_metrics(y_true, scores, 0.5)


# ----------------------------------------------------------------------------------------------------------------
# ThresholdExplorer
# ----------------------------------------------------------------------------------------------------------------
def test_a_slider_move_moves_every_artist_to_the_new_threshold(explorer):
    explorer.slider.value = 0.3
    metrics = explorer.metrics
    expected = threshold_metrics(Y_TRUE, SCORES, 0.3)
    np.testing.assert_array_equal(metrics.confusion, expected.confusion)
    counts = expected.confusion
    np.testing.assert_allclose(explorer.confusion_image.get_array(), counts / counts.sum(axis=1, keepdims=True))
    for i in range(2):
        for j in range(2):
            assert explorer.confusion_texts[i][j].get_text().endswith(f"\n{counts[i, j]}")
    for line in explorer.threshold_lines:
        assert list(line.get_xdata()) == [0.3, 0.3]
    for marker in (explorer.roc_marker, explorer.roc_zoom_marker):
        assert (marker.get_xdata()[0], marker.get_ydata()[0]) == pytest.approx(
            (expected.false_positive_rate, expected.recall))
    assert explorer.recall_marker.get_ydata()[0] == pytest.approx(expected.recall)
    assert explorer.precision_marker.get_ydata()[0] == pytest.approx(expected.precision)
    headline = explorer.headline.get_text()
    assert "τ = 0.30" in headline and f"{expected.true_positives} of {Y_TRUE.sum()} malignant" in headline
    assert explorer.status_text.startswith(
        f"threshold τ = 0.30: {expected.true_positives} of {Y_TRUE.sum()} malignant caught, "
        f"{expected.false_negatives} missed, {expected.false_positives} false alarms")


def test_a_slider_move_creates_no_new_artists(explorer):
    def artist_count():
        return sum(len(ax.get_children()) for ax in explorer.figure.axes)

    before, n_figures = artist_count(), len(plt.get_fignums())
    for threshold in np.linspace(0, 1, 7):
        explorer.set(threshold=threshold)
    assert artist_count() == before and len(plt.get_fignums()) == n_figures


def test_roc_curve_and_auc_come_from_scikit_learn(explorer):
    fpr, tpr, _ = roc_curve(Y_TRUE, SCORES)
    np.testing.assert_allclose(explorer.fpr, fpr)
    np.testing.assert_allclose(explorer.tpr, tpr)
    assert f"{explorer.auc:.3f}" in explorer.roc_ax.get_legend().get_texts()[1].get_text()


def test_every_panel_has_a_title_and_axis_labels(explorer):
    for ax in (explorer.scores_ax, explorer.confusion_ax, explorer.curves_ax, explorer.roc_ax):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    for ax in (explorer.scores_ax, explorer.curves_ax, explorer.roc_ax):
        assert ax.get_legend() is not None


def test_the_positive_class_is_class_1_in_orange_the_negative_class_0_in_blue(explorer):
    from matplotlib.colors import to_rgb

    positive, negative = explorer.scores_ax.patches  # drawn in this order, one patch per class
    assert np.allclose(positive.get_facecolor()[:3], to_rgb(CLASS_COLORS[1]))
    assert np.allclose(negative.get_facecolor()[:3], to_rgb(CLASS_COLORS[0]))
    labels = [text.get_text() for text in explorer.scores_ax.get_legend().get_texts()]
    assert labels[:2] == ["actually malignant", "actually benign"]


def test_the_layout_is_computed_once_and_kept(explorer):
    positions = [ax.get_position().bounds for ax in explorer.figure.axes]
    explorer.set(threshold=0.05)
    explorer.figure.canvas.draw()
    assert [ax.get_position().bounds for ax in explorer.figure.axes] == positions
    assert all(width > 0.2 for _, _, width, _ in positions[:4])  # the four panels share the figure
