"""logreg_viz.multiclass: regions against the models' own predictions, the drawn lines against their equations,
the probability panels against the models' own probabilities, the colours against the series' style, the first
step at which a class wins somewhere in view, and the training explorer's update logic."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from sklearn.datasets import make_blobs
from sklearn.multiclass import OneVsRestClassifier

import logreg_core
from logreg_estimator import LogisticRegressionGD
from logreg_viz.figures import new_figure
from logreg_viz.multiclass import (
    MULTICLASS_COLORS,
    MULTICLASS_MARKERS,
    TrainingRegionsExplorer,
    compare_decision_regions,
    draw_decision_regions,
    draw_linear_boundaries,
    first_step_with_region,
    plot_class_probabilities,
    plot_decision_regions,
    plot_multiclass,
    plot_samples,
    region_grid,
    region_shares,
)
from logreg_viz.style import ACCENT_COLORS, CLASS_COLORS, CLASS_MARKERS

X, Y = make_blobs(n_samples=90, centers=[[-3.0, 0.0], [0.0, 3.0], [3.0, 0.0]], cluster_std=0.8, random_state=0)


@pytest.fixture
def ax():
    return new_figure((4, 3)).subplots()


def _right_half(points):
    return (points[:, 0] > 0).astype(int)


def test_two_classes_keep_the_series_colours_and_the_third_is_okabe_ito():
    assert MULTICLASS_COLORS[:2] == CLASS_COLORS and MULTICLASS_MARKERS[:2] == CLASS_MARKERS
    assert MULTICLASS_COLORS[2] in ACCENT_COLORS
    assert len(set(MULTICLASS_COLORS)) == 3 and len(set(MULTICLASS_MARKERS)) == 3


def test_region_grid_covers_the_data_with_a_margin():
    points, (x_min, x_max, y_min, y_max) = region_grid(X, resolution=50)
    assert points.shape == (2500, 2)
    assert x_min < X[:, 0].min() and x_max > X[:, 0].max() and y_min < X[:, 1].min() and y_max > X[:, 1].max()
    # row by row from the bottom: the first row has the lowest second coordinate
    assert np.all(points[:50, 1] == y_min) and np.all(np.diff(points[:50, 0]) > 0)


def test_regions_are_the_models_predictions_on_the_grid(ax):
    image = draw_decision_regions(ax, _right_half, X, n_classes=2, resolution=40)
    points, _ = region_grid(X, resolution=40)
    np.testing.assert_array_equal(image.get_array(), _right_half(points).reshape(40, 40))
    assert list(image.get_cmap().colors) == list(MULTICLASS_COLORS[:2])


def test_a_fitted_estimator_works_in_place_of_a_function(ax):
    ovr = OneVsRestClassifier(LogisticRegressionGD(learning_rate="auto", max_iter=200)).fit(X, Y)
    image = draw_decision_regions(ax, ovr, X, resolution=30)
    points, _ = region_grid(X, resolution=30)
    np.testing.assert_array_equal(image.get_array(), ovr.predict(points).reshape(30, 30))


@pytest.mark.parametrize(("coef", "intercept"), [([1.0, 2.0], 0.5), ([3.0, 0.0], -1.0), ([0.0, -2.0], 1.0)])
def test_lines_satisfy_their_equations_inside_the_view(ax, coef, intercept):
    ax.set_xlim(-4, 4)
    ax.set_ylim(-3, 5)
    (line,) = draw_linear_boundaries(ax, [coef], [intercept], labels=["line"])
    xs, ys = line.get_xdata(), line.get_ydata()
    np.testing.assert_allclose(coef[0] * xs + coef[1] * ys + intercept, 0.0, atol=1e-12)
    assert ax.get_xlim() == (-4, 4) and ax.get_ylim() == (-3, 5)  # the view is unchanged
    assert line.get_label() == "line"


def test_scatter_uses_one_colour_and_marker_per_class(ax):
    collections = plot_multiclass(ax, X, Y, labels=["a", "b", "c"])
    assert [c.get_label() for c in collections] == ["a", "b", "c"]
    for k, collection in enumerate(collections):
        assert len(collection.get_offsets()) == np.sum(Y == k)
        np.testing.assert_allclose(collection.get_facecolor()[0], to_rgba(MULTICLASS_COLORS[k]))


def test_plot_decision_regions_is_titled_labelled_and_has_a_legend(ax):
    plot_decision_regions(ax, _right_half, X, Y, labels=["a", "b", "c"], title="T", xlabel="u", ylabel="v",
                          boundaries=([[1.0, 0.0]], [0.0]), boundary_labels=["x = 0"])
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "u", "v")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x = 0", "a", "b", "c"]


def test_compare_puts_one_model_per_panel_with_the_legend_once():
    models = {"right half": _right_half, "all class 2": lambda points: np.full(len(points), 2)}
    fig = compare_decision_regions(models, X, Y, labels=["a", "b", "c"], suptitle="S", ncols=1)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == list(models)
    assert axes[0].get_legend() is not None and axes[1].get_legend() is None
    assert np.all(axes[1].images[0].get_array() == 2)
    assert fig.get_suptitle() == "S"


@pytest.mark.parametrize(
    ("X_bad", "y_bad", "message"),
    [(X[:, :1], Y, "shape \\(n_samples, 2\\)"), (X, Y + 1, "labels 0..2"), (X, Y[:-1], "one label per sample")],
)
def test_bad_inputs_are_explained(ax, X_bad, y_bad, message):
    with pytest.raises(ValueError, match=message):
        plot_multiclass(ax, X_bad, y_bad)


# ----------------------------------------------------------------------------------------------------------------
# TrainingRegionsExplorer
# ----------------------------------------------------------------------------------------------------------------
def _history(n_steps=40):
    """Softmax-like weights that rotate over the steps, with a made-up falling loss."""
    rng = np.random.default_rng(1)
    final = rng.normal(size=(3, 3))
    weights = np.array([final * t / n_steps for t in range(n_steps + 1)])
    losses = np.log(3) * np.exp(-np.arange(n_steps + 1) / 10)
    return weights, losses


@pytest.fixture
def explorer():
    weights, losses = _history()
    return TrainingRegionsExplorer(X, Y, weights, losses, labels=["a", "b", "c"], resolution=25, step=0)


def test_a_step_shows_the_argmax_regions_of_that_steps_weights(explorer):
    weights, losses = _history()
    explorer.slider.value = 17
    accuracy = explorer.accuracy
    points, _ = region_grid(X, resolution=25)
    grid_b = logreg_core.add_intercept(points)
    np.testing.assert_array_equal(explorer.image.get_array(), np.argmax(grid_b @ weights[17], axis=1).reshape(25, 25))
    assert (explorer.loss_marker.get_xdata()[0], explorer.loss_marker.get_ydata()[0]) == (17, losses[17])
    expected = np.mean(np.argmax(logreg_core.add_intercept(X) @ weights[17], axis=1) == Y)
    assert accuracy == pytest.approx(expected)
    assert explorer.headline.get_text().startswith("After 17 steps")
    assert explorer.status_text.startswith(f"step 17 of 40: loss {losses[17]:.3f}, training accuracy {expected:.1%}")


def test_play_spans_the_slider(explorer):
    assert explorer.play.max == explorer.slider.max == 40


def test_explorer_rejects_mismatched_history():
    weights, losses = _history()
    with pytest.raises(ValueError, match="one entry per row"):
        TrainingRegionsExplorer(X, Y, weights, losses[:-1])
    with pytest.raises(ValueError, match="n_steps \\+ 1, 3, n_classes"):
        TrainingRegionsExplorer(X, Y, weights[:, 1:], losses)


# ----------------------------------------------------------------------------------------------------------------
# Figures of their own, probabilities, and moments of a training run
# ----------------------------------------------------------------------------------------------------------------
def test_plot_samples_is_a_titled_labelled_figure_with_a_legend():
    figure = plot_samples(X, Y, labels=["a", "b", "c"], title="T", xlabel="u", ylabel="v")
    (ax,) = figure.axes
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "u", "v")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "c"]


def _softmax_proba(W):
    def predict_proba(points):
        Z = logreg_core.add_intercept(points) @ W
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)

    return predict_proba


def test_each_probability_panel_is_that_class_s_probability_on_the_grid():
    W = np.random.default_rng(2).normal(size=(3, 3))
    models = {"first": _softmax_proba(W), "second": _softmax_proba(-W)}
    figure = plot_class_probabilities(models, X, Y, labels=["a", "b", "c"], resolution=30, suptitle="S")
    panels = [ax for ax in figure.axes if ax.images]
    assert len(panels) == 6
    points, _ = region_grid(X, resolution=30)
    for m, (title, predict_proba) in enumerate(models.items()):
        P = predict_proba(points)
        for k in range(3):
            ax = panels[3 * m + k]
            np.testing.assert_allclose(ax.images[0].get_array(), P[:, k].reshape(30, 30))
            assert ax.get_title() == f"{title}\nP({'abc'[k]} | x)" and ax.get_xlabel()
            assert ax.images[0].get_cmap()(1.0)[:3] == pytest.approx(to_rgba(MULTICLASS_COLORS[k])[:3], abs=0.01)
    assert figure.get_suptitle() == "S" and len(figure.legends) == 1
    colorbars = [ax for ax in figure.axes if ax.get_xlabel().startswith("P(") and not ax.images]
    assert [ax.get_xlabel() for ax in colorbars] == ["P(a | x)", "P(b | x)", "P(c | x)"]


def test_probabilities_of_the_wrong_shape_are_explained():
    with pytest.raises(ValueError, match="'two columns'.*shape \\(m, 3\\)"):
        plot_class_probabilities({"two columns": lambda points: np.full((len(points), 2), 0.5)}, X, Y,
                                 resolution=10)


def test_the_first_step_with_a_region_and_the_shares_of_the_view():
    weights, _ = _history()
    weights = np.concatenate([np.zeros((2, 3, 3)), weights])  # two steps in which every score ties: class 0 wins
    points, _ = region_grid(X, resolution=25)
    grid_b = logreg_core.add_intercept(points)
    for k in range(3):
        step = first_step_with_region(weights, X, k, resolution=25)
        wins = [np.any(np.argmax(grid_b @ W, axis=1) == k) for W in weights]
        assert step == (wins.index(True) if any(wins) else None)
        assert step is None or step >= 2 or k == 0
    assert first_step_with_region(np.zeros((4, 3, 3)), X, 2, resolution=10) is None
    shares = region_shares(weights[-1], X, resolution=25)
    np.testing.assert_allclose(shares, np.bincount(np.argmax(grid_b @ weights[-1], axis=1), minlength=3) / 625)
    assert shares.sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(region_shares(np.zeros((3, 3)), X, resolution=10), [1.0, 0.0, 0.0])
