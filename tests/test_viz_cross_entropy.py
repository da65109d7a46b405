"""The figures of notebook 02 (logreg_viz.cross_entropy): the branches and both loss surfaces are the core's
numbers, and the regions marked "not convex" are exactly where a surface curves downward."""

import matplotlib.figure
import numpy as np
import pytest

import logreg_core as core
from logreg_viz import cross_entropy

HOURS = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
PASSED = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])
X_B = core.add_intercept(HOURS.reshape(-1, 1))
WINDOW = {"b_lim": (-10.0, 4.0), "a_lim": (-1.5, 4.0)}


def test_loss_branches_are_the_core_loss():
    fig = cross_entropy.plot_loss_branches()
    for line, y in zip(fig.axes[0].lines, (1, 0)):
        p, loss = line.get_data()
        np.testing.assert_allclose(loss, -np.log(p) if y == 1 else -np.log1p(-p), rtol=1e-9)


def test_both_surfaces_are_the_losses_at_every_grid_point():
    surfaces = cross_entropy.loss_surfaces(X_B, PASSED, **WINDOW, resolution=9)
    for i, a in enumerate(surfaces.a_values):
        for j, b in enumerate(surfaces.b_values):
            w = np.array([b, a])
            assert surfaces.cross_entropy[i, j] == pytest.approx(core.loss(X_B, PASSED, w), rel=1e-12)
            assert surfaces.squared[i, j] == pytest.approx(np.mean((core.predict_proba(X_B, w) - PASSED) ** 2),
                                                           rel=1e-12)


def _hessian_by_differences(f, b, a, h=1e-4):
    f_bb = (f(b + h, a) - 2 * f(b, a) + f(b - h, a)) / h**2
    f_aa = (f(b, a + h) - 2 * f(b, a) + f(b, a - h)) / h**2
    f_ba = (f(b + h, a + h) - f(b + h, a - h) - f(b - h, a + h) + f(b - h, a - h)) / (4 * h**2)
    return np.array([[f_bb, f_ba], [f_ba, f_aa]])


def test_not_convex_is_where_the_hessian_has_a_negative_eigenvalue():
    """Checked against second differences of the loss itself, away from the fringe where an eigenvalue is ~0."""
    surfaces = cross_entropy.loss_surfaces(X_B, PASSED, **WINDOW, resolution=13)

    def squared(b, a):
        return np.mean((core.sigmoid(b + a * HOURS) - PASSED) ** 2)

    checked = 0
    for i, a in enumerate(surfaces.a_values):
        for j, b in enumerate(surfaces.b_values):
            smallest = np.linalg.eigvalsh(_hessian_by_differences(squared, b, a))[0]
            if abs(smallest) > 1e-5:  # a clear sign, beyond the differences' error
                assert surfaces.squared_not_convex[i, j] == (smallest < 0), (b, a, smallest)
                checked += 1
    assert checked > 100
    assert surfaces.squared_not_convex.any() and not surfaces.cross_entropy_not_convex.any()


def test_the_surfaces_figure_shades_squared_error_and_not_cross_entropy():
    fig, surfaces = cross_entropy.plot_loss_surfaces(X_B, PASSED, **WINDOW, resolution=41)
    assert isinstance(fig, matplotlib.figure.Figure) and fig.canvas.manager is None
    squared_ax, cross_ax = fig.axes[:2]
    share = surfaces.squared_not_convex.mean()
    assert 0.5 < share < 1.0
    assert squared_ax.get_title().endswith(f"not convex on {share:.0%} of the map")
    assert cross_ax.get_title().endswith("convex everywhere")
    # the hatched region: one more filled contour set on the squared-error map only
    hatched = [c for ax in (squared_ax, cross_ax) for c in ax.collections if any(getattr(c, "hatches", None) or ())]
    assert [c.axes for c in hatched] == [squared_ax]
    for ax, loss in ((squared_ax, surfaces.squared), (cross_ax, surfaces.cross_entropy)):
        assert ax.get_title() and ax.get_xlabel().startswith("intercept") and ax.get_ylabel().startswith("slope")
        assert ax.get_legend() is not None
        i, j = np.unravel_index(np.argmin(loss), loss.shape)
        [star] = [line for line in ax.get_lines() if line.get_marker() == "*"]
        assert tuple(star.get_xydata()[0]) == (surfaces.b_values[j], surfaces.a_values[i])
    fig.canvas.draw()


def test_surfaces_need_one_feature():
    with pytest.raises(ValueError, match="one feature"):
        cross_entropy.loss_surfaces(np.ones((3, 3)), np.array([0, 1, 0]), (0, 1), (0, 1))
