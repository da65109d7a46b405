"""logreg_viz.linked: the weight-space map linked to the data (notebooks 02 and 04).

A click or a drag on the contour map, or a slider, chooses the model (or the start of descent); every panel then shows
what logreg_core computes for it, in one redraw that blits only the moving artists, and the blitted picture is
exactly what a full draw paints. The views run on matplotlib's Agg canvas here; mouse events are matplotlib's own
(``MouseEvent._process``), as ipympl delivers them from the browser.
"""

import io
import warnings
from types import SimpleNamespace

import matplotlib.colors
import numpy as np
import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent

import logreg_core as core
from logreg_viz import descent
from logreg_viz.descent import REGIME_COLORS, describe_run, loss_gap
from logreg_viz.linked import DescentExplorer, LinkedExplorer

HOURS = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
PASSED = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])
X_HOURS = core.add_intercept(HOURS.reshape(-1, 1))
W_STAR_HOURS = core.gradient_descent(X_HOURS, PASSED, np.zeros(2), core.safe_learning_rate(X_HOURS), 5000,
                                     tol=1e-14).final_weights

X8 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
Y8 = np.array([0, 0, 0, 1, 0, 1, 1, 1])
X_B8 = core.add_intercept(X8.reshape(-1, 1))
ETA_SAFE = core.safe_learning_rate(X_B8)
W_STAR8 = core.gradient_descent(X_B8, Y8, np.zeros(2), ETA_SAFE, 10_000, tol=1e-15).final_weights


@pytest.fixture
def linked():
    return LinkedExplorer(HOURS, PASSED, a=1.0, b=-1.75, w_star=W_STAR_HOURS)


@pytest.fixture
def descent_view():
    return DescentExplorer(X8, Y8, a=0.0, b=-4.5, w_star=W_STAR8)


def _full_draw(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=fig.dpi)
    width, height = fig.canvas.get_width_height()
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(height, width, 4)


def _assert_shows_the_full_picture(view):
    blitted = np.asarray(view.figure.canvas.buffer_rgba()).copy()
    differ = np.any(blitted != _full_draw(view.figure), axis=2)
    assert not differ.any(), f"{differ.sum()} pixels differ from a full draw"


def _count_redraws(view, monkeypatch):
    calls = []
    blit, draw = view.figure.canvas.blit, view.figure.canvas.draw
    monkeypatch.setattr(view.figure.canvas, "blit", lambda *a: (calls.append("blit"), blit(*a)))
    monkeypatch.setattr(view.figure.canvas, "draw", lambda *a, **k: (calls.append("full draw"), draw(*a, **k)))
    return calls


def _mouse(view, kind, b, a, *, button=MouseButton.LEFT, buttons=None, ax=None):
    """A real matplotlib mouse event at the point (b, a) of the map (or of ``ax``), through the canvas's callbacks."""
    ax = view.map_ax if ax is None else ax
    x, y = ax.transData.transform((b, a))
    names = {"press": "button_press_event", "move": "motion_notify_event", "release": "button_release_event"}
    if kind == "move":
        MouseEvent(names[kind], view.figure.canvas, x, y, buttons=buttons)._process()
    else:
        MouseEvent(names[kind], view.figure.canvas, x, y, button=button)._process()


# --------------------------------------------------------------------------------------------------------------
# LinkedExplorer (notebook 02)
# --------------------------------------------------------------------------------------------------------------
def _assert_linked_shows(view, a, b):
    w = np.array([b, a])
    losses = core.bce_from_logits(X_HOURS @ w, PASSED)
    assert tuple(view.marker.get_xydata()[0]) == pytest.approx((b, a))
    np.testing.assert_allclose([bar.get_height() for bar in view.bars], np.minimum(losses, view.loss_max), rtol=1e-12)
    assert view.loss == pytest.approx(core.loss(X_HOURS, PASSED, w), rel=1e-12)
    assert view.mean_line.get_ydata()[0] == pytest.approx(view.loss, rel=1e-12)
    np.testing.assert_allclose(view.data.curve.get_ydata(), core.sigmoid(a * view.data.curve.get_xdata() + b),
                               rtol=1e-12)
    correct = int(np.sum(core.predict(X_HOURS, w) == PASSED))
    assert view.status_text.endswith(f"{correct}/10 on the correct side")
    assert f"loss L = {view.loss:.4f}" in view.status_text


