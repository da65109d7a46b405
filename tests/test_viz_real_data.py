"""logreg_viz.real_data: each figure of notebooks 08 and 09 draws exactly the numbers it is given, in the series'
colours, with a title and axis labels, as a still picture; input it cannot draw is refused with a reason."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression

from logreg_viz import real_data
from logreg_viz.figures import StillFigure
from logreg_viz.style import CLASS_COLORS

RNG = np.random.default_rng(0)
X = np.abs(RNG.normal(1.0, 0.5, size=(60, 4))) * [1000.0, 10.0, 0.1, 0.001]
X[0, 3] = 0.0  # a value a logarithmic axis cannot show
Y = (RNG.random(60) < 0.4).astype(int)
NAMES = ["area", "radius", "smoothness", "fractal dimension"]


def _titled(ax):
    return bool(ax.get_title()) and bool(ax.get_xlabel()) and bool(ax.get_ylabel())


def _still_and_not_pyplot(figure):
    assert isinstance(figure, StillFigure) and figure._repr_png_()  # a notebook shows it as a PNG, once
    assert all(plt.figure(n) is not figure for n in plt.get_fignums())  # pyplot does not know it


# ----------------------------------------------------------------------------------------------------------------
# plot_feature_scales
# ----------------------------------------------------------------------------------------------------------------
def test_feature_scales_draws_every_positive_value_in_its_row_by_class():
    figure = real_data.plot_feature_scales(X, Y, NAMES, class_names=("benign", "malignant"))
    _still_and_not_pyplot(figure)
    (ax,) = figure.axes
    order = np.argsort(X.std(axis=0))
    assert [tick.get_text() for tick in ax.get_yticklabels()] == [NAMES[j] for j in order]
    assert ax.get_xscale() == "log" and _titled(ax) and "1 values that are 0" in ax.get_xlabel()
    for label, points in zip((0, 1), ax.collections):
        offsets = points.get_offsets()
        values = X[Y == label][:, order]
        assert len(offsets) == np.count_nonzero(values > 0)
        np.testing.assert_allclose(np.sort(offsets[:, 0]), np.sort(values[values > 0]))
        rows = np.round(offsets[:, 1]).astype(int)  # the jitter stays within a row
        for row in range(len(NAMES)):
            np.testing.assert_allclose(np.sort(offsets[rows == row, 0]), np.sort(values[:, row][values[:, row] > 0]))
        assert np.allclose(points.get_facecolor()[0][:3], to_rgb(CLASS_COLORS[label]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["benign", "malignant"]


def test_feature_scales_refuses_mismatched_names():
    with pytest.raises(ValueError, match="len\\(feature_names\\)"):
        real_data.plot_feature_scales(X, Y, NAMES[:3])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        real_data.plot_feature_scales(X, Y + 1, NAMES)


# ----------------------------------------------------------------------------------------------------------------
# plot_loss_curves
# ----------------------------------------------------------------------------------------------------------------
def test_loss_curves_draw_each_curve_and_mark_the_stops_on_the_last():
    jumpy, smooth = np.r_[0.69, 50.0, 3.0, 400.0, 20.0], np.geomspace(0.69, 0.05, 5)
    figure = real_data.plot_loss_curves({"raw": jumpy, "scaled": smooth}, stops={"tol stops": 3}, title="t")
    _still_and_not_pyplot(figure)
    (ax,) = figure.axes
    lines = ax.get_lines()
    np.testing.assert_array_equal(lines[0].get_ydata(), jumpy)
    np.testing.assert_array_equal(lines[1].get_ydata(), smooth)
    assert (lines[2].get_xdata()[0], lines[2].get_ydata()[0]) == (3, smooth[3])
    assert ax.get_yscale() == "log" and _titled(ax)
    assert "tol stops (step 3)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_loss_curves_refuse_a_stop_off_the_curve():
    with pytest.raises(ValueError, match="not a step"):
        real_data.plot_loss_curves({"one": [0.7, 0.5]}, stops={"late": 5})
    with pytest.raises(ValueError, match="empty"):
        real_data.plot_loss_curves({})


# ----------------------------------------------------------------------------------------------------------------
# plot_calibration
# ----------------------------------------------------------------------------------------------------------------
def test_calibration_draws_scikit_learns_curve_and_the_counts_per_bin():
    p = np.clip(0.6 * Y + 0.4 * RNG.random(60), 0, 1)
    figure = real_data.plot_calibration({"test set": (Y, p)}, n_bins=4, positive_name="malignant")
    _still_and_not_pyplot(figure)
    ax, ax_counts = figure.axes
    fraction, mean_predicted = calibration_curve(Y, p, n_bins=4)
    curve = [line for line in ax.get_lines() if line.get_label().startswith("test set")][0]
    np.testing.assert_allclose(curve.get_xdata(), mean_predicted)
    np.testing.assert_allclose(curve.get_ydata(), fraction)
    counts, _ = np.histogram(p, bins=np.linspace(0, 1, 5))
    np.testing.assert_array_equal([bar.get_height() for bar in ax_counts.patches], counts)
    assert _titled(ax_counts) and ax.get_title() and "malignant" in ax.get_ylabel()
    assert any("calibrated" in t.get_text() for t in ax.get_legend().get_texts())  # the diagonal, once


# ----------------------------------------------------------------------------------------------------------------
# plot_coefficient_path
# ----------------------------------------------------------------------------------------------------------------
def test_coefficient_path_draws_every_weight_and_ours_as_circles():
    C_values = np.logspace(-2, 1, 5)
    path = np.array([LogisticRegression(C=c).fit(X / X.std(0), Y).coef_[0] for c in C_values])
    figure = real_data.plot_coefficient_path(C_values, path, NAMES, 60, ours={0.1: path[1]}, highlight=2)
    _still_and_not_pyplot(figure)
    ax = figure.axes[0]
    lines = ax.get_lines()
    drawn = sorted(tuple(line.get_ydata()) for line in lines[:4])
    assert drawn == sorted(tuple(column) for column in path.T)
    named = [t.get_text() for t in ax.get_legend().get_texts()]
    largest = [NAMES[j] for j in np.argsort(-np.abs(path[-1]))[:2]]
    assert named[1:3] == largest and named[0] == "the other 2 weights"
    circles = lines[4]
    np.testing.assert_allclose(circles.get_ydata(), path[1])
    assert ax.get_xscale() == "log" and _titled(ax)
    top = [child for child in ax.get_children() if type(child).__name__ == "SecondaryAxis"][0]
    assert "alpha" in top.get_xlabel()


def test_coefficient_path_refuses_a_path_of_the_wrong_shape():
    with pytest.raises(ValueError, match="shape"):
        real_data.plot_coefficient_path([0.1, 1.0], np.zeros((3, 4)), NAMES, 60)


# ----------------------------------------------------------------------------------------------------------------
# plot_boundary_display
# ----------------------------------------------------------------------------------------------------------------
def test_boundary_display_shows_the_models_probability_and_the_classes():
    X2 = np.c_[RNG.normal(size=80), RNG.normal(size=80)]
    y2 = (X2[:, 0] + 0.3 * RNG.normal(size=80) > 0).astype(int)
    model = LogisticRegression().fit(X2, y2)
    figure = real_data.plot_boundary_display(model, X2, y2, ["x1", "x2"], class_names=("benign", "malignant"))
    _still_and_not_pyplot(figure)
    ax = figure.axes[0]
    mesh = ax.collections[0]
    assert mesh.get_array().min() >= 0 and mesh.get_array().max() <= 1
    assert mesh.norm.vmin == 0 and mesh.norm.vmax == 1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["benign", "malignant", "decision boundary, p = ½"]
    assert ax.get_title() and ax.get_xlabel() == "x1" and ax.get_ylabel() == "x2"
    assert "P(malignant)" in figure.axes[1].get_ylabel()
