"""Logistic regression from scratch: the math of notebooks 01-03, in NumPy and nothing else.

1. ``sigmoid``             p = sigma(z) = 1 / (1 + e^(-z))                                   (notebook 01)
2. ``add_intercept``, ``scores``, ``predict_proba``, ``predict``: z = X_b @ w, p = sigma(z)   (notebook 01)
3. ``bce_from_logits``     one sample's binary cross-entropy, from its score z               (notebook 02)
4. ``loss``                L(w) = mean cross-entropy + alpha/2 * ||w[1:]||^2                 (notebook 02)
5. ``gradient``            grad L(w) = X_b^T (p - y) / n + alpha * [0, w[1:]]               (notebook 03)
6. ``safe_learning_rate``  the step 1/beta, from the largest curvature beta of the loss      (notebook 03)
7. ``gradient_descent``    w <- w - learning_rate * grad L(w), recording every step          (notebook 03)

Conventions (see NOTATION.md): ``X_b`` is the feature matrix *with* its intercept column of ones first, shape
``(n_samples, n_features + 1)``; ``w`` is the matching weight vector, ``w[0]`` the intercept b; labels ``y`` are
0 or 1. The scikit-learn estimator built on these functions is ``logreg_estimator.LogisticRegressionGD``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import logreg_checks as checks

__all__ = ["sigmoid", "add_intercept", "scores", "predict_proba", "predict", "labels_from_scores", "bce_from_logits",
           "loss_from_scores", "loss", "gradient", "safe_learning_rate", "GDResult", "gradient_descent",
           "LearningRateWarning"]

#: A change of the loss smaller than this fraction of it is rounding noise: neither a rise nor progress.
ROUNDING = 1e-12


# ----------------------------------------------------------------------------------------------------------------
# The model: a linear score squashed into a probability (notebook 01)
# ----------------------------------------------------------------------------------------------------------------
def sigmoid(z):
    """The logistic function sigma(z) = 1 / (1 + e^(-z)), computed without overflow.

    ``e`` is only ever raised to ``-|z| <= 0``, so the power lies in (0, 1]: ``s = e^(-|z|) / (1 + e^(-|z|))`` is
    sigma(-|z|), accurate even when tiny, and sigma(|z|) is ``1 - s``. So ``sigmoid(z) + sigmoid(-z) == 1`` exactly.

    Parameters
    ----------
    z : float or array_like of any shape, scores (logits); any float64, +-1e308 and +-inf included

    Returns
    -------
    p : float or ndarray of the same shape as ``z``, in [0, 1]
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    small = e / (1.0 + e)  # sigma(-|z|)
    p = np.where(z < 0, small, 1.0 - small)
    return p[()]  # a float for a scalar input, an array otherwise


def add_intercept(X):
    """Prepend a column of ones to ``X``, so that the intercept b becomes the weight ``w[0]``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)

    Returns
    -------
    X_b : ndarray of shape (n_samples, n_features + 1), ``X_b[:, 0] == 1`` and ``X_b[:, 1:] == X``
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (n_samples, n_features); got an array of shape {X.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    return np.hstack([np.ones((X.shape[0], 1)), X])


def scores(X_b, w):
    """The score (logit) of each sample, z = X_b @ w: its log-odds of class 1.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1), the intercept column of ones first
    w : array_like of shape (n_features + 1,), ``w[0]`` being the intercept

    Returns
    -------
    z : ndarray of shape (n_samples,)
    """
    X_b, w = checks.check_X_b_w(X_b, w)
    return X_b @ w


def predict_proba(X_b, w):
    """Probability of class 1 for each sample, p = sigma(X_b @ w); shape (n_samples,)."""
    return sigmoid(scores(X_b, w))


def labels_from_scores(z, threshold=0.5):
    """The decision rule: class 1 where the score is *above* the score of ``threshold``, class 0 elsewhere.

    With the usual threshold 1/2 that score is 0: class 1 where z > 0. A score of exactly 0 (the boundary itself)
    goes to class 0, as in scikit-learn, whose ``LogisticRegression.predict`` takes ``decision_function > 0``; so
    our labels and scikit-learn's agree on every sample. The rule compares scores, not probabilities: for
    |z| < 1e-16, sigma(z) rounds to exactly 0.5 and could no longer tell the two sides apart.

    Parameters
    ----------
    z : array_like of shape (n_samples,), scores
    threshold : float in [0, 1], default=0.5, a probability

    Returns
    -------
    labels : ndarray of int of shape (n_samples,), 0 or 1
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be a probability in [0, 1]; got {threshold!r}.")
    with np.errstate(divide="ignore"):  # threshold 0 or 1: the score limit is -inf or +inf, as it should be
        z_threshold = np.log(np.float64(threshold) / (1.0 - threshold))  # its log-odds: exactly 0 for 1/2
    return (np.asarray(z) > z_threshold).astype(int)