def test_the_linked_explorer_starts_at_its_model(linked):
    _assert_linked_shows(linked, 1.0, -1.75)
    assert linked.controls == {"a": linked.a_slider, "b": linked.b_slider}
    assert (linked.a_slider.description, linked.b_slider.description) == ("slope a", "intercept b")
    assert linked.status_text.startswith("a = 1.00, b = −1.75, boundary x = 1.75")
    assert linked.describe().startswith("<LinkedExplorer: a = 1.00, b = −1.75")


def test_a_click_on_the_map_chooses_the_model_snapped_to_the_sliders_steps(linked, monkeypatch):
    redraws = _count_redraws(linked, monkeypatch)
    _mouse(linked, "press", -3.7219, 1.3534)
    _mouse(linked, "release", -3.7219, 1.3534)
    assert (linked.a_slider.value, linked.b_slider.value) == (1.35, -3.7)
    assert redraws == ["blit"], "a click (press and release at one point) is one update"
    _assert_linked_shows(linked, 1.35, -3.7)


def test_a_drag_follows_the_pointer_one_update_per_move(linked, monkeypatch):
    redraws = _count_redraws(linked, monkeypatch)
    path = [(-1.0, 0.5), (-2.0, 1.0), (-3.0, 1.2), (-4.0, 1.5)]
    _mouse(linked, "press", *path[0])
    for b, a in path[1:]:
        _mouse(linked, "move", b, a, buttons={MouseButton.LEFT})
        _assert_linked_shows(linked, a, b)
    _mouse(linked, "release", -4.0, 1.5)
    assert redraws == ["blit"] * 4
    _mouse(linked, "move", 2.0, 3.0, buttons=set())  # after the release, moving the mouse changes nothing
    _assert_linked_shows(linked, 1.5, -4.0)


def test_the_sliders_take_the_point_once_when_the_drag_ends(linked):
    """A browser's slider reports back the value it shows whenever the kernel sets it: set at every mouse event of a
    fast drag, the sliders came back as a trail of stale values. So a drag moves the figure, and the sliders only at
    its end."""
    changes = []
    for slider in (linked.a_slider, linked.b_slider):
        slider.observe(lambda change: changes.append(change["new"]), "value")
    _mouse(linked, "press", -1.0, 0.5)
    for b, a in [(-2.0, 1.0), (-3.0, 1.2)]:
        _mouse(linked, "move", b, a, buttons={MouseButton.LEFT})
        assert changes == [] and linked.status_text.startswith(f"a = {a:.2f}, b = {b:.2f}".replace("-", "−"))
    _mouse(linked, "release", -4.0, 1.5)
    assert sorted(changes) == [-4.0, 1.5] and linked.values == {"a": 1.5, "b": -4.0}
    _assert_linked_shows(linked, 1.5, -4.0)


def test_moves_without_a_press_and_clicks_elsewhere_change_nothing(linked, monkeypatch):
    redraws = _count_redraws(linked, monkeypatch)
    _mouse(linked, "move", -3.0, 2.0, buttons={MouseButton.LEFT})  # a drag that began outside the map
    _mouse(linked, "press", 3.0, 0.5, ax=linked.data.ax)  # a click on the data panel
    _mouse(linked, "press", -3.0, 2.0, button=MouseButton.RIGHT)
    assert redraws == []
    _assert_linked_shows(linked, 1.0, -1.75)


def test_a_drag_released_outside_the_figure_ends_at_the_next_move(linked):
    linked.on_press(SimpleNamespace(inaxes=linked.map_ax, xdata=-2.0, ydata=1.0, button=MouseButton.LEFT))
    linked.on_motion(SimpleNamespace(inaxes=linked.map_ax, xdata=-3.0, ydata=2.0, buttons=set()))  # no button held
    _assert_linked_shows(linked, 1.0, -2.0)
    linked.on_motion(SimpleNamespace(inaxes=linked.map_ax, xdata=-3.0, ydata=2.0, buttons={MouseButton.LEFT}))
    _assert_linked_shows(linked, 1.0, -2.0)


def test_a_click_beyond_the_sliders_range_stops_at_their_ends(linked):
    for handler in (linked.on_press, linked.on_release):
        handler(SimpleNamespace(inaxes=linked.map_ax, xdata=99.0, ydata=-99.0, button=MouseButton.LEFT))
    assert (linked.a_slider.value, linked.b_slider.value) == (linked.a_slider.min, linked.b_slider.max)


def test_sliders_do_what_a_click_does(linked):
    linked.set(a=2.0, b=-5.5)
    _assert_linked_shows(linked, 2.0, -5.5)
    assert "loss L = 0.4590" in linked.status_text


