"""Checks for the exercises of notebook 11 (more than two classes: one-vs-rest and softmax regression).

``check_ovr_predict_proba(ovr_predict_proba)``                     2 points: one-vs-rest's normalised probabilities
``check_binary_weights_from_softmax(binary_weights_from_softmax)`` 1 point: two-class softmax as one weight vector
``check_cross_entropy(cross_entropy)``                             2 points: the mean cross-entropy from scores

Each check takes ``hidden=False``; ``hidden=True`` (the autograder's hidden tests) runs other cases (other seeds,
sizes and numbers of classes) and prints nothing when they pass. The right answers come from scikit-learn
(``OneVsRestClassifier.predict_proba``, ``log_loss``), SciPy (``softmax``, ``logsumexp``) and ``logreg_core`` (the
binary model a two-class softmax must reduce to).

``reference_ovr_predict_proba``, ``reference_binary_weights_from_softmax`` and ``reference_cross_entropy`` are what
the notebook's later cells use while an exercise is still a stub (``logreg_exercises.yours_or``).
"""

from functools import lru_cache

import numpy as np
from scipy.special import logsumexp, softmax
from sklearn.datasets import make_blobs
from sklearn.metrics import log_loss
from sklearn.multiclass import OneVsRestClassifier

import logreg_core
from logreg_estimator import LogisticRegressionGD
from logreg_exercises import diagnose
from logreg_exercises._hidden import check

__all__ = ["check_ovr_predict_proba", "check_binary_weights_from_softmax", "check_cross_entropy",
           "reference_ovr_predict_proba", "reference_binary_weights_from_softmax", "reference_cross_entropy"]


# --------------------------------------------------------------------------------------------------------------
# ovr_predict_proba(binary_models, X) -> probabilities of shape (n_samples, n_classes)
# --------------------------------------------------------------------------------------------------------------
def reference_ovr_predict_proba(binary_models, X):
    """Column 1 of each binary model's ``predict_proba``, side by side, each row divided by its sum."""
    probabilities = np.column_stack([model.predict_proba(X)[:, 1] for model in binary_models])
    return probabilities / probabilities.sum(axis=1, keepdims=True)


@lru_cache(maxsize=None)  # fitted once, outside the student's check (where warnings are errors)
def _fitted_ovr(n_classes, seed):
    centers = [[2.0 * np.cos(a), 2.0 * np.sin(a)] for a in np.linspace(0, 2 * np.pi, n_classes, endpoint=False)]
    X, y = make_blobs(n_samples=20 * n_classes, centers=centers, cluster_std=1.2, random_state=seed)
    binary = LogisticRegressionGD(learning_rate="auto", max_iter=300)
    return OneVsRestClassifier(binary).fit(X, y), X


def _ovr_case(n_classes, seed):
    def test(ovr_predict_proba):
        ovr, X = _fitted_ovr(n_classes, seed)
        expected = ovr.predict_proba(X)
        result = np.asarray(ovr_predict_proba(list(ovr.estimators_), X.copy()), dtype=np.float64)
        if result.shape == expected.shape[::-1]:
            return (f"shape {result.shape}; expected {expected.shape}: one row per sample, one column per class "
                    "(np.column_stack the binary models' probabilities)")
        raw = np.column_stack([model.predict_proba(X)[:, 1] for model in ovr.estimators_])
        rest = np.column_stack([model.predict_proba(X)[:, 0] for model in ovr.estimators_])
        mistakes = [
            (raw, "the binary probabilities of a sample do not sum to 1 (they come from separate models): divide "
                  "each row by its sum"),
            (rest / rest.sum(axis=1, keepdims=True), "predict_proba(X)[:, 0] is the probability of 'the rest'; the "
                                                     "probability of class k is column 1 of binary model k"),
            (rest, "predict_proba(X)[:, 0] is the probability of 'the rest'; the probability of class k is column 1 "
                   "of binary model k, and each row must then be divided by its sum"),
            (raw / raw.sum(), "divide each row by its own sum (axis=1, keepdims=True), not by the sum of everything"),
        ]
        return diagnose(result, expected, mistakes,
                        f"expected {np.round(expected[0], 4)} for the first sample, got {np.round(result[0], 4)}",
                        shape_hint="one row per sample, one column per class")

    return test


def check_ovr_predict_proba(ovr_predict_proba, hidden=False):
    """Check ``ovr_predict_proba(binary_models, X)`` against ``OneVsRestClassifier.predict_proba``."""
    settings = [(4, 3), (5, 11)] if hidden else [(3, 8)]
    for n_classes, seed in settings:
        _fitted_ovr(n_classes, seed)
    cases = [(f"{n_classes} binary models on {20 * n_classes} samples", _ovr_case(n_classes, seed))
             for n_classes, seed in settings]
    return check("ovr_predict_proba", ovr_predict_proba, cases, hidden, needs_return=True)


# --------------------------------------------------------------------------------------------------------------
# binary_weights_from_softmax(W) -> w with sigmoid(X_b @ w) == softmax(X_b @ W)[:, 1]
# --------------------------------------------------------------------------------------------------------------
def reference_binary_weights_from_softmax(W):
    """Column 1 minus column 0: only the difference of the two classes' scores matters."""
    W = np.asarray(W, dtype=np.float64)
    return W[:, 1] - W[:, 0]


