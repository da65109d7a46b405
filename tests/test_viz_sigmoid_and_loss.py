"""The figures and widgets of notebooks 01 and 02 (logreg_viz.sigmoid, logreg_viz.cross_entropy): moving a control
puts on screen what logreg_core computes.

The widgets run on matplotlib's Agg backend here (tests/conftest.py); ipywidgets works without a kernel, so setting
a slider's value runs the same callback a student's drag does.
"""

import matplotlib.figure
import numpy as np
import pytest

import logreg_core as core
from logreg_viz import cross_entropy, sigmoid
from logreg_viz.style import CLASS_COLORS

HOURS = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
PASSED = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])


def _count_redraws(explorer, monkeypatch):
    """Count the explorer's redraws (each one blits the moving artists onto the saved background)."""
    calls = []
    blit = explorer.figure.canvas.blit
    monkeypatch.setattr(explorer.figure.canvas, "blit", lambda *args: (calls.append(1), blit(*args)))
    return calls


# --------------------------------------------------------------------------------------------------------------
# SigmoidExplorer
# --------------------------------------------------------------------------------------------------------------
def _assert_sigmoid_view_shows(view, w, b):
    grid, curve = view.curve.get_data()
    np.testing.assert_allclose(curve, core.sigmoid(w * np.asarray(grid) + b), rtol=1e-12)
    # the shaded stretches are where the core predicts each class
    predicted = core.predict(core.add_intercept(np.reshape(grid, (-1, 1))), [b, w])
    for k, region in enumerate(view.regions):
        start, stop = region.get_x(), region.get_x() + region.get_width()
        assert np.all(predicted[(grid > start) & (grid < stop)] == k)
        assert np.all((grid[predicted == k] >= start) & (grid[predicted == k] <= stop))
    expected_p = core.predict_proba(core.add_intercept(HOURS.reshape(-1, 1)), [b, w])
    for x_i, y_i, p_i, marker, connector, text in zip(HOURS, PASSED, expected_p, view.on_curve, view.connectors,
                                                      view.p_texts):
        np.testing.assert_allclose(np.ravel(marker.get_data()), [x_i, p_i], rtol=1e-12)
        np.testing.assert_allclose(np.ravel(connector.get_data()), [x_i, x_i, y_i, p_i], rtol=1e-12)
        assert text.get_text() == f"{p_i:.2f}"
    correct = np.sum(core.predict(core.add_intercept(HOURS.reshape(-1, 1)), [b, w]) == PASSED)
    assert view.ax.get_title().endswith(f"{correct}/10 correct")


def test_sigmoid_explorer_starts_at_its_arguments():
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, w=1.0, b=-2.0)
    _assert_sigmoid_view_shows(explorer.view, 1.0, -2.0)
    assert explorer.boundary == 2.0
    assert explorer.view.boundary.get_xdata() == pytest.approx([2.0, 2.0])


@pytest.mark.parametrize(("w", "b"), [(2.5, -5.0), (-2.0, 5.5), (4.95, 15.0)])
def test_moving_the_sliders_redraws_what_the_core_computes(w, b, monkeypatch):
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED)
    redraws = _count_redraws(explorer, monkeypatch)
    explorer.w_slider.value = w
    explorer.b_slider.value = b
    assert len(redraws) == 2  # one cheap redraw per change, no new figure
    _assert_sigmoid_view_shows(explorer.view, w, b)
    assert explorer.boundary == pytest.approx(-b / w)
    assert explorer.view.boundary.get_xdata() == pytest.approx([-b / w] * 2)
    # at the boundary the core gives exactly one half
    assert core.sigmoid(w * explorer.boundary + b) == pytest.approx(0.5, abs=1e-12)
    assert f"boundary x = {-b / w:.2f}".replace("-", "−") in explorer.view.ax.get_title()


