"""``LogisticRegressionGD``: the gradient descent of ``logreg_core`` as a scikit-learn classifier.

It follows scikit-learn's estimator conventions (the constructor stores its parameters, ``fit`` returns the
estimator, learned attributes end in ``_``), so every scikit-learn tool works with it: metrics, pipelines,
cross-validation, grid search, ``DecisionBoundaryDisplay``, ``OneVsRestClassifier``. Its estimator checks pass.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

import logreg_checks as checks
from logreg_core import (
    LearningRateWarning,
    add_intercept,
    gradient_descent,
    labels_from_scores,
    safe_learning_rate,
    sigmoid,
)

__all__ = ["LogisticRegressionGD", "LearningRateWarning"]


class LogisticRegressionGD(ClassifierMixin, BaseEstimator):
    """Binary logistic regression trained by gradient descent, as a scikit-learn classifier.

    It minimises ``logreg_core.loss`` (mean binary cross-entropy + alpha/2 ||coef||^2) with
    ``logreg_core.gradient_descent``.

    Parameters
    ----------
    learning_rate : float > 0 or "auto", default=0.1
        Step size of gradient descent. "auto" uses ``safe_learning_rate`` on the training data, a step that never
        raises the loss (with all the samples in each update).
    max_iter : int >= 1, default=1000
        Largest number of updates.
    tol : float >= 0 or None, default=None
        Stop once an update lowers the loss by less than ``tol``. None runs all ``max_iter`` updates.
    alpha : float >= 0, default=0.0
        L2 strength; ``alpha = 1 / (C * n_samples)`` matches scikit-learn's ``LogisticRegression(C=C)``.
    init : {"zeros", "uniform"}, default="zeros"
        Starting weights: all zero, or drawn uniformly from [0, 1) using ``random_state`` (as Gianluca Turcatel's
        tutorial "Logistic Regression From Scratch" does).
    random_state : int, RandomState instance or None, default=None
        Seed for ``init="uniform"`` and for the shuffles of minibatches.
    batch_size : int >= 1 or None, default=None
        None: every update uses all the samples (gradient descent). An integer: each update uses the mean gradient
        of one minibatch of that many samples (minibatch stochastic gradient descent; see
        ``logreg_core.gradient_descent``); at most the number of samples.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels; ``classes_[1]`` is the "positive" class whose probability the model computes.
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
        Number of updates made.
    loss_curve_ : ndarray of shape (n_iter_ + 1,)
        The loss on all the training samples before training and after each update.
    weights_history_ : ndarray of shape (n_iter_ + 1, n_features + 1)
        The weights (intercept first) before training and after each update: what the animations replay.
    stop_reason_ : {"n_iter", "tol"}
        Why training stopped (see ``logreg_core.GDResult``).
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features,)
        Only when X has feature names (a pandas DataFrame).
    """

    def __init__(self, learning_rate=0.1, max_iter=1000, tol=None, alpha=0.0, init="zeros", random_state=None,
                 batch_size=None):
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.alpha = alpha
        self.init = init
        self.random_state = random_state
        self.batch_size = batch_size

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def fit(self, X, y):
        """Learn the weights from ``X`` (without a column of ones) and any two labels ``y``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,), exactly two distinct labels (numbers or strings)

        Returns
        -------
        self : LogisticRegressionGD
        """
        max_iter = checks.check_positive_integer(self.max_iter, "max_iter")
        alpha = checks.check_alpha(self.alpha)
        tol = checks.check_tol(self.tol)
        if self.init not in ("zeros", "uniform"):
            raise ValueError(f'init must be "zeros" or "uniform"; got {self.init!r}.')
        X, y = validate_data(self, X, y, dtype=np.float64, ensure_all_finite=False)
        checks.check_finite(X, "X")  # our message says what to do about an infinity, not only about NaN
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(
                f"Only binary classification is supported. LogisticRegressionGD needs y with exactly two classes; "
                f"got {len(self.classes_)} ({'one class' if len(self.classes_) == 1 else 'more than two'}: "
                f"{checks.preview(self.classes_)}). For more classes wrap it in sklearn.multiclass.OneVsRestClassifier."
            )
        batch_size = checks.check_batch_size(self.batch_size, X.shape[0])
        X_b = add_intercept(X)
        if isinstance(self.learning_rate, str) and self.learning_rate == "auto":
            learning_rate = safe_learning_rate(X_b, alpha)
        else:
            learning_rate = checks.check_learning_rate(self.learning_rate)
        rng = check_random_state(self.random_state)
        w0 = np.zeros(X_b.shape[1]) if self.init == "zeros" else rng.uniform(0.0, 1.0, size=X_b.shape[1])
        shuffle_seed = None if batch_size == X.shape[0] else rng.randint(np.iinfo(np.int32).max)

        result = gradient_descent(X_b, y01.astype(np.float64), w0, learning_rate, max_iter, alpha=alpha, tol=tol,
                                  batch_size=batch_size, random_state=shuffle_seed)

        self.intercept_ = result.final_weights[:1].copy()
        self.coef_ = result.final_weights[1:][np.newaxis, :].copy()
        self.n_iter_ = result.n_steps
        self.loss_curve_ = result.losses
        self.weights_history_ = result.weights
        self.stop_reason_ = result.stop_reason
        self._warn_about_training(result, learning_rate, tol, minibatches=batch_size < X.shape[0])
        return self

    def decision_function(self, X):
        """The score z = X @ coef_.T + intercept_ of each sample; positive means ``classes_[1]``.

        Returns
        -------
        z : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False, ensure_all_finite=False)
        checks.check_finite(X, "X")
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        """Probabilities of ``classes_[0]`` and ``classes_[1]``; ndarray of shape (n_samples, 2), rows sum to 1."""
        z = self.decision_function(X)
        return np.column_stack([sigmoid(-z), sigmoid(z)])

    def predict_log_proba(self, X):
        """Natural logarithm of ``predict_proba``, from the scores (finite where p rounds to 0); (n_samples, 2)."""
        z = self.decision_function(X)
        return -np.column_stack([np.logaddexp(0.0, z), np.logaddexp(0.0, -z)])

    def predict(self, X):
        """The label of each sample by ``logreg_core.labels_from_scores``: ``classes_[1]`` where the score is above
        0, ``classes_[0]`` elsewhere (a score of exactly 0 included, as in scikit-learn); shape (n_samples,)."""
        z = self.decision_function(X)
        return self.classes_[labels_from_scores(z)]

    def _warn_about_training(self, result, learning_rate, tol, minibatches):
        # With minibatches the loss on all the data goes up and down by design; only a net rise says "too large".
        too_large = result.losses[-1] > result.losses[0] if minibatches else result.n_rises > 0
        if too_large:
            first = result.rises[0] if result.n_rises else result.n_steps
            warnings.warn(
                f"The loss rose during training ({result.n_rises} of {result.n_steps} updates; first at iteration "
                f"{first}, from {result.losses[first - 1]:.6g} to {result.losses[first]:.6g}): "
                f"learning_rate={learning_rate:g} is too large for this data. Try a smaller one, "
                f'learning_rate="auto", or scale the features (StandardScaler).',
                LearningRateWarning,
                stacklevel=3,
            )
        if tol is not None and result.stop_reason != "tol":
            warnings.warn(
                f"Gradient descent did not converge: after max_iter={result.n_steps} updates the loss still "
                f"falls by more than tol={tol:g} per update. Increase max_iter, or raise the learning rate.",
                ConvergenceWarning,
                stacklevel=3,
            )
