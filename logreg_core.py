"""Logistic regression from scratch: the math of the series, in NumPy.

Every notebook of the series computes with these functions, in the order the notebooks derive them:

1. ``sigmoid``            p = sigma(z) = 1 / (1 + e^(-z))                          (notebook 01)
2. ``bce_from_logits``    one sample's binary cross-entropy, from its logit z      (notebook 02)
3. ``loss``               L(w) = mean cross-entropy + alpha/2 * ||w[1:]||^2        (notebook 02)
4. ``gradient``           grad L(w) = X_b^T (p - y) / n + alpha * [0, w[1:]]      (notebook 03)
5. ``gradient_descent``   w <- w - learning_rate * grad L(w), with its history     (notebook 03)
6. ``LogisticRegressionGD``  all of it as a scikit-learn estimator                 (notebooks 04-09)

Conventions
-----------
``X_b`` is the feature matrix *with* its intercept column of ones first, shape ``(n_samples, n_features + 1)``
(see ``add_intercept``); ``w`` is the matching weight vector, shape ``(n_features + 1,)``, and ``w[0]`` is the
intercept. Labels ``y`` are 0 or 1. The estimator takes ``X`` without the column of ones, as scikit-learn does.

This module is NumPy math and nothing else: it never imports matplotlib (figures live in ``logreg_viz``).
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = [
    "sigmoid",
    "add_intercept",
    "predict_proba",
    "predict",
    "bce_from_logits",
    "loss",
    "gradient",
    "safe_learning_rate",
    "GDResult",
    "gradient_descent",
    "LearningRateWarning",
    "LogisticRegressionGD",
]


# --------------------------------------------------------------------------------------------------------------
# The model: a linear score squashed into a probability
# --------------------------------------------------------------------------------------------------------------
def sigmoid(z):
    """The logistic function sigma(z) = 1 / (1 + e^(-z)), computed without overflow.

    The naive formula overflows for z < -709 (``np.exp(-z)`` exceeds the largest float). Here ``e`` is only
    ever raised to ``-|z| <= 0``, so it lies in (0, 1]: ``s = e^(-|z|) / (1 + e^(-|z|))`` is sigma(-|z|),
    accurate even when it is tiny, and sigma(|z|) is ``1 - s``. Because of that last step,
    ``sigmoid(z) + sigmoid(-z) == 1`` holds exactly in floating point, not just approximately.

    Parameters
    ----------
    z : float or array_like of any shape
        Logits (linear scores). Any finite or infinite float64, e.g. +-1e308.

    Returns
    -------
    p : float or ndarray of the same shape as ``z``
        Probabilities in [0, 1] (values closer to 0 or 1 than a float can show round to 0 or 1).
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    small = e / (1.0 + e)  # sigma(-|z|)
    p = np.where(z < 0, small, 1.0 - small)
    return p[()]  # a float for a scalar input, an array otherwise


def add_intercept(X):
    """Prepend a column of ones to ``X``, so that the intercept becomes the weight ``w[0]``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)

    Returns
    -------
    X_b : ndarray of shape (n_samples, n_features + 1)
        ``X_b[:, 0] == 1`` and ``X_b[:, 1:] == X``.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (n_samples, n_features); got an array of shape {X.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    return np.hstack([np.ones((X.shape[0], 1)), X])


def predict_proba(X_b, w):
    """Probability of class 1 for each sample: p = sigma(X_b @ w).

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
        Features with the intercept column of ones first.
    w : array_like of shape (n_features + 1,)
        Weights, ``w[0]`` being the intercept.

    Returns
    -------
    p : ndarray of shape (n_samples,)
    """
    X_b, w = _check_X_b_w(X_b, w)
    return sigmoid(X_b @ w)


def predict(X_b, w, threshold=0.5):
    """Class labels 0/1: 1 where the probability of class 1 reaches ``threshold``.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
    w : array_like of shape (n_features + 1,)
    threshold : float in [0, 1], default=0.5
        With 0.5 the boundary is the set of points where ``X_b @ w == 0``.

    Returns
    -------
    y_pred : ndarray of int of shape (n_samples,)
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be a probability in [0, 1]; got {threshold!r}.")
    return (predict_proba(X_b, w) >= threshold).astype(int)


