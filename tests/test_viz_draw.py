"""Notebook 09's editor and degree explorer (logreg_viz.draw), and what they added to the training view, on Agg.

Clicks are simulated by calling the editor's handler with fake events (``xdata``, ``ydata``, ``button``,
``inaxes``, ``dblclick``), as matplotlib would. What the figure shows is checked against the core: every change
re-trains exactly as ``logreg_core.gradient_descent`` does, the probability image is the model on the grid, a
straight boundary is ``boundary_segment``'s and a curved one runs through grid cells where the model's score
changes sign. The explorer's accuracies are those of a scikit-learn ``Pipeline`` fitted directly.
"""

import warnings
from types import SimpleNamespace

import matplotlib.figure
import numpy as np
import pytest

import logreg_core
from logreg_data import PRESETS, WINDOW, make_dataset, polynomial_features, polynomial_model, weights_and_features
from logreg_estimator import LogisticRegressionGD
from logreg_viz.draw import ALPHAS, HIT_RADIUS_POINTS, DataEditor, DegreeExplorer, plot_boundaries
from logreg_viz.geometry import boundary_curves, boundary_segment
from logreg_viz.training import TrainingFigure

N_ITER = 500


def _editor(**kwargs):
    return DataEditor(interactive=False, resolution=40, dpi=60, **kwargs)


def _click(editor, x1, x2, *, button=1, dblclick=False, inaxes="data"):
    axes = {"data": editor.training_figure.ax_data, "loss": editor.training_figure.ax_loss, None: None}[inaxes]
    editor.on_click(SimpleNamespace(inaxes=axes, xdata=x1, ydata=x2, button=button, dblclick=dblclick))


def _pixels(figure):
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def _gradient_descent(X, y, features=None, alpha=0.0, n_iter=N_ITER):
    X_b = logreg_core.add_intercept(X if features is None else features(X))
    learning_rate = logreg_core.safe_learning_rate(X_b, alpha)
    return logreg_core.gradient_descent(X_b, y, np.zeros(X_b.shape[1]), learning_rate, n_iter, alpha=alpha)


def _assert_boundary_is_the_zero_contour(panel, z_grid):
    """Every boundary point lies in a grid cell whose four corners do not all have the same sign of z."""
    bx, by = panel.boundary.get_data()
    bx, by = np.asarray(bx, dtype=float), np.asarray(by, dtype=float)
    assert bx.size > 0, "z changes sign on the grid, so there must be a boundary"
    keep = ~np.isnan(bx)
    xs, ys = panel.xs, panel.ys
    i = np.clip(np.searchsorted(xs, bx[keep]), 1, len(xs) - 1)
    j = np.clip(np.searchsorted(ys, by[keep]), 1, len(ys) - 1)
    corners = np.stack([z_grid[j - 1, i - 1], z_grid[j - 1, i], z_grid[j, i - 1], z_grid[j, i]])
    assert np.all(corners.min(axis=0) <= 0) and np.all(corners.max(axis=0) >= 0)


# ----------------------------------------------------------------------------------------------------------------
# The editor: clicks
# ----------------------------------------------------------------------------------------------------------------
def test_a_click_adds_a_point_of_the_chosen_class():
    editor = _editor()
    _click(editor, 0.5, 0.25)
    editor.label.value = 1
    _click(editor, -1.0, 1.5)
    X, y = editor.data()
    np.testing.assert_array_equal(X, [[0.5, 0.25], [-1.0, 1.5]])
    np.testing.assert_array_equal(y, [0, 1])
    assert X.dtype == np.float64 and y.dtype.kind == "i"


def test_a_click_on_a_point_removes_exactly_that_point():
    editor = _editor(preset="moons")
    X, y = editor.data()
    index = 17
    to_pixels = editor.training_figure.ax_data.transData
    near = to_pixels.inverted().transform(to_pixels.transform(X[index]) + [2.0, -2.0])  # 2.8 pixels away
    assert editor.point_at(*near) == index
    _click(editor, *near)
    np.testing.assert_array_equal(editor.X, np.delete(X, index, axis=0))
    np.testing.assert_array_equal(editor.y, np.delete(y, index))


