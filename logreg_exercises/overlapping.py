"""Checks for the exercises of the lesson on two clusters that overlap (notebook 06).

``check_bayes_accuracy(bayes_accuracy)``  the best expected accuracy, Phi(d / (2 s))
``check_bayes_weights(bayes_weights)``    the weights of the Bayes-optimal rule when one class is more frequent

Each takes ``hidden=False``; ``hidden=True`` runs other cases (nbgrader's hidden tests), silent when they pass.
The right answers come from independent references: SciPy's normal distribution for the accuracy, and for the
weights the probability of class 1 computed directly from the two Gaussian densities and Bayes' rule,
p(1 | x) = pi1 N(x; mu1) / (pi0 N(x; mu0) + pi1 N(x; mu1)), which sigmoid(w . [1, x]) must reproduce.

``reference_bayes_accuracy`` and ``reference_bayes_weights`` answer in the student's place while an exercise is
still a stub (``logreg_exercises.yours_or``).
"""

import numpy as np
from scipy.stats import multivariate_normal, norm

import logreg_core
from logreg_exercises import diagnose
from logreg_exercises._hidden import check

__all__ = ["check_bayes_accuracy", "check_bayes_weights", "reference_bayes_accuracy", "reference_bayes_weights"]


def reference_bayes_accuracy(distance, cluster_std):
    """The best expected accuracy Phi(distance / (2 cluster_std)) for two round Gaussian clusters."""
    return float(norm.cdf(distance / (2 * cluster_std)))


def reference_bayes_weights(mean0, mean1, cluster_std, prior1):
    """[w0, w1, w2] of the Bayes-optimal rule for two round Gaussians of spread ``cluster_std``, a fraction
    ``prior1`` of the points in class 1."""
    mean0, mean1 = np.asarray(mean0, dtype=float), np.asarray(mean1, dtype=float)
    variance = cluster_std**2
    w0 = -(mean1 @ mean1 - mean0 @ mean0) / (2 * variance) + np.log(prior1 / (1 - prior1))
    return np.r_[w0, (mean1 - mean0) / variance]


# ----------------------------------------------------------------------------------------------------------------
# bayes_accuracy
# ----------------------------------------------------------------------------------------------------------------
def _accuracy_at(distance, cluster_std):
    where = f"distance = {distance}, cluster_std = {cluster_std}"
    expected = norm.cdf(distance / (2 * cluster_std))

    def test(student_bayes_accuracy):
        got = student_bayes_accuracy(distance, cluster_std)
        if not np.isscalar(got) and np.shape(got) != ():
            return f"return one number, got {got!r} ({where})"
        got = float(got)
        mistakes = [
            (1 - expected, "that is the error rate; the accuracy is 1 minus it, Phi(distance / (2 s))"),
            (norm.cdf(distance / cluster_std), "a point is misclassified once it is more than *half* the distance "
                                               "from its centre: Phi(distance / (2 s)), not Phi(distance / s)"),
            (norm.cdf(distance / (2 * cluster_std**2)), "divide by the standard deviation s, not the variance"),
            (norm.pdf(distance / (2 * cluster_std)), "that is the density (pdf); the accuracy is the CDF Phi"),
        ]
        return diagnose(got, expected, mistakes, f"expected {expected:.6f}, got {got:.6f} ({where})", rtol=0,
                        atol=1e-9, where=where)

    return test


def check_bayes_accuracy(student_bayes_accuracy, hidden=False):
    """``student_bayes_accuracy(distance, cluster_std)`` returns Phi(distance / (2 cluster_std)).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy ``CheckResult`` if right.
    """
    if hidden:
        cases = [("other clusters", _accuracy_at(1.3, 0.7)), ("other clusters", _accuracy_at(5.0, 2.5))]
    else:
        cases = [("this notebook's clusters", _accuracy_at(3.0, 1.0)), ("wider clusters", _accuracy_at(3.0, 2.0)),
                 ("clusters on top of each other", _accuracy_at(0.0, 1.0)), ("far apart", _accuracy_at(7.0, 1.0))]
    return check("bayes_accuracy", student_bayes_accuracy, cases, hidden)


# ----------------------------------------------------------------------------------------------------------------
# bayes_weights
# ----------------------------------------------------------------------------------------------------------------
def _true_posterior(X, mean0, mean1, cluster_std, prior1):
    """p(class 1 | x) from the two densities and Bayes' rule, shape (n_samples,)."""
    covariance = cluster_std**2 * np.eye(2)
    weighted1 = prior1 * multivariate_normal(mean1, covariance).pdf(X)
    weighted0 = (1 - prior1) * multivariate_normal(mean0, covariance).pdf(X)
    return weighted1 / (weighted0 + weighted1)


def _weights_at(mean0, mean1, cluster_std, prior1):
    mean0, mean1 = np.asarray(mean0, dtype=float), np.asarray(mean1, dtype=float)
    where = f"mu0 = {mean0.tolist()}, mu1 = {mean1.tolist()}, s = {cluster_std}, prior1 = {prior1}"
    # Points around both clusters, where the posterior is neither 0 nor 1 to the last digit.
    X = np.random.default_rng(5).normal((mean0 + mean1) / 2, 1.5 * cluster_std, size=(50, 2))
    X_b = logreg_core.add_intercept(X)
    expected = _true_posterior(X, mean0, mean1, cluster_std, prior1)
    shift = np.log(prior1 / (1 - prior1)) * np.eye(3)[0]  # the prior's term, on w0 only
    equal = reference_bayes_weights(mean0, mean1, cluster_std, 0.5)

    def test(student_bayes_weights):
        got = np.asarray(student_bayes_weights(mean0.copy(), mean1.copy(), cluster_std, prior1), dtype=float)
        if got.shape != (3,):
            return f"wrong shape {got.shape}; expected (3,): [w0, w1, w2], intercept first ({where})"
        mistakes = [
            (equal, "the priors are missing: add log(prior1 / prior0) to the intercept w0"),
            (equal - shift, "the prior term has the wrong sign: a more frequent class 1 (prior1 > 1/2) should "
                            "*raise* w0, by log(prior1 / prior0)"),
            (-(equal + shift), "all signs are flipped: these are the log-odds of class 0; class 1's weights point "
                               "from mu0 towards mu1"),
            (reference_bayes_weights(mean0, mean1, np.sqrt(cluster_std), prior1),
             "divide by the variance s**2, not by s"),
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


def check_bayes_weights(student_bayes_weights, hidden=False):
    """``student_bayes_weights(mean0, mean1, cluster_std, prior1)`` returns w (shape (3,)) such that
    sigmoid(w . [1, x]) is the true probability of class 1 when a fraction ``prior1`` of the points is class 1.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy ``CheckResult`` if right.
    """
    if hidden:
        cases = [("other clusters", _weights_at([-1.0, 0.5], [0.5, 2.0], 0.8, 0.3)),
                 ("other clusters", _weights_at([2.0, 2.0], [0.0, -1.0], 2.0, 0.9))]
    else:
        cases = [("equal priors", _weights_at([0.0, 3.0], [3.0, 0.0], 1.0, 0.5)),
                 ("class 1 three times as frequent", _weights_at([0.0, 3.0], [3.0, 0.0], 1.0, 0.75)),
                 ("class 1 rare, wide clusters", _weights_at([1.0, 2.0], [2.0, -1.0], 1.5, 0.1))]
    return check("bayes_weights", student_bayes_weights, cases, hidden)
