"""logreg_viz.descent: the loss grid against logreg_core, paths on the surface, the regime descriptions and the
learning-rate figure. (The live view on the same surface, ``logreg_viz.linked.DescentExplorer``, is tested in
test_viz_linked.py.)"""

import numpy as np
import pytest

import logreg_core
from logreg_viz.descent import (
    GAP_FLOOR,
    REGIME_COLORS,
    describe_run,
    draw_path,
    loss_gap,
    loss_grid,
    plot_descent_paths,
    plot_learning_rate_regimes,
)
from logreg_viz.figures import new_figure

# notebooks 03 and 04's problem: one feature, eight samples, classes overlapping
X_B = logreg_core.add_intercept(np.array([[-1.0], [-0.5], [0.0], [0.5], [1.0], [1.5], [2.0], [2.5]]))
Y = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
W0 = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "a_lim": (-1.5, 6.5)}
ETA_SAFE = logreg_core.safe_learning_rate(X_B)
W_STAR = logreg_core.gradient_descent(X_B, Y, np.zeros(2), ETA_SAFE, 3000).final_weights


# ----------------------------------------------------------------------------------------------------------------
# The surface
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [0.0, 0.3])
def test_loss_grid_equals_the_core_loss_at_every_point(alpha):
    b_values, a_values = np.linspace(-4, 3, 7), np.linspace(-2, 5, 5)
    grid = loss_grid(X_B, Y, b_values, a_values, alpha)
    assert grid.shape == (5, 7)
    expected = [[logreg_core.loss(X_B, Y, [b, a], alpha) for b in b_values] for a in a_values]
    np.testing.assert_allclose(grid, expected, rtol=1e-12)


def test_loss_grid_in_blocks_equals_one_pass():
    b_values, a_values = np.linspace(-4, 3, 31), np.linspace(-2, 5, 23)
    one_pass = loss_grid(X_B, Y, b_values, a_values)
    in_blocks = loss_grid(X_B, Y, b_values, a_values, max_grid_values=100)  # blocks of one row
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
     (7.0, "good", "on the edge"), (8.0, "too large", "zig-zags"), (10.0, "too large", "zig-zags"),
     (30.0, "too large", "zig-zags"), (100.0, "too large", "climbs")],
)
def test_describe_run_names_the_regime(multiple, regime, verdict):
    result = logreg_core.gradient_descent(X_B, Y, W0, multiple * ETA_SAFE, 100)
    description = describe_run(result, X_B, Y)
    assert (description.regime, description.verdict) == (regime, verdict)
    assert description.color == REGIME_COLORS[regime]
    assert description.n_rises == result.n_rises


def test_a_run_that_ends_below_its_start_does_not_climb():
    """10 eta_safe jumps above its start at the first step, then bounces between two points, ending far below the
    start: it zig-zags, and the details say how high it went on the way."""
    result = logreg_core.gradient_descent(X_B, Y, W0, 10 * ETA_SAFE, 100)
    assert result.losses[1] > result.losses[0] > result.losses[-1]
    description = describe_run(result, X_B, Y)
    assert description.verdict == "zig-zags"
    assert f"up to {result.losses.max():.4g} (above its start {result.losses[0]:.4g})" in description.details
    assert description.details.endswith(f"ended at {result.losses[-1]:.4g}")
    climbs = describe_run(logreg_core.gradient_descent(X_B, Y, W0, 100 * ETA_SAFE, 100), X_B, Y)
    assert climbs.verdict == "climbs" and "above its start" in climbs.details


def test_loss_gap_is_the_distance_above_the_lowest_loss_never_below_the_floor():
    lowest = logreg_core.loss(X_B, Y, W_STAR)
    losses = np.array([lowest + 1.0, lowest + 1e-3, lowest, lowest - 1e-15])
    np.testing.assert_allclose(loss_gap(losses, lowest), [1.0, 1e-3, GAP_FLOOR, GAP_FLOOR], rtol=1e-9)


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
    (b_low, b_high), (a_low, a_high) = ax.get_xlim(), ax.get_ylim()
    for path in (gd, other):
        assert np.all((path[:, 0] >= b_low) & (path[:, 0] <= b_high) & (path[:, 1] >= a_low) & (path[:, 1] <= a_high))
    assert ax.get_title() and ax.get_xlabel().startswith("intercept $b$") and ax.get_ylabel().startswith("slope $a$")


def test_regimes_figure_runs_each_learning_rate_once():
    rates = {"too small": 0.1 * ETA_SAFE, "good": ETA_SAFE, "too large": 10 * ETA_SAFE}
    fig, runs = plot_learning_rate_regimes(X_B, Y, W0, rates, 100, w_star=W_STAR, **VIEW)
    assert list(runs) == list(rates)
    for title, rate in rates.items():
        np.testing.assert_array_equal(runs[title].weights, logreg_core.gradient_descent(X_B, Y, W0, rate, 100).weights)
    assert len(fig.axes) == 4
    surface_axes, loss_ax = fig.axes[1:], fig.axes[0]
    assert [ax.get_title(loc="center").split(":")[0] for ax in surface_axes] == list(rates)
    assert len(loss_ax.get_lines()) == 3  # three curves: how far above the lowest loss each step is
    assert loss_ax.get_yscale() == "log"
    lowest = logreg_core.loss(X_B, Y, W_STAR)
    for line, run in zip(loss_ax.get_lines(), runs.values()):
        np.testing.assert_array_equal(line.get_ydata(), loss_gap(run.losses, lowest))


def test_regimes_figure_notes_losses_above_its_loss_axis():
    rates = {"good": ETA_SAFE, "too large": 30 * ETA_SAFE}  # 30 eta_safe climbs far above the start
    fig, runs = plot_learning_rate_regimes(X_B, Y, W0, rates, 100, **VIEW)
    loss_ax = fig.axes[0]
    notes = [text.get_text() for text in loss_ax.texts]
    assert notes == [f"highest loss {runs['too large'].losses.max():.3g}: off the chart"]
    assert fig.get_suptitle().startswith("2 learning rates")