def test_a_click_just_outside_a_point_adds_a_new_one():
    editor = _editor(X=[[0.0, 0.0], [1.0, 1.0]], y=[0, 1])
    to_pixels = editor.training_figure.ax_data.transData
    radius = HIT_RADIUS_POINTS * editor.figure.dpi / 72  # in pixels
    inside = to_pixels.inverted().transform(to_pixels.transform([0.0, 0.0]) + [0.0, radius - 0.5])
    outside = to_pixels.inverted().transform(to_pixels.transform([0.0, 0.0]) + [0.0, radius + 0.5])
    assert editor.point_at(*inside) == 0 and editor.point_at(*outside) is None
    _click(editor, *outside)
    assert len(editor.y) == 3 and editor.y[-1] == editor.label.value == 0


@pytest.mark.parametrize(
    "event",
    [
        {"inaxes": "loss"},  # a click on the loss panel
        {"inaxes": None},  # outside every panel
        {"button": 3},  # the right button
        {"button": 2},
        {"dblclick": True},  # the second press of a double click
    ],
)
def test_other_clicks_are_ignored(event):
    editor = _editor(preset="XOR")
    before, history = editor.data(), editor.history
    _click(editor, 0.1, 0.2, **event)
    np.testing.assert_array_equal(editor.X, before[0])
    assert editor.history is history  # not even re-trained


def test_a_click_without_coordinates_is_ignored():
    editor = _editor()
    _click(editor, None, None)
    assert len(editor.y) == 0


def test_clear_and_the_preset_buttons():
    editor = _editor()
    for name, button in editor.preset_buttons.items():
        button.click()
        X, y = make_dataset(name, 60)
        np.testing.assert_array_equal(editor.X, X)
        np.testing.assert_array_equal(editor.y, y)
        assert editor.history is not None
    editor.clear_button.click()
    assert editor.X.shape == (0, 2) and editor.y.shape == (0,)
    assert editor.history is None and "No points yet" in editor.message


