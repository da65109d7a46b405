"""logreg_viz.descent: the loss grid against logreg_core, the regime descriptions, and the learning-rate
explorer's update logic (what a slider move changes, and what it must leave alone)."""

import warnings

import numpy as np
import pytest

import logreg_core
from logreg_viz.figures import new_figure
from logreg_viz import descent
from logreg_viz.descent import (
    REGIME_COLORS,
    LearningRateExplorer,
    describe_run,
    draw_path,
    loss_grid,
    plot_descent_paths,
    plot_learning_rate_regimes,
)

# notebook 03's problem: one feature, eight samples, classes overlapping
X_B = logreg_core.add_intercept(np.array([[-1.0], [-0.5], [0.0], [0.5], [1.0], [1.5], [2.0], [2.5]]))
Y = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
W0 = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "w_lim": (-1.5, 6.5)}
ETA_SAFE = logreg_core.safe_learning_rate(X_B)
W_STAR = logreg_core.gradient_descent(X_B, Y, np.zeros(2), ETA_SAFE, 3000).final_weights


@pytest.fixture
def explorer():
    return LearningRateExplorer(X_B, Y, W0, n_iter=100, w_star=W_STAR, **VIEW)


# ----------------------------------------------------------------------------------------------------------------
# The surface
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [0.0, 0.3])
def test_loss_grid_equals_the_core_loss_at_every_point(alpha):
    b_values, w_values = np.linspace(-4, 3, 7), np.linspace(-2, 5, 5)
    grid = loss_grid(X_B, Y, b_values, w_values, alpha)
    assert grid.shape == (5, 7)
    expected = [[logreg_core.loss(X_B, Y, [b, w], alpha) for b in b_values] for w in w_values]
    np.testing.assert_allclose(grid, expected, rtol=1e-12)


def test_loss_grid_in_blocks_equals_one_pass():
    b_values, w_values = np.linspace(-4, 3, 31), np.linspace(-2, 5, 23)
    one_pass = loss_grid(X_B, Y, b_values, w_values)
    in_blocks = loss_grid(X_B, Y, b_values, w_values, max_grid_values=100)  # blocks of one row
    np.testing.assert_array_equal(in_blocks, one_pass)


def test_loss_grid_is_finite_far_from_the_minimum():
    grid = loss_grid(X_B, Y, np.array([-1e4, 0.0, 1e4]), np.array([-1e4, 1e4]))
    assert np.all(np.isfinite(grid))


def test_surface_needs_one_feature():
    with pytest.raises(ValueError, match="ONE feature"):
        loss_grid(np.ones((4, 3)), np.array([0, 1, 0, 1.0]), [0.0], [0.0])


# ----------------------------------------------------------------------------------------------------------------
# Regimes
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("multiple", "regime", "verdict"),
    [(0.1, "too small", "crawls"), (1.0, "good", "converges"), (6.0, "good", "converges"),
     (8.0, "too large", "zig-zags"), (10.0, "too large", "climbs"), (30.0, "too large", "climbs")],
)
def test_describe_run_names_the_regime(multiple, regime, verdict):
    result = logreg_core.gradient_descent(X_B, Y, W0, multiple * ETA_SAFE, 100)
    description = describe_run(result, X_B, Y)
    assert (description.regime, description.verdict) == (regime, verdict)
    assert description.color == REGIME_COLORS[regime]


def test_describe_run_on_the_edge():
    """Converged, but the loss rose once on the way: good, on the edge."""
    weights = np.array([W0, [0.0, 0.0], W_STAR])
    losses = np.array([logreg_core.loss(X_B, Y, w) for w in weights])
    losses[1] = losses[0] + 0.5  # a rise
    description = describe_run(logreg_core.GDResult(weights, losses), X_B, Y)
    assert (description.regime, description.verdict, description.n_rises) == ("good", "on the edge", 1)


def test_rounding_noise_at_the_minimum_is_not_a_rise():
    result = logreg_core.gradient_descent(X_B, Y, W0, 5 * ETA_SAFE, 100)  # converges to the last bit
    assert describe_run(result, X_B, Y).n_rises == 0


