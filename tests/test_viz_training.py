"""The training view and its static relatives (logreg_viz.geometry, .training, .snapshots, .clusters), on Agg.

What a frame shows is checked against logreg_core: the probability image is predict_proba on the grid, the
boundary's end points satisfy w . [1, x, y] = 0, the run is gradient_descent's. Blitting is checked against a
full redraw, pixel for pixel, so a stale background cannot hide.
"""

import base64
import io
import math
import warnings

import matplotlib.figure
import numpy as np
import pytest
from PIL import Image

import logreg_core
from logreg_data import OVERLAPPING_CLUSTERS, SEPARABLE_CLUSTERS, TwoClusters
from logreg_estimator import LogisticRegressionGD
from logreg_viz.clusters import DistanceView
from logreg_viz.geometry import boundary_segment
from logreg_viz.snapshots import gif_frame_iterations, plot_training_snapshots, save_training_gif, snapshot_iterations
from logreg_viz.training import TrainingFigure, TrainingView

BOX = ((-3.0, 5.0), (-2.0, 4.0))


def _problem(clusters=SEPARABLE_CLUSTERS):
    X, y = clusters.sample()
    X_b = logreg_core.add_intercept(X)
    w0 = np.random.RandomState(0).uniform(0.0, 1.0, size=3)
    return X, y, X_b, w0, logreg_core.safe_learning_rate(X_b)


@pytest.fixture(scope="module")
def view():
    X, y, X_b, w0, learning_rate = _problem(OVERLAPPING_CLUSTERS)
    return TrainingView(X, y, w0, learning_rate, n_iter=200, interactive=False)


def _pixels(figure):
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def _frame_of(ax):
    """A boolean mask of the pixels on the edges of ``ax`` (rows from the top, as in the canvas's buffer)."""
    width, height = ax.figure.canvas.get_width_height()
    box = ax.get_window_extent()
    mask = np.zeros((height, width), dtype=bool)
    for x in (box.x0, box.x1):  # each edge and the pixel on either side of it (edges fall between pixels)
        mask[:, max(0, math.floor(x) - 1):math.ceil(x) + 1] = True
    rows = np.zeros(height, dtype=bool)
    for y in (height - box.y1, height - box.y0):
        rows[max(0, math.floor(y) - 1):math.ceil(y) + 1] = True
    inside_x = np.zeros(width, dtype=bool)
    inside_x[max(0, math.floor(box.x0) - 1):math.ceil(box.x1) + 1] = True
    inside_y = np.zeros(height, dtype=bool)
    inside_y[max(0, math.floor(height - box.y1) - 1):math.ceil(height - box.y0) + 1] = True
    return (mask & inside_y[:, None]) | (rows[:, None] & inside_x[None, :])


