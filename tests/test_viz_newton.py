"""logreg_viz.newton: the parabola is the loss's value, slope and curvature at a point, its lowest point is the Newton
step, and the figures draw what they are given."""

import numpy as np
import pytest

import logreg_core
from logreg_viz.figures import StillFigure
from logreg_viz.newton import newton_parabola, plot_newton_parabolas, plot_newton_vs_descent

X = np.linspace(-2.0, 2.0, 21)
Y = (np.arange(21) % 3 != 0).astype(float) * (X > -1.0)


def loss(a):
    return np.mean(logreg_core.bce_from_logits(a * X, Y))


def slope(a):
    return np.mean((logreg_core.sigmoid(a * X) - Y) * X)


def curvature(a):
    p = logreg_core.sigmoid(a * X)
    return np.mean(p * (1 - p) * X**2)


def test_the_parabola_touches_the_loss_with_the_same_value_slope_and_curvature():
    a_t, h = 0.7, 1e-4
    q, a_next = newton_parabola(loss(a_t), slope(a_t), curvature(a_t), a_t)
    assert q(a_t) == pytest.approx(loss(a_t))
    assert (q(a_t + h) - q(a_t - h)) / (2 * h) == pytest.approx(slope(a_t), rel=1e-6)
    assert (q(a_t + h) - 2 * q(a_t) + q(a_t - h)) / h**2 == pytest.approx(curvature(a_t), rel=1e-4)
    assert a_next == pytest.approx(a_t - slope(a_t) / curvature(a_t))
    grid = np.linspace(a_next - 1, a_next + 1, 201)
    assert grid[np.argmin(q(grid))] == pytest.approx(a_next, abs=0.01)


def test_a_parabola_needs_positive_curvature():
    with pytest.raises(ValueError, match="positive"):
        newton_parabola(1.0, 0.5, 0.0, 0.0)


def _newton(a, n):
    path = [a]
    for _ in range(n):
        a = a - slope(a) / curvature(a)
        path.append(a)
    return np.array(path)


def test_each_panel_draws_the_loss_and_the_parabola_of_each_step():
    paths = [_newton(0.0, 4), _newton(3.0, 1)]
    figure = plot_newton_parabolas(loss, slope, curvature, paths, a_range=[(-1, 4), (-3, 5)], a_star=paths[0][-1],
                                   n_parabolas=2)
    assert isinstance(figure, StillFigure) and figure._repr_png_()
    for ax, path, a_range in zip(figure.axes, paths, [(-1, 4), (-3, 5)]):
        assert ax.get_xlim() == a_range and ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        curve, *rest = ax.get_lines()
        np.testing.assert_allclose(curve.get_ydata(), [loss(a) for a in curve.get_xdata()])
        parabolas = [line for line in rest if line.get_linestyle() == "--"]
        assert len(parabolas) == min(2, len(path) - 1)
        for t, parabola in enumerate(parabolas):
            q, a_next = newton_parabola(loss(path[t]), slope(path[t]), curvature(path[t]), path[t])
            np.testing.assert_allclose(parabola.get_ydata(), q(parabola.get_xdata()))
            assert a_next == pytest.approx(path[t + 1])
        assert f"{path[1]:.2f}".replace("-", "\u2212") in ax.get_title()


def test_one_range_for_every_panel_or_one_each():
    paths = [_newton(0.0, 2), _newton(1.0, 2)]
    figure = plot_newton_parabolas(loss, slope, curvature, paths, a_range=(-1.0, 3.0))
    assert [ax.get_xlim() for ax in figure.axes] == [(-1.0, 3.0)] * 2
    with pytest.raises(ValueError, match="one pair per path"):
        plot_newton_parabolas(loss, slope, curvature, paths, a_range=[(-1.0, 3.0)] * 3)


def test_newton_vs_descent_draws_both_paths_and_both_gaps_in_the_same_colours():
    X_b = logreg_core.add_intercept(X.reshape(-1, 1) + 5.0)
    run = logreg_core.gradient_descent(X_b, Y, np.zeros(2), logreg_core.safe_learning_rate(X_b), 200)
    newton_path = np.array([np.zeros(2), run.weights[-1]])
    losses = {"gradient descent": run.losses, "Newton's method": [logreg_core.loss(X_b, Y, w) for w in newton_path]}
    figure = plot_newton_vs_descent(X_b, Y, {"gradient descent": run.weights, "Newton's method": newton_path},
                                    losses, run.losses.min())
    ax_surface, ax_gap = figure.axes[:2]  # then the surface's colour bar
    surface_labels = [t.get_text() for t in ax_surface.get_legend().get_texts()]
    assert "gradient descent, 200 steps" in surface_labels and "Newton's method, 1 steps" in surface_labels
    gap_labels = [t.get_text() for t in ax_gap.get_legend().get_texts()]
    assert gap_labels == ["gradient descent (200 iterations)", "Newton's method (1 iterations)"]
    path_colours = {line.get_label(): line.get_color() for line in ax_surface.get_lines()}
    gap_colours = [line.get_color() for line in ax_gap.get_lines()]
    assert gap_colours == [path_colours["gradient descent, 200 steps"], path_colours["Newton's method, 1 steps"]]
    with pytest.raises(ValueError, match="same methods"):
        plot_newton_vs_descent(X_b, Y, {"a": run.weights}, {"b": run.losses}, 0.0)