def predict(X_b, w, threshold=0.5):
    """Class labels 0/1 of each sample by ``labels_from_scores``: 1 where sigma(X_b @ w) is above ``threshold``.

    Returns an ndarray of int of shape (n_samples,).
    """
    return labels_from_scores(scores(X_b, w), threshold)


# ----------------------------------------------------------------------------------------------------------------
# The loss and its gradient (notebooks 02 and 03)
# ----------------------------------------------------------------------------------------------------------------
def bce_from_logits(z, y):
    """Binary cross-entropy of each sample, computed from its score ``z`` rather than from p = sigma(z).

    ``-[y log p + (1 - y) log(1 - p)]`` takes log(0) once p rounds to 0 or 1. In terms of z the two cases are
    ``log(1 + e^(-z))`` (y = 1) and ``log(1 + e^z)`` (y = 0), i.e. ``log(1 + e^t)`` with t = (1 - 2y) z, computed
    as ``max(t, 0) + log(1 + e^(-|t|))``: e is never raised to a positive power (what ``np.logaddexp(0, t)`` does).

    z : array_like of shape (n_samples,), scores; y : array_like of shape (n_samples,), labels 0 or 1.
    Returns the losses, an ndarray of shape (n_samples,): non-negative, finite for finite z.
    """
    t = (1.0 - 2.0 * np.asarray(y, dtype=np.float64)) * np.asarray(z, dtype=np.float64)
    return np.maximum(t, 0.0) + np.log1p(np.exp(-np.abs(t)))


def loss_from_scores(z, y, w, alpha=0.0):
    """L(w) = mean cross-entropy + alpha/2 ||w[1:]||^2, given the scores z = X_b @ w already computed.

    z : ndarray of shape (n_samples,), scores; y : ndarray of shape (n_samples,), labels 0 or 1;
    w : ndarray of shape (n_features + 1,), the weights that gave ``z`` (for the penalty); alpha : float >= 0.
    """
    return float(np.mean(bce_from_logits(z, y)) + 0.5 * alpha * np.dot(w[1:], w[1:]))


def loss(X_b, y, w, alpha=0.0):
    """Mean binary cross-entropy plus an L2 penalty that leaves the intercept alone (notebook 02, eq. 1).

    L(w) = (1/n) sum_i bce(z_i, y_i) + alpha/2 * ||w[1:]||^2,  with z = X_b @ w.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1), the intercept column of ones first
    y : array_like of shape (n_samples,), labels 0 or 1
    w : array_like of shape (n_features + 1,), ``w[0]`` being the intercept
    alpha : float >= 0, default=0.0
        L2 strength. scikit-learn's ``LogisticRegression(C=C)`` minimises the same objective with
        ``alpha = 1 / (C * n_samples)``.

    Returns
    -------
    loss : float
    """
    X_b, y, w = checks.check_problem(X_b, y, w)
    return loss_from_scores(X_b @ w, y, w, checks.check_alpha(alpha))


