"""Checks for the exercises of notebook 02 (binary cross-entropy): ``mean_bce`` and ``best_constant_probability``.

Every expected value comes from ``logreg_core``: the loss from ``core.bce_from_logits``, the best constant
prediction from gradient descent on the intercept-only model (``core.gradient_descent``).
``reference_mean_bce`` and ``reference_best_constant_probability`` are what the notebook's later cells use while
the student's functions are still stubs.
"""

import numpy as np

import logreg_core as core
from logreg_exercises._hidden import check, without_core

__all__ = ["check_mean_bce", "check_best_constant_probability", "reference_mean_bce",
           "reference_best_constant_probability"]

_CORE_BCE = core.bce_from_logits  # the expected values of a hidden run, in which the core's loss is switched off
_LOSS_FUNCTIONS = ("bce_from_logits", "loss", "loss_from_scores")


def reference_mean_bce(z, y):
    """The mean binary cross-entropy of scores ``z`` with labels ``y`` (ndarrays of shape (n_samples,)): a float."""
    return float(np.mean(core.bce_from_logits(z, y)))


def reference_best_constant_probability(y):
    """The probability p that, predicted for every sample, has the lowest mean cross-entropy: the mean of y."""
    return float(np.mean(y))


# --------------------------------------------------------------------------------------------------------------
# Exercise 1: mean binary cross-entropy from logits
# --------------------------------------------------------------------------------------------------------------
_Z = np.array([-1.0, 0.5, 3.0, -2.0])
_Y = np.array([0.0, 1.0, 1.0, 0.0])


def _expected_mean_bce(z, y):
    return float(np.mean(_CORE_BCE(z, y)))


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


def _on_its_own(seed, n_samples):
    """A hidden case: random scores and labels of another size, with the core's loss switched off."""

    def test(mean_bce):
        rng = np.random.default_rng(seed)
        z = rng.normal(scale=20.0, size=n_samples)
        z[:2] = [-760.0, 900.0]
        y = (rng.uniform(size=n_samples) < 0.5).astype(float)
        expected = _expected_mean_bce(z, y)
        with without_core(*_LOSS_FUNCTIONS, exercise="mean_bce"):
            value = mean_bce(z, y)
        if np.ndim(value) != 0:
            return f"for {n_samples} samples it returned shape {np.shape(value)}; the loss is one number (np.mean)"
        if not np.isclose(float(value), expected, rtol=1e-9):
            return f"{n_samples} random samples should give {expected:.6f}; yours gives {float(value):.6f}"
        return None

    return test


_HIDDEN_MEAN_BCE_CASES = [
    ("other samples, with NumPy only", _on_its_own(7, 23)),
    ("more samples, with NumPy only", _on_its_own(8, 250)),
]


def check_mean_bce(mean_bce, hidden=False):
    """Check a student's ``mean_bce(z, y)``, the mean binary cross-entropy from logits, and print one line.

    Tested, in order: it returns one number; the y = 1 branch log(1 + e^(-z)); the y = 0 branch
    log(1 + e^z); the mean of four samples; exactness without warnings at z = +-800, where p = sigma(z)
    rounds to 0 or 1. Expected values are ``np.mean(logreg_core.bce_from_logits(z, y))``. Hidden: random samples
    of other sizes while the core's loss functions are switched off.

    Parameters
    ----------
    mean_bce : callable
        ``mean_bce(z, y)`` with ``z`` and ``y`` ndarrays of shape (n_samples,).
    hidden : bool, default=False
        Run the hidden cases instead, silently unless one fails.

    Returns
    -------
    passed : logreg_exercises.CheckResult (truthy when right)
    """
    cases = [
        ("one number", _one_number),
        ("the y = 1 case", _branch(1.0)),
        ("the y = 0 case", _branch(0.0)),
        ("the mean", _the_mean),
        ("saturated predictions", _saturated),
    ]
    return check("mean_bce", mean_bce, _HIDDEN_MEAN_BCE_CASES if hidden else cases, hidden)


# --------------------------------------------------------------------------------------------------------------
# Exercise 2: the best constant prediction
# --------------------------------------------------------------------------------------------------------------
_LABEL_SETS = [
    np.array([1.0, 0.0, 0.0, 1.0, 1.0]),
    np.array([0.0, 0.0, 0.0, 1.0]),
    np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0]),
]
_HIDDEN_LABEL_SETS = [
    np.array([0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    np.r_[np.ones(37), np.zeros(13)],
    (np.random.default_rng(5).uniform(size=91) < 0.3).astype(float),
]


def _best_intercept(y):
    """The intercept b minimising ``core.loss`` for the model p = sigma(b), by gradient descent."""
    ones = np.ones((len(y), 1))
    result = core.gradient_descent(ones, y, np.zeros(1), core.safe_learning_rate(ones), n_iter=500)
    return float(result.final_weights[0])


def _constant_loss(y, p):
    return core.loss(np.ones((len(y), 1)), y, [np.log(p) - np.log1p(-p)])


def _best_constant(label_sets):
    return lambda best_constant_probability: _judge_constants(best_constant_probability, label_sets)


def _judge_constants(best_constant_probability, label_sets):
    for y in label_sets:
        best = float(core.sigmoid(_best_intercept(y)))
        value = best_constant_probability(y)
        labels = y.astype(int).tolist() if len(y) <= 10 else f"{len(y)} labels, {int(y.sum())} of them 1"
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


def check_best_constant_probability(best_constant_probability, hidden=False):
    """Check a student's ``best_constant_probability(y)`` and print one line.

    The answer for labels y is the p that minimises the mean cross-entropy when every sample is predicted
    p. It is found here without the formula: gradient descent (``logreg_core``) on the model p = sigma(b),
    whose only weight is the intercept b. Tested on three unbalanced label sets, to a relative 1e-6; hidden:
    three other sets, of other sizes.

    Parameters
    ----------
    best_constant_probability : callable
        ``best_constant_probability(y)`` with ``y`` an ndarray of 0/1 labels of shape (n_samples,).
    hidden : bool, default=False
        Run the hidden cases instead, silently unless one fails.

    Returns
    -------
    passed : logreg_exercises.CheckResult (truthy when right)
    """
    cases = ([("other sets of labels", _best_constant(_HIDDEN_LABEL_SETS))] if hidden
             else [("three sets of labels", _best_constant(_LABEL_SETS))])
    return check("best_constant_probability", best_constant_probability, cases, hidden)
