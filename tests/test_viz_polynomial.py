"""Notebooks 12 and 13's figures of polynomial features and the degree explorer (logreg_viz.polynomial), and what
they added to the training view, on Agg.

The explorer's accuracies are those of a scikit-learn ``Pipeline`` fitted directly; its curved boundary runs
through grid cells where the model's score changes sign; a blitted frame equals a full redraw. The static figures
draw each model in the plane, titled and labelled.
"""

import matplotlib.figure
import numpy as np
import pytest

import logreg_core
from logreg_data import WINDOW, make_dataset, polynomial_features, polynomial_model, weights_and_features
from logreg_estimator import LogisticRegressionGD
from logreg_viz.geometry import boundary_curves
from logreg_viz.polynomial import (
    ALPHAS,
    DegreeExplorer,
    plot_accuracy_by_degree,
    plot_boundaries,
    plot_lifted_product,
)
from logreg_viz.training import TrainingFigure
from test_viz_draw import _assert_boundary_is_the_zero_contour, _gradient_descent, _pixels


# ----------------------------------------------------------------------------------------------------------------
# The degree explorer
# ----------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def noisy_circles():
    X_train, y_train = make_dataset("circles", 30, noise=0.25, random_state=8)
    X_test, y_test = make_dataset("circles", 300, noise=0.25, random_state=100)
    return X_train, y_train, X_test, y_test


def test_the_explorers_accuracies_match_a_pipeline_fit_directly(noisy_circles):
    X_train, y_train, X_test, y_test = noisy_circles
    explorer = DegreeExplorer(*noisy_circles, degree=1, max_iter=300, interactive=False, resolution=40, dpi=60)
    for degree, alpha in [(1, 0.0), (2, 0.0), (8, 0.0), (8, 0.1), (3, 1.0)]:
        explorer.degree.value = degree
        explorer.alpha.value = alpha
        direct = polynomial_model(degree, alpha, max_iter=300).fit(X_train, y_train)
        assert explorer.train_accuracy == direct.score(X_train, y_train)
        assert explorer.test_accuracy == direct.score(X_test, y_test)
        assert explorer.tried[0] == (degree, alpha, explorer.train_accuracy, explorer.test_accuracy)
        assert f"training accuracy <b>{direct.score(X_train, y_train):.1%}</b>" in explorer.status_text
        assert f"test accuracy <b>{direct.score(X_test, y_test):.1%}</b>" in explorer.status_text
        figure = explorer.training_figure
        np.testing.assert_array_equal(figure.loss_line.get_ydata(), direct[-1].loss_curve_)
        assert figure.iteration == 300  # the trained model is shown, not a moment of its training
        panel = figure.panel
        z_grid = direct.decision_function(panel.grid).reshape(panel.shape)
        np.testing.assert_allclose(panel.image.get_array(), logreg_core.sigmoid(z_grid), atol=1e-12)
        _assert_boundary_is_the_zero_contour(panel, z_grid)


def test_the_explorer_keeps_the_settings_tried_newest_first(noisy_circles):
    explorer = DegreeExplorer(*noisy_circles, degree=2, max_iter=50, interactive=False, resolution=30, dpi=50)
    explorer.set(degree=3)
    explorer.set(alpha=ALPHAS[3])
    explorer.set(degree=2, alpha=0.0)  # tried before: moves to the top, not repeated
    assert [row[:2] for row in explorer.tried] == [(2, 0.0), (3, ALPHAS[3]), (3, 0.0)]
    assert (explorer.degree.value, explorer.alpha.value) == (2, 0.0)  # set() moves the sliders
    bundle = explorer._repr_mimebundle_()
    assert bundle["image/png"] and bundle["text/plain"].startswith("<DegreeExplorer: degree")


def test_a_blitted_explorer_frame_equals_a_full_redraw(noisy_circles):
    explorer = DegreeExplorer(*noisy_circles, degree=1, max_iter=100, interactive=False, resolution=40, dpi=50)
    for degree, alpha in [(6, 0.0), (6, 0.3), (2, 0.3)]:
        explorer.degree.value, explorer.alpha.value = degree, alpha
        blitted = _pixels(explorer.figure)
        explorer.figure.canvas.draw()
        np.testing.assert_array_equal(blitted, _pixels(explorer.figure))


# ----------------------------------------------------------------------------------------------------------------
# Static figures, the boundary of a feature map, and the training view's additions
# ----------------------------------------------------------------------------------------------------------------
def test_weights_and_features_of_an_estimator_and_of_a_pipeline():
    X, y = make_dataset("moons", 80)
    line = LogisticRegressionGD(learning_rate="auto", max_iter=50).fit(X, y)
    w, features = weights_and_features(line)
    assert features is None
    np.testing.assert_array_equal(w, np.r_[line.intercept_, line.coef_[0]])
    curve = polynomial_model(3, max_iter=50).fit(X, y)
    w, features = weights_and_features(curve)
    np.testing.assert_allclose(logreg_core.add_intercept(features(X)) @ w, curve.decision_function(X), atol=1e-12)


