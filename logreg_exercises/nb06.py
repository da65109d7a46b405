"""Checks for the exercises of notebook 06 (real data: scaling the features, choosing the threshold).

The right answers come from scikit-learn: ``StandardScaler`` for the scaling, ``recall_score`` and
``precision_score`` for the screening metrics.
"""

import numpy as np
from sklearn.metrics import precision_score, recall_score
from sklearn.preprocessing import StandardScaler

from logreg_exercises import run_check

__all__ = ["check_standardize", "check_recall_and_precision"]


# --------------------------------------------------------------------------------------------------------------
# Exercise 1: standardize(X_train, X_test) -> (X_train_scaled, X_test_scaled)
# --------------------------------------------------------------------------------------------------------------
def _scaling_data():
    """Three features on very different scales; the test part has other means and spreads than the training
    part, so that scaling it with its own statistics gives a visibly different answer."""
    rng = np.random.default_rng(6)
    X_train = rng.normal([5.0, 1000.0, 0.01], [2.0, 300.0, 0.005], size=(40, 3))
    X_test = rng.normal([7.0, 800.0, 0.02], [1.0, 100.0, 0.002], size=(15, 3))
    return X_train, X_test


def _scale_with(X, mean, std):
    return (X - mean) / std


def _check_scaling_output(standardize):
    X_train, X_test = _scaling_data()
    train_copy, test_copy = X_train.copy(), X_test.copy()
    result = standardize(X_train, X_test)
    if not isinstance(result, tuple) or len(result) != 2:
        return ("return two arrays, the scaled training set and the scaled test set: "
                "`return X_train_scaled, X_test_scaled`")
    if not (np.array_equal(X_train, train_copy) and np.array_equal(X_test, test_copy)):
        return "your function changed X_train or X_test in place; compute new arrays instead (e.g. (X - mean) / std)"
    scaled_train, scaled_test = (np.asarray(part, dtype=np.float64) for part in result)
    if scaled_train.shape != X_train.shape or scaled_test.shape != X_test.shape:
        return (f"shapes {scaled_train.shape} and {scaled_test.shape}; expected {X_train.shape} and {X_test.shape} "
                "(one scaled value per original value)")

    scaler = StandardScaler().fit(X_train)
    if not np.allclose(scaled_train, scaler.transform(X_train)):
        mean = X_train.mean(axis=0)
        if np.allclose(scaled_train, _scale_with(X_train, mean, X_train.std(axis=0, ddof=1))):
            return ("divide by the standard deviation with ddof=0 (np.std's default, and StandardScaler's), "
                    "not ddof=1")
        if np.allclose(scaled_train, _scale_with(X_train, X_train.mean(), X_train.std())):
            return ("you used one mean and one standard deviation for the whole array; each feature (column) "
                    "needs its own: X_train.mean(axis=0), X_train.std(axis=0)")
        both = np.vstack([X_train, X_test])
        if np.allclose(scaled_train, _scale_with(X_train, both.mean(axis=0), both.std(axis=0))):
            return ("you computed the mean and standard deviation on training AND test data; use the training "
                    "data only, the test set stands for data the model has not seen")
        return "the scaled training set should have mean 0 and standard deviation 1 in every column"
    if not np.allclose(scaled_test, scaler.transform(X_test)):
        if np.allclose(scaled_test, StandardScaler().fit_transform(X_test)):
            return ("you scaled the test set with its own mean and standard deviation; use the TRAINING set's, "
                    "the only ones known when the model is trained (this is what a Pipeline does)")
        return "the test set should be scaled with the training set's mean and standard deviation"
    return None


def check_standardize(standardize):
    """Check ``standardize(X_train, X_test)`` against ``sklearn.preprocessing.StandardScaler``."""
    return run_check("standardize", standardize, [("scaling three features of different sizes", _check_scaling_output)])


# --------------------------------------------------------------------------------------------------------------
# Exercise 2: recall_and_precision(is_malignant, p_malignant, threshold) -> (recall, precision)
# --------------------------------------------------------------------------------------------------------------
#: Ten samples, two of them with a probability exactly at the threshold 0.5. Chosen so that the right answer
#: and the typical mistakes (swapped outputs, > instead of >=, benign taken as positive) all differ at 0.5.
_SMALL_TRUTH = np.array([0, 1, 1, 0, 0, 1, 1, 0, 1, 1])
_SMALL_SCORES = np.array([0.8, 0.2, 0.1, 0.8, 0.1, 0.6, 0.1, 0.3, 0.5, 0.5])


def _expected_recall_precision(is_malignant, p_malignant, threshold):
    flagged = (p_malignant >= threshold).astype(int)
    return recall_score(is_malignant, flagged), precision_score(is_malignant, flagged)


def _compare_recall_precision(function, is_malignant, p_malignant, threshold):
    result = function(is_malignant.copy(), p_malignant.copy(), threshold)
    if not isinstance(result, tuple) or len(result) != 2:
        return "return two numbers: `return recall, precision`"
    recall, precision = (float(value) for value in result)
    expected = _expected_recall_precision(is_malignant, p_malignant, threshold)
    if np.allclose((recall, precision), expected):
        return None
    if np.allclose((precision, recall), expected):
        return "you returned (precision, recall); the order asked for is (recall, precision)"
    strict = (p_malignant > threshold).astype(int)
    if np.allclose((recall, precision), (recall_score(is_malignant, strict), precision_score(is_malignant, strict))):
        return (f"a sample whose probability equals the threshold ({threshold}) must be flagged: use >=, "
                "the rule of logreg_core.predict")
    benign_flagged = (p_malignant < threshold).astype(int)
    if np.allclose((recall, precision), (recall_score(1 - is_malignant, benign_flagged),
                                         precision_score(1 - is_malignant, benign_flagged))):
        return "you computed them for the benign class; in this screening the positive class is malignant"
    return (f"at threshold {threshold} expected recall {expected[0]:.3f} and precision {expected[1]:.3f}, "
            f"got {recall:.3f} and {precision:.3f}. Recall = TP / (TP + FN), precision = TP / (TP + FP)")


def _random_screening(seed=8, n=60):
    rng = np.random.default_rng(seed)
    is_malignant = (rng.random(n) < 0.4).astype(int)
    p_malignant = np.clip(0.35 * is_malignant + 0.65 * rng.random(n), 0.0, 1.0).round(2)
    return is_malignant, p_malignant


def check_recall_and_precision(recall_and_precision):
    """Check ``recall_and_precision(is_malignant, p_malignant, threshold)`` against scikit-learn's metrics."""
    is_malignant, p_malignant = _random_screening()
    cases = [
        ("ten samples at threshold 0.5",
         lambda f: _compare_recall_precision(f, _SMALL_TRUTH, _SMALL_SCORES, 0.5)),
        ("ten samples at threshold 0.25",
         lambda f: _compare_recall_precision(f, _SMALL_TRUTH, _SMALL_SCORES, 0.25)),
    ] + [
        (f"60 samples at threshold {threshold}",
         lambda f, threshold=threshold: _compare_recall_precision(f, is_malignant, p_malignant, threshold))
        for threshold in (0.0, 0.3, 0.5, 0.8)
    ]
    return run_check("recall_and_precision", recall_and_precision, cases)
