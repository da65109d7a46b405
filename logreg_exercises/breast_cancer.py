"""Checks for the exercises of the breast-cancer lesson (notebook 08): scaling the features, and the screening's
recall and precision.

The right answers come from scikit-learn: ``StandardScaler`` for the scaling, ``recall_score`` and
``precision_score`` for the metrics, with a mass flagged when its probability is *above* the threshold (the
series' decision rule, p > tau, as ``logreg_core.predict``). Class 1 is malignant, the class the screening looks for.
"""

import numpy as np
from sklearn.metrics import precision_score, recall_score
from sklearn.preprocessing import StandardScaler

from logreg_exercises import run_check
from logreg_exercises._hidden import check

__all__ = ["check_standardize", "check_recall_and_precision"]


# --------------------------------------------------------------------------------------------------------------
# standardize(X_train, X_test) -> (X_train_scaled, X_test_scaled)
# --------------------------------------------------------------------------------------------------------------
def _scaling_data(seed=6, n_train=40, n_test=15, n_features=3):
    """Features on very different scales; the test part has other means and spreads than the training part, so
    that scaling it with its own statistics gives a visibly different answer."""
    rng = np.random.default_rng(seed)
    sizes = np.geomspace(0.01, 1000.0, n_features)
    X_train = rng.normal(5.0 * sizes, 2.0 * sizes, size=(n_train, n_features))
    X_test = rng.normal(7.0 * sizes, 0.8 * sizes, size=(n_test, n_features))
    return X_train, X_test


def _scale_with(X, mean, std):
    return (X - mean) / std


def _scaling_problem(X_train, X_test, scaled_train, scaled_test):
    """What is wrong with the scaled arrays, or None (the arrays have the right shapes)."""
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
        if np.allclose(scaled_train, X_train - mean):
            return "subtracting the mean is half of it: divide by each column's standard deviation too"
        return "the scaled training set should have mean 0 and standard deviation 1 in every column"
    if not np.allclose(scaled_test, scaler.transform(X_test)):
        with np.errstate(all="ignore"):  # a one-row test set has standard deviation 0
            own = _scale_with(X_test, X_test.mean(axis=0), X_test.std(axis=0))
        if np.allclose(scaled_test, own, equal_nan=True) or not np.all(np.isfinite(scaled_test)):
            return ("you scaled the test set with its own mean and standard deviation; use the TRAINING set's, "
                    "the only ones known when the model is trained")
        return "the test set should be scaled with the training set's mean and standard deviation"
    return None


def _scaling_case(X_train, X_test):
    def test(standardize):
        train_copy, test_copy = X_train.copy(), X_test.copy()
        result = standardize(train_copy, test_copy)
        if not isinstance(result, tuple) or len(result) != 2:
            return ("return two arrays, the scaled training set and the scaled test set: "
                    "`return X_train_scaled, X_test_scaled`")
        if not (np.array_equal(X_train, train_copy) and np.array_equal(X_test, test_copy)):
            return ("your function changed X_train or X_test in place; compute new arrays instead "
                    "(e.g. (X - mean) / std)")
        with np.errstate(all="ignore"):
            scaled_train, scaled_test = (np.asarray(part, dtype=np.float64) for part in result)
        if scaled_train.shape != X_train.shape or scaled_test.shape != X_test.shape:
            return (f"shapes {scaled_train.shape} and {scaled_test.shape}; expected {X_train.shape} and "
                    f"{X_test.shape} (one scaled value per original value)")
        return _scaling_problem(X_train, X_test, scaled_train, scaled_test)

    return test


def check_standardize(standardize, hidden=False):
    """Check ``standardize(X_train, X_test)`` against ``sklearn.preprocessing.StandardScaler`` fitted on X_train.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if it is right.
    ``hidden=True`` (nbgrader's hidden tests) tries other sizes and seeds, one test sample alone, and takes the
    series' own ``logreg_data.standardize`` away; it prints nothing when it passes.
    """
    if not hidden:
        return run_check("standardize", standardize,
                         [("scaling three features of different sizes", _scaling_case(*_scaling_data()))])
    cases = [
        ("seven features, 120 training samples", _scaling_case(*_scaling_data(seed=61, n_train=120, n_features=7))),
        ("a test set of one sample", _scaling_case(*_scaling_data(seed=62, n_train=25, n_test=1, n_features=4))),
    ]
    return check("standardize", standardize, cases, hidden=True, blocked=[
        ("logreg_data", "standardize", "compute the means and standard deviations yourself")])


