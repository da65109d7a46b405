"""Checks for the exercises of notebook 01 (the sigmoid): ``my_sigmoid`` and ``x_at_probability``.

Every expected value comes from ``logreg_core``: a student's sigmoid is compared with ``core.sigmoid``, and a
student's x is judged by what ``core.sigmoid`` gives there. ``reference_x_at_probability`` is what the notebook's
later cells use while the student's ``x_at_probability`` is still a stub.
"""

import numpy as np

import logreg_core as core
from logreg_exercises._hidden import check, without_core

__all__ = ["check_sigmoid", "check_x_at_probability", "reference_x_at_probability"]

_CORE_SIGMOID = core.sigmoid  # the expected values of a hidden run, in which core.sigmoid is switched off


# --------------------------------------------------------------------------------------------------------------
# Exercise 1: a sigmoid that never overflows
# --------------------------------------------------------------------------------------------------------------
def _sigmoid_at_zero(sigmoid):
    value = sigmoid(0.0)
    if np.ndim(value) != 0:
        return f"one number in should give one number out; σ(0.0) returned shape {np.shape(value)}"
    if value != 0.5:
        return f"σ(0) should be exactly 0.5, since e⁰ = 1; yours gives {float(value)!r}"
    return None


def _sigmoid_keeps_shape(sigmoid):
    z = np.linspace(-3.0, 3.0, 6).reshape(2, 3)
    try:
        p = sigmoid(z)
    except TypeError as error:
        return (f"it fails on an array ({error}). Use np.exp, which works element by element, "
                "not math.exp, which takes one number")
    if np.shape(p) != z.shape:
        return f"an input of shape {z.shape} should give an output of shape {z.shape}; yours has {np.shape(p)}"
    return None


def _sigmoid_is_symmetric(sigmoid):
    z = np.linspace(-20.0, 20.0, 81)
    gap = np.abs(np.asarray(sigmoid(-z), dtype=np.float64) + np.asarray(sigmoid(z), dtype=np.float64) - 1.0)
    worst = int(np.argmax(gap))
    if not gap[worst] <= 1e-12:
        return (f"σ(−z) + σ(z) should be 1, but at z = {z[worst]:g} it is off by {gap[worst]:.1g}. "
                "Are you computing in float32? Use float64 (NumPy's default)")
    return None


def _first_mismatch(sigmoid, z, rtol):
    """(z, expected, student's value) at the first z where the student's sigmoid differs from the core's by more
    than ``rtol`` relative to its size; None if they agree everywhere."""
    expected = core.sigmoid(z)
    p = np.asarray(sigmoid(z), dtype=np.float64)
    wrong = ~np.isclose(p, expected, rtol=rtol, atol=0.0)
    if not np.any(wrong):
        return None
    i = int(np.argmax(wrong))
    return z[i], expected[i], p[i]


_CANCELLATION_HINT = ("computing 1 − (a number close to 1) loses small probabilities; for z < 0 use "
                      "e^z / (1 + e^z)")


def _sigmoid_matches_core(sigmoid):
    z = np.linspace(-30.0, 30.0, 121)
    mismatch = _first_mismatch(sigmoid, z, rtol=1e-9)
    if mismatch is None:
        return None
    z_i, expected, got = mismatch
    message = f"σ({z_i:g}) should be {expected:.6g}; yours gives {got:.6g}"
    if np.allclose(sigmoid(z), core.sigmoid(-z), rtol=1e-9, atol=1e-15):
        message += ". That is σ(−z): check the sign in the exponent"
    elif abs(got - expected) < 1e-12:
        message += f". Close, but not relative to its size: {_CANCELLATION_HINT}"
    return message


def _sigmoid_tiny_probabilities(sigmoid):
    mismatch = _first_mismatch(sigmoid, np.array([-50.0, -200.0, -700.0]), rtol=1e-6)
    if mismatch is None:
        return None
    z_i, expected, got = mismatch
    return (f"σ({z_i:g}) should be {expected:.3g}; yours gives {got:.3g}. Tiny probabilities must stay accurate "
            "(no clipping, no 1 − (a number close to 1)): for z < 0 use e^z / (1 + e^z)")


