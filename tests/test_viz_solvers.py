"""logreg_viz.solvers: the convergence figure draws exactly the gaps L(w_k) - L* it is given, on log axes, with
the colours of the contour figure, and refuses input it cannot draw."""

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest

import logreg_core
from logreg_viz.descent import PATH_COLORS
from logreg_viz.solvers import plot_convergence

X_B = logreg_core.add_intercept(np.array([[-1.0], [-0.5], [0.0], [0.5], [1.0], [1.5], [2.0], [2.5]]))
Y = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)


@pytest.fixture
def runs():
    descent = logreg_core.gradient_descent(X_B, Y, np.zeros(2), logreg_core.safe_learning_rate(X_B), 400)
    best = descent.losses.min()
    return {"gradient descent": descent.losses, "three steps": descent.losses[[0, 10, 100, 400]]}, best


def test_each_curve_is_the_gap_from_iteration_one_on(runs):
    losses, best = runs
    fig = plot_convergence(losses, best, floor=1e-13)
    (ax,) = fig.axes
    lines = ax.get_lines()
    assert len(lines) == 2
    for line, values in zip(lines, losses.values()):
        x, gap = line.get_data()
        np.testing.assert_array_equal(x, np.arange(1, len(values)))
        expected = values[1:] - best
        shown = expected > 1e-13
        np.testing.assert_allclose(gap[shown], expected[shown])
        assert np.all(np.isnan(gap[~shown])), "gaps at rounding level are left out, not drawn as 0 or negative"
    assert fig is ax.figure and fig._repr_png_(), "a still picture that a notebook shows as a PNG"


def test_log_axes_labels_title_and_legend(runs):
    losses, best = runs
    (ax,) = plot_convergence(losses, best, title="a title").axes
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_title() == "a title" and ax.get_xlabel() and ax.get_ylabel()
    texts = [text.get_text() for text in ax.get_legend().get_texts()]
    assert texts == ["gradient descent (400 iterations)", "three steps (3 iterations)"]


def test_colours_and_markers_follow_the_contour_figure(runs):
    losses, best = runs
    (ax,) = plot_convergence(losses, best).axes
    lines = ax.get_lines()
    assert [line.get_color() for line in lines] == list(PATH_COLORS[:2])
    assert [line.get_marker() for line in lines] == ["o", "s"]


def test_long_curves_get_a_few_markers_short_ones_one_per_step(runs):
    losses, best = runs
    (ax,) = plot_convergence(losses, best).axes
    long_curve, short_curve = ax.get_lines()
    assert 5 <= len(long_curve.get_markevery()) <= 14
    assert list(short_curve.get_markevery()) == [0, 1, 2]


def test_draws_on_a_given_axes_and_ends_the_loss_axis_at_the_floor(runs):
    losses, best = runs
    fig, ax = plt.subplots()
    assert plot_convergence(losses, best, ax=ax, floor=1e-9) is fig
    assert ax.get_ylim()[0] == pytest.approx(1e-9)


@pytest.mark.parametrize(
    ("losses", "floor", "message"),
    [
        ({}, 1e-13, "empty"),
        ({"one number": [0.5]}, 1e-13, "at least one iteration"),
        ({"a matrix": np.ones((3, 2))}, 1e-13, "1-D"),
        ({"fine": [1.0, 0.5]}, 0.0, "positive"),
    ],
)
def test_input_it_cannot_draw_is_refused_with_a_reason(losses, floor, message):
    with pytest.raises(ValueError, match=message):
        plot_convergence(losses, 0.0, floor=floor)


def test_importing_changes_no_matplotlib_setting():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); import logreg_viz.solvers; "
        "print(dict(matplotlib.rcParams) == before)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