# ----------------------------------------------------------------------------------------------------------------
# Paths
# ----------------------------------------------------------------------------------------------------------------
def test_path_outside_the_view_is_pinned_to_the_frame():
    ax = new_figure((4, 3)).subplots()
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    weights = np.array([[0.0, 0.0], [0.5, 0.5], [3.0, 0.2], [-0.2, -7.0]])
    artists = draw_path(ax, weights, color="k", label="path")
    assert artists.n_outside == 2
    np.testing.assert_array_equal(artists.line.get_xydata(), weights)  # the line keeps the true points
    np.testing.assert_array_equal(artists.outside.get_xydata(), [[1.0, 0.2], [-0.2, -1.0]])
    np.testing.assert_array_equal(artists.end.get_xydata(), weights[-1:])


def test_plot_descent_paths_draws_every_path_with_its_own_marker():
    gd = logreg_core.gradient_descent(X_B, Y, W0, ETA_SAFE, 50).weights
    other = np.array([W0, [0.5, 1.0], W_STAR])  # e.g. Newton's method, a few long steps
    fig, ax = plot_descent_paths(X_B, Y, {"gradient descent": gd, "Newton's method": other}, w_star=W_STAR)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["minimum $w^*$", "start", "gradient descent", "Newton's method"]  # one "start": shared
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert lines["gradient descent"].get_marker() != lines["Newton's method"].get_marker()
    (b_low, b_high), (w_low, w_high) = ax.get_xlim(), ax.get_ylim()
    for path in (gd, other):
        assert np.all((path[:, 0] >= b_low) & (path[:, 0] <= b_high) & (path[:, 1] >= w_low) & (path[:, 1] <= w_high))
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_regimes_figure_runs_each_learning_rate_once():
    rates = {"too small": 0.1 * ETA_SAFE, "good": ETA_SAFE, "too large": 10 * ETA_SAFE}
    fig, runs = plot_learning_rate_regimes(X_B, Y, W0, rates, 100, w_star=W_STAR, **VIEW)
    assert list(runs) == list(rates)
    for title, rate in rates.items():
        np.testing.assert_array_equal(runs[title].weights, logreg_core.gradient_descent(X_B, Y, W0, rate, 100).weights)
    assert len(fig.axes) == 4
    surface_axes, loss_ax = fig.axes[1:], fig.axes[0]
    assert [ax.get_title(loc="center").split(":")[0] for ax in surface_axes] == list(rates)
    assert len(loss_ax.get_lines()) == 4  # three loss curves and the lowest loss


# ----------------------------------------------------------------------------------------------------------------
# The explorer: what one slider move does
# ----------------------------------------------------------------------------------------------------------------
def test_explorer_starts_at_the_safe_learning_rate_on_a_log_slider(explorer):
    assert explorer.slider.value == pytest.approx(ETA_SAFE)
    assert explorer.slider.min == pytest.approx(np.log10(ETA_SAFE) - 2)
    assert explorer.slider.max == pytest.approx(np.log10(ETA_SAFE) + 2)
    assert explorer.description.verdict == "converges"


@pytest.mark.parametrize("multiple", [0.01, 0.1, 1.0, 7.0, 30.0, 100.0])
def test_a_move_draws_exactly_the_run_of_gradient_descent(explorer, multiple):
    returned = explorer.set(learning_rate=multiple * ETA_SAFE).result
    rate = explorer.learning_rate  # the slider's value: at its ends, the end itself
    assert rate == pytest.approx(multiple * ETA_SAFE, rel=1e-12)
    expected = logreg_core.gradient_descent(X_B, Y, W0, rate, 100)
    np.testing.assert_array_equal(returned.weights, expected.weights)
    np.testing.assert_array_equal(explorer.path.line.get_xydata(), expected.weights)
    np.testing.assert_array_equal(explorer.path.end.get_xydata(), expected.weights[-1:])
    np.testing.assert_array_equal(explorer.loss_curve.get_ydata(), expected.losses)
    np.testing.assert_array_equal(explorer.loss_curve.get_xdata(), np.arange(101))
    description = describe_run(expected, X_B, Y)
    assert explorer.path.line.get_color() == explorer.loss_curve.get_color() == description.color
    assert all(handle.get_color() == description.color for handle in explorer.legend_handles)
    assert description.verdict in explorer.headline.get_text()
    assert f"= {multiple:g} η<sub>safe</sub>" in explorer.status_text


def test_a_move_redraws_only_what_moved(explorer, monkeypatch):
    explorer.figure.canvas.draw()  # the first picture: a full draw, which saves the background
    calls = []
    monkeypatch.setattr(explorer.figure.canvas, "draw", lambda *a, **k: calls.append("full draw"))
    monkeypatch.setattr(explorer.figure.canvas, "blit", lambda *a, **k: calls.append("blit"))
    explorer.set(learning_rate=3 * ETA_SAFE)
    assert calls == ["blit"]


