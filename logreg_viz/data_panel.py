"""One panel of 2-D data on the model's probability surface, with its decision boundary: the picture that the
training view, its snapshots, the learned-vs-Bayes figure and notebook 12's views all draw.

``DataPanel``       the points, the probability p(x) as an image and the boundary p = 1/2, in one Axes; moved by
                    ``set_weights`` (one matrix product), nothing created after it is made
``SURFACE_CMAP``    the probability colour map, lightened so that the class colours stand out on it
``padded_limits``   a square window around some points
``accuracy``        the training accuracy of weights on a design matrix
``with_intercept``  the design matrix [1, features(X)] of 2-D points
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

import logreg_core
from logreg_viz.geometry import boundary_curves, boundary_segment
from logreg_viz.style import BOUNDARY_COLOR, PROBABILITY_CMAP, label_axes, plot_classes

__all__ = ["SURFACE_CMAP", "DataPanel", "padded_limits", "accuracy", "with_intercept"]

#: The probability colour map of ``style``, mixed half-and-half with white: light enough for the class
#: colours of the points to stand out on it, and opaque, so a redrawn frame fully covers the previous one.
SURFACE_CMAP = ListedColormap(0.5 + 0.5 * PROBABILITY_CMAP(np.linspace(0.0, 1.0, 256))[:, :3], name="p_class1_light")


class DataPanel:
    """Data points, the probability surface p(x) as an image, and the boundary p = 1/2, in one Axes.

    ``set_weights(w)`` recomputes the surface with one matrix product (grid_b @ w) and moves the boundary line;
    nothing is created after ``__init__``. With a feature map (``features``), the weights apply to
    ``features(x)`` and the boundary is the curve(s) z = 0 on the image's grid (``boundary_curves``).

    Parameters
    ----------
    ax : matplotlib Axes
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 and 1
    xlim, ylim : pair of float, the window shown
    resolution : int, default=120, pixels a side of the probability image
    labels : pair of str, legend names of class 0 and class 1
    legend : bool, default=True
    features : callable or None, a feature map (n, 2) -> (n, k) that the weights apply to

    Attributes
    ----------
    xs : ndarray of shape (resolution,), ys : ndarray of shape (resolution,)
        The image's pixel centres along x1 and x2.
    grid : ndarray of shape (resolution ** 2, 2), every pixel centre; ``shape`` the image's (rows, columns).
    grid_b : ndarray of shape (resolution ** 2, k + 1), the design matrix of ``grid`` (intercept first).
    image, boundary, points : the artists (AxesImage, Line2D, the two PathCollections of the classes).
    """

    def __init__(
        self, ax, X, y, xlim, ylim, *, resolution=120, labels=("class 0", "class 1"), legend=True, features=None
    ):
        self.ax = ax
        self.xlim, self.ylim = tuple(map(float, xlim)), tuple(map(float, ylim))
        # Pixel centres of a resolution x resolution image covering the window, with their column of ones.
        self.xs = np.linspace(*self.xlim, 2 * resolution + 1)[1::2]
        self.ys = np.linspace(*self.ylim, 2 * resolution + 1)[1::2]
        grid_x, grid_y = np.meshgrid(self.xs, self.ys)
        self.shape = grid_x.shape
        self.grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
        self.set_features(features)
        self.image = ax.imshow(
            np.full(self.shape, 0.5),
            extent=(*self.xlim, *self.ylim),
            origin="lower",
            cmap=SURFACE_CMAP,
            vmin=0.0,
            vmax=1.0,
            # Nearest-neighbour on the probabilities, coloured afterwards: several times faster to draw than
            # "bilinear" or than colouring first, and at 120 pixels a side just as smooth to the eye.
            interpolation="nearest",
            interpolation_stage="data",
            aspect="equal",
            zorder=0,
        )
        self.points = plot_classes(ax, X, y, labels=labels)
        (self.boundary,) = ax.plot([], [], color=BOUNDARY_COLOR, lw=2.2, zorder=4, label="boundary p = ½")
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        label_axes(ax, "", "feature $x_1$", "feature $x_2$")
        if legend:
            ax.legend(loc="lower left", fontsize="small", framealpha=0.9)

    def set_data(self, X, y):
        """Show other points (any number per class, none included), e.g. after regenerating the data."""
        X, y = np.asarray(X).reshape(-1, 2), np.asarray(y)
        for k, collection in enumerate(self.points):
            collection.set_offsets(X[y == k])

    def set_features(self, features):
        """Let the weights apply to ``features(x)`` (a callable, (n, 2) -> (n, k)), or to x itself if None."""
        self.features = features
        self.grid_b = logreg_core.add_intercept(self.grid if features is None else features(self.grid))

    def set_weights(self, w):
        """Show the model with weights ``w`` (shape (3,), or (k + 1,) with features): its surface and boundary."""
        if self.features is None:
            self.image.set_data(logreg_core.predict_proba(self.grid_b, w).reshape(self.shape))
            self.boundary.set_data(*boundary_segment(w, self.xlim, self.ylim))  # a straight line: exact
            return
        z = (self.grid_b @ np.asarray(w, dtype=np.float64)).reshape(self.shape)
        self.image.set_data(logreg_core.sigmoid(z))
        self.boundary.set_data(*boundary_curves(self.xs, self.ys, z))

    def clear_weights(self):
        """Show no model: a blank surface (p = 1/2 everywhere) and no boundary."""
        self.image.set_data(np.full(self.shape, 0.5))
        self.boundary.set_data([], [])


def padded_limits(X, pad=0.12):
    """A square window around the points of X (shape (n, 2)) with a relative margin: ``(xlim, ylim)``."""
    low, high = X.min(axis=0), X.max(axis=0)
    center, half = (low + high) / 2, (high - low).max() / 2 * (1 + 2 * pad)
    return (center[0] - half, center[0] + half), (center[1] - half, center[1] + half)


def accuracy(X_b, y, w):
    return float(np.mean(logreg_core.predict(X_b, w) == y))


def with_intercept(X, features):
    """The design matrix of the points X (shape (n, 2)): [1, features(X)], or [1, X] without a feature map."""
    return logreg_core.add_intercept(X if features is None else features(X))