def test_zero_weight_has_no_boundary(monkeypatch):
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, w=1.0, b=1.0)
    explorer.w_slider.value = 0.0
    assert explorer.boundary is None
    assert len(explorer.view.boundary.get_xdata()) == 0
    assert "no boundary" in explorer.view.ax.get_title()
    _assert_sigmoid_view_shows(explorer.view, 0.0, 1.0)  # every student gets sigma(b)


def test_float_noise_from_the_browser_does_not_move_a_student_off_the_boundary():
    """At w = 1, b = -2 the student who studied 2 hours sits exactly on the boundary (z = 0: class 0, so 7/10 right).
    A browser showing the slider sends b back as -2.0000000000000018 (measured in Chromium); the count must not
    differ from the static pictures of the same setting."""
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, w=1.0, b=-2.0)
    assert explorer.view.ax.get_title().endswith("7/10 correct")
    explorer.b_slider.value = -1.9999999999999982
    assert explorer.view.ax.get_title().endswith("7/10 correct")
    _assert_sigmoid_view_shows(explorer.view, 1.0, -2.0)


def test_sigmoid_explorer_updates_artists_in_place():
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED)
    artists_before = list(explorer.figure.axes[0].get_children())
    explorer.w_slider.value = 3.0
    assert list(explorer.figure.axes[0].get_children()) == artists_before
    assert len(explorer.figure.axes) == 1


def test_static_settings_draw_the_same_picture_as_the_explorer():
    fig = sigmoid.plot_sigmoid_settings(HOURS, PASSED, [(1.0, -2.0), (3.0, -8.25)])
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, w=3.0, b=-8.25)
    curve_label = explorer.view.curve.get_label()
    [static_curve] = [line.get_ydata() for line in fig.axes[1].lines if line.get_label() == curve_label]
    np.testing.assert_array_equal(static_curve, explorer.view.curve.get_ydata())
    assert fig.axes[1].get_title() == explorer.view.ax.get_title()


def test_the_status_line_says_what_the_figure_shows():
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, w=1.0, b=-2.0)
    assert explorer.controls == {"w": explorer.w_slider, "b": explorer.b_slider}
    explorer.set(w=2.0, b=-5.0)
    assert explorer.status_text == "w = 2.00, b = −5.00: boundary x = 2.50, 8/10 correct"
    assert explorer.status.value == f'<div role="status" aria-live="polite">{explorer.status_text}</div>'
    assert explorer.describe() == f"<SigmoidExplorer: {explorer.status_text}>"


def test_the_loss_explorer_says_a_confident_mistake():
    explorer = cross_entropy.LossExplorer(p=0.8, y=1)
    assert explorer.status_text == "predicted p = 0.800 for a sample with label y = 1: loss 0.223"
    explorer.set(p=0.001)
    assert explorer.status_text == "predicted p = 0.001 for a sample with label y = 1: confident and wrong: loss 6.908"


# --------------------------------------------------------------------------------------------------------------
# LossExplorer
# --------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("p", "y"), [(0.3, 1), (0.3, 0), (0.999, 0), (0.001, 1), (0.5, 0)])
def test_loss_explorer_shows_the_core_loss(p, y, monkeypatch):
    explorer = cross_entropy.LossExplorer(p=0.8, y=1)
    redraws = _count_redraws(explorer, monkeypatch)
    explorer.p_slider.value = p
    explorer.y_toggle.value = y
    expected = float(core.bce_from_logits(np.log(p) - np.log1p(-p), y))
    assert expected == pytest.approx(-np.log(p) if y == 1 else -np.log(1 - p), rel=1e-9)
    assert explorer.loss == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(np.ravel(explorer.view.point.get_data()), [p, expected], rtol=1e-12)
    assert explorer.view.value_text.get_text() == f"p = {p:.3f}\nloss = {expected:.3f}"
    assert explorer.view.ax.get_title().endswith("−log p" if y == 1 else "−log(1 − p)")
    assert explorer.view.point.get_color() == CLASS_COLORS[y]
    assert explorer.view.branches[y].get_linewidth() > explorer.view.branches[1 - y].get_linewidth()
    assert len(redraws) == 1 + (y != 1)  # one redraw per control that changed


