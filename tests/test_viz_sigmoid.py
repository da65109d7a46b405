"""The figures and the explorer of notebook 01 (logreg_viz.sigmoid): moving a control puts on screen what
logreg_core computes, drawn with the sigmoid the explorer is given (in the notebook, the student's own).

The widgets run on matplotlib's Agg backend here (tests/conftest.py); ipywidgets works without a kernel, so setting
a slider's value runs the same callback a student's drag does.
"""

import matplotlib.figure
import numpy as np
import pytest

import logreg_core as core
from logreg_viz import sigmoid

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
def _assert_sigmoid_view_shows(view, a, b):
    grid, curve = view.curve.get_data()
    np.testing.assert_allclose(curve, core.sigmoid(a * np.asarray(grid) + b), rtol=1e-12)
    # the shaded stretches are where the core predicts each class
    predicted = core.predict(core.add_intercept(np.reshape(grid, (-1, 1))), [b, a])
    for k, region in enumerate(view.regions):
        start, stop = region.get_x(), region.get_x() + region.get_width()
        assert np.all(predicted[(grid > start) & (grid < stop)] == k)
        assert np.all((grid[predicted == k] >= start) & (grid[predicted == k] <= stop))
    expected_p = core.predict_proba(core.add_intercept(HOURS.reshape(-1, 1)), [b, a])
    np.testing.assert_allclose(view.probabilities, expected_p, rtol=1e-12)
    for k in (0, 1):  # one line per class: its rings on the curve, and its connectors (NaN between them)
        mine = PASSED == k
        np.testing.assert_allclose(view.on_curve[k].get_xydata(), np.column_stack([HOURS[mine], expected_p[mine]]),
                                   rtol=1e-12)
        xs, ys = (np.asarray(v).reshape(-1, 3) for v in view.connectors[k].get_data())
        np.testing.assert_allclose(xs[:, :2], np.column_stack([HOURS[mine], HOURS[mine]]), rtol=1e-12)
        np.testing.assert_allclose(ys[:, :2], np.column_stack([np.full(mine.sum(), k), expected_p[mine]]), rtol=1e-12)
        assert np.all(np.isnan(xs[:, 2]))
    for p_i, text in zip(expected_p, view.p_texts):
        assert text.get_text() == f"{p_i:.2f}"
    correct = np.sum(core.predict(core.add_intercept(HOURS.reshape(-1, 1)), [b, a]) == PASSED)
    assert view.ax.get_title().endswith(f"{correct}/10 correct")


def test_sigmoid_explorer_starts_at_its_arguments():
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, a=1.0, b=-2.0)
    _assert_sigmoid_view_shows(explorer.view, 1.0, -2.0)
    assert explorer.boundary == 2.0
    assert explorer.view.boundary.get_xdata() == pytest.approx([2.0, 2.0])


@pytest.mark.parametrize(("a", "b"), [(2.5, -5.0), (-2.0, 5.5), (4.95, 15.0)])
def test_moving_the_sliders_redraws_what_the_core_computes(a, b, monkeypatch):
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED)
    redraws = _count_redraws(explorer, monkeypatch)
    explorer.a_slider.value = a
    explorer.b_slider.value = b
    assert len(redraws) == 2  # one cheap redraw per change, no new figure
    _assert_sigmoid_view_shows(explorer.view, a, b)
    assert explorer.boundary == pytest.approx(-b / a)
    assert explorer.view.boundary.get_xdata() == pytest.approx([-b / a] * 2)
    # at the boundary the core gives exactly one half
    assert core.sigmoid(a * explorer.boundary + b) == pytest.approx(0.5, abs=1e-12)
    assert f"boundary x = {-b / a:.2f}".replace("-", "−") in explorer.view.ax.get_title()


def test_zero_slope_has_no_boundary(monkeypatch):
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, a=1.0, b=1.0)
    explorer.a_slider.value = 0.0
    assert explorer.boundary is None
    assert len(explorer.view.boundary.get_xdata()) == 0
    assert "no boundary" in explorer.view.ax.get_title()
    _assert_sigmoid_view_shows(explorer.view, 0.0, 1.0)  # every student gets sigma(b)