def _binary_weights_case(seed, n_features):
    def test(binary_weights_from_softmax):
        rng = np.random.default_rng(seed)
        W = rng.normal(size=(n_features + 1, 2)) * 2.0  # intercepts in row 0
        X_b = logreg_core.add_intercept(rng.normal(size=(25, n_features)))
        w = np.asarray(binary_weights_from_softmax(W.copy()), dtype=np.float64)
        if w.shape != (n_features + 1,):
            return (f"shape {w.shape}; expected ({n_features + 1},): one weight per row of W (intercept first), like "
                    "logreg_core's w")
        expected = softmax(X_b @ W, axis=1)[:, 1]
        got = logreg_core.predict_proba(X_b, w)
        mistakes = [
            (1.0 - expected, "your weights give the probability of class 0; for class 1 use the difference "
                             "w_1 - w_0 (column 1 minus column 0)"),
            (logreg_core.predict_proba(X_b, W[:, 1]), "softmax's probabilities depend only on the DIFFERENCE of the "
                                                      "two scores, z_1 - z_0 = X_b @ (w_1 - w_0); column 1 alone "
                                                      "is not enough"),
        ]
        return diagnose(got, expected, mistakes,
                        "logreg_core.predict_proba(X_b, w) should equal softmax(X_b @ W)[:, 1] for every sample",
                        rtol=0, atol=1e-12)

    return test


def check_binary_weights_from_softmax(binary_weights_from_softmax, hidden=False):
    """Check that the returned ``w`` makes ``logreg_core.predict_proba`` agree with a two-class softmax."""
    settings = [(3, 1), (4, 5), (5, 0)] if hidden else [(1, 3), (2, 3)]
    cases = [(f"random two-class weights, {k} feature{'s' * (k != 1)} (seed {seed})", _binary_weights_case(seed, k))
             for seed, k in settings]
    return check("binary_weights_from_softmax", binary_weights_from_softmax, cases, hidden, needs_return=True)


# --------------------------------------------------------------------------------------------------------------
# cross_entropy(Z, y) -> mean of -log softmax(Z)[i, y_i], stable for any scores
# --------------------------------------------------------------------------------------------------------------
def reference_cross_entropy(Z, y):
    """The mean over samples of logsumexp(z_i) - z_{i, y_i}."""
    Z, y = np.asarray(Z, dtype=np.float64), np.asarray(y)
    return float(np.mean(logsumexp(Z, axis=1) - Z[np.arange(len(y)), y]))


def _cross_entropy_case(Z, y, reference):
    def test(cross_entropy):
        try:
            value = cross_entropy(Z.copy(), y.copy())
        except RuntimeWarning as warning:
            return (f"NumPy warned '{warning}': with scores this large, exp overflows or log(0) appears. "
                    "Use -log p_y = logsumexp(z) - z_y, with logsumexp(z) = m + log(sum(exp(z - m))), m = max(z)")
        if np.ndim(value) != 0:
            return f"return one number, the mean over the samples; got an array of shape {np.shape(value)}"
        value = float(value)
        if not np.isfinite(value):
            return (f"got {value}: exp overflowed or log(0) appeared. Use -log p_y = logsumexp(z) - z_y, with "
                    "logsumexp(z) = m + log(sum(exp(z - m))), m = max(z)")
        mistakes = [(len(y) * reference, "you summed over the samples; take the mean (divide by n)"),
                    (-reference, "the sign is wrong: the loss is -log p_y, a positive number")]
        return diagnose(value, reference, mistakes, f"expected {reference:.6g}, got {value:.6g}", rtol=1e-9,
                        atol=1e-12)

    return test


def _random_scores(seed, n, n_classes, scale):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, n_classes)) * scale
    y = rng.integers(0, n_classes, size=n)
    y[:n_classes] = np.arange(n_classes)  # every class present
    return Z, y


def check_cross_entropy(cross_entropy, hidden=False):
    """Check ``cross_entropy(Z, y)`` against ``sklearn.metrics.log_loss``, SciPy's ``logsumexp`` at extreme
    scores, and ``logreg_core.bce_from_logits`` for two classes."""
    if hidden:
        Z, y = _random_scores(17, 40, 5, 3.0)
        Z_extreme = np.array([[-2000.0, 0.0, 1500.0, 3.0], [750.0, 749.0, -750.0, 0.0]])
        y_extreme = np.array([0, 1])
        Z_two, y_two = _random_scores(23, 15, 2, 6.0)
    else:
        Z, y = _random_scores(3, 12, 3, 2.0)
        Z_extreme = np.array([[1000.0, -1000.0, 0.0], [0.0, 0.0, 800.0], [-900.0, -901.0, -902.0]])
        y_extreme = np.array([1, 0, 2])
        Z_two, y_two = _random_scores(4, 10, 2, 3.0)
    n_classes = Z.shape[1]
    cases = [
        (f"{len(y)} samples, {n_classes} classes (compared with sklearn.metrics.log_loss)",
         _cross_entropy_case(Z, y, log_loss(y, softmax(Z, axis=1), labels=list(range(n_classes))))),
        ("scores as large as ±1000", _cross_entropy_case(Z_extreme, y_extreme,
                                                          reference_cross_entropy(Z_extreme, y_extreme))),
        ("two classes (must equal the binary cross-entropy of z_1 - z_0)", _cross_entropy_case(
            Z_two, y_two, float(np.mean(logreg_core.bce_from_logits(Z_two[:, 1] - Z_two[:, 0], y_two))))),
    ]
    return check("cross_entropy", cross_entropy, cases, hidden, needs_return=True)