def test_loss_branches_are_the_core_loss():
    fig = cross_entropy.plot_loss_branches()
    for line, y in zip(fig.axes[0].lines, (1, 0)):
        p, loss = line.get_data()
        np.testing.assert_allclose(loss, -np.log(p) if y == 1 else -np.log1p(-p), rtol=1e-9)


# --------------------------------------------------------------------------------------------------------------
# Static figures: titled, labelled, with legends; the numbers are the core's
# --------------------------------------------------------------------------------------------------------------
def _squared_vs_cross_entropy():
    X_b = core.add_intercept((HOURS - HOURS.mean()).reshape(-1, 1))
    return cross_entropy.plot_squared_vs_cross_entropy(X_b, PASSED, np.zeros(2), index=1, values=np.linspace(-10, 10, 201))


STATIC_FIGURES = {
    "line vs sigmoid": lambda: sigmoid.plot_line_vs_sigmoid(HOURS, PASSED, 2.0, -5.5),
    "sigmoid and slope": sigmoid.plot_sigmoid_and_slope,
    "decision boundaries": sigmoid.plot_decision_boundaries,
    "sigmoid settings": lambda: sigmoid.plot_sigmoid_settings(HOURS, PASSED, [(1.0, -2.0), (-2.0, 5.5)]),
    "loss branches": cross_entropy.plot_loss_branches,
    "squared vs cross-entropy": _squared_vs_cross_entropy,
}


@pytest.mark.parametrize("name", STATIC_FIGURES)
def test_static_figure_is_titled_labelled_and_has_a_legend(name):
    fig = STATIC_FIGURES[name]()
    assert isinstance(fig, matplotlib.figure.Figure)
    assert fig.canvas.manager is None, "static figures are built without pyplot (nothing left to show or close)"
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel(), name
        assert ax.get_legend() is not None or fig.legends, name
    fig.canvas.draw()  # renders without error


def test_squared_error_is_not_convex_and_cross_entropy_is():
    fig = _squared_vs_cross_entropy()
    ax_squared, ax_cross = fig.axes
    w_values, cross = ax_cross.lines[0].get_data()
    X_b = core.add_intercept((HOURS - HOURS.mean()).reshape(-1, 1))
    np.testing.assert_allclose(cross, [core.loss(X_b, PASSED, [0.0, w]) for w in w_values], rtol=1e-12)
    squared = ax_squared.lines[0].get_ydata()
    np.testing.assert_allclose(squared, [np.mean((core.predict_proba(X_b, [0.0, w]) - PASSED) ** 2)
                                         for w in w_values], rtol=1e-12)
    assert np.any(np.diff(squared, 2) < 0) and np.all(np.diff(cross, 2) > -1e-12)
    shaded = [len(collection.get_paths()) for collection in (ax_squared.collections[0], ax_cross.collections[0])]
    assert shaded[0] > 0 and shaded[1] == 0


def test_decision_boundary_figure_colours_points_by_the_core_prediction():
    fig = sigmoid.plot_decision_boundaries(seed=0)
    ax2 = fig.axes[1]
    class0, class1 = ax2.collections[:2]
    z0 = class0.get_offsets() @ [1.0, 2.0] - 1.0
    z1 = class1.get_offsets() @ [1.0, 2.0] - 1.0
    assert np.all(z0 < 0) and np.all(z1 >= 0)


def test_logit_inverts_the_sigmoid():
    z = np.linspace(-15, 15, 61)  # beyond, 1 - sigma(z) keeps too few digits to invert
    np.testing.assert_allclose(sigmoid.logit(core.sigmoid(z)), z, rtol=1e-9, atol=1e-12)
    assert sigmoid.logit(0.5) == 0.0