def test_the_export_is_a_copy_and_the_input_is_checked():
    editor = _editor(preset="circles")
    X, y = editor.data()
    X[:] = 0.0
    y[:] = 1
    assert not np.all(editor.X == 0.0) and not np.all(editor.y == 1)
    other = _editor(X=editor.X[:5], y=editor.y[:5])
    np.testing.assert_array_equal(other.X, editor.X[:5])
    with pytest.raises(ValueError, match="shape"):
        editor.set_points(np.zeros((3, 3)), [0, 1, 0])
    with pytest.raises(ValueError, match="one label per point"):
        editor.set_points(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        editor.set_points(np.zeros((2, 2)), [0, 2])
    with pytest.raises(ValueError, match="alpha"):
        _editor(alpha=-1.0)


# ----------------------------------------------------------------------------------------------------------------
# The editor: edge cases say so on the figure
# ----------------------------------------------------------------------------------------------------------------
EDGE_CASES = {
    "no points": ([], [], "No points yet"),
    "a single point": ([[0.3, -0.2]], [1], "One point is not enough"),
    "one class only": ([[0.3, -0.2], [1.0, 1.0], [-1.0, 0.5]], [0, 0, 0], "Only class 0 (blue ●) so far (3 points)"),
    "one class only, class 1": ([[0.3, -0.2], [1.0, 1.0]], [1, 1], "Add a point of class 0 (blue ●)"),
}


@pytest.mark.parametrize("case", EDGE_CASES)
def test_what_cannot_be_trained_shows_a_message_and_no_model(case):
    X, y, expected = EDGE_CASES[case]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning (e.g. a mean of nothing), no other warning
        editor = _editor(X=np.reshape(X, (-1, 2)), y=y)
        editor.figure.canvas.draw()
    figure = editor.training_figure
    assert editor.history is None and editor.accuracy is None
    assert figure.message.get_visible() and expected in figure.message.get_text()
    assert expected in editor.message and "no model yet" in editor.status.value
    np.testing.assert_array_equal(figure.panel.image.get_array(), 0.5)  # a blank surface
    assert len(figure.panel.boundary.get_xdata()) == 0 and len(figure.loss_line.get_xdata()) == 0
    for k, collection in enumerate(figure.panel.points):  # the points that are there are shown
        np.testing.assert_array_equal(collection.get_offsets(), np.reshape(X, (-1, 2))[np.asarray(y) == k])


def test_the_edge_cases_in_the_order_a_student_meets_them():
    editor = _editor()
    assert "No points yet" in editor.message
    _click(editor, 0.5, 0.5)
    assert "One point" in editor.message and "class 1" in editor.message
    _click(editor, -0.5, -0.5)
    assert "Only class 0" in editor.message
    editor.label.value = 1
    _click(editor, 1.0, -1.0)
    assert editor.message is None and not editor.training_figure.message.get_visible()
    assert editor.history is not None and editor.accuracy == 1.0
    _click(editor, 1.0, -1.0)  # a click on the class-1 point removes it again
    assert "Only class 0" in editor.message and editor.history is None


def test_identical_points_with_different_labels_train_with_a_warning():
    X = np.array([[0.5, 0.5], [0.5, 0.5], [-1.0, 0.0], [1.0, 0.2]])
    y = np.array([0, 1, 0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        editor = _editor(X=X, y=y)
    assert editor.history is not None
    assert "one place holds points of both classes" in editor.message
    assert editor.training_figure.message.get_visible()
    editor.set_points(X[:2], y[:2])  # nothing but the conflict: the model can only say p = 1/2
    np.testing.assert_allclose(editor.history.final_weights, 0.0, atol=1e-12)
    assert editor.accuracy == 0.5 and len(editor.training_figure.panel.boundary.get_xdata()) == 0
    editor.set_points(np.vstack([X, X]), np.r_[y, y])
    assert "one place" in editor.message  # still one place (with four points)
    editor.set_points(np.vstack([X, X + 0.1]), np.r_[y, y])
    assert "2 places hold" in editor.message


def test_a_training_failure_is_said_on_the_figure(monkeypatch):
    editor = _editor(preset="two blobs")

    def overflow(*args, **kwargs):
        raise FloatingPointError("The loss became inf at iteration 3")

    monkeypatch.setattr(logreg_core, "gradient_descent", overflow)
    _click(editor, 1.9, -1.9)
    assert editor.history is None and editor.message.startswith("Training failed:\nThe loss became inf")
    assert editor.training_figure.message.get_visible()


def test_random_clicking_never_raises_and_the_state_stays_consistent():
    rng = np.random.default_rng(0)
    editor = _editor()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for step in range(250):
            action = rng.random()
            if action < 0.03:
                editor.load_preset(PRESETS[rng.integers(len(PRESETS))])
            elif action < 0.05:
                editor.clear()
            elif action < 0.08:
                editor.degree.value = int(rng.integers(1, 5))
            elif action < 0.3 and len(editor.y):  # a click on an existing point
                _click(editor, *editor.X[rng.integers(len(editor.y))])
            else:
                editor.label.value = int(rng.integers(2))
                _click(editor, *rng.uniform(-2.2, 2.2, size=2), button=int(rng.choice([1, 1, 1, 3])),
                       dblclick=bool(rng.random() < 0.05), inaxes=str(rng.choice(["data"] * 9 + ["loss"])))
            X, y = editor.data()
            assert X.shape == (len(y), 2)
            trainable = len(y) >= 2 and len(set(y.tolist())) == 2
            assert (editor.history is not None) == trainable, f"step {step}"
            assert editor.training_figure.message.get_visible() == (editor.message is not None)


# ----------------------------------------------------------------------------------------------------------------
# The editor: re-training, and what is drawn
# ----------------------------------------------------------------------------------------------------------------
def test_every_change_retrains_with_gradient_descent_and_redraws():
    editor = _editor(preset="two blobs")
    editor.label.value = 1
    _click(editor, -0.8, -0.6)
    editor.label.value = 0
    _click(editor, 1.5, 1.8)
    X, y = editor.data()
    expected = _gradient_descent(X, y)
    np.testing.assert_array_equal(editor.history.weights, expected.weights)
    np.testing.assert_array_equal(editor.history.losses, expected.losses)
    figure, w = editor.training_figure, expected.final_weights
    image = logreg_core.predict_proba(figure.panel.grid_b, w).reshape(figure.panel.image.get_array().shape)
    np.testing.assert_array_equal(figure.panel.image.get_array(), image)
    np.testing.assert_array_equal(figure.panel.boundary.get_data(),
                                  boundary_segment(w, figure.panel.xlim, figure.panel.ylim))
    np.testing.assert_array_equal(figure.loss_line.get_ydata(), expected.losses)
    np.testing.assert_array_equal(figure.marker.get_data(), ([N_ITER], [expected.losses[-1]]))
    accuracy = np.mean(logreg_core.predict(logreg_core.add_intercept(X), w) == y)
    assert editor.accuracy == accuracy
    assert figure.ax_data.get_title().startswith(f"training accuracy {accuracy:.1%}")
    assert f"training accuracy {accuracy:.1%}" in editor.status.value
    for k in (0, 1):
        np.testing.assert_array_equal(figure.panel.points[k].get_offsets(), X[y == k])


def test_a_higher_degree_trains_on_scaled_polynomial_features():
    editor = _editor(preset="circles")
    assert editor.accuracy < 0.7  # a line fails on circles
    editor.degree.value = 2
    X, y = editor.data()
    features = polynomial_features(2).fit(X).transform
    expected = _gradient_descent(X, y, features)
    np.testing.assert_array_equal(editor.history.weights, expected.weights)
    assert editor.accuracy == 1.0 and "degree-2 polynomial features" in editor.status.value
    panel, w = editor.training_figure.panel, expected.final_weights
    z_grid = (logreg_core.add_intercept(features(panel.grid)) @ w).reshape(panel.shape)
    np.testing.assert_allclose(panel.image.get_array(), logreg_core.sigmoid(z_grid))
    _assert_boundary_is_the_zero_contour(panel, z_grid)
    editor.degree.value = 1
    np.testing.assert_array_equal(editor.history.weights, _gradient_descent(X, y).weights)


def test_alpha_is_passed_to_gradient_descent():
    editor = _editor(preset="moons", alpha=0.05)
    X, y = editor.data()
    np.testing.assert_array_equal(editor.history.weights, _gradient_descent(X, y, alpha=0.05).weights)


def test_updates_run_with_one_blas_thread_and_restore_the_setting(monkeypatch):
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]

    before = blas_threads()
    editor = _editor(preset="two blobs")
    seen = []
    descend = logreg_core.gradient_descent
    monkeypatch.setattr(logreg_core, "gradient_descent",
                        lambda *args, **kwargs: (seen.append(blas_threads()), descend(*args, **kwargs))[1])
    _click(editor, 1.9, -1.9)
    assert seen and all(threads == 1 for threads in seen[0]) and blas_threads() == before


def test_a_blitted_editor_frame_equals_a_full_redraw():
    editor = _editor(preset="two blobs")
    for action in [lambda: _click(editor, 0.2, 1.9), lambda: editor.clear(), lambda: _click(editor, 0.0, 0.0),
                   lambda: editor.load_preset("circles"), lambda: setattr(editor.degree, "value", 3)]:
        action()
        blitted = _pixels(editor.figure)
        editor.figure.canvas.draw()
        np.testing.assert_array_equal(blitted, _pixels(editor.figure))


def test_the_editor_says_what_it_shows_in_words():
    editor = _editor(preset="XOR")
    bundle = editor._repr_mimebundle_()
    assert bundle["image/png"]
    assert bundle["text/plain"].startswith("<DataEditor: 60 points (30 of class 0, 30 of class 1) · a straight")
    assert editor.status.value.startswith('<div role="status" aria-live="polite"><b>60 points</b>')


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
    (line_boundary,) = [l for l in data_axes[0].get_lines() if l.get_label() == "boundary p = ½"]
    xs, ys = line_boundary.get_data()
    w = weights_and_features(line)[0]
    np.testing.assert_allclose(w[0] + w[1] * xs + w[2] * ys, 0.0, atol=1e-9)
    (curve_boundary,) = [l for l in data_axes[1].get_lines() if l.get_label() == "boundary p = ½"]
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
