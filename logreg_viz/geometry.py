"""The decision boundary as something to draw: a straight segment inside a window, or curves from a grid.

``boundary_segment``  the boundary w0 + w1 x + w2 y = 0 of a 2-D logistic regression, clipped to a rectangle
``boundary_curves``   the boundary z = 0 of a model that is not linear in x (e.g. polynomial features), traced on a
                      grid as one NaN-separated polyline
"""

from __future__ import annotations

import contourpy
import numpy as np

__all__ = ["boundary_segment", "boundary_curves"]


def boundary_segment(w, xlim, ylim):
    """End points of the decision boundary w0 + w1 x + w2 y = 0 inside a rectangle.

    The boundary of a 2-D logistic regression is a straight line, so two points draw it exactly: no contour of
    a grid is needed. The line is written as a point plus a direction and clipped to the rectangle
    (Liang-Barsky clipping).

    Parameters
    ----------
    w : array_like of shape (3,)
        Weights ``[w0, w1, w2]``, intercept first.
    xlim, ylim : pair of float
        The rectangle ``xlim[0] <= x <= xlim[1]``, ``ylim[0] <= y <= ylim[1]``.

    Returns
    -------
    xs, ys : ndarray of shape (2,) each, or of shape (0,) each
        The two end points, or empty arrays if the line misses the rectangle (or w1 = w2 = 0: no boundary).
    """
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (3,):
        raise ValueError(f"boundary_segment draws the boundary of 2 features: w must have shape (3,); got {w.shape}.")
    empty = (np.empty(0), np.empty(0))
    scale = np.max(np.abs(w))
    if not np.isfinite(scale) or scale == 0.0:
        return empty
    w0, w1, w2 = w / scale  # the same line; entries in [-1, 1], so squaring them cannot overflow or underflow
    normal_sq = w1 * w1 + w2 * w2
    if normal_sq == 0.0:
        return empty
    # The point of the line closest to the origin, and the line's direction (perpendicular to (w1, w2)).
    px, py = -w0 * w1 / normal_sq, -w0 * w2 / normal_sq
    dx, dy = -w2, w1
    t_low, t_high = -np.inf, np.inf
    for p, d, (low, high) in ((px, dx, xlim), (py, dy, ylim)):
        if d == 0.0:
            if not low <= p <= high:
                return empty
            continue
        t1, t2 = sorted(((low - p) / d, (high - p) / d))
        t_low, t_high = max(t_low, t1), min(t_high, t2)
    if t_low > t_high:
        return empty
    t = np.array([t_low, t_high])
    return px + t * dx, py + t * dy


def boundary_curves(xs, ys, z):
    """The decision boundary z = 0 of a model that is not linear in x (e.g. on polynomial features), from a grid.

    The curves are traced by contourpy (matplotlib's contouring engine) with linear interpolation between grid
    points, and returned as one polyline whose pieces are separated by NaN: a single ``Line2D.set_data`` shows
    them all, so a view moves one existing artist instead of creating a new contour set on every change.

    Parameters
    ----------
    xs : ndarray of shape (n_x,)
    ys : ndarray of shape (n_y,)
        Grid coordinates, increasing.
    z : ndarray of shape (n_y, n_x)
        The logit w . [1, features(x)] at each grid point (``z[i, j]`` at ``(xs[j], ys[i])``).

    Returns
    -------
    bx, by : ndarray of shape (n_points,) each
        The curves' points, NaN between separate curves; empty arrays if z has one sign on the whole grid.
    """
    generator = contourpy.contour_generator(xs, ys, z, line_type=contourpy.LineType.ChunkCombinedNan)
    (points,) = generator.lines(0.0)[0]  # one chunk: an (n_points, 2) array, or None where there is no curve
    if points is None:
        return np.empty(0), np.empty(0)
    return points[:, 0], points[:, 1]