def _full_draw(figure):
    """Every artist painted in its place (savefig), as a reader without a kernel sees the figure."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="rgba", dpi=figure.dpi)
    width, height = figure.canvas.get_width_height()
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(height, width, 4)


# ----------------------------------------------------------------------------------------------------------------
# The boundary segment
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "w",
    [
        [1.0, 2.0, 4.0],
        [-0.5, 1.5, -2.0],
        [0.3, 0.0, 1.0],  # horizontal line y = -0.3
        [2.0, -1.0, 0.0],  # vertical line x = 2
        [1e-300, 3e-300, -2e-300],  # tiny weights: the same line as [1, 3, -2]
        [1e200, 3e200, -2e200],  # huge weights: the same line again
    ],
)
def test_boundary_end_points_lie_on_the_line_and_in_the_box(w):
    xs, ys = boundary_segment(w, *BOX)
    assert xs.shape == ys.shape == (2,)
    w = np.asarray(w) / np.max(np.abs(w))
    np.testing.assert_allclose(w[0] + w[1] * xs + w[2] * ys, 0.0, atol=1e-12)
    (x_low, x_high), (y_low, y_high) = BOX
    assert np.all((x_low - 1e-12 <= xs) & (xs <= x_high + 1e-12))
    assert np.all((y_low - 1e-12 <= ys) & (ys <= y_high + 1e-12))
    # The end points are on the border of the box (the segment is clipped, not shortened).
    on_border = np.isclose(xs, x_low) | np.isclose(xs, x_high) | np.isclose(ys, y_low) | np.isclose(ys, y_high)
    assert np.all(on_border)


def test_boundary_end_points_random_lines():
    rng = np.random.default_rng(1)
    for w in rng.normal(size=(200, 3)) * [3.0, 1.0, 1.0]:
        xs, ys = boundary_segment(w, *BOX)
        if xs.size:
            np.testing.assert_allclose(w[0] + w[1] * xs + w[2] * ys, 0.0, atol=1e-9)
        else:  # no segment: then the line misses the box, so z has one sign at all four corners
            corners = np.array([[x, y] for x in BOX[0] for y in BOX[1]])
            z = w[0] + corners @ w[1:]
            assert np.all(z > 0) or np.all(z < 0)


def test_no_boundary_when_the_line_misses_the_box_or_does_not_exist():
    assert boundary_segment([100.0, 1.0, 1.0], *BOX)[0].size == 0  # x + y = -100: far away
    assert boundary_segment([1.0, 0.0, 0.0], *BOX)[0].size == 0  # z = 1 everywhere: no boundary
    assert boundary_segment([0.0, 0.0, 0.0], *BOX)[0].size == 0
    with pytest.raises(ValueError, match="shape"):
        boundary_segment([1.0, 2.0], *BOX)


# ----------------------------------------------------------------------------------------------------------------
# The view: training, frames, re-training
# ----------------------------------------------------------------------------------------------------------------
def _assert_frame_shows(view, i):
    history, figure = view.history, view.training_figure
    w = history.weights[i]
    expected_image = logreg_core.predict_proba(figure.panel.grid_b, w).reshape(figure.panel.image.get_array().shape)
    np.testing.assert_array_equal(figure.panel.image.get_array(), expected_image)
    np.testing.assert_array_equal(figure.panel.boundary.get_data(), boundary_segment(w, figure.panel.xlim,
                                                                                      figure.panel.ylim))
    np.testing.assert_array_equal(figure.marker.get_data(), ([i], [history.losses[i]]))
    accuracy = np.mean(logreg_core.predict(view.X_b, w) == view.y)
    assert figure.ax_data.get_title() == f"iteration {i}: loss {history.losses[i]:.3g}, accuracy {accuracy:.1%}"


def test_the_view_trains_once_with_gradient_descent_and_starts_at_the_end(view):
    X, y, X_b, w0, learning_rate = _problem(OVERLAPPING_CLUSTERS)
    expected = logreg_core.gradient_descent(X_b, y, w0, learning_rate, 200)
    np.testing.assert_array_equal(view.history.weights, expected.weights)
    np.testing.assert_array_equal(view.history.losses, expected.losses)
    np.testing.assert_array_equal(view.training_figure.loss_line.get_ydata(), expected.losses)
    assert view.iteration.max == view.play.max == 200


def test_moving_the_iteration_slider_sets_the_artists_to_that_iteration(view):
    for i in [0, 1, 57, 200]:
        view.iteration.value = i
        _assert_frame_shows(view, i)


def test_changing_the_learning_rate_retrains_with_gradient_descent(view):
    X, y, X_b, w0, _ = _problem(OVERLAPPING_CLUSTERS)
    view.iteration.value = 200  # at the end: the view stays at the end of the new run
    for learning_rate in [0.01, 3.0, view.safe_learning_rate]:
        view.learning_rate.value = learning_rate
        expected = logreg_core.gradient_descent(X_b, y, w0, view.learning_rate.value, 200)
        np.testing.assert_array_equal(view.history.weights, expected.weights)
        np.testing.assert_array_equal(view.training_figure.loss_line.get_ydata(), expected.losses)
        _assert_frame_shows(view, 200)


def test_changing_the_number_of_iterations_retrains_and_resizes_the_sliders(view):
    view.n_iter.value = 300
    assert view.history.n_steps == 300
    assert view.iteration.max == view.play.max == 300
    assert view.iteration.value == 300
    assert view.training_figure.ax_loss.get_xlim() == (0.0, 300.0)
    _assert_frame_shows(view, 300)
    view.iteration.value = 120  # not at the end: the shown iteration is kept
    view.n_iter.value = 200
    assert view.iteration.value == 120
    _assert_frame_shows(view, 120)


def test_play_drives_the_slider_in_the_browser(view):
    assert view.play_link.source == (view.play, "value")
    assert view.play_link.target == (view.iteration, "value")
    assert view.play.step >= 1


def test_a_too_large_learning_rate_is_shown_not_warned_about(view):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning of any kind, let alone one per step
        view.learning_rate.value = 100.0
    losses = view.history.losses
    rises = np.count_nonzero(np.diff(losses) > 0)
    assert rises > 10 and losses.max() > 10 * losses[0]  # the loss climbs: the visual lesson
    assert f"rose in {rises} of them" in view.status.value
    # the loss axis widened to show the climb
    assert view.training_figure.ax_loss.get_ylim()[1] >= losses.max()
    view.learning_rate.value = view.safe_learning_rate
    assert "rose" not in view.status.value


def test_overflowing_weights_keep_the_old_run_and_say_why(view, monkeypatch):
    before = view.history

    def overflow(learning_rate, n_iter):
        raise FloatingPointError("The loss became inf at iteration 3")

    monkeypatch.setattr(view, "train", overflow)
    view.learning_rate.value = 50.0
    assert view.history is before
    assert "Training failed" in view.status.value and "inf" in view.status.value


def _as_the_browser_shows(slider):
    """The value a FloatLogSlider takes when a browser first shows it, computed as the browser computes it.

    A port of ipywidgets 8's FloatLogSliderView (the slider's position is log(value) / log(base), clamped to
    [min, max]; its value is base ** position) and of the arithmetic of noUiSlider 15, which draws the slider:
    ``toStepping`` (position to percent), ``getStep`` (to the nearest step, JavaScript's Math.round) and
    ``fromStepping`` (back), each written with the same operations in the same order.
    """
    low, high, step = slider.min, slider.max, slider.step
    position = min(max(math.log(slider.value) / math.log(slider.base), low), high)
    percent_step = 100 * step / (high - low)
    if position >= high:
        percent = 100.0
    else:
        percent = 100 * (position - low) / (high - low)
        percent = min(max(math.floor(percent / percent_step + 0.5) * percent_step, 0.0), 100.0)
    position = high if percent >= 100 else percent * (high - low) / 100 + low
    return slider.base**position


@pytest.mark.parametrize(
    "clusters_or_rate",
    [SEPARABLE_CLUSTERS, OVERLAPPING_CLUSTERS, 1e-3, 0.01, 0.123, 1.0, 7.0, 100.0, 2e-4, 500.0],
    ids=["nb04-safe-rate", "nb05-safe-rate", "1e-3", "0.01", "0.123", "1", "7", "100", "below-range", "above-range"],
)
def test_the_learning_rate_slider_starts_exactly_at_the_given_rate(clusters_or_rate):
    """The slider's grid goes through the learning rate it starts with: a browser shows it as it is.

    Off the grid (notebook 04's safe rate 0.2835 on a grid through 0.001 was one), the browser would move the
    slider to the nearest position, 0.282, and the kernel would re-train with a rate the notebook never asked for.
    """
    if isinstance(clusters_or_rate, TwoClusters):  # the notebooks' own case: the safe rate 1/L of their data
        X, y, X_b, w0, learning_rate = _problem(clusters_or_rate)
    else:
        X, y, X_b, w0, _ = _problem()
        learning_rate = clusters_or_rate
    view = TrainingView(X, y, w0, learning_rate, n_iter=10, interactive=False, dpi=20)
    slider = view.learning_rate
    assert slider.value == learning_rate
    assert math.isclose(_as_the_browser_shows(slider), learning_rate, rel_tol=1e-12)
    assert view.history.n_steps == 10 and f"learning rate {learning_rate:.3g} " in view.status.value
    # The range: 20 positions per decade, ends within half a step of 1e-3 and 1e2, or one step beyond the value.
    exponent = math.log10(learning_rate)
    assert slider.step == 0.05
    assert slider.min <= exponent - 0.05 + 1e-12 and slider.max >= exponent + 0.05 - 1e-12
    assert abs(slider.min + 3.0) <= 0.025 + 1e-12 or math.isclose(slider.min, exponent - 0.05)
    assert abs(slider.max - 2.0) <= 0.025 + 1e-12 or math.isclose(slider.max, exponent + 0.05)


def test_the_browser_port_moves_a_value_that_is_off_the_grid():
    """The check above can fail: on the old grid (through 10^-3) notebook 04's safe rate moves to 0.282."""
    import ipywidgets as widgets

    *_, learning_rate = _problem(SEPARABLE_CLUSTERS)
    old = widgets.FloatLogSlider(value=learning_rate, min=-3.0, max=2.0, step=0.05)
    assert f"{_as_the_browser_shows(old):.3g}" == "0.282" and f"{learning_rate:.3g}" == "0.284"


def test_the_browser_echoing_the_start_value_does_not_retrain(view):
    """The browser sends the value back from its position, through log10 and back: the last digits may differ
    (0.28353515666706736 for 0.28353515666706725, seen in Chromium). That is not a new setting."""
    view.learning_rate.value = view.safe_learning_rate
    shown = view.history
    view.learning_rate.value = view.safe_learning_rate * (1 + 4e-16)
    assert view.history is shown
    view.learning_rate.value = view.safe_learning_rate * 1.2  # a real move re-trains
    assert view.history is not shown


def test_a_blitted_frame_equals_a_full_redraw():
    X, y, X_b, w0, learning_rate = _problem(OVERLAPPING_CLUSTERS)
    view = TrainingView(X, y, w0, learning_rate, n_iter=100, interactive=False, dpi=50)
    # frames, a re-training whose loss axis must widen (divergence), then frames again
    for action in [("iteration", 10), ("iteration", 60), ("learning_rate", 60.0), ("iteration", 30)]:
        setattr(getattr(view, action[0]), "value", action[1])
        differ = np.any(_pixels(view.figure) != _full_draw(view.figure), axis=2)
        # The one allowed difference: the first pixel of a tick of the data panel, where the tick meets the edge
        # of the probability surface (a full draw paints the tick over the surface; a frame repaints the surface
        # over the saved tick). Redrawing both axes with their labels on every frame would cost more than it shows.
        differ[_frame_of(view.training_figure.ax_data)] = False
        assert not differ.any(), f"{differ.sum()} pixels differ after {action}"


def test_without_a_kernel_the_view_is_a_still_picture(view):
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}
    assert Image.open(io.BytesIO(base64.b64decode(bundle["image/png"]))).size == view.figure.canvas.get_width_height()
    assert bundle["text/plain"].startswith("<TrainingView: learning rate")


# ----------------------------------------------------------------------------------------------------------------
# Static figures and the GIF
# ----------------------------------------------------------------------------------------------------------------
def test_snapshot_and_frame_iterations():
    assert snapshot_iterations(750) == [0, 8, 75, 750]
    assert snapshot_iterations(10, 2) == [0, 10]
    frames = gif_frame_iterations(750, 60)
    assert frames[0] == 0 and frames[-1] == 750 and np.all(np.diff(frames) > 0)
    assert np.diff(frames)[0] < np.diff(frames)[-1]  # dense at the start


def test_snapshots_show_the_boundary_at_each_moment():
    X, y, X_b, w0, learning_rate = _problem()
    history = logreg_core.gradient_descent(X_b, y, w0, learning_rate, 750)
    figure = plot_training_snapshots(X, y, history, figure=matplotlib.figure.Figure())
    data_axes = [ax for ax in figure.axes if ax.get_title().startswith("iteration")]
    assert [ax.get_title().split("\n")[0] for ax in data_axes] == [f"iteration {i}" for i in [0, 8, 75, 750]]
    for ax, i in zip(data_axes, [0, 8, 75, 750]):
        (boundary,) = [line for line in ax.get_lines() if line.get_label() == "boundary p = ½"]
        xs, ys = boundary.get_data()
        w = history.weights[i]
        np.testing.assert_allclose(w[0] + w[1] * xs + w[2] * ys, 0.0, atol=1e-9)


def test_the_gif_writer_writes_a_valid_multi_frame_gif(tmp_path):
    X, y, X_b, w0, learning_rate = _problem()
    history = logreg_core.gradient_descent(X_b, y, w0, learning_rate, 40)
    path = tmp_path / "training.gif"
    iterations = save_training_gif(path, X, y, history, iterations=[0, 1, 5, 20, 40], fps=10, hold_seconds=1.0,
                                   dpi=40)
    np.testing.assert_array_equal(iterations, [0, 1, 5, 20, 40])
    with Image.open(path) as gif:
        assert gif.format == "GIF" and gif.is_animated
        assert gif.n_frames == 5  # the held copies of the last frame merge into one longer frame
        assert gif.size == (round(9.6 * 40), round(4.4 * 40))
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
        assert durations[:-1] == [100] * 4 and durations[-1] >= 1000


def test_the_gif_accepts_a_fitted_estimator(tmp_path):
    X, y, *_ = _problem()
    model = LogisticRegressionGD(learning_rate="auto", max_iter=30, init="uniform", random_state=0)
    model.fit(X, y)
    iterations = save_training_gif(tmp_path / "model.gif", X, y, model, dpi=30, hold_seconds=0)
    assert iterations[-1] == 30


# ----------------------------------------------------------------------------------------------------------------
# The distance slider
# ----------------------------------------------------------------------------------------------------------------
def test_the_distance_slider_regenerates_the_data_and_retrains():
    _, _, _, w0, _ = _problem()
    distance_view = DistanceView(OVERLAPPING_CLUSTERS, w0, n_iter=100, interactive=False, resolution=40)
    distance_view.distance.value = 5.0
    clusters = distance_view.clusters
    assert clusters.distance == 5.0 and clusters.random_state == OVERLAPPING_CLUSTERS.random_state
    X, y = clusters.sample()
    panel = distance_view.artists["panel"]
    for k in (0, 1):
        np.testing.assert_array_equal(panel.points[k].get_offsets(), X[y == k])
    X_b = logreg_core.add_intercept(X)
    expected = logreg_core.gradient_descent(X_b, y, w0, logreg_core.safe_learning_rate(X_b), 100)
    np.testing.assert_array_equal(distance_view.history.weights, expected.weights)
    xs, ys = distance_view.artists["bayes"].get_data()
    w_bayes = clusters.bayes_weights()
    np.testing.assert_allclose(w_bayes[0] + w_bayes[1] * xs + w_bayes[2] * ys, 0.0, atol=1e-9)
    assert "best expected 99.4%" in distance_view.artists["ax"].get_title()
    assert distance_view.status_text.startswith("centres 5.0 apart: the learned line classifies")


def test_training_figure_draws_on_a_given_figure():
    X, y, X_b, w0, learning_rate = _problem()
    history = logreg_core.gradient_descent(X_b, y, w0, learning_rate, 10)
    figure = matplotlib.figure.Figure()
    training_figure = TrainingFigure(X, y, history, figure=figure, loss_scale="linear")
    assert training_figure.figure is figure and len(figure.axes) == 3  # data, colour bar, loss