def test_a_bar_taller_than_its_axis_says_its_height(linked):
    linked.set(a=4.0, b=-10.0)  # steep: the student who failed at 3.5 hours is a confident mistake
    losses = core.bce_from_logits(X_HOURS @ np.array([-10.0, 4.0]), PASSED)
    tall = np.flatnonzero(losses > linked.loss_max)
    assert tall.size
    for i in tall:
        assert linked.bars[i].get_height() == linked.loss_max
    assert linked.cut_note.get_visible()
    assert linked.cut_note.get_text() == "↑ above the axis: " + "; ".join(
        f"{losses[i]:.2f} at x = {HOURS[i]:g}" for i in tall)
    linked.set(a=1.0, b=-1.75)
    assert not linked.cut_note.get_visible()


def test_every_linked_picture_is_the_full_picture(linked):
    for a, b in [(1.35, -3.7), (-1.5, 4.0), (4.0, -10.0), (0.0, 0.0), (2.0, -5.5)]:
        linked.set(a=a, b=b)
        _assert_shows_the_full_picture(linked)


def test_a_move_neither_recomputes_the_surface_nor_adds_artists(linked, monkeypatch):
    monkeypatch.setattr(descent, "loss_grid", lambda *a, **k: pytest.fail("loss grid recomputed on a move"))
    children = [list(ax.get_children()) for ax in linked.figure.axes]
    for a, b in [(3.0, -8.0), (-1.0, 2.0)]:
        linked.set(a=a, b=b)
    assert [list(ax.get_children()) for ax in linked.figure.axes] == children


def _assert_titled_labelled_with_one_legend_below(view, labels):
    for ax in view.figure.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert ax.get_legend() is None, "a legend over moving artists would be redrawn at every move"
    [legend] = view.figure.legends
    assert [text.get_text() for text in legend.get_texts()] == labels
    assert legend not in view._blitter.artists


def test_every_panel_is_titled_and_labelled(linked):
    _assert_titled_labelled_with_one_legend_below(linked, [
        "class 0", "class 1", "p = σ(a·x + b)", "boundary p = ½", "minimum $w^*$", "your model (a, b)",
        "mean of the bars: the loss L"])


# --------------------------------------------------------------------------------------------------------------
# DescentExplorer (notebook 04)
# --------------------------------------------------------------------------------------------------------------
def _assert_descent_shows(view, a, b, learning_rate):
    expected = core.gradient_descent(X_B8, Y8, np.array([b, a]), learning_rate, view.n_iter)
    np.testing.assert_array_equal(view.result.weights, expected.weights)
    np.testing.assert_array_equal(view.path.line.get_xydata(), expected.weights)
    np.testing.assert_array_equal(view.path.start.get_xydata(), [[b, a]])
    np.testing.assert_array_equal(view.loss_curve.get_ydata(), loss_gap(expected.losses, core.loss(X_B8, Y8, W_STAR8)))
    description = describe_run(expected, X_B8, Y8)
    assert view.path.line.get_color() == view.loss_curve.get_color() == description.color
    assert str(description) in view.status_text
    end_b, end_a = expected.final_weights
    np.testing.assert_allclose(view.data.curve.get_ydata(), core.sigmoid(end_a * view.data.curve.get_xdata() + end_b),
                               rtol=1e-12)
    assert view.data.ax.get_title() == f"The model after {view.n_iter} steps"
    assert f"after {view.n_iter} steps: a = {end_a:.2f}, b = {end_b:.2f}".replace("-", "−") in view.status_text


def test_the_descent_explorer_starts_at_the_safe_step(descent_view):
    assert descent_view.rate_slider.value == pytest.approx(ETA_SAFE)
    assert descent_view.rate_slider.min == pytest.approx(np.log10(ETA_SAFE) - 2)
    assert descent_view.rate_slider.max == pytest.approx(np.log10(ETA_SAFE) + 2)
    _assert_descent_shows(descent_view, 0.0, -4.5, ETA_SAFE)
    assert descent_view.description.verdict == "converges"
    assert "= 1 η<sub>safe</sub>, below 2 η<sub>safe</sub>" in descent_view.status_text
    assert list(descent_view.controls) == ["a", "b", "learning_rate"]
    assert descent_view.a_slider.description == "start: slope a"


