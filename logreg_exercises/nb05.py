"""Checks for the exercises of notebook 05 (two clusters that overlap).

``check_bayes_accuracy(my_bayes_accuracy)``       Exercise 1: the best expected accuracy, Phi(d / (2 sigma))
``check_bayes_weights(my_bayes_weights)``         Exercise 2: the Bayes-optimal weights when the classes are
                                                  not equally frequent

The right answers come from independent references: SciPy's normal distribution for Exercise 1, and for
Exercise 2 the probability of class 1 computed directly from the two Gaussian densities and Bayes' rule,
p(1 | x) = pi1 N(x; mu1) / (pi0 N(x; mu0) + pi1 N(x; mu1)), which sigmoid(w . [1, x]) must reproduce.
"""

import numpy as np
from scipy.stats import multivariate_normal, norm

import logreg_core
from logreg_exercises import diagnose, run_check

__all__ = ["check_bayes_accuracy", "check_bayes_weights"]


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: the best expected accuracy
# ----------------------------------------------------------------------------------------------------------------
def _check_accuracy_at(distance, cluster_std):
    where = f"distance = {distance}, cluster_std = {cluster_std}"

    def test(student_bayes_accuracy):
        got = student_bayes_accuracy(distance, cluster_std)
        expected = norm.cdf(distance / (2 * cluster_std))
        if not np.isscalar(got) and np.shape(got) != ():
            return f"return one number, got {got!r} ({where})"
        got = float(got)
        mistakes = [
            (1 - expected, "that is the error rate; the accuracy is 1 minus it, Phi(distance / (2 sigma))"),
            (norm.cdf(distance / cluster_std), "a point is misclassified once it is more than *half* the distance "
                                               "from its centre: Phi(distance / (2 sigma)), not Phi(distance / sigma)"),
            (norm.cdf(distance / (2 * cluster_std**2)), "divide by the standard deviation sigma, not the variance"),
            (norm.pdf(distance / (2 * cluster_std)), "that is the density (pdf); the accuracy is the CDF Phi"),
        ]
        return diagnose(got, expected, mistakes, f"expected {expected:.6f}, got {got:.6f} ({where})", rtol=0,
                        atol=1e-9, where=where)

    return test


def check_bayes_accuracy(student_bayes_accuracy):
    """Exercise 1: ``student_bayes_accuracy(distance, cluster_std)`` returns Phi(distance / (2 cluster_std)).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        ("notebook 05's clusters", _check_accuracy_at(3.0, 1.0)),
        ("wider clusters", _check_accuracy_at(3.0, 2.0)),
        ("clusters on top of each other", _check_accuracy_at(0.0, 1.0)),
        ("far apart", _check_accuracy_at(7.0, 1.0)),
    ]
    return run_check("Exercise 1, the best expected accuracy", student_bayes_accuracy, cases)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: the Bayes-optimal weights with unequal priors
# ----------------------------------------------------------------------------------------------------------------
def _true_posterior(X, mean0, mean1, cluster_std, prior1):
    """p(class 1 | x) from the two densities and Bayes' rule, shape (n_samples,)."""
    covariance = cluster_std**2 * np.eye(2)
    weighted1 = prior1 * multivariate_normal(mean1, covariance).pdf(X)
    weighted0 = (1 - prior1) * multivariate_normal(mean0, covariance).pdf(X)
    return weighted1 / (weighted0 + weighted1)


def _equal_prior_weights(mean0, mean1, cluster_std):
    variance = cluster_std**2
    return np.r_[-(mean1 @ mean1 - mean0 @ mean0) / (2 * variance), (mean1 - mean0) / variance]


def _check_weights_at(mean0, mean1, cluster_std, prior1):
    mean0, mean1 = np.asarray(mean0, dtype=float), np.asarray(mean1, dtype=float)
    where = f"mu0 = {mean0.tolist()}, mu1 = {mean1.tolist()}, sigma = {cluster_std}, prior1 = {prior1}"
    # Points around both clusters, where the posterior is neither 0 nor 1 to the last digit.
    X = np.random.default_rng(5).normal((mean0 + mean1) / 2, 1.5 * cluster_std, size=(50, 2))
    X_b = logreg_core.add_intercept(X)
    expected = _true_posterior(X, mean0, mean1, cluster_std, prior1)

    def test(student_bayes_weights):
        got = np.asarray(student_bayes_weights(mean0.copy(), mean1.copy(), cluster_std, prior1), dtype=float)
        if got.shape != (3,):
            return f"wrong shape {got.shape}; expected (3,): [w0, w1, w2], intercept first ({where})"
        log_prior_odds = np.log(prior1 / (1 - prior1))
        equal = _equal_prior_weights(mean0, mean1, cluster_std)
        mistakes = [
            (equal, "the priors are missing: add log(prior1 / prior0) to the intercept w0"),
            (equal - log_prior_odds * np.eye(3)[0], "the prior term has the wrong sign: a more frequent class 1 "
                                                    "(prior1 > 1/2) should *raise* w0, by log(prior1 / prior0)"),
            (-(equal + log_prior_odds * np.eye(3)[0]), "all signs are flipped: these are the log-odds of class 0; "
                                                       "class 1's weights point from mu0 towards mu1"),
            (_equal_prior_weights(mean0, mean1, np.sqrt(cluster_std)) + log_prior_odds * np.eye(3)[0],
             "divide by the variance sigma**2, not by sigma"),
            (equal + np.log(prior1) * np.eye(3)[0], "the prior term is log(prior1 / prior0), the log of a ratio "
                                                    "(prior0 = 1 - prior1), not log(prior1)"),
        ]
        p = logreg_core.sigmoid(X_b @ got)
        worst = int(np.argmax(np.abs(p - expected)))
        return diagnose(got, None, mistakes,
                        f"sigmoid(w . [1, x]) is not the probability of class 1 ({where}): at x = {X[worst].round(2)} "
                        f"it gives {p[worst]:.4f}, Bayes' rule gives {expected[worst]:.4f}",
                        close=lambda _: np.allclose(p, expected, rtol=1e-7, atol=1e-10), where=where)

    return test


def check_bayes_weights(student_bayes_weights):
    """Exercise 2: ``student_bayes_weights(mean0, mean1, cluster_std, prior1)`` returns w (shape (3,)) such that
    sigmoid(w . [1, x]) is the true probability of class 1 when a fraction ``prior1`` of the points is class 1.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        ("equal priors", _check_weights_at([0.0, 3.0], [3.0, 0.0], 1.0, 0.5)),
        ("class 1 three times as frequent", _check_weights_at([0.0, 3.0], [3.0, 0.0], 1.0, 0.75)),
        ("class 1 rare, wide clusters", _check_weights_at([1.0, 2.0], [2.0, -1.0], 1.5, 0.1)),
    ]
    return run_check("Exercise 2, the Bayes-optimal weights", student_bayes_weights, cases)
