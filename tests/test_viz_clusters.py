"""The figures of notebooks 05 and 06 (logreg_viz.clusters, .snapshots, .training), on Agg: each draws what
logreg_core and logreg_data compute, is titled and labelled, and is a still figure that pyplot does not know."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest

import logreg_core
from logreg_data import OVERLAPPING_CLUSTERS, SEPARABLE_CLUSTERS
from logreg_viz.clusters import (
    plot_boundaries,
    plot_clusters,
    plot_distance_multiples,
    plot_learned_vs_bayes,
    plot_reliability,
    train_on_clusters,
)
from logreg_viz.figures import StillFigure
from logreg_viz.geometry import boundary_segment
from logreg_viz.snapshots import plot_band_snapshots
from logreg_viz.training import plot_loss_curve, plot_weight_growth

W0 = np.random.RandomState(0).uniform(0.0, 1.0, size=3)


def _is_still_and_titled(figure):
    assert isinstance(figure, StillFigure) and plt.get_fignums() == []  # shown once, when a cell ends with it
    for ax in figure.axes:
        if ax.get_label() != "<colorbar>":
            assert ax.get_xlabel() and (ax.get_title() or figure.get_suptitle())
    figure.savefig(io.BytesIO(), format="png")


def test_train_on_clusters_is_gradient_descent_on_the_sample():
    X, y, X_b, history = train_on_clusters(OVERLAPPING_CLUSTERS, W0, 40)
    X_expected, y_expected = OVERLAPPING_CLUSTERS.sample()
    np.testing.assert_array_equal(X, X_expected)
    np.testing.assert_array_equal(y, y_expected)
    assert history == logreg_core.gradient_descent(X_b, y, W0, logreg_core.safe_learning_rate(X_b), 40)


def test_clusters_figure():
    X, y = SEPARABLE_CLUSTERS.sample()
    figure = plot_clusters(X, y, "Two clusters")
    (ax,) = figure.axes
    assert ax.get_title() == "Two clusters" and len(ax.collections) == 2
    _is_still_and_titled(figure)


def test_boundaries_are_drawn_by_the_given_function():
    X, y = SEPARABLE_CLUSTERS.sample()
    weights = {"start": W0, "later": np.array([-0.5, 1.0, -1.5])}
    calls = []

    def boundary_x2(w, x1):
        calls.append(w)
        return -(w[0] + w[1] * x1) / w[2]

    figure = plot_boundaries(X, y, weights, boundary_x2)
    lines = figure.axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["start", "later"] and len(calls) == 2
    for line, w in zip(lines, weights.values()):
        x1, x2 = line.get_data()
        np.testing.assert_allclose(w[0] + w[1] * x1 + w[2] * x2, 0.0, atol=1e-12)
    _is_still_and_titled(figure)


def test_distance_multiples_show_each_distance_trained_as_the_view_does():
    figure = plot_distance_multiples(OVERLAPPING_CLUSTERS, W0, [0.0, 3.0], n_iter=30, resolution=20)
    axes = [ax for ax in figure.axes]
    assert len(axes) == 2
    X, y, X_b, history = train_on_clusters(OVERLAPPING_CLUSTERS, W0, 30)
    accuracy = np.mean(logreg_core.predict(X_b, history.final_weights) == y)
    assert axes[1].get_title() == f"d = 3: training {accuracy:.1%},\nbest expected 93.3%"
    assert axes[0].get_title().endswith("best expected 50.0%")
    assert axes[0].get_xlim() == axes[1].get_xlim()  # one window for every distance
    _is_still_and_titled(figure)


def test_reliability_curve_is_the_mean_learned_probability_of_each_bin():
    p_true = np.array([0.05, 0.15, 0.12, 0.55, 0.95, 0.91])
    learned = np.array([0.1, 0.2, 0.3, 0.5, 0.9, 1.0])
    figure = plot_reliability(p_true, {"model": learned}, n_bins=10)
    (ax,) = figure.axes
    curve = [line for line in ax.get_lines() if line.get_label().startswith("mean of each bin")][0]
    np.testing.assert_allclose(curve.get_xdata(), [0.05, 0.135, 0.55, 0.93])
    np.testing.assert_allclose(curve.get_ydata(), [0.1, 0.25, 0.5, 0.95])
    diagonal = [line for line in ax.get_lines() if line.get_label().startswith("right")][0]
    np.testing.assert_array_equal(diagonal.get_xydata(), [[0, 0], [1, 1]])
    _is_still_and_titled(figure)


def test_learned_vs_bayes_without_an_axes_makes_a_still_figure():
    X, y = OVERLAPPING_CLUSTERS.sample()
    artists = plot_learned_vs_bayes(X, y, W0, OVERLAPPING_CLUSTERS.bayes_weights(), resolution=20)
    _is_still_and_titled(artists["ax"].figure)


def test_band_snapshots_draw_the_band_edges_at_z_plus_and_minus_one():
    X, y = SEPARABLE_CLUSTERS.sample()
    snapshots = {750: np.array([-0.2, 1.5, -2.4]), 10_000: np.array([-0.1, 2.5, -4.0])}
    figure = plot_band_snapshots(X, y, snapshots, resolution=20)
    panels = [ax for ax in figure.axes if ax.get_label() != "<colorbar>"]
    for ax, (iteration, w) in zip(panels, snapshots.items()):
        assert ax.get_title() == f"after {iteration:,} iterations\nband {2 / np.linalg.norm(w[1:]):.2f} wide"
        edges = [line for line in ax.get_lines() if line.get_linestyle() != "-"]
        assert len(edges) == 2
        for line, z in zip(edges, (-1.0, 1.0)):
            x1, x2 = line.get_data()
            np.testing.assert_allclose(w[0] + w[1] * x1 + w[2] * x2, z, atol=1e-9)
        boundary = boundary_segment(w, ax.get_xlim(), ax.get_ylim())
        assert any(np.allclose(line.get_xdata(), boundary[0]) for line in ax.get_lines())
    _is_still_and_titled(figure)


@pytest.mark.parametrize("scales", [("linear",), ("linear", "log")])
def test_loss_curve_on_each_scale(scales):
    losses = np.geomspace(1.0, 1e-3, 50)
    figure = plot_loss_curve(losses, scales=scales, lowest=1e-3)
    assert [ax.get_yscale() for ax in figure.axes] == list(scales)
    for ax in figure.axes:
        np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), losses)
        assert ax.get_lines()[1].get_ydata()[0] == 1e-3  # the lowest loss, dashed
    _is_still_and_titled(figure)


def test_weight_growth_on_a_log_axis_marks_runs_that_stopped():
    curves = {"long": (np.arange(1, 1001), np.log(np.arange(1, 1001))), "short": (np.arange(1, 101), np.ones(100))}
    figure = plot_weight_growth(curves, marks=[750])
    (ax,) = figure.axes
    assert ax.get_xscale() == "log"
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[:2] == ["long", "short"] and "750 iterations" in labels
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(dots) == 1 and dots[0].get_xdata()[0] == 100  # only the run that stopped early
    _is_still_and_titled(figure)