def _sigmoid_no_overflow(sigmoid):
    z = np.array([-1000.0, 1000.0])
    try:
        p = np.asarray(sigmoid(z), dtype=np.float64)
    except (RuntimeWarning, FloatingPointError) as warning:
        return (f"NumPy warned '{warning}' at z = ±1000. Let np.exp only ever see numbers ≤ 0, "
                "e.g. np.exp(-np.abs(z)) (careful: np.where computes both of its branches)")
    if not np.array_equal(p, [0.0, 1.0]):
        return f"σ(−1000) and σ(1000) should be 0 and 1 (rounded); yours gives {p[0]!r} and {p[1]!r}"
    return None


_SIGMOID_CASES = [
    ("value at z = 0", _sigmoid_at_zero),
    ("shape", _sigmoid_keeps_shape),
    ("symmetry σ(−z) = 1 − σ(z)", _sigmoid_is_symmetric),
    ("values for −30 ≤ z ≤ 30", _sigmoid_matches_core),
    ("tiny probabilities", _sigmoid_tiny_probabilities),
    ("overflow at large |z|", _sigmoid_no_overflow),
]


def _sigmoid_on_its_own(seed, shape):
    """A hidden case: random scores of another shape, with core.sigmoid switched off (the exercise asks for NumPy)."""

    def test(sigmoid):
        z = np.random.default_rng(seed).normal(scale=40.0, size=shape)
        z.flat[0], z.flat[-1] = -900.0, 750.0
        expected = _CORE_SIGMOID(z)
        with without_core("sigmoid", exercise="my_sigmoid"):
            p = np.asarray(sigmoid(z), dtype=np.float64)
        if p.shape != z.shape:
            return f"an input of shape {z.shape} should give an output of shape {z.shape}; yours has {p.shape}"
        wrong = ~np.isclose(p, expected, rtol=1e-9, atol=0.0)
        if wrong.any():
            i = int(np.argmax(wrong.ravel()))
            return f"σ({z.flat[i]:.6g}) should be {expected.flat[i]:.6g}; yours gives {p.flat[i]:.6g}"
        return None

    return test


_HIDDEN_SIGMOID_CASES = [
    ("other scores, with NumPy only", _sigmoid_on_its_own(101, (3, 4, 5))),
    ("one more set of scores, with NumPy only", _sigmoid_on_its_own(202, (17,))),
]


def check_sigmoid(sigmoid, hidden=False):
    """Check a student's sigmoid against ``logreg_core.sigmoid`` and print one line.

    Tested, in order: sigma(0) = 0.5 exactly (a number in, a number out); an array keeps its shape; the
    symmetry sigma(-z) = 1 - sigma(z) to 1e-12; values for -30 <= z <= 30 to a relative 1e-9; tiny
    probabilities down to z = -700 to a relative 1e-6; no overflow warning at z = +-1000.
    Hidden: random scores of other shapes (some beyond +-700) while ``core.sigmoid`` is switched off.

    Parameters
    ----------
    sigmoid : callable
        ``sigmoid(z)`` for a float or an ndarray ``z`` of any shape.
    hidden : bool, default=False
        Run the hidden cases instead, silently unless one fails.

    Returns
    -------
    passed : logreg_exercises.CheckResult (truthy when right)
    """
    return check("my_sigmoid", sigmoid, _HIDDEN_SIGMOID_CASES if hidden else _SIGMOID_CASES, hidden)


# --------------------------------------------------------------------------------------------------------------
# Exercise 2: where does the model reach probability p?
# --------------------------------------------------------------------------------------------------------------
def reference_x_at_probability(a, b, p):
    """The x where sigma(a x + b) = p: the log-odds of p, minus b, divided by a (p a float or an ndarray)."""
    return (np.log(p) - np.log1p(-np.asarray(p, dtype=np.float64)) - b) / a