def gradient(X_b, y, w, alpha=0.0):
    """Gradient of ``loss``: X_b^T (sigma(X_b @ w) - y) / n + alpha * [0, w[1:]] (notebook 03, eq. 6).

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1); y : array_like of shape (n_samples,), labels 0 or 1
    w : array_like of shape (n_features + 1,); alpha : float >= 0, default=0.0

    Returns
    -------
    grad : ndarray of shape (n_features + 1,)
    """
    X_b, y, w = checks.check_problem(X_b, y, w)
    return _gradient_from_probabilities(X_b, y, w, sigmoid(X_b @ w), checks.check_alpha(alpha))


def _gradient_from_probabilities(X_b, y, w, p, alpha):
    grad = X_b.T @ (p - y) / X_b.shape[0]
    grad[1:] += alpha * w[1:]  # the intercept w[0] is not penalised
    return grad


def safe_learning_rate(X_b, alpha=0.0):
    """The step size 1/beta, where beta bounds the curvature of the loss (how fast its gradient can change).

    beta = lambda_max / (4 n) + alpha, with lambda_max the largest eigenvalue of X_b^T X_b (the sigmoid's slope is
    at most 1/4). Every step below 2/beta lowers the loss; 1/beta lowers it by the most that the bound guarantees.

    X_b : array_like of shape (n_samples, n_features + 1); alpha : float >= 0, default=0.0. Returns a float.
    """
    X_b = checks.check_X_b(X_b)
    # X_b^T X_b and X_b X_b^T share their largest eigenvalue: take the smaller matrix.
    gram = X_b.T @ X_b if X_b.shape[0] >= X_b.shape[1] else X_b @ X_b.T
    return 1.0 / (np.linalg.eigvalsh(gram)[-1] / (4.0 * X_b.shape[0]) + checks.check_alpha(alpha))


# ----------------------------------------------------------------------------------------------------------------
# Training: gradient descent, recording every step (notebook 03)
# ----------------------------------------------------------------------------------------------------------------
class LearningRateWarning(UserWarning):
    """The loss rose during training: the learning rate is too large for the data."""


@dataclass(frozen=True, eq=False)
class GDResult:
    """What ``gradient_descent`` returns: the whole path of the weights and of the loss, and why it stopped.

    Attributes
    ----------
    weights : ndarray of shape (n_steps + 1, n_features + 1)
        ``weights[0]`` is the start ``w0``; ``weights[i]`` the weights after i updates.
    losses : ndarray of shape (n_steps + 1,)
        ``losses[i] == loss(X_b, y, weights[i], alpha)``, on all the samples.
    stop_reason : {"n_iter", "tol"}
        "n_iter": every update asked for was made; "tol": an update lowered the loss by less than ``tol``.
    """

    weights: np.ndarray
    losses: np.ndarray
    stop_reason: str = "n_iter"

    @property
    def n_steps(self):
        """Number of updates made (``len(losses) - 1``)."""
        return len(self.losses) - 1

    @property
    def final_weights(self):
        """The weights after the last update, shape (n_features + 1,)."""
        return self.weights[-1]

    @property
    def rises(self):
        """The updates (numbered from 1) that raised the loss by more than rounding noise: the step was too large."""
        return np.flatnonzero(np.diff(self.losses) > ROUNDING * np.abs(self.losses[:-1])) + 1

    @property
    def n_rises(self):
        """Number of updates that raised the loss (``len(rises)``)."""
        return len(self.rises)

    def __eq__(self, other):
        if not isinstance(other, GDResult):
            return NotImplemented
        return (self.stop_reason == other.stop_reason and np.array_equal(self.weights, other.weights)
                and np.array_equal(self.losses, other.losses))

    __hash__ = None  # holds arrays: equal results need not hash alike

    def __repr__(self):
        return (f"GDResult(n_steps={self.n_steps}, loss {self.losses[0]:.6g} -> {self.losses[-1]:.6g}, "
                f"stop_reason={self.stop_reason!r}, n_rises={self.n_rises})")


