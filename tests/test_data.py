"""The data sets of the series (logreg_data): the two Gaussian clusters of notebooks 04-05 and their Bayes rule,
and the presets of notebook 09, checked against independent references (scipy's densities and normal CDF, a large
sample, the presets' own geometry)."""

import numpy as np
import pytest
from scipy.stats import multivariate_normal, norm

import logreg_core
from logreg_data import OVERLAPPING_CLUSTERS, PRESETS, SEPARABLE_CLUSTERS, WINDOW, TwoClusters, make_dataset


# ----------------------------------------------------------------------------------------------------------------
# The two-cluster data and the Bayes rule
# ----------------------------------------------------------------------------------------------------------------
def test_two_clusters_are_where_they_should_be():
    clusters = TwoClusters(distance=4.0, midpoint=(1.0, -1.0), direction=(3.0, 4.0), random_state=2)
    mu0, mu1 = clusters.centers
    np.testing.assert_allclose(np.linalg.norm(mu1 - mu0), 4.0)
    np.testing.assert_allclose((mu0 + mu1) / 2, [1.0, -1.0])
    np.testing.assert_allclose((mu1 - mu0) / 4.0, [0.6, 0.8])
    X, y = clusters.sample()
    assert X.shape == (200, 2) and np.bincount(y).tolist() == [100, 100]


@pytest.mark.parametrize("clusters", [OVERLAPPING_CLUSTERS, TwoClusters(2.0, cluster_std=1.7, midpoint=(0, 3))])
def test_bayes_weights_give_the_true_posterior(clusters):
    X, _ = clusters.sample()
    covariance = clusters.cluster_std**2 * np.eye(2)
    density0, density1 = (multivariate_normal(mu, covariance).pdf(X) for mu in clusters.centers)
    posterior = density1 / (density0 + density1)
    p = logreg_core.predict_proba(logreg_core.add_intercept(X), clusters.bayes_weights())
    np.testing.assert_allclose(p, posterior, rtol=1e-9, atol=1e-12)


def test_bayes_accuracy_matches_the_normal_cdf_and_a_large_sample():
    for clusters in [OVERLAPPING_CLUSTERS, SEPARABLE_CLUSTERS, TwoClusters(1.0, cluster_std=2.0)]:
        assert clusters.bayes_accuracy() == pytest.approx(norm.cdf(clusters.distance / (2 * clusters.cluster_std)))
    big = TwoClusters(3.0, n_samples=200_000, random_state=3)
    X, y = big.sample()
    accuracy = np.mean(logreg_core.predict(logreg_core.add_intercept(X), big.bayes_weights()) == y)
    assert accuracy == pytest.approx(big.bayes_accuracy(), abs=0.003)


# ----------------------------------------------------------------------------------------------------------------
# The presets
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", PRESETS)
def test_presets_are_balanced_seeded_and_inside_the_window(name):
    X, y = make_dataset(name, 60)
    assert X.shape == (60, 2) and y.shape == (60,)
    assert set(np.unique(y)) == {0, 1} and np.bincount(y).tolist() == [30, 30]
    (x_low, x_high), (y_low, y_high) = WINDOW
    assert np.all((x_low < X[:, 0]) & (X[:, 0] < x_high) & (y_low < X[:, 1]) & (X[:, 1] < y_high))
    X_again, y_again = make_dataset(name, 60)
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(y, y_again)
    assert not np.array_equal(X, make_dataset(name, 60, random_state=1)[0])


def test_presets_have_their_shapes():
    X, y = make_dataset("XOR", 400)
    product = X[:, 0] * X[:, 1]
    assert np.mean((product < 0) == (y == 1)) > 0.95  # class 1: opposite signs
    X, y = make_dataset("circles", 400)
    radius = np.hypot(X[:, 0], X[:, 1])
    # a disc of class 1 (radius 0.5) inside a ring of class 0 (radius 1)
    assert abs(np.median(radius[y == 1]) - 0.5) < 0.05 and abs(np.median(radius[y == 0]) - 1.0) < 0.05
    X, y = make_dataset("two blobs", 400)
    assert X[y == 0].mean(axis=0) @ [1, 1] < 0 < X[y == 1].mean(axis=0) @ [1, 1]


def test_an_unknown_preset_is_named():
    with pytest.raises(ValueError, match="'spiral'.*'two blobs'"):
        make_dataset("spiral")