# --------------------------------------------------------------------------------------------------------------
# recall_and_precision(y, p, threshold) -> (recall, precision)
# --------------------------------------------------------------------------------------------------------------
#: Ten masses, two of them with a probability exactly at the threshold 0.5. Chosen so that the right answer and the
#: typical mistakes (swapped outputs, >= instead of >, benign taken as positive) all differ at 0.5.
_SMALL_Y = np.array([1, 0, 0, 1, 1, 0, 0, 1, 1, 1])
_SMALL_P = np.array([0.8, 0.2, 0.1, 0.8, 0.1, 0.6, 0.1, 0.3, 0.5, 0.5])


def _metrics(y, flagged):
    """(recall, precision) by scikit-learn; precision 0 when nothing is flagged (no warning)."""
    flagged = flagged.astype(int)
    return recall_score(y, flagged, zero_division=0.0), precision_score(y, flagged, zero_division=0.0)


def _recall_precision_case(y, p, threshold):
    # computed now: scikit-learn's metrics may be taken away while the student's function runs
    expected = _metrics(y, p > threshold)
    at_least = _metrics(y, p >= threshold)
    benign = _metrics(1 - y, p <= threshold)

    def test(recall_and_precision):
        result = recall_and_precision(y.copy(), p.copy(), threshold)
        if not isinstance(result, tuple) or len(result) != 2:
            return "return two numbers: `return recall, precision`"
        got = tuple(float(value) for value in result)
        if np.allclose(got, expected):
            return None
        if np.allclose(got[::-1], expected):
            return "you returned (precision, recall); the order asked for is (recall, precision)"
        if np.allclose(got, at_least):
            return (f"a mass whose probability equals the threshold ({threshold}) is not flagged: the rule is "
                    "p > threshold (with 0.5: z > 0), as logreg_core.predict; use >, not >=")
        if np.allclose(got, benign):
            return "you computed them for the benign class; in this screening the positive class is malignant, y = 1"
        return (f"at threshold {threshold} expected recall {expected[0]:.3f} and precision {expected[1]:.3f}, "
                f"got {got[0]:.3f} and {got[1]:.3f}. Recall = TP / (TP + FN), precision = TP / (TP + FP)")

    return test


def _random_screening(seed=8, n=60):
    """Masses with probabilities rounded to two decimals (so some equal a threshold), malignant ones higher."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.4).astype(int)
    p = np.clip(0.35 * y + 0.65 * rng.random(n), 0.0, 1.0).round(2)
    return y, p


def check_recall_and_precision(recall_and_precision, hidden=False):
    """Check ``recall_and_precision(y, p, threshold)`` against scikit-learn's metrics, a mass being flagged when
    ``p > threshold``.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if it is right.
    ``hidden=True`` (nbgrader's hidden tests) tries other masses and thresholds, with scikit-learn's metrics taken
    away (the exercise asks for the counting); it prints nothing when it passes.
    """
    if not hidden:
        y, p = _random_screening()
        cases = [("ten masses at threshold 0.5", _recall_precision_case(_SMALL_Y, _SMALL_P, 0.5)),
                 ("ten masses at threshold 0.25", _recall_precision_case(_SMALL_Y, _SMALL_P, 0.25))]
        cases += [(f"60 masses at threshold {t}", _recall_precision_case(y, p, t)) for t in (0.0, 0.3, 0.5, 0.8)]
        return run_check("recall_and_precision", recall_and_precision, cases)
    y, p = _random_screening(seed=80, n=200)
    cases = [(f"200 masses at threshold {t}", _recall_precision_case(y, p, t)) for t in (0.05, 0.42, 0.61, 0.9)]
    advice = "count TP, FP and FN yourself with NumPy"
    blocked = [("sklearn.metrics", name, advice) for name in
               ("recall_score", "precision_score", "confusion_matrix", "precision_recall_fscore_support")]
    blocked.append(("logreg_viz.threshold", "threshold_metrics", advice))
    return check("recall_and_precision", recall_and_precision, cases, hidden=True, blocked=blocked)