def test_float_noise_from_the_browser_does_not_move_a_student_off_the_boundary():
    """At w = 1, b = -2 the student who studied 2 hours sits exactly on the boundary (z = 0: class 0, so 7/10 right).
    A browser showing the slider sends b back as -2.0000000000000018 (measured in Chromium); the count must not
    differ from the static pictures of the same setting."""
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, a=1.0, b=-2.0)
    assert explorer.view.ax.get_title().endswith("7/10 correct")
    explorer.b_slider.value = -1.9999999999999982
    assert explorer.view.ax.get_title().endswith("7/10 correct")
    _assert_sigmoid_view_shows(explorer.view, 1.0, -2.0)


def test_sigmoid_explorer_updates_artists_in_place():
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED)
    artists_before = list(explorer.figure.axes[0].get_children())
    explorer.a_slider.value = 3.0
    assert list(explorer.figure.axes[0].get_children()) == artists_before
    assert len(explorer.figure.axes) == 1


def test_static_settings_draw_the_same_picture_as_the_explorer():
    fig = sigmoid.plot_sigmoid_settings(HOURS, PASSED, [(1.0, -2.0), (3.0, -8.25)])
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, a=3.0, b=-8.25)
    curve_label = explorer.view.curve.get_label()
    [static_curve] = [line.get_ydata() for line in fig.axes[1].lines if line.get_label() == curve_label]
    np.testing.assert_array_equal(static_curve, explorer.view.curve.get_ydata())
    assert fig.axes[1].get_title() == explorer.view.ax.get_title()


def test_the_status_line_says_what_the_figure_shows():
    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, a=1.0, b=-2.0)
    assert explorer.controls == {"a": explorer.a_slider, "b": explorer.b_slider}
    assert explorer.a_slider.description == "slope a" and explorer.b_slider.description == "intercept b"
    explorer.set(a=2.0, b=-5.0)
    assert explorer.status_text == "a = 2.00, b = −5.00: boundary x = 2.50, 8/10 correct"
    assert explorer.status.value == f'<div role="status" aria-live="polite">{explorer.status_text}</div>'
    assert explorer.describe() == f"<SigmoidExplorer: {explorer.status_text}>"


# --------------------------------------------------------------------------------------------------------------
# Static figures: titled, labelled, with legends; the numbers are the core's
# --------------------------------------------------------------------------------------------------------------
STATIC_FIGURES = {
    "line vs sigmoid": lambda: sigmoid.plot_line_vs_sigmoid(HOURS, PASSED, 2.0, -5.5),
    "sigmoid and slope": sigmoid.plot_sigmoid_and_slope,
    "decision boundaries": sigmoid.plot_decision_boundaries,
    "sigmoid settings": lambda: sigmoid.plot_sigmoid_settings(HOURS, PASSED, [(1.0, -2.0), (-2.0, 5.5)]),
}


def test_the_explorer_draws_with_the_sigmoid_it_is_given():
    """Notebook 01 passes the student's own sigmoid: the curve and the samples' probabilities are its values; the
    predicted classes (shading, boundary, count) follow the core's decision rule z > 0 whatever the sigmoid says."""
    calls = []

    def students_sigmoid(z):
        calls.append(np.shape(z))
        return 0.5 + 0.5 * np.tanh(np.asarray(z) / 2)  # the same function, written another way

    explorer = sigmoid.SigmoidExplorer(HOURS, PASSED, a=1.0, b=-2.0, sigmoid=students_sigmoid)
    assert calls, "the explorer never called the sigmoid it was given"
    np.testing.assert_allclose(explorer.view.curve.get_ydata(),
                               students_sigmoid(1.0 * explorer.view.curve.get_xdata() - 2.0), rtol=0, atol=0)
    explorer.set(a=2.0, b=-5.5)
    _assert_sigmoid_view_shows(explorer.view, 2.0, -5.5)

    def wrong_sigmoid(z):
        return np.full(np.shape(z), 0.9)

    wrong = sigmoid.SigmoidExplorer(HOURS, PASSED, a=1.0, b=-2.0, sigmoid=wrong_sigmoid)
    assert np.all(wrong.view.curve.get_ydata() == 0.9)  # a wrong sigmoid shows as wrong
    assert wrong.view.ax.get_title().endswith("7/10 correct")


@pytest.mark.parametrize("name", STATIC_FIGURES)
def test_static_figure_is_titled_labelled_and_has_a_legend(name):
    fig = STATIC_FIGURES[name]()
    assert isinstance(fig, matplotlib.figure.Figure)
    assert fig.canvas.manager is None, "static figures are built without pyplot (nothing left to show or close)"
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel(), name
        assert ax.get_legend() is not None or fig.legends, name
    fig.canvas.draw()  # renders without error


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