def _judge_x(a, b, p, x):
    """None if ``core.sigmoid(a * x + b)`` is ``p``, else what went wrong."""
    reached = core.sigmoid(a * float(x) + b)
    if np.isclose(reached, p, rtol=1e-9, atol=1e-12):
        return None
    message = f"with a = {a:g}, b = {b:g}, p = {p:g} your x = {float(x):.4g} gives σ(a·x + b) = {reached:.4g}"
    log_odds = np.log(p) - np.log1p(-p)
    if np.isclose(reached, 1.0 - p, rtol=1e-9):
        message += ". That is 1 − p: the log-odds are log(p / (1 − p)), not log((1 − p) / p)"
    elif np.isclose(a * float(x), log_odds, rtol=1e-9, atol=1e-12):
        message += ". It looks like b went missing: solve a·x + b = log(p / (1 − p)) for x"
    return message


def _boundary(models):
    def test(x_at_probability):
        for a, b in models:
            x = x_at_probability(a, b, 0.5)
            if np.ndim(x) != 0:
                return f"one p in should give one x out; yours returned shape {np.shape(x)}"
            problem = _judge_x(a, b, 0.5, x)
            if problem:
                return f"{problem}; the boundary is where a·x + b = 0, at x = −b / a = {-b / a:g}"
        return None

    return test


def _other_probabilities(settings):
    def test(x_at_probability):
        for a, b, p in settings:
            problem = _judge_x(a, b, p, x_at_probability(a, b, p))
            if problem:
                return problem
        return None

    return test


def _array_of_probabilities(a, b, p):
    def test(x_at_probability):
        try:
            x = x_at_probability(a, b, p)
        except TypeError as error:
            return f"it fails on an array of p ({error}). Use np.log, not math.log"
        if np.shape(x) != p.shape:
            return f"an array p of shape {p.shape} should give x of shape {p.shape}; yours has {np.shape(x)}"
        for p_i, x_i in zip(p.ravel(), np.ravel(x)):
            problem = _judge_x(a, b, p_i, x_i)
            if problem:
                return problem
        return None

    return test


_X_CASES = [
    ("the boundary, p = 0.5", _boundary([(2.0, -5.0), (-1.0, 3.0), (0.5, 1.0)])),
    ("other probabilities", _other_probabilities([(2.0, -5.0, 0.9), (-1.0, 3.0, 0.2), (0.5, 1.0, 0.99),
                                                  (3.0, 0.0, 0.01)])),
    ("an array of probabilities", _array_of_probabilities(2.0, -5.0, np.array([0.1, 0.5, 0.9]))),
]
_HIDDEN_X_CASES = [
    ("other models, p = 0.5", _boundary([(3.7, -1.3), (-0.4, -2.2)])),
    ("other models and probabilities", _other_probabilities([(1.3, 2.9, 0.73), (-2.6, -0.8, 0.004),
                                                              (0.25, -6.0, 0.9995)])),
    ("a 2-D array of probabilities", _array_of_probabilities(-1.7, 0.6, np.array([[0.05, 0.3], [0.6, 0.97]]))),
]


def check_x_at_probability(x_at_probability, hidden=False):
    """Check a student's ``x_at_probability(a, b, p)`` (the x where sigma(a x + b) = p) and print one line.

    Tested, in order: p = 0.5 gives the decision boundary -b / a; other probabilities, for positive and
    negative slopes a; an ndarray p gives an ndarray x of the same shape. An answer is right when
    ``logreg_core.sigmoid(a * x + b)`` equals p (to a relative 1e-9). Hidden: other models and probabilities, and
    a 2-D array of p.

    Parameters
    ----------
    x_at_probability : callable
        ``x_at_probability(a, b, p)`` with floats a != 0 and b, and p a float or ndarray in (0, 1).
    hidden : bool, default=False
        Run the hidden cases instead, silently unless one fails.

    Returns
    -------
    passed : logreg_exercises.CheckResult (truthy when right)
    """
    return check("x_at_probability", x_at_probability, _HIDDEN_X_CASES if hidden else _X_CASES, hidden)
