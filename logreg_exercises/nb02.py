"""Checks for the exercises of notebook 02 (binary cross-entropy).

Every expected value comes from ``logreg_core``: the loss from ``core.bce_from_logits``, the best constant
prediction from gradient descent on the intercept-only model (``core.gradient_descent``).
"""

import numpy as np

import logreg_core as core
from logreg_exercises import run_check

__all__ = ["check_mean_bce", "check_best_constant_probability"]


# --------------------------------------------------------------------------------------------------------------
# Exercise 1: mean binary cross-entropy from logits
# --------------------------------------------------------------------------------------------------------------
_Z = np.array([-1.0, 0.5, 3.0, -2.0])
_Y = np.array([0.0, 1.0, 1.0, 0.0])


def _expected_mean_bce(z, y):
    return float(np.mean(core.bce_from_logits(z, y)))


def _one_number(mean_bce):
    value = mean_bce(_Z, _Y)
    if np.ndim(value) != 0:
        return (f"for 4 samples it returned shape {np.shape(value)}; the loss is the mean over the samples, "
                "one number (np.mean)")
    return None


def _branch(label):
    def test(mean_bce):
        z, y = np.array([2.0]), np.array([label])
        expected, other = _expected_mean_bce(z, y), _expected_mean_bce(z, 1.0 - y)
        value = float(mean_bce(z, y))
        if np.isclose(value, expected, rtol=1e-9):
            return None
        message = f"one sample with z = 2, y = {label:g} should give {expected:.6f}; yours gives {value:.6f}"
        if np.isclose(value, other, rtol=1e-9):
            message += ". That is the loss of the other label: are the two cases swapped?"
        return message

    return test


def _the_mean(mean_bce):
    expected = _expected_mean_bce(_Z, _Y)
    value = float(mean_bce(_Z, _Y))
    if np.isclose(value, expected, rtol=1e-9):
        return None
    message = f"z = {_Z.tolist()}, y = {_Y.tolist()} should give {expected:.6f}; yours gives {value:.6f}"
    if np.isclose(value, expected * len(_Z), rtol=1e-9):
        message += ". That is the sum: divide by the number of samples"
    return message


def _saturated(mean_bce):
    z, y = np.array([800.0, -800.0, 800.0, -800.0]), np.array([0.0, 1.0, 1.0, 0.0])
    expected = _expected_mean_bce(z, y)
    try:
        value = float(mean_bce(z, y))
    except (RuntimeWarning, FloatingPointError) as warning:
        return (f"NumPy warned '{warning}' at z = ±800. Don't take log of p = σ(z), which rounds to 0 or 1 "
                "there: log(1 + e^t) is np.logaddexp(0, t), exact for every t")
    if not np.isclose(value, expected, rtol=1e-12):
        return (f"z = ±800 (two confident mistakes, two confident hits) should give {expected:g}; yours gives "
                f"{value!r}. Compute from z with np.logaddexp(0, t), not from p")
    return None


def check_mean_bce(mean_bce):
    """Check a student's ``mean_bce(z, y)``, the mean binary cross-entropy from logits, and print one line.

    Tested, in order: it returns one number; the y = 1 branch log(1 + e^(-z)); the y = 0 branch
    log(1 + e^z); the mean of four samples; exactness without warnings at z = +-800, where p = sigma(z)
    rounds to 0 or 1. Expected values are ``np.mean(logreg_core.bce_from_logits(z, y))``.

    Parameters
    ----------
    mean_bce : callable
        ``mean_bce(z, y)`` with ``z`` and ``y`` ndarrays of shape (n_samples,).

    Returns
    -------
    passed : bool
    """
    cases = [
        ("one number", _one_number),
        ("the y = 1 case", _branch(1.0)),
        ("the y = 0 case", _branch(0.0)),
        ("the mean", _the_mean),
        ("saturated predictions", _saturated),
    ]
    return run_check("mean_bce", mean_bce, cases)


# --------------------------------------------------------------------------------------------------------------
# Exercise 2: the best constant prediction
# --------------------------------------------------------------------------------------------------------------
_LABEL_SETS = [
    np.array([1.0, 0.0, 0.0, 1.0, 1.0]),
    np.array([0.0, 0.0, 0.0, 1.0]),
    np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0]),
]


def _best_intercept(y):
    """The intercept b minimising ``core.loss`` for the model p = sigma(b), by gradient descent."""
    ones = np.ones((len(y), 1))
    result = core.gradient_descent(ones, y, np.zeros(1), core.safe_learning_rate(ones), n_iter=500)
    return float(result.final_weights[0])


def _constant_loss(y, p):
    return core.loss(np.ones((len(y), 1)), y, [np.log(p) - np.log1p(-p)])


def _best_constant(best_constant_probability):
    for y in _LABEL_SETS:
        best = float(core.sigmoid(_best_intercept(y)))
        value = best_constant_probability(y)
        labels = y.astype(int).tolist()
        if np.ndim(value) != 0:
            return f"it should return one probability; for y = {labels} it returned shape {np.shape(value)}"
        value = float(value)
        if np.isclose(value, best, rtol=1e-6):
            continue
        message = f"for y = {labels} the best constant is p = {best:.4f} (loss {_constant_loss(y, best):.4f})"
        if not 0.0 < value < 1.0:
            return f"{message}; yours, {value:g}, is not a probability strictly between 0 and 1"
        message += f"; yours, p = {value:.4f}, has loss {_constant_loss(y, value):.4f}"
        if np.isclose(value, 1.0 - best, rtol=1e-6):
            message += ". That is the best probability of class 0, not class 1"
        return message
    return None


def check_best_constant_probability(best_constant_probability):
    """Check a student's ``best_constant_probability(y)`` and print one line.

    The answer for labels y is the p that minimises the mean cross-entropy when every sample is predicted
    p. It is found here without the formula: gradient descent (``logreg_core``) on the model p = sigma(b),
    whose only weight is the intercept b. Tested on three unbalanced label sets, to a relative 1e-6.

    Parameters
    ----------
    best_constant_probability : callable
        ``best_constant_probability(y)`` with ``y`` an ndarray of 0/1 labels of shape (n_samples,).

    Returns
    -------
    passed : bool
    """
    cases = [("three sets of labels", _best_constant)]
    return run_check("best_constant_probability", best_constant_probability, cases)
