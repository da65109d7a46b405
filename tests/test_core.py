"""Tests of the math in ``logreg_core`` (sigmoid, loss, gradient, safe step, bad input): each result is checked
against an independent reference.

The references are closed forms, SciPy's ``expit``/``log_expit``, scikit-learn's ``log_loss``, central finite
differences and the Hessian, never numbers copied from an earlier run. Property-based tests (hypothesis) draw
random data, weights and L2 strengths.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.special import expit, log_expit
from sklearn.metrics import log_loss

from logreg_core import (
    add_intercept,
    bce_from_logits,
    gradient,
    gradient_descent,
    loss,
    predict,
    predict_proba,
    safe_learning_rate,
    sigmoid,
)
from problems import (
    PROPERTY,
    any_float,
    finite_float,
    moderate_float,
    no_warnings,
    problems,
    random_problem,
    standardised_breast_cancer,
)


# ------------------------------------------------------------------------------------------------------------
# sigmoid
# ------------------------------------------------------------------------------------------------------------
@PROPERTY
@given(any_float)
def test_sigmoid_is_exactly_symmetric(z):
    assert sigmoid(z) + sigmoid(-z) == 1.0


@PROPERTY
@given(hnp.arrays(np.float64, st.integers(0, 50), elements=any_float))
def test_sigmoid_is_exactly_symmetric_elementwise_on_arrays(z):
    p = sigmoid(z)
    assert p.shape == z.shape
    np.testing.assert_array_equal(p + sigmoid(-z), np.ones_like(z))


@PROPERTY
@given(any_float)
def test_sigmoid_lies_in_the_unit_interval(z):
    assert 0.0 <= sigmoid(z) <= 1.0


@PROPERTY
@given(any_float, any_float)
def test_sigmoid_is_monotone(a, b):
    low, high = min(a, b), max(a, b)
    assert sigmoid(low) <= sigmoid(high)


@PROPERTY
@given(moderate_float)
def test_sigmoid_matches_the_textbook_formula_where_it_is_safe(z):
    textbook = 1.0 / (1.0 + np.exp(-z))
    assert sigmoid(z) == pytest.approx(textbook, rel=1e-15, abs=0.0)


@PROPERTY
@given(any_float)
def test_sigmoid_matches_scipy_expit_everywhere(z):
    assert sigmoid(z) == pytest.approx(expit(z), rel=1e-15, abs=1e-320)


@PROPERTY
@given(st.floats(-30.0, 30.0))
def test_sigmoid_derivative_is_p_times_one_minus_p(z):
    h = 1e-5
    central_difference = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    p = sigmoid(z)
    assert central_difference == pytest.approx(p * (1 - p), abs=1e-10)


LARGEST = np.finfo(np.float64).max


@pytest.mark.parametrize("z", [1e308, -1e308, np.inf, -np.inf, LARGEST, -LARGEST, 750.0, -750.0])
def test_sigmoid_at_extreme_inputs_saturates_without_warning(z):
    with no_warnings():
        p = sigmoid(z)
        q = sigmoid(np.array([z, -z]))
    assert p == (1.0 if z > 0 else 0.0)
    np.testing.assert_array_equal(q, [p, 1.0 - p])


def test_sigmoid_keeps_shape_and_returns_a_float_for_a_scalar():
    assert isinstance(sigmoid(0.3), float)
    assert sigmoid(0.0) == 0.5 and sigmoid(-0.0) == 0.5
    z = np.linspace(-5, 5, 12).reshape(3, 4)
    assert sigmoid(z).shape == (3, 4)
    assert sigmoid([1.0, 2.0]).shape == (2,)


def test_sigmoid_keeps_tiny_probabilities_accurate():
    # sigma(-50) = e^-50 / (1 + e^-50); the "1 - sigma(50)" route would round it to 0.
    assert sigmoid(-50.0) == pytest.approx(np.exp(-50.0) / (1.0 + np.exp(-50.0)), rel=1e-15)
    # Even in the subnormal range (below 2.2e-308), where floats carry fewer digits.
    assert sigmoid(-710.0) == pytest.approx(np.exp(-710.0), rel=1e-6)
    assert sigmoid(-745.0) > 0.0


# ------------------------------------------------------------------------------------------------------------
# add_intercept, predict_proba, predict
# ------------------------------------------------------------------------------------------------------------
def test_add_intercept_prepends_a_column_of_ones():
    X = np.arange(12.0).reshape(4, 3)
    X_b = add_intercept(X)
    assert X_b.shape == (4, 4)
    np.testing.assert_array_equal(X_b[:, 0], np.ones(4))
    np.testing.assert_array_equal(X_b[:, 1:], X)
    np.testing.assert_array_equal(X, np.arange(12.0).reshape(4, 3))  # input untouched


def test_add_intercept_rejects_a_1d_array_and_says_how_to_fix_it():
    with pytest.raises(ValueError, match=r"2-D.*reshape\(-1, 1\)"):
        add_intercept(np.arange(5.0))


def test_predict_proba_is_the_sigmoid_of_the_logits():
    X_b, _ = random_problem(0)
    w = np.array([0.5, -1.0, 2.0, 0.25])
    p = predict_proba(X_b, w)
    assert p.shape == (X_b.shape[0],)
    np.testing.assert_allclose(p, expit(X_b @ w), rtol=1e-15)


def test_predict_thresholds_the_probability():
    X_b, _ = random_problem(1, n=200)
    w = np.array([0.1, 1.0, -1.0, 0.5])
    p = expit(X_b @ w)
    np.testing.assert_array_equal(predict(X_b, w), (X_b @ w >= 0).astype(int))
    for threshold in [0.0, 0.2, 0.5, 0.9, 1.0]:
        y_pred = predict(X_b, w, threshold=threshold)
        assert y_pred.dtype.kind == "i"
        np.testing.assert_array_equal(y_pred, (p >= threshold).astype(int))


@pytest.mark.parametrize("threshold", [-0.1, 1.5, np.nan])
def test_predict_rejects_a_threshold_outside_0_1(threshold):
    X_b, _ = random_problem(2)
    with pytest.raises(ValueError, match=r"threshold must be a probability in \[0, 1\]"):
        predict(X_b, np.zeros(4), threshold=threshold)


# ------------------------------------------------------------------------------------------------------------
# bce_from_logits
# ------------------------------------------------------------------------------------------------------------
@PROPERTY
@given(st.floats(-700.0, 36.0))  # where p = sigma(z) is neither 0 nor 1 in floating point
def test_bce_equals_minus_log_of_the_probability_where_that_is_finite(z):
    p = expit(z)
    assert 0.0 < p < 1.0
    # -log p for y = 1, -log(1 - p) for y = 0. These references are only as good as p: rounding p to a float
    # (error eps/2) moves log(p) by up to eps/(2p) and log(1 - p) by up to eps/(2(1 - p)).
    eps = np.finfo(float).eps
    assert bce_from_logits(z, 1.0) == pytest.approx(-np.log(p), rel=1e-14, abs=eps / p)
    assert bce_from_logits(z, 0.0) == pytest.approx(-np.log1p(-p), rel=1e-14, abs=eps / (1.0 - p))


@PROPERTY
@given(finite_float)
def test_bce_matches_scipy_log_expit_for_every_finite_logit(z):
    assert bce_from_logits(z, 1.0) == pytest.approx(-log_expit(z), rel=1e-15, abs=1e-320)
    assert bce_from_logits(z, 0.0) == pytest.approx(-log_expit(-z), rel=1e-15, abs=1e-320)


@PROPERTY
@given(st.floats(-1e300, 1e300))
def test_bce_is_finite_non_negative_and_its_two_cases_differ_by_z(z):
    wrong_if_positive, right_if_positive = bce_from_logits(z, 0.0), bce_from_logits(z, 1.0)
    assert np.isfinite(wrong_if_positive) and np.isfinite(right_if_positive)
    assert wrong_if_positive >= 0.0 and right_if_positive >= 0.0
    # log(1 + e^z) - log(1 + e^-z) = z
    assert wrong_if_positive - right_if_positive == pytest.approx(z, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("z", [800.0, -800.0, 1e5, -1e300])
def test_bce_of_a_confident_wrong_prediction_is_about_abs_z(z):
    wrong_label = 0.0 if z > 0 else 1.0
    assert expit(z) in (0.0, 1.0)  # p rounds to 0 or 1, so -log(1 - p) or -log(p) would be log(0) = -inf
    with no_warnings():
        value = bce_from_logits(z, wrong_label)
        right = bce_from_logits(z, 1.0 - wrong_label)
    assert value == pytest.approx(abs(z), rel=1e-15)  # log(1 + e^|z|) = |z| + log1p(e^-|z|)
    assert right == 0.0  # log1p(e^-|z|) < 1e-340: below the smallest float, so 0 is the correct rounding


def test_bce_works_elementwise_with_shape_n():
    z = np.array([-2.0, 0.0, 3.0])
    y = np.array([1.0, 0.0, 0.0])
    expected = -np.array([log_expit(-2.0), log_expit(-0.0), log_expit(-3.0)])
    np.testing.assert_allclose(bce_from_logits(z, y), expected, rtol=1e-15)
    assert bce_from_logits(0.0, 1.0) == pytest.approx(np.log(2.0), rel=1e-15)


# ------------------------------------------------------------------------------------------------------------
# loss
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.7])
def test_loss_matches_sklearn_log_loss_plus_the_penalty(seed, alpha):
    rng = np.random.default_rng(seed)
    n, k = rng.integers(5, 60), rng.integers(1, 6)
    X_b, y = random_problem(seed, n=n, k=k, scale=rng.uniform(0.5, 3.0))
    w = rng.uniform(-1, 1, size=k + 1)
    assert np.max(np.abs(X_b @ w)) < 30  # log_loss clips p to [eps, 1 - eps]: keep away from that
    penalty = 0.5 * alpha * np.sum(w[1:] ** 2)  # the intercept w[0] is not penalised
    expected = log_loss(y, expit(X_b @ w), labels=[0, 1]) + penalty
    assert loss(X_b, y, w, alpha) == pytest.approx(expected, rel=1e-12)


def test_loss_does_not_penalise_the_intercept():
    X_b, y = random_problem(3)
    w = np.array([5.0, 0.0, 0.0, 0.0])
    assert loss(X_b, y, w, alpha=10.0) == loss(X_b, y, w, alpha=0.0)
    w = np.array([0.0, 1.0, -2.0, 0.0])
    assert loss(X_b, y, w, alpha=10.0) == pytest.approx(loss(X_b, y, w) + 0.5 * 10.0 * 5.0, rel=1e-14)


def test_loss_at_zero_weights_is_log_2():
    X_b, y = random_problem(4)
    assert loss(X_b, y, np.zeros(4)) == pytest.approx(np.log(2.0), rel=1e-15)


def test_loss_stays_finite_and_exact_where_the_probabilities_round_to_0_or_1():
    # One sample with logit +800: right if y = 1 (loss ~ e^-800 = 0), badly wrong if y = 0 (loss ~ 800).
    X_b = np.array([[1.0, 1.0], [1.0, -1.0]])
    w = np.array([0.0, 800.0])
    assert np.all(predict_proba(X_b, w) == [1.0, 0.0])  # p rounds to exactly 1 and 0
    with no_warnings():
        confident_right = loss(X_b, np.array([1.0, 0.0]), w)
        confident_wrong = loss(X_b, np.array([0.0, 1.0]), w)
    assert confident_right == 0.0
    assert confident_wrong == pytest.approx(800.0, rel=1e-15)


# ------------------------------------------------------------------------------------------------------------
# gradient
# ------------------------------------------------------------------------------------------------------------
def central_differences(f, w, h):
    """Central finite differences of the scalar function f at w, one coordinate at a time."""
    grad = np.empty_like(w)
    for j in range(w.size):
        step = np.zeros_like(w)
        step[j] = h
        grad[j] = (f(w + step) - f(w - step)) / (2 * h)
    return grad


@settings(deadline=None, max_examples=300)
@given(problems())
def test_gradient_agrees_with_central_finite_differences(problem):
    # Entries of X and w are bounded by 3 and alpha by 2, so |z| <= 48 and the loss's third derivative is
    # bounded: with h = 1e-5 the truncation error (~h^2) and the rounding error (~eps * loss / h) both stay
    # below 1e-8, far under the tolerance, while a wrong formula (missing 1/n, penalised intercept, wrong
    # sign) is off by O(1).
    X_b, y, w, alpha = problem
    numerical = central_differences(lambda v: loss(X_b, y, v, alpha), w, h=1e-5)
    analytic = gradient(X_b, y, w, alpha)
    assert analytic.shape == w.shape
    np.testing.assert_allclose(analytic, numerical, rtol=1e-6, atol=1e-6)


def test_gradient_of_confident_wrong_predictions_is_the_closed_form():
    # With p rounded to exactly 1 or 0, the gradient X_b^T (p - y) / n is exact: here one sample, x = [1, 1].
    X_b = np.array([[1.0, 1.0]])
    np.testing.assert_array_equal(gradient(X_b, [0.0], np.array([0.0, 800.0])), [1.0, 1.0])
    np.testing.assert_array_equal(gradient(X_b, [1.0], np.array([0.0, -800.0])), [-1.0, -1.0])
    np.testing.assert_array_equal(gradient(X_b, [1.0], np.array([0.0, 800.0]), alpha=0.5), [0.0, 400.0])


def test_gradient_is_zero_at_sklearn_optimum():
    from sklearn.linear_model import LogisticRegression

    X_b, y = standardised_breast_cancer()
    C, n = 1.0, len(y)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X_b[:, 1:], y)
    w = np.concatenate([reference.intercept_, reference.coef_[0]])
    assert np.max(np.abs(gradient(X_b, y, w, alpha=1.0 / (C * n)))) < 1e-6
    assert np.max(np.abs(gradient(X_b, y, w, alpha=0.0))) > 1e-3  # the penalty term really is there


# ------------------------------------------------------------------------------------------------------------
# safe_learning_rate
# ------------------------------------------------------------------------------------------------------------
def hessian(X_b, y, w, alpha):
    """Exact Hessian of ``loss``: X_b^T diag(p (1 - p)) X_b / n + alpha * diag(0, 1, ..., 1)."""
    p = expit(X_b @ w)
    H = X_b.T @ (X_b * (p * (1 - p))[:, None]) / X_b.shape[0]
    H[1:, 1:] += alpha * np.eye(X_b.shape[1] - 1)
    return H


@PROPERTY
@given(problems(max_samples=20, max_features=5))
def test_safe_learning_rate_is_one_over_a_bound_on_the_curvature(problem):
    X_b, y, w, alpha = problem
    curvature_bound = 1.0 / safe_learning_rate(X_b, alpha)
    # Everywhere, the Hessian's largest eigenvalue is at most L ...
    assert np.linalg.eigvalsh(hessian(X_b, y, w, alpha))[-1] <= curvature_bound * (1 + 1e-10)
    # ... and without penalty the bound is reached at w = 0 (where p (1 - p) = 1/4 for every sample).
    at_zero = np.linalg.eigvalsh(hessian(X_b, y, np.zeros_like(w), 0.0))[-1]
    assert at_zero == pytest.approx(1.0 / safe_learning_rate(X_b, 0.0), rel=1e-10)


# ------------------------------------------------------------------------------------------------------------
# Bad input: one ValueError each, whose message says what to fix
# ------------------------------------------------------------------------------------------------------------
X_B_GOOD, Y_GOOD = random_problem(11, n=10, k=2)
W_GOOD = np.zeros(3)


def _with(index, value, array):
    array = array.copy()
    array[index] = value
    return array


BAD_PROBLEMS = {
    "NaN in X_b": ((_with((2, 1), np.nan, X_B_GOOD), Y_GOOD, W_GOOD), r"X_b contains 1 NaN or infinite.*impute"),
    "inf in X_b": ((_with((0, 2), -np.inf, X_B_GOOD), Y_GOOD, W_GOOD), r"X_b contains 1 NaN or infinite.*remove"),
    "1-D X_b": ((X_B_GOOD[:, 1], Y_GOOD, W_GOOD), r"X_b must be a 2-D array.*add_intercept"),
    "empty X_b": ((np.empty((0, 3)), np.empty(0), W_GOOD), r"X_b is empty \(0 samples\)"),
    "lengths differ": ((X_B_GOOD, Y_GOOD[:-1], W_GOOD), r"different lengths: 10 samples but 9 labels"),
    "y in {0, 2}": ((X_B_GOOD, 2 * Y_GOOD, W_GOOD), r"y must hold labels 0 and 1 only; got \[0\.0, 2\.0\].*Map"),
    "y in {-1, 1}": ((X_B_GOOD, 2 * Y_GOOD - 1, W_GOOD), r"labels 0 and 1 only.*LogisticRegressionGD"),
    "string y": ((X_B_GOOD, np.where(Y_GOOD == 1, "yes", "no"), W_GOOD), r"labels 0 and 1 only; got \['no', 'yes'\]"),
    "2-D y": ((X_B_GOOD, Y_GOOD[:, None], W_GOOD), r"y must be a 1-D array of shape \(n_samples,\)"),
    "w too short": ((X_B_GOOD, Y_GOOD, np.zeros(2)), r"must have shape \(3,\), one weight per column.*got \S+ \(2,\)"),
    "w without intercept": ((X_B_GOOD[:, 1:], Y_GOOD, W_GOOD), r"must have shape \(2,\).*intercept first"),
    "NaN in w": ((X_B_GOOD, Y_GOOD, np.array([0.0, np.nan, 0.0])), r"contains NaN or infinite"),
}


@pytest.mark.parametrize("function", [loss, gradient])
@pytest.mark.parametrize("case", list(BAD_PROBLEMS), ids=list(BAD_PROBLEMS))
def test_loss_and_gradient_reject_bad_input(function, case):
    (X_b, y, w), message = BAD_PROBLEMS[case]
    with pytest.raises(ValueError, match=message.replace("must have shape", "w must have shape")):
        function(X_b, y, w)


@pytest.mark.parametrize("case", list(BAD_PROBLEMS), ids=list(BAD_PROBLEMS))
def test_gradient_descent_rejects_bad_input(case):
    (X_b, y, w0), message = BAD_PROBLEMS[case]
    with pytest.raises(ValueError, match=message.replace("must have shape", "w0 must have shape")):
        gradient_descent(X_b, y, w0, learning_rate=0.1, n_iter=10)


@pytest.mark.parametrize("learning_rate", [0, -0.1, np.nan, np.inf, "fast", None, True])
def test_gradient_descent_rejects_a_learning_rate_that_is_not_positive(learning_rate):
    with pytest.raises(ValueError, match=r"learning_rate must be a positive number"):
        gradient_descent(X_B_GOOD, Y_GOOD, W_GOOD, learning_rate, n_iter=10)


@pytest.mark.parametrize("n_iter", [0, -5, 2.5, "10", None])
def test_gradient_descent_rejects_n_iter_below_one(n_iter):
    with pytest.raises(ValueError, match=r"n_iter must be a whole number >= 1"):
        gradient_descent(X_B_GOOD, Y_GOOD, W_GOOD, 0.1, n_iter=n_iter)


@pytest.mark.parametrize("alpha", [-0.1, np.nan, np.inf, "strong", None])
def test_bad_alpha_is_rejected_everywhere(alpha):
    message = r"alpha \(the L2 strength\) must be a number >= 0"
    with pytest.raises(ValueError, match=message):
        loss(X_B_GOOD, Y_GOOD, W_GOOD, alpha)
    with pytest.raises(ValueError, match=message):
        gradient(X_B_GOOD, Y_GOOD, W_GOOD, alpha)
    with pytest.raises(ValueError, match=message):
        safe_learning_rate(X_B_GOOD, alpha)
    with pytest.raises(ValueError, match=message):
        gradient_descent(X_B_GOOD, Y_GOOD, W_GOOD, 0.1, 10, alpha=alpha)


@pytest.mark.parametrize("tol", [-1e-3, np.nan, np.inf, "small"])
def test_gradient_descent_rejects_a_bad_tol(tol):
    with pytest.raises(ValueError, match=r"tol must be None or a number >= 0"):
        gradient_descent(X_B_GOOD, Y_GOOD, W_GOOD, 0.1, 10, tol=tol)


def test_predict_proba_rejects_weights_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"w must have shape \(3,\)"):
        predict_proba(X_B_GOOD, np.zeros(4))


