"""Tests of ``logreg_core.gradient_descent``: the recorded path, the step, the stopping rule, rises, overflow,
and minibatches (each sample once per epoch, reproducible, full batch to the bit at batch_size = n).
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from problems import (
    PROPERTY,
    no_warnings,
    problems,
    random_problem,
    standardised_breast_cancer,
)
from sklearn.datasets import load_breast_cancer

from logreg_core import (
    GDResult,
    add_intercept,
    gradient,
    gradient_descent,
    loss,
    safe_learning_rate,
)


# ------------------------------------------------------------------------------------------------------------
# gradient_descent
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [0.0, 0.05])
def test_gradient_descent_records_the_loss_of_every_recorded_weight(alpha):
    X_b, y = random_problem(5, n=80, k=4, scale=2.0)
    w0 = np.array([0.3, -0.2, 0.1, 0.5, -0.4])
    w0_before = w0.copy()
    result = gradient_descent(X_b, y, w0, learning_rate=0.5, n_iter=25, alpha=alpha)
    assert isinstance(result, GDResult)
    assert result.weights.shape == (26, 5) and result.losses.shape == (26,)
    assert result.n_steps == 25 and result.stop_reason == "n_iter"
    np.testing.assert_array_equal(result.weights[0], w0)
    np.testing.assert_array_equal(w0, w0_before)  # the caller's w0 is not modified
    np.testing.assert_array_equal(result.final_weights, result.weights[-1])
    expected = [loss(X_b, y, w, alpha) for w in result.weights]
    np.testing.assert_allclose(result.losses, expected, rtol=1e-13, atol=0)


@pytest.mark.parametrize("alpha", [0.0, 0.05])
def test_gradient_descent_takes_the_gradient_step(alpha):
    X_b, y = random_problem(6, n=50, k=2)
    learning_rate = 0.7
    result = gradient_descent(X_b, y, np.zeros(3), learning_rate, n_iter=10, alpha=alpha)
    for before, after in zip(result.weights[:-1], result.weights[1:]):
        expected = before - learning_rate * gradient(X_b, y, before, alpha)
        np.testing.assert_allclose(after, expected, rtol=1e-13, atol=1e-15)


@PROPERTY
@given(problems(max_samples=20, max_features=4), st.floats(0.05, 1.0))
def test_gradient_descent_never_raises_the_loss_with_a_safe_learning_rate(problem, fraction):
    X_b, y, w0, alpha = problem
    learning_rate = fraction * safe_learning_rate(X_b, alpha)
    losses = gradient_descent(X_b, y, w0, learning_rate, n_iter=30, alpha=alpha).losses
    assert np.all(np.diff(losses) <= 1e-12 * np.abs(losses[:-1]) + 1e-15)


def test_gradient_descent_converges_towards_the_optimum():
    X_b, y = standardised_breast_cancer()
    alpha = 0.01
    result = gradient_descent(X_b, y, np.zeros(X_b.shape[1]), safe_learning_rate(X_b, alpha), 3000, alpha=alpha)
    assert result.losses[-1] < result.losses[0] / 5
    assert np.linalg.norm(gradient(X_b, y, result.final_weights, alpha)) < 1e-4


@pytest.mark.parametrize("tol", [1e-2, 1e-4, 1e-7])
def test_gradient_descent_stops_once_an_update_lowers_the_loss_by_less_than_tol(tol):
    X_b, y = random_problem(7, n=100, k=3)
    w0 = np.zeros(4)
    result = gradient_descent(X_b, y, w0, 1.0, n_iter=100_000, tol=tol)
    decreases = -np.diff(result.losses)
    assert result.stop_reason == "tol"
    assert decreases[-1] < tol  # the last update fell short of tol ...
    assert np.all(decreases[:-1] >= tol)  # ... and it was the first one that did
    # The stopping rule only truncates the path: it is the start of the path without tol.
    full = gradient_descent(X_b, y, w0, 1.0, n_iter=result.n_steps + 5)
    np.testing.assert_array_equal(full.weights[: result.n_steps + 1], result.weights)
    np.testing.assert_array_equal(full.losses[: result.n_steps + 1], result.losses)


def test_an_update_that_lowers_the_loss_by_exactly_tol_does_not_stop_training():
    # "Less than tol" is strict: take tol equal to the decrease made by update 10 of a path without tol.
    X_b, y = random_problem(12, n=100, k=3)
    full = gradient_descent(X_b, y, np.zeros(4), 1.0, n_iter=200)
    decreases = -np.diff(full.losses)
    tol = decreases[9]
    first_short = int(np.argmax(decreases < tol))  # index of the first update lowering the loss by < tol
    assert first_short > 9
    result = gradient_descent(X_b, y, np.zeros(4), 1.0, n_iter=200, tol=tol)
    assert result.stop_reason == "tol" and result.n_steps == first_short + 1


@pytest.mark.parametrize("tol", [0.0, 1e-6, 1e-3])
def test_an_update_that_raises_the_loss_never_stops_training(tol):
    # A diverging run: the loss climbs and zig-zags. No rise is "convergence", so every update is made.
    X_b, y = random_problem(8, n=100, k=3, scale=5.0)
    too_large = 50 * safe_learning_rate(X_b)
    result = gradient_descent(X_b, y, np.zeros(4), too_large, n_iter=300, tol=tol)
    changes = np.diff(result.losses)
    assert result.n_rises == np.count_nonzero(changes > 1e-12 * np.abs(result.losses[:-1])) > 50
    assert np.all(changes[result.rises - 1] > 0)
    if result.stop_reason == "n_iter":
        assert result.n_steps == 300
    else:  # it may only stop on an update that lowered the loss, by less than tol
        assert result.stop_reason == "tol" and 0 <= -changes[-1] < tol


def test_a_safe_run_has_no_rises_and_says_why_it_stopped():
    X_b, y = random_problem(10, n=100, k=3)
    result = gradient_descent(X_b, y, np.zeros(4), safe_learning_rate(X_b), n_iter=5000, tol=1e-9)
    assert result.n_rises == 0 and len(result.rises) == 0
    assert result.stop_reason == "tol" and result.n_steps < 5000


def test_results_compare_equal_by_value_and_print_a_summary():
    X_b, y = random_problem(11, n=30, k=2)
    a = gradient_descent(X_b, y, np.zeros(3), 0.5, n_iter=10)
    b = gradient_descent(X_b, y, np.zeros(3), 0.5, n_iter=10)
    c = gradient_descent(X_b, y, np.zeros(3), 0.5, n_iter=11)
    assert a == b and not (a != b) and a != c and a != "a result"
    text = repr(a)
    assert text.startswith("GDResult(n_steps=10, loss 0.693147 -> ") and "stop_reason='n_iter', n_rises=0" in text
    assert str(a) == text


def test_gradient_descent_reports_not_converged_when_n_iter_runs_out_first():
    X_b, y = random_problem(9, n=100, k=3)
    result = gradient_descent(X_b, y, np.zeros(4), 0.01, n_iter=20, tol=1e-6)
    assert result.stop_reason == "n_iter"
    assert result.n_steps == 20
    assert np.all(-np.diff(result.losses) >= 1e-6)


def test_gradient_descent_with_a_moderately_too_large_rate_keeps_finite_weights():
    X, y = load_breast_cancer(return_X_y=True)  # raw features, up to ~4000: badly scaled
    X_b = add_intercept(X)
    with no_warnings():
        result = gradient_descent(X_b, y, np.zeros(X_b.shape[1]), learning_rate=1e3, n_iter=200)
    assert np.all(np.isfinite(result.weights)) and np.all(np.isfinite(result.losses))
    assert np.any(np.diff(result.losses) > 0)  # too large: the loss climbs at times


@pytest.mark.parametrize("learning_rate", [1e300, 1e308])
def test_gradient_descent_with_an_absurd_rate_raises_instead_of_returning_nan(learning_rate):
    X, y = load_breast_cancer(return_X_y=True)
    X_b = add_intercept(X)
    # No RuntimeWarning on the way (overflow in the update or the logits), but one clear error.
    with no_warnings(), pytest.raises(FloatingPointError, match=r"learning_rate=1e\+30[08] is far too large"):
        gradient_descent(X_b, y, np.zeros(X_b.shape[1]), learning_rate=learning_rate, n_iter=50)


def test_gradient_descent_accepts_lists_and_boolean_labels():
    X_b, y = random_problem(10, n=30, k=2)
    a = gradient_descent(X_b.tolist(), y.astype(bool), [0.0, 0.0, 0.0], 0.5, 5)
    b = gradient_descent(X_b, y, np.zeros(3), 0.5, 5)
    np.testing.assert_array_equal(a.weights, b.weights)


# ------------------------------------------------------------------------------------------------------------
# Minibatches (batch_size)
# ------------------------------------------------------------------------------------------------------------
def test_batch_size_n_or_none_is_full_batch_gradient_descent_to_the_bit():
    X_b, y = random_problem(20, n=60, k=3)
    full = gradient_descent(X_b, y, np.zeros(4), 0.5, n_iter=40)
    assert gradient_descent(X_b, y, np.zeros(4), 0.5, n_iter=40, batch_size=60, random_state=3) == full
    assert gradient_descent(X_b, y, np.zeros(4), 0.5, n_iter=40, batch_size=None) == full


@pytest.mark.parametrize("batch_size", [1, 4, 7])
def test_each_sample_is_used_once_per_epoch_in_a_new_order(batch_size):
    # One feature per sample (X = I): an update changes the weight of exactly the samples in its minibatch.
    n = 12
    X_b, y = add_intercept(np.eye(n)), np.arange(n) % 2.0
    n_per_epoch = -(-n // batch_size)
    result = gradient_descent(X_b, y, np.zeros(n + 1), 0.1, n_iter=3 * n_per_epoch, batch_size=batch_size,
                              random_state=0)
    changed = [np.flatnonzero(step[1:]) for step in np.diff(result.weights, axis=0)]
    assert all(0 < len(rows) <= batch_size for rows in changed)
    epochs = [np.concatenate(changed[e * n_per_epoch:(e + 1) * n_per_epoch]) for e in range(3)]
    for rows in epochs:
        np.testing.assert_array_equal(np.sort(rows), np.arange(n))  # every sample once per epoch
    assert not all(np.array_equal(epochs[0], other) for other in epochs[1:])  # reshuffled


def test_a_minibatch_update_is_the_mean_gradient_of_its_batch_and_losses_are_on_all_the_data():
    n = 10
    X_b, y = add_intercept(np.eye(n)), np.arange(n) % 2.0
    # The same seed gives the same minibatches; without a penalty they show in which weights change.
    plain = gradient_descent(X_b, y, np.zeros(n + 1), 0.3, n_iter=5, batch_size=3, random_state=1)
    batches = [np.flatnonzero(step[1:]) for step in np.diff(plain.weights, axis=0)]
    result = gradient_descent(X_b, y, np.zeros(n + 1), 0.3, n_iter=5, batch_size=3, random_state=1, alpha=0.1)
    for before, after, rows in zip(result.weights[:-1], result.weights[1:], batches):
        expected = before - 0.3 * gradient(X_b[rows], y[rows], before, alpha=0.1)
        np.testing.assert_allclose(after, expected, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(result.losses, [loss(X_b, y, w, 0.1) for w in result.weights], rtol=1e-13)


def test_minibatches_are_reproducible_with_a_seed():
    X_b, y = random_problem(21, n=50, k=2)
    runs = [gradient_descent(X_b, y, np.zeros(3), 0.2, 30, batch_size=5, random_state=seed) for seed in (4, 4, 5)]
    assert runs[0] == runs[1] and runs[0] != runs[2]


def test_minibatch_descent_lands_near_the_optimum_on_scaled_data():
    X_b, y = standardised_breast_cancer()
    best = gradient_descent(X_b, y, np.zeros(31), safe_learning_rate(X_b, 0.01), 5000, alpha=0.01).losses[-1]
    run = gradient_descent(X_b, y, np.zeros(31), 0.1, 2000, alpha=0.01, batch_size=32, random_state=0)
    assert run.losses[-1] < best + 0.01


@pytest.mark.parametrize("batch_size", [0, -1, 51, 2.5, "8", True, np.nan])
def test_a_batch_size_outside_1_to_n_is_refused(batch_size):
    X_b, y = random_problem(22, n=50, k=2)
    with pytest.raises(ValueError, match=r"batch_size must be None or a whole number from 1 to the number of "
                                         r"samples, 50; got"):
        gradient_descent(X_b, y, np.zeros(3), 0.1, 10, batch_size=batch_size)