def test_a_click_chooses_the_start_and_reruns_descent(descent_view, monkeypatch):
    redraws = _count_redraws(descent_view, monkeypatch)
    _mouse(descent_view, "press", 1.02, 5.98)
    _mouse(descent_view, "release", 1.02, 5.98)
    assert redraws == ["blit"]
    _assert_descent_shows(descent_view, 6.0, 1.0, ETA_SAFE)


@pytest.mark.parametrize("multiple", [0.01, 1.0, 7.0, 10.0, 100.0])
def test_the_learning_rate_slider_reruns_descent(descent_view, multiple):
    descent_view.set(learning_rate=multiple * ETA_SAFE)
    _assert_descent_shows(descent_view, 0.0, -4.5, descent_view.learning_rate)
    assert descent_view.learning_rate == pytest.approx(multiple * ETA_SAFE, rel=1e-12)


def test_from_the_star_a_step_too_long_for_the_bottom_climbs(descent_view):
    """What notebook 04's Predict asks: at about 7 eta_safe a start on the star does not stay there."""
    descent_view.set(a=2.55, b=-1.9, learning_rate=7.0 * ETA_SAFE)
    assert descent_view.description.verdict == "climbs"
    descent_view.set(learning_rate=6.0 * ETA_SAFE)
    assert descent_view.description.verdict == "converges"


def test_paths_that_leave_the_view_are_pinned_to_its_frame_and_noted(descent_view):
    descent_view.set(learning_rate=30 * ETA_SAFE)
    assert descent_view.path.n_outside > 0 and descent_view.outside_note.get_visible()
    assert "outside this view" in descent_view.outside_note.get_text()
    descent_view.set(learning_rate=ETA_SAFE)
    assert not descent_view.outside_note.get_visible()


def test_the_whole_slider_range_from_far_starts_without_warnings(descent_view):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for b, a in [(-6.0, -1.5), (2.0, 6.5), (-4.5, 0.0)]:
            descent_view.set(a=a, b=b)
            for exponent in np.arange(descent_view.rate_slider.min, descent_view.rate_slider.max + 1e-9, 0.5):
                descent_view.set(learning_rate=10.0**exponent)
                assert np.all(np.isfinite(descent_view.loss_curve.get_ydata()))


def test_every_descent_picture_is_the_full_picture(descent_view):
    for a, b, multiple in [(0.0, -4.5, 1.0), (6.5, 2.0, 1.0), (0.0, -4.5, 10.0), (-1.5, -6.0, 100.0),
                           (2.55, -1.9, 0.01)]:
        descent_view.set(a=a, b=b, learning_rate=multiple * ETA_SAFE)
        _assert_shows_the_full_picture(descent_view)


def test_the_descent_panels_are_titled_and_labelled(descent_view):
    assert descent_view.loss_curve.axes.get_yscale() == "log"
    _assert_titled_labelled_with_one_legend_below(descent_view, [
        "minimum $w^*$", "start", "path: crawls", "path: converges", "path: zig-zags or climbs", "class 0",
        "class 1", "p = σ(a·x + b)", "boundary p = ½"])
    colors = [patch.get_facecolor() for patch in descent_view.figure.legends[0].get_patches()]
    assert [matplotlib.colors.to_hex(c) for c in colors] == [
        REGIME_COLORS[r].lower() for r in ("too small", "good", "too large")]


# --------------------------------------------------------------------------------------------------------------
# Both: a still picture without a kernel, a widget with a PNG in one
# --------------------------------------------------------------------------------------------------------------
def test_without_a_kernel_both_show_a_still_picture(linked, descent_view):
    for view, name in ((linked, "LinkedExplorer"), (descent_view, "DescentExplorer")):
        bundle = view._repr_mimebundle_()
        assert set(bundle) == {"image/png", "text/plain"}
        assert bundle["text/plain"].startswith(f"<{name}: ")


# ipympl 0.10's Toolbar passes an argument traitlets no longer expects: its warning, not ours
@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments to super\\(Toolbar\\):DeprecationWarning")
def test_live_views_carry_a_png_for_readers_without_a_kernel():
    for view in (LinkedExplorer(HOURS, PASSED, w_star=W_STAR_HOURS, interactive=True),
                 DescentExplorer(X8, Y8, w_star=W_STAR8, interactive=True)):
        bundle, metadata = view._repr_mimebundle_()
        assert {"image/png", "application/vnd.jupyter.widget-view+json"} <= set(bundle)
        assert metadata == {"logreg_viz": {"view": type(view).__name__}}  # a stored output names its view
        assert view.figure.canvas in view.widget.children