def test_a_move_leaves_the_background_alone(explorer, monkeypatch):
    """The surface is computed once: a slider move neither recomputes the grid nor adds or removes artists,
    nor moves the view or the layout."""
    monkeypatch.setattr(descent, "loss_grid", lambda *a, **k: pytest.fail("loss grid recomputed on update"))
    before = {
        "children": [list(ax.get_children()) for ax in explorer.figure.axes],
        "limits": [(ax.get_xlim(), ax.get_ylim()) for ax in explorer.figure.axes],
        "positions": [ax.get_position().bounds for ax in explorer.figure.axes],
    }
    for multiple in (0.01, 100.0, 7.0, 1.0):
        explorer.set(learning_rate=multiple * ETA_SAFE)
    explorer.figure.canvas.draw()
    assert [list(ax.get_children()) for ax in explorer.figure.axes] == before["children"]
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in explorer.figure.axes] == before["limits"]
    assert [ax.get_position().bounds for ax in explorer.figure.axes] == before["positions"]


def test_too_large_shows_where_the_path_leaves_the_view(explorer):
    explorer.set(learning_rate=30 * ETA_SAFE)
    (b_low, b_high), (w_low, w_high) = explorer.surface_ax.get_xlim(), explorer.surface_ax.get_ylim()
    pinned = explorer.path.outside.get_xydata()
    assert explorer.path.n_outside == len(pinned) > 0
    on_frame = np.isclose(pinned[:, 0], b_low) | np.isclose(pinned[:, 0], b_high)
    on_frame |= np.isclose(pinned[:, 1], w_low) | np.isclose(pinned[:, 1], w_high)
    assert np.all(on_frame)
    assert explorer.outside_note.get_visible() and "outside this view" in explorer.outside_note.get_text()
    assert explorer.off_chart_note.get_visible()  # the loss went above the loss axis
    explorer.set(learning_rate=ETA_SAFE)
    assert not explorer.outside_note.get_visible() and not explorer.off_chart_note.get_visible()
    assert len(explorer.path.outside.get_xydata()) == 0


def test_whole_slider_range_without_warnings(explorer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow or any other warning fails the test
        for exponent in np.arange(explorer.slider.min, explorer.slider.max + 1e-9, 0.25):
            explorer.slider.value = 10.0**exponent
        explorer.figure.canvas.draw()
    assert np.all(np.isfinite(explorer.loss_curve.get_ydata()))


def test_figure_is_complete(explorer):
    explorer.figure.canvas.draw()
    for ax in explorer.figure.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
    assert explorer.headline.get_text()


def test_without_a_kernel_the_explorer_shows_a_still_picture(explorer):
    assert not explorer.interactive
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}
    assert bundle["text/plain"].startswith("<LearningRateExplorer: η = ")


# ipympl 0.10's Toolbar passes an argument traitlets no longer expects: its warning, not ours
@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments to super\\(Toolbar\\):DeprecationWarning")
def test_a_live_explorer_stores_a_png_fallback_and_no_html_copy():
    """In a notebook the canvas is an ipympl widget: its display must carry a PNG for readers without a kernel."""
    explorer = LearningRateExplorer(X_B, Y, W0, w_star=W_STAR, interactive=True, **VIEW)
    bundle = explorer._repr_mimebundle_()
    assert {"image/png", "application/vnd.jupyter.widget-view+json"} <= set(bundle)
    assert "text/html" not in bundle


def test_regimes_figure_notes_losses_above_its_loss_axis():
    rates = {"good": ETA_SAFE, "too large": 30 * ETA_SAFE}  # 30 eta_safe climbs far above the start
    fig, runs = plot_learning_rate_regimes(X_B, Y, W0, rates, 100, **VIEW)
    loss_ax = fig.axes[0]
    notes = [text.get_text() for text in loss_ax.texts]
    assert notes == [f"highest loss {runs['too large'].losses.max():.3g}: off the chart"]
    assert fig.get_suptitle().startswith("2 learning rates")


def test_the_slider_ends_are_named_without_exponents(explorer):
    for end, multiple in ((explorer.slider.max, "100"), (explorer.slider.min, "0.01")):
        explorer.slider.value = 10.0**end
        assert f"= {multiple} $\\eta_" in explorer.headline.get_text()
        assert f"= {multiple} η<sub>safe</sub>" in explorer.status_text
        assert "e+" not in explorer.headline.get_text() + explorer.status_text
