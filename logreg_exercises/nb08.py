"""Checks for the exercises of notebook 08 (more than two classes: one-vs-rest and softmax regression).

The right answers come from scikit-learn (``OneVsRestClassifier.predict_proba``, ``log_loss``), SciPy
(``softmax``, ``logsumexp``) and ``logreg_core`` (the binary model the softmax must reduce to).
"""

from functools import lru_cache

import numpy as np
from scipy.special import logsumexp, softmax
from sklearn.datasets import make_blobs
from sklearn.metrics import log_loss
from sklearn.multiclass import OneVsRestClassifier

import logreg_core
from logreg_estimator import LogisticRegressionGD
from logreg_exercises import run_check

__all__ = ["check_ovr_predict_proba", "check_binary_weights_from_softmax", "check_cross_entropy"]


# --------------------------------------------------------------------------------------------------------------
# Exercise 1: ovr_predict_proba(binary_models, X) -> probabilities of shape (n_samples, n_classes)
# --------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)  # fitted once, outside the student's check (where warnings are errors)
def _fitted_ovr():
    X, y = make_blobs(n_samples=60, centers=[[-2.0, 0.0], [0.0, 2.0], [2.0, 0.0]], cluster_std=1.2, random_state=8)
    binary = LogisticRegressionGD(learning_rate="auto", max_iter=300)
    return OneVsRestClassifier(binary).fit(X, y), X


def _check_ovr(ovr_predict_proba):
    ovr, X = _fitted_ovr()
    X = X.copy()
    expected = ovr.predict_proba(X)
    result = np.asarray(ovr_predict_proba(list(ovr.estimators_), X.copy()), dtype=np.float64)
    if result.shape != expected.shape:
        return (f"shape {result.shape}; expected {expected.shape}: one row per sample, one column per class "
                "(np.column_stack the binary models' probabilities)")
    if np.allclose(result, expected):
        return None
    raw = np.column_stack([model.predict_proba(X)[:, 1] for model in ovr.estimators_])
    if np.allclose(result, raw):
        return ("the three binary probabilities of a sample do not sum to 1 (they come from three separate models): "
                "divide each row by its sum")
    rest = np.column_stack([model.predict_proba(X)[:, 0] for model in ovr.estimators_])
    if np.allclose(result, rest / rest.sum(axis=1, keepdims=True)) or np.allclose(result, rest):
        return ("predict_proba(X)[:, 0] is the probability of 'the rest'; the probability of class k is "
                "column 1 of binary model k")
    return f"expected {np.round(expected[0], 4)} for the first sample, got {np.round(result[0], 4)}"


def check_ovr_predict_proba(ovr_predict_proba):
    """Check ``ovr_predict_proba(binary_models, X)`` against ``OneVsRestClassifier.predict_proba``."""
    _fitted_ovr()
    return run_check("ovr_predict_proba", ovr_predict_proba, [("three binary models on 60 samples", _check_ovr)])


# --------------------------------------------------------------------------------------------------------------
# Exercise 2: binary_weights_from_softmax(W) -> w with sigmoid(X_b @ w) == softmax(X_b @ W)[:, 1]
# --------------------------------------------------------------------------------------------------------------
def _check_binary_weights(binary_weights_from_softmax, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(4, 2)) * 2.0  # intercepts in row 0, three features
    X_b = logreg_core.add_intercept(rng.normal(size=(25, 3)))
    w = np.asarray(binary_weights_from_softmax(W.copy()), dtype=np.float64)
    if w.shape != (4,):
        return f"shape {w.shape}; expected (4,): one weight per row of W (intercept first), like logreg_core's w"
    expected = softmax(X_b @ W, axis=1)[:, 1]
    got = logreg_core.predict_proba(X_b, w)
    if np.allclose(got, expected, rtol=0, atol=1e-12):
        return None
    if np.allclose(got, 1.0 - expected, rtol=0, atol=1e-12):
        return ("your weights give the probability of class 0; for class 1 use the difference "
                "w_1 - w_0 (column 1 minus column 0)")
    if np.allclose(w, W[:, 1]):
        return ("softmax's probabilities depend only on the DIFFERENCE of the two classes' scores, "
                "z_1 - z_0 = X_b @ (w_1 - w_0); column 1 alone is not enough")
    return "logreg_core.predict_proba(X_b, w) should equal softmax(X_b @ W)[:, 1] for every sample"


def check_binary_weights_from_softmax(binary_weights_from_softmax):
    """Check that the returned ``w`` makes ``logreg_core.predict_proba`` agree with a two-class softmax."""
    cases = [(f"random two-class weights (seed {seed})", lambda f, seed=seed: _check_binary_weights(f, seed))
             for seed in (1, 2)]
    return run_check("binary_weights_from_softmax", binary_weights_from_softmax, cases)


# --------------------------------------------------------------------------------------------------------------
# Exercise 3: cross_entropy(Z, y) -> mean of -log softmax(Z)[i, y_i], stable for any logits
# --------------------------------------------------------------------------------------------------------------
def _reference_cross_entropy(Z, y):
    return float(np.mean(logsumexp(Z, axis=1) - Z[np.arange(len(y)), y]))


def _compare_cross_entropy(cross_entropy, Z, y, reference):
    try:
        value = cross_entropy(Z.copy(), y.copy())
    except RuntimeWarning as warning:
        return (f"NumPy warned '{warning}': with logits this large, exp overflows or log(0) appears. "
                "Use -log p_y = logsumexp(z) - z_y, with logsumexp(z) = m + log(sum(exp(z - m))), m = max(z)")
    if np.ndim(value) != 0:
        return f"return one number, the mean over the samples; got an array of shape {np.shape(value)}"
    value = float(value)
    if np.isclose(value, reference, rtol=1e-9, atol=1e-12):
        return None
    n = len(y)
    if np.isclose(value, n * reference, rtol=1e-9):
        return "you summed over the samples; take the mean (divide by n)"
    if np.isclose(value, -reference, rtol=1e-9):
        return "the sign is wrong: the loss is -log p_y, a positive number"
    return f"expected {reference:.6g}, got {value:.6g}"


def check_cross_entropy(cross_entropy):
    """Check ``cross_entropy(Z, y)`` against ``sklearn.metrics.log_loss``, SciPy's ``logsumexp`` at extreme
    logits, and ``logreg_core.bce_from_logits`` for two classes."""
    rng = np.random.default_rng(3)
    Z = rng.normal(size=(12, 3)) * 2.0
    y = rng.integers(0, 3, size=12)
    y[:3] = [0, 1, 2]  # every class present
    Z_extreme = np.array([[1000.0, -1000.0, 0.0], [0.0, 0.0, 800.0], [-900.0, -901.0, -902.0]])
    y_extreme = np.array([1, 0, 2])
    Z_two = rng.normal(size=(10, 2)) * 3.0
    y_two = rng.integers(0, 2, size=10)
    cases = [
        ("12 samples, 3 classes (compared with sklearn.metrics.log_loss)",
         lambda f: _compare_cross_entropy(f, Z, y, log_loss(y, softmax(Z, axis=1), labels=[0, 1, 2]))),
        ("logits as large as +-1000",
         lambda f: _compare_cross_entropy(f, Z_extreme, y_extreme, _reference_cross_entropy(Z_extreme, y_extreme))),
        ("two classes (must equal the binary cross-entropy of z_1 - z_0)",
         lambda f: _compare_cross_entropy(
             f, Z_two, y_two, float(np.mean(logreg_core.bce_from_logits(Z_two[:, 1] - Z_two[:, 0], y_two))))),
    ]
    return run_check("cross_entropy", cross_entropy, cases)