def gradient_descent(X_b, y, w0, learning_rate, n_iter, alpha=0.0, tol=None, batch_size=None, random_state=None):
    """Minimise ``loss`` by gradient descent, w <- w - learning_rate * gradient(w), recording every step.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1), the intercept column of ones first
    y : array_like of shape (n_samples,), labels 0 or 1
    w0 : array_like of shape (n_features + 1,), the starting weights
    learning_rate : float > 0
        The step size eta. ``safe_learning_rate(X_b, alpha)`` gives one that never raises the loss.
    n_iter : int >= 1
        Largest number of updates.
    alpha : float >= 0, default=0.0
        L2 strength (see ``loss``).
    tol : float >= 0 or None, default=None
        Stop once an update lowers the loss by less than ``tol`` (``stop_reason="tol"``). An update that raises
        the loss never stops the run. None makes all ``n_iter`` updates.
    batch_size : int from 1 to n_samples, or None, default=None
        None (or n_samples): every update uses the gradient of all the samples. Otherwise each update uses the
        mean gradient of one minibatch of ``batch_size`` samples; the samples are shuffled at the start of each
        epoch and each is used once per epoch (the last minibatch of an epoch may be smaller).
    random_state : int, numpy Generator or None, default=None
        Seed of the shuffles (minibatches only).

    Returns
    -------
    result : GDResult
        ``weights`` of shape (n_steps + 1, n_features + 1) and ``losses`` of shape (n_steps + 1,), row 0 being the
        start; ``stop_reason`` and ``n_rises`` say how the run went.

    Raises
    ------
    FloatingPointError
        If the weights overflow (only with an absurd learning rate): the message names the iteration and the
        learning rate, instead of letting NaN weights through.
    """
    X_b, y, w = checks.check_problem(X_b, y, w0, w_name="w0")
    learning_rate = checks.check_learning_rate(learning_rate)
    n_iter = checks.check_positive_integer(n_iter, "n_iter")
    alpha, tol = checks.check_alpha(alpha), checks.check_tol(tol)
    batches = _minibatches(X_b.shape[0], checks.check_batch_size(batch_size, X_b.shape[0]), random_state)

    weights, losses = [], []
    with np.errstate(over="raise", invalid="raise"):  # only an absurd learning rate overflows: say so, below
        try:
            for _ in range(n_iter + 1):
                z = X_b @ w  # the scores
                p = sigmoid(z)  # the probabilities of class 1
                losses.append(loss_from_scores(z, y, w, alpha))  # the loss of these weights
                weights.append(w)
                stop_reason = _why_stop(losses, n_iter, tol)
                if stop_reason:
                    break
                rows = next(batches)  # all the samples, or this update's minibatch
                grad = _gradient_from_probabilities(X_b[rows], y[rows], w, p[rows], alpha)  # the gradient
                w = w - learning_rate * grad  # the step downhill
        except FloatingPointError:
            raise FloatingPointError(
                f"The weights overflowed at iteration {len(weights)}: learning_rate={learning_rate:g} is far too "
                f"large; try one near safe_learning_rate(X_b, alpha) = {safe_learning_rate(X_b, alpha):.3g}."
            ) from None
    return GDResult(weights=np.array(weights), losses=np.array(losses), stop_reason=stop_reason)


def _why_stop(losses, n_iter, tol):
    """"n_iter" once every update is made, "tol" once the last one lowered the loss by less than ``tol`` (a rise,
    more than rounding noise, never counts), else None: keep going. An infinite loss is an overflow."""
    if not np.isfinite(losses[-1]):
        raise FloatingPointError("the loss overflowed")
    if len(losses) == n_iter + 1:
        return "n_iter"
    if tol is not None and len(losses) > 1:
        fall = losses[-2] - losses[-1]
        rose = -fall > ROUNDING * abs(losses[-2])
        if not rose and fall < tol:
            return "tol"
    return None


def _minibatches(n_samples, batch_size, random_state):
    """The rows of each update, one update after another: all the samples (a slice: no copy), or minibatches
    cut from a new shuffle of the samples at the start of every epoch."""
    if batch_size == n_samples:
        while True:
            yield slice(None)
    rng = np.random.default_rng(random_state)
    while True:  # one epoch
        order = rng.permutation(n_samples)
        for start in range(0, n_samples, batch_size):
            yield order[start:start + batch_size]