def test_plot_boundaries_draws_each_model_in_the_plane():
    X, y = make_dataset("circles", 80)
    line = LogisticRegressionGD(learning_rate="auto", max_iter=50).fit(X, y)
    curve = polynomial_model(2, max_iter=200).fit(X, y)
    figure = plot_boundaries([(X, y, line, "a line"), (X, y, curve, "a curve")], suptitle="two models",
                             resolution=50)
    data_axes = [ax for ax in figure.axes if ax.get_title() in ("a line", "a curve")]
    assert len(data_axes) == 2 and figure.get_suptitle() == "two models"
    (line_boundary,) = [line2d for line2d in data_axes[0].get_lines() if line2d.get_label() == "boundary p = ½"]
    xs, ys = line_boundary.get_data()
    w = weights_and_features(line)[0]
    np.testing.assert_allclose(w[0] + w[1] * xs + w[2] * ys, 0.0, atol=1e-9)
    (curve_boundary,) = [line2d for line2d in data_axes[1].get_lines() if line2d.get_label() == "boundary p = ½"]
    bx, by = curve_boundary.get_data()
    assert np.nanmax(np.hypot(bx, by)) < 1.0 < 2.0  # a closed curve between the disc and the ring
    given = matplotlib.figure.Figure().subplots(1, 2)
    assert plot_boundaries([(X, y, line, "a"), (X, y, curve, "b")], axes=given) is given[0].figure


def test_boundary_curves_trace_the_zero_level():
    xs = np.linspace(-2, 2, 81)
    grid_x, grid_y = np.meshgrid(xs, xs)
    bx, by = boundary_curves(xs, xs, grid_x**2 + grid_y**2 - 1.0)  # the unit circle
    np.testing.assert_allclose(np.hypot(bx, by), 1.0, atol=2e-3)
    two = np.minimum(np.hypot(grid_x - 1, grid_y) - 0.5, np.hypot(grid_x + 1, grid_y) - 0.5)  # two circles
    bx, by = boundary_curves(xs, xs, two)
    assert np.count_nonzero(np.isnan(bx)) == 1 and np.all(np.isnan(bx) == np.isnan(by))
    for empty in boundary_curves(xs, xs, np.ones_like(grid_x)):  # no sign change: no boundary
        assert empty.shape == (0,)


def test_training_figure_takes_a_feature_map_and_new_data():
    X, y = make_dataset("XOR", 40)
    features = polynomial_features(2).fit(X).transform
    history = _gradient_descent(X, y, features, n_iter=30)
    figure = TrainingFigure(X, y, history, features=features, xlim=WINDOW[0], ylim=WINDOW[1], resolution=30, dpi=40)
    np.testing.assert_array_equal(figure.X_b, logreg_core.add_intercept(features(X)))
    assert figure.iteration == 0 and not figure.message.get_visible()  # as before: a run starts at iteration 0
    X2, y2 = make_dataset("two blobs", 14)
    line = _gradient_descent(X2, y2, n_iter=20)
    figure.set_data(X2, y2, line, message="a note")
    assert figure.iteration == 20 and figure.n_steps == 20 and figure.panel.features is None
    assert figure.message.get_visible() and figure.message.get_text() == "a note"
    np.testing.assert_array_equal(figure.X_b, logreg_core.add_intercept(X2))
    assert sum(len(c.get_offsets()) for c in figure.panel.points) == 14
    figure.set_data(X2[:1], y2[:1], None)
    assert figure.history is None and figure.n_steps == 0 and figure.X_b is None
    assert not figure.message.get_visible() and figure.ax_data.get_title() == "no model"
    figure.figure.canvas.draw()


def test_a_training_figure_without_a_run_is_laid_out_like_one_with_a_run():
    empty = TrainingFigure(np.empty((0, 2)), np.empty(0), None, xlim=(-1, 1), ylim=(-1, 1), loss_scale="linear")
    ax = empty.ax_data.get_position()
    assert ax.width > 0.2 and ax.height > 0.5  # not squeezed by the empty (unclipped) loss marker


def test_the_lifted_product_figure_shows_the_plane_and_the_curve():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    X, y = make_dataset("XOR", 80)
    model = make_pipeline(FunctionTransformer(lambda X: np.column_stack([X, X[:, 0] * X[:, 1]])),
                          LogisticRegressionGD(learning_rate="auto", max_iter=300)).fit(X, y)
    figure = plot_lifted_product(X, y, model, resolution=40)
    ax3d, ax2d = [ax for ax in figure.axes if ax.get_title()][:2]
    assert ax3d.name == "3d" and "flat plane" in ax3d.get_title() and ax3d.get_zlabel() == "new feature $x_1 x_2$"
    w, _ = weights_and_features(model)
    heights = [c.get_offsets() for c in ax3d.collections[:2]]
    assert sum(len(h) for h in heights) == len(X)
    (curve,) = [line for line in ax2d.get_lines() if line.get_label() == "boundary p = ½"]
    bx, by = (np.asarray(v, dtype=float) for v in curve.get_data())
    keep = ~np.isnan(bx)
    z = w[0] + w[1] * bx[keep] + w[2] * by[keep] + w[3] * bx[keep] * by[keep]
    assert np.max(np.abs(z)) < 0.1 * np.max(np.abs(w))  # on the curve z = 0, to the grid's accuracy
    assert figure.get_suptitle() == "XOR with the product $x_1 x_2$ as a third feature"


def test_accuracy_by_degree_plots_what_it_is_given():
    figure = plot_accuracy_by_degree([1, 2, 3], [0.5, 0.8, 0.9], [0.5, 0.85, 0.7], mean_train=[0.6, 0.8, 0.9],
                                     mean_test=[0.5, 0.8, 0.75], n_train=30, n_test=1000, n_samples=8)
    (ax,) = figure.axes
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["training accuracy (30 points)", "test accuracy (1000 new points)",
                      "training, mean of 8 other samples", "test, mean of 8 other samples"]
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), [0.5, 0.85, 0.7])
    assert ax.get_xlabel() == "polynomial degree" and ax.get_ylabel() == "accuracy" and ax.get_title()
    only_one = plot_accuracy_by_degree([1, 2], [0.5, 0.8], [0.5, 0.7])
    assert len(only_one.axes[0].get_lines()) == 2