# --------------------------------------------------------------------------------------------------------------
# The loss and its gradient
# --------------------------------------------------------------------------------------------------------------
def bce_from_logits(z, y):
    """Binary cross-entropy of each sample, computed from its logit ``z`` rather than from p = sigma(z).

    The textbook form is ``-[y log p + (1 - y) log(1 - p)]``; it takes log(0) = -inf once p rounds to 0 or 1.
    In terms of z the two cases are ``log(1 + e^(-z))`` for y = 1 and ``log(1 + e^z)`` for y = 0, i.e.
    ``log(1 + e^(s z))`` with s = 1 - 2y, which ``np.logaddexp(0, s z)`` evaluates exactly for every z.

    Parameters
    ----------
    z : array_like of shape (n_samples,)
        Logits.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.

    Returns
    -------
    losses : ndarray of shape (n_samples,)
        Non-negative and finite for finite z.
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return np.logaddexp(0.0, (1.0 - 2.0 * y) * z)


def loss(X_b, y, w, alpha=0.0):
    """Mean binary cross-entropy plus an L2 penalty that leaves the intercept alone.

    L(w) = (1/n) sum_i bce(z_i, y_i) + alpha/2 * ||w[1:]||^2,  with z = X_b @ w.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
        Features with the intercept column of ones first.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    w : array_like of shape (n_features + 1,)
        Weights, ``w[0]`` being the intercept.
    alpha : float >= 0, default=0.0
        L2 strength. scikit-learn's ``LogisticRegression(C=C)`` minimises the same objective with
        ``alpha = 1 / (C * n_samples)`` (its objective is ours times ``C * n_samples``).

    Returns
    -------
    loss : float
    """
    X_b, y, w = _check_problem(X_b, y, w)
    alpha = _check_alpha(alpha)
    return _loss_from_logits(X_b @ w, y, w, alpha)


def gradient(X_b, y, w, alpha=0.0):
    """Gradient of ``loss`` with respect to the weights: X_b^T (sigma(X_b @ w) - y) / n + alpha * [0, w[1:]].

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    w : array_like of shape (n_features + 1,)
    alpha : float >= 0, default=0.0

    Returns
    -------
    grad : ndarray of shape (n_features + 1,)
    """
    X_b, y, w = _check_problem(X_b, y, w)
    alpha = _check_alpha(alpha)
    return _gradient_from_proba(X_b, y, w, sigmoid(X_b @ w), alpha)


def safe_learning_rate(X_b, alpha=0.0):
    """The step size 1/L, where L bounds how fast the gradient can change (its Lipschitz constant).

    The loss's curvature is at most L = sigma_max(X_b)^2 / (4 n) + alpha (the sigmoid's slope is at most 1/4).
    Gradient descent with ``learning_rate < 2/L`` lowers the loss at every step, and ``1/L`` gives the largest
    decrease that the bound guarantees; beyond ``2/L`` it can zig-zag or climb.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
    alpha : float >= 0, default=0.0

    Returns
    -------
    learning_rate : float
    """
    X_b = _check_X_b(X_b)
    alpha = _check_alpha(alpha)
    # sigma_max(X_b)^2 is the largest eigenvalue of the smaller Gram matrix: ten times faster than an SVD.
    gram = X_b.T @ X_b if X_b.shape[0] >= X_b.shape[1] else X_b @ X_b.T
    largest_eigenvalue = np.linalg.eigvalsh(gram)[-1]
    return 1.0 / (largest_eigenvalue / (4.0 * X_b.shape[0]) + alpha)


def _loss_from_logits(z, y, w, alpha):
    data_term = np.mean(bce_from_logits(z, y))
    return float(data_term + 0.5 * alpha * np.dot(w[1:], w[1:]))


def _gradient_from_proba(X_b, y, w, p, alpha):
    grad = X_b.T @ (p - y) / X_b.shape[0]
    grad[1:] += alpha * w[1:]
    return grad


# --------------------------------------------------------------------------------------------------------------
# Training: gradient descent, recording every step for the animations
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GDResult:
    """What ``gradient_descent`` returns: the whole path of the weights and of the loss.

    Attributes
    ----------
    weights : ndarray of shape (n_steps + 1, n_features + 1)
        ``weights[0]`` is the starting point ``w0``; ``weights[-1]`` the final weights.
    losses : ndarray of shape (n_steps + 1,)
        ``losses[i] == loss(X_b, y, weights[i], alpha)``.
    converged : bool
        True if training stopped because an iteration lowered the loss by less than ``tol``.
    """

    weights: np.ndarray
    losses: np.ndarray
    converged: bool = False

    @property
    def n_steps(self):
        """Number of updates made (``len(losses) - 1``)."""
        return len(self.losses) - 1

    @property
    def final_weights(self):
        """The weights after the last update, shape (n_features + 1,)."""
        return self.weights[-1]


def gradient_descent(X_b, y, w0, learning_rate, n_iter, alpha=0.0, tol=None):
    """Minimise ``loss`` by plain gradient descent, w <- w - learning_rate * gradient(w), recording each step.

    Each iteration computes the logits z = X_b @ w once and uses them for both the loss and the gradient, so
    recording the history costs no extra pass over the data.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
        Features with the intercept column of ones first.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    w0 : array_like of shape (n_features + 1,)
        Starting weights.
    learning_rate : float > 0
        Step size (eta). ``safe_learning_rate(X_b, alpha)`` gives one that never makes the loss rise.
    n_iter : int >= 1
        Largest number of updates.
    alpha : float >= 0, default=0.0
        L2 strength (see ``loss``).
    tol : float >= 0 or None, default=None
        If given, stop as soon as an update lowers the loss by less than ``tol`` (this includes an update
        that raises it). None runs all ``n_iter`` updates.

    Returns
    -------
    result : GDResult
        ``result.weights`` of shape (n_steps + 1, n_features + 1) and ``result.losses`` of shape
        (n_steps + 1,), row 0 being the start; ``result.converged`` says whether ``tol`` stopped it.

    Raises
    ------
    FloatingPointError
        If the loss stops being a finite number (only with an absurdly large learning rate): the message
        names the iteration and the learning rate, instead of letting NaN weights through.
    """
    X_b, y, w = _check_problem(X_b, y, w0, w_name="w0")
    learning_rate = _check_learning_rate(learning_rate)
    n_iter = _check_n_iter(n_iter, name="n_iter")
    alpha = _check_alpha(alpha)
    tol = _check_tol(tol)

    n_features_b = X_b.shape[1]
    weights = np.empty((n_iter + 1, n_features_b))
    losses = np.empty(n_iter + 1)
    sign = 1.0 - 2.0 * y  # bce(z, y) = log(1 + e^(sign * z))
    w = w.copy()
    step, converged = 0, False
    # An absurd learning rate makes the weights or logits overflow; instead of a RuntimeWarning and NaN
    # weights, the non-finite loss this produces is caught below and reported as a FloatingPointError.
    with np.errstate(over="ignore", invalid="ignore"):
        while True:
            z = X_b @ w  # the one pass over the data for the loss (matrix-vector product 1 of 2)
            e = np.exp(-np.abs(z))  # shared by the loss and the sigmoid; never overflows
            # log(1 + e^(s z)) = max(s z, 0) + log(1 + e^(-|z|)), exactly bce_from_logits
            data_term = np.mean(np.maximum(sign * z, 0.0) + np.log1p(e))
            losses[step] = data_term + 0.5 * alpha * np.dot(w[1:], w[1:])
            weights[step] = w
            if not np.isfinite(losses[step]):
                raise FloatingPointError(
                    f"The loss became {losses[step]} at iteration {step}: the weights overflowed. "
                    f"learning_rate={learning_rate:g} is far too large; try one near "
                    f"safe_learning_rate(X_b, alpha) = {safe_learning_rate(X_b, alpha):.3g}."
                )
            if tol is not None and step > 0 and losses[step - 1] - losses[step] < tol:
                converged = True
                break
            if step == n_iter:
                break
            small = e / (1.0 + e)
            p = np.where(z < 0, small, 1.0 - small)  # sigmoid(z), from the same e
            w = w - learning_rate * _gradient_from_proba(X_b, y, w, p, alpha)  # product 2 of 2 inside
            step += 1
    return GDResult(weights=weights[: step + 1].copy(), losses=losses[: step + 1].copy(), converged=converged)


class LearningRateWarning(UserWarning):
    """Issued by ``LogisticRegressionGD.fit`` when the loss rose during training: the step is too large."""


# --------------------------------------------------------------------------------------------------------------
# The scikit-learn estimator
# --------------------------------------------------------------------------------------------------------------
class LogisticRegressionGD(ClassifierMixin, BaseEstimator):
    """Binary logistic regression trained by plain gradient descent, as a scikit-learn classifier.

    It minimises ``loss`` (mean binary cross-entropy + alpha/2 ||coef||^2), so it works with every
    scikit-learn tool: metrics, pipelines, cross-validation, ``DecisionBoundaryDisplay``,
    ``OneVsRestClassifier``.

    Parameters
    ----------
    learning_rate : float > 0 or "auto", default=0.1
        Step size of gradient descent. "auto" uses ``safe_learning_rate`` on the training data, a step
        that never raises the loss.
    max_iter : int >= 1, default=1000
        Largest number of updates.
    tol : float >= 0 or None, default=None
        Stop once an update lowers the loss by less than ``tol``. None runs all ``max_iter`` updates.
    alpha : float >= 0, default=0.0
        L2 strength; ``alpha = 1 / (C * n_samples)`` matches scikit-learn's ``LogisticRegression(C=C)``.
    init : {"zeros", "uniform"}, default="zeros"
        Starting weights: all zero, or drawn uniformly from [0, 1) (as in tutorial A) using ``random_state``.
    random_state : int, RandomState instance or None, default=None
        Seed for ``init="uniform"``.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels; ``classes_[1]`` is the "positive" class whose probability the model computes.
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
        Number of updates made.
    loss_curve_ : ndarray of shape (n_iter_ + 1,)
        The loss before training and after each update.
    weights_history_ : ndarray of shape (n_iter_ + 1, n_features + 1)
        The weights (intercept first) before training and after each update: what the animations replay.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features,)
        Only when X has feature names (a pandas DataFrame).
    """

    def __init__(self, learning_rate=0.1, max_iter=1000, tol=None, alpha=0.0, init="zeros", random_state=None):
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.alpha = alpha
        self.init = init
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def fit(self, X, y):
        """Learn the weights from ``X`` (without a column of ones) and any two labels ``y``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
            Exactly two distinct labels (numbers or strings).

        Returns
        -------
        self : LogisticRegressionGD
        """
        max_iter = _check_n_iter(self.max_iter, name="max_iter")
        alpha = _check_alpha(self.alpha)
        tol = _check_tol(self.tol)
        if self.init not in ("zeros", "uniform"):
            raise ValueError(f'init must be "zeros" or "uniform"; got {self.init!r}.')
        X, y = validate_data(self, X, y, dtype=np.float64, ensure_all_finite=False)
        _check_finite(X, "X")  # our message says what to do about an infinity, not only about NaN
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(
                f"Only binary classification is supported. LogisticRegressionGD needs y with exactly two classes; got "
                f"{len(self.classes_)} ({'one class' if len(self.classes_) == 1 else 'more than two'}: "
                f"{_preview(self.classes_)}). For more classes wrap it in sklearn.multiclass.OneVsRestClassifier."
            )
        X_b = add_intercept(X)
        if isinstance(self.learning_rate, str) and self.learning_rate == "auto":
            learning_rate = safe_learning_rate(X_b, alpha)
        else:
            learning_rate = _check_learning_rate(self.learning_rate)
        if self.init == "zeros":
            w0 = np.zeros(X_b.shape[1])
        else:
            w0 = check_random_state(self.random_state).uniform(0.0, 1.0, size=X_b.shape[1])

        result = gradient_descent(X_b, y01.astype(np.float64), w0, learning_rate, max_iter, alpha=alpha, tol=tol)

        self.intercept_ = result.final_weights[:1].copy()
        self.coef_ = result.final_weights[1:][np.newaxis, :].copy()
        self.n_iter_ = result.n_steps
        self.loss_curve_ = result.losses
        self.weights_history_ = result.weights
        self._warn_about_training(result, learning_rate, tol)
        return self

    def decision_function(self, X):
        """The logit z = X @ coef_.T + intercept_ of each sample; positive means ``classes_[1]``.

        Returns
        -------
        z : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False, ensure_all_finite=False)
        _check_finite(X, "X")
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        """Probabilities of ``classes_[0]`` and ``classes_[1]``.

        Returns
        -------
        proba : ndarray of shape (n_samples, 2)
            Rows sum to exactly 1.
        """
        z = self.decision_function(X)
        return np.column_stack([sigmoid(-z), sigmoid(z)])

    def predict_log_proba(self, X):
        """Natural logarithm of ``predict_proba``, computed from the logits (finite where p rounds to 0).

        Returns
        -------
        log_proba : ndarray of shape (n_samples, 2)
        """
        z = self.decision_function(X)
        return -np.column_stack([np.logaddexp(0.0, z), np.logaddexp(0.0, -z)])

    def predict(self, X):
        """The more probable label of each sample (``classes_[1]`` where its probability is >= 0.5).

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        z = self.decision_function(X)
        return self.classes_[(z >= 0.0).astype(int)]

    def _warn_about_training(self, result, learning_rate, tol):
        rises = np.diff(result.losses) > 1e-9 * np.abs(result.losses[:-1])
        if np.any(rises):
            first = int(np.argmax(rises))
            warnings.warn(
                f"The loss rose during training ({np.count_nonzero(rises)} of {result.n_steps} updates; first at "
                f"iteration {first + 1}, from {result.losses[first]:.6g} to {result.losses[first + 1]:.6g}): "
                f"learning_rate={learning_rate:g} is too large for this data. Try a smaller one, "
                f'learning_rate="auto", or scale the features (StandardScaler).',
                LearningRateWarning,
                stacklevel=3,
            )
        if tol is not None and not result.converged:
            warnings.warn(
                f"Gradient descent did not converge: after max_iter={result.n_steps} updates the loss still "
                f"falls by more than tol={tol:g} per update. Increase max_iter, or raise the learning rate.",
                ConvergenceWarning,
                stacklevel=3,
            )


# --------------------------------------------------------------------------------------------------------------
# Input checks: one clear ValueError per mistake, saying what to fix
# --------------------------------------------------------------------------------------------------------------
def _check_X_b(X_b):
    X_b = np.asarray(X_b, dtype=np.float64)
    if X_b.ndim != 2:
        raise ValueError(
            f"X_b must be a 2-D array of shape (n_samples, n_features + 1); got shape {X_b.shape}. "
            "Build it with add_intercept(X)."
        )
    if X_b.shape[0] == 0:
        raise ValueError("X_b is empty (0 samples): training and prediction need at least one sample.")
    _check_finite(X_b, "X_b")
    return X_b


def _check_finite(X, name):
    if not np.all(np.isfinite(X)):
        raise ValueError(
            f"{name} contains {np.count_nonzero(~np.isfinite(X))} NaN or infinite value(s); "
            "remove or impute them first (e.g. sklearn.impute.SimpleImputer)."
        )


def _check_X_b_w(X_b, w, w_name="w"):
    X_b = _check_X_b(X_b)
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (X_b.shape[1],):
        raise ValueError(
            f"{w_name} must have shape ({X_b.shape[1]},), one weight per column of X_b (intercept first); "
            f"got shape {w.shape}."
        )
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{w_name} contains NaN or infinite values.")
    return X_b, w


def _check_problem(X_b, y, w, w_name="w"):
    X_b, w = _check_X_b_w(X_b, w, w_name)
    y = np.asarray(y, dtype=np.float64) if np.asarray(y).dtype.kind in "biuf" else np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be a 1-D array of shape (n_samples,); got shape {y.shape}.")
    if y.shape[0] != X_b.shape[0]:
        raise ValueError(f"X_b and y have different lengths: {X_b.shape[0]} samples but {y.shape[0]} labels.")
    if y.dtype.kind != "f" or not np.all((y == 0) | (y == 1)):
        raise ValueError(
            f"y must hold labels 0 and 1 only; got {_preview(np.unique(y))}. "
            "Map your labels first, e.g. y01 = (y == positive_label).astype(float), "
            "or use LogisticRegressionGD, which accepts any two labels."
        )
    return X_b, y, w


def _check_learning_rate(learning_rate):
    if (
        not isinstance(learning_rate, numbers.Real)
        or isinstance(learning_rate, bool)
        or not np.isfinite(learning_rate)
        or learning_rate <= 0
    ):
        raise ValueError(f"learning_rate must be a positive number; got {learning_rate!r}.")
    return float(learning_rate)


def _check_n_iter(n_iter, name):
    if not isinstance(n_iter, numbers.Integral) or isinstance(n_iter, bool) or n_iter < 1:
        raise ValueError(f"{name} must be a whole number >= 1; got {n_iter!r}.")
    return int(n_iter)


def _check_alpha(alpha):
    if not isinstance(alpha, numbers.Real) or not np.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha (the L2 strength) must be a number >= 0; got {alpha!r}.")
    return float(alpha)


def _check_tol(tol):
    if tol is None:
        return None
    if not isinstance(tol, numbers.Real) or not np.isfinite(tol) or tol < 0:
        raise ValueError(f"tol must be None or a number >= 0; got {tol!r}.")
    return float(tol)


def _preview(values, most=5):
    values = list(values)
    shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values[:most])
    return f"[{shown}{', ...' if len(values) > most else ''}]"
