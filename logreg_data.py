"""The data sets and ready-made models of the lessons, made with scikit-learn (no figures here).

- ``TwoClusters``, ``SEPARABLE_CLUSTERS``, ``OVERLAPPING_CLUSTERS``: two round Gaussian clusters, the data of the
  separable and the overlapping lessons, with their best possible (Bayes-optimal) boundary and accuracy.
- ``make_dataset`` and ``PRESETS``: the presets of the draw-your-own-data editor (two blobs, XOR, circles, moons),
  inside ``WINDOW``.
- ``polynomial_features``, ``polynomial_model`` and ``weights_and_features``: logistic regression on polynomial
  features, a scikit-learn ``Pipeline`` ending in ``LogisticRegressionGD``.
- ``standardize``: scale features with the training set's mean and standard deviation (the reference answer of the
  breast-cancer lesson's exercise, used while the student's own is not written).

The exercise checks use these too, so they live outside the figure layer (``logreg_viz``).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from logreg_estimator import LogisticRegressionGD

__all__ = [
    "TwoClusters",
    "SEPARABLE_CLUSTERS",
    "OVERLAPPING_CLUSTERS",
    "PRESETS",
    "WINDOW",
    "make_dataset",
    "polynomial_features",
    "polynomial_model",
    "weights_and_features",
    "standardize",
]


# ----------------------------------------------------------------------------------------------------------------
# Two Gaussian clusters (the separable and the overlapping lessons)
# ----------------------------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class TwoClusters:
    """Two round Gaussian clusters of equal size and spread, made by scikit-learn's ``make_blobs``.

    Class 0 is centred at ``midpoint - distance/2 * u`` and class 1 at ``midpoint + distance/2 * u``, with
    ``u`` the unit vector along ``direction``; both have standard deviation ``cluster_std`` in every direction.
    Because we *know* how the data were generated, we also know the best any classifier can do (the Bayes-optimal
    rule), which notebook 05 compares with what gradient descent learns.

    Parameters
    ----------
    distance : float > 0
        Distance between the two centres.
    cluster_std : float > 0, default=1.0
    n_samples : int, default=200
        Total number of points, split equally between the classes.
    midpoint : pair of float, default=(2.0, 1.0)
    direction : pair of float, default=(1.0, -1.0)
        From the class-0 centre towards the class-1 centre (normalised here).
    random_state : int, default=0
        Seed of ``make_blobs``.
    """

    distance: float
    cluster_std: float = 1.0
    n_samples: int = 200
    midpoint: tuple = (2.0, 1.0)
    direction: tuple = (1.0, -1.0)
    random_state: int = 0

    @property
    def centers(self):
        """ndarray of shape (2, 2): row k is the centre of class k."""
        u = np.asarray(self.direction, dtype=np.float64)
        u = u / np.linalg.norm(u)
        m = np.asarray(self.midpoint, dtype=np.float64)
        return np.array([m - self.distance / 2 * u, m + self.distance / 2 * u])

    def sample(self):
        """Draw the data set.

        Returns
        -------
        X : ndarray of shape (n_samples, 2)
        y : ndarray of int of shape (n_samples,), labels 0 and 1
        """
        return make_blobs(
            n_samples=self.n_samples,
            centers=self.centers,
            cluster_std=self.cluster_std,
            random_state=self.random_state,
        )

    def bayes_weights(self):
        """Weights of the Bayes-optimal classifier, in the same form as logistic regression's.

        For two Gaussians with equal priors and the same covariance sigma^2 I, the log-odds of class 1 is linear:
        log p(1|x)/p(0|x) = ((mu1 - mu0) . x - (|mu1|^2 - |mu0|^2) / 2) / sigma^2, so
        ``sigmoid(add_intercept(X) @ w)`` is the *true* probability of class 1 and ``w . [1, x] = 0`` is the
        best possible boundary (the perpendicular bisector of the two centres).

        Returns
        -------
        w : ndarray of shape (3,)
            ``[w0, w1, w2]``, intercept first.
        """
        mu0, mu1 = self.centers
        variance = self.cluster_std**2
        return np.r_[-(mu1 @ mu1 - mu0 @ mu0) / (2 * variance), (mu1 - mu0) / variance]

    def bayes_accuracy(self):
        """Expected accuracy of the Bayes-optimal rule on new data: Phi(distance / (2 sigma)).

        A point is misclassified when its distance along ``u`` from its own centre exceeds distance/2, i.e. with
        probability 1 - Phi(distance / (2 sigma)), Phi being the standard normal CDF.
        """
        return 0.5 * (1.0 + math.erf(self.distance / (2 * self.cluster_std) / math.sqrt(2.0)))

    def view_limits(self, max_distance=None, margin=3.0):
        """A square window around the clusters: ``(xlim, ylim)``, large enough for ``max_distance``."""
        half = (self.distance if max_distance is None else max_distance) / 2 + margin * self.cluster_std
        mx, my = self.midpoint
        return (mx - half, mx + half), (my - half, my + half)


#: Notebook 04's data (and its GIF's): centres 7 standard deviations apart, so the classes do not overlap.
SEPARABLE_CLUSTERS = TwoClusters(distance=7.0, random_state=0)
#: Notebook 05's data: centres 3 standard deviations apart; the best possible accuracy is Phi(1.5) = 93.3%.
OVERLAPPING_CLUSTERS = TwoClusters(distance=3.0, random_state=0)


# ----------------------------------------------------------------------------------------------------------------
# The presets of the draw-your-own-data editor, and polynomial models
# ----------------------------------------------------------------------------------------------------------------
#: The presets of the editor, in the order of its buttons.
PRESETS = ("two blobs", "XOR", "circles", "moons")
#: The editor's window ``(xlim, ylim)``; every preset lies well inside it.
WINDOW = ((-2.0, 2.0), (-2.0, 2.0))
_DEFAULT_NOISE = {"two blobs": 0.45, "XOR": 0.35, "circles": 0.1, "moons": 0.15}


def make_dataset(name, n_samples=60, *, noise=None, random_state=0):
    """One of the presets, made by scikit-learn with a fixed seed, inside ``WINDOW``.

    - ``"two blobs"``: two round Gaussian clusters (``make_blobs``), one per class; a line separates them.
    - ``"XOR"``: four clusters at the corners of a square (``make_blobs``); class 1 where x1 and x2 have opposite
      signs, so each class owns two opposite corners.
    - ``"circles"``: a disc of class 1 inside a ring of class 0 (``make_circles``, radii 0.5 and 1).
    - ``"moons"``: two interleaved half circles (``make_moons``), shifted to centre them.

    Parameters
    ----------
    name : {"two blobs", "XOR", "circles", "moons"}
    n_samples : int, default=60
        Total number of points, split as evenly as possible between the clusters.
    noise : float or None
        For the blobs and XOR, the clusters' standard deviation (default 0.45 and 0.35); for circles and moons,
        scikit-learn's ``noise`` (default 0.1 and 0.15).
    random_state : int, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of int of shape (n_samples,), labels 0 and 1
    """
    if name not in PRESETS:
        raise ValueError(f"Unknown data set {name!r}; choose one of {', '.join(map(repr, PRESETS))}.")
    noise = _DEFAULT_NOISE[name] if noise is None else noise
    if name == "two blobs":
        return make_blobs(n_samples, centers=[(-0.8, -0.6), (0.8, 0.6)], cluster_std=noise, random_state=random_state)
    if name == "XOR":
        corners = [(-0.9, -0.9), (0.9, 0.9), (-0.9, 0.9), (0.9, -0.9)]  # clusters 0, 1: class 0; 2, 3: class 1
        X, cluster = make_blobs(n_samples, centers=corners, cluster_std=noise, random_state=random_state)
        return X, cluster // 2
    if name == "circles":
        return make_circles(n_samples, noise=noise, factor=0.5, random_state=random_state)
    X, y = make_moons(n_samples, noise=noise, random_state=random_state)
    return X - [0.5, 0.25], y


def polynomial_features(degree):
    """Every monomial x1^a x2^b with 1 <= a + b <= ``degree``, each standardised: an unfitted ``Pipeline``.

    Standardising matters for gradient descent: x1^8 and x1 differ in size by orders of magnitude, and the safe
    learning rate is set by the largest, so without scaling the small features would hardly move.
    """
    return make_pipeline(PolynomialFeatures(degree, include_bias=False), StandardScaler())


def polynomial_model(degree, alpha=0.0, max_iter=1000):
    """Logistic regression on polynomial features: ``PolynomialFeatures`` -> ``StandardScaler`` ->
    ``LogisticRegressionGD`` (safe learning rate, starting from zero weights), an unfitted ``Pipeline``.

    The model is still linear, in the new features: z = w0 + w1 phi_1(x) + ... + wk phi_k(x).
    """
    return make_pipeline(
        PolynomialFeatures(degree, include_bias=False),
        StandardScaler(),
        LogisticRegressionGD(learning_rate="auto", max_iter=max_iter, alpha=alpha),
    )


def weights_and_features(model):
    """The weights of a fitted ``LogisticRegressionGD`` (or a ``Pipeline`` ending in one) and their feature map.

    Returns
    -------
    w : ndarray of shape (k + 1,)
        Intercept first.
    features : callable or None
        ``features(X)`` of shape (n_samples, k) for X of shape (n_samples, 2): the pipeline's steps before the
        estimator; None for a bare estimator, whose weights apply to the two coordinates themselves.
    """
    if isinstance(model, Pipeline):
        estimator = model[-1]
        features = model[:-1].transform if len(model) > 1 else None
    else:
        estimator, features = model, None
    return np.r_[estimator.intercept_, estimator.coef_[0]], features


# ----------------------------------------------------------------------------------------------------------------
# Scaling real data (the breast-cancer lesson)
# ----------------------------------------------------------------------------------------------------------------
def standardize(X_train, X_test):
    """Scale every feature to mean 0 and standard deviation 1 *on the training set*, and the test set likewise.

    Each column j becomes (x_j - mu_j) / s_j, with mu_j and s_j the mean and the standard deviation (ddof=0) of
    column j of ``X_train`` only: the test set stands for data not yet seen when the model is trained. This is
    what ``sklearn.preprocessing.StandardScaler().fit(X_train)`` then ``transform`` does (it leaves a constant
    column's values at 0 instead of dividing by 0; so does this).

    Parameters
    ----------
    X_train : array_like of shape (n_train, n_features)
    X_test : array_like of shape (n_test, n_features)

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features)
    X_test_scaled : ndarray of shape (n_test, n_features)
        New arrays; the inputs are not changed.
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std = np.where(std > 0, std, 1.0)  # a constant feature: centred, not divided by 0
    return (X_train - mean) / std, (X_test - mean) / std
