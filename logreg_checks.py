"""Input checks shared by ``logreg_core`` and ``logreg_estimator``: one clear ValueError per mistake, saying what
to fix. NumPy only; kept apart so that the core reads as the math of the notebooks."""

from __future__ import annotations

import numbers

import numpy as np

# ----------------------------------------------------------------------------------------------------------------
def check_X_b(X_b):
    X_b = np.asarray(X_b, dtype=np.float64)
    if X_b.ndim != 2:
        raise ValueError(f"X_b must be a 2-D array of shape (n_samples, n_features + 1); got shape {X_b.shape}. "
                         "Build it with add_intercept(X).")
    if X_b.shape[0] == 0:
        raise ValueError("X_b is empty (0 samples): training and prediction need at least one sample.")
    check_finite(X_b, "X_b")
    return X_b


def check_finite(X, name):
    """Raise a ValueError that counts the NaN or infinite values of ``X``, if it has any."""
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains {np.count_nonzero(~np.isfinite(X))} NaN or infinite value(s); "
                         "remove or impute them first (e.g. sklearn.impute.SimpleImputer).")


def check_X_b_w(X_b, w, w_name="w"):
    X_b = check_X_b(X_b)
    w = np.array(w, dtype=np.float64)  # a copy: training never changes the caller's array
    if w.shape != (X_b.shape[1],):
        raise ValueError(f"{w_name} must have shape ({X_b.shape[1]},), one weight per column of X_b (intercept "
                         f"first); got shape {w.shape}.")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{w_name} contains NaN or infinite values.")
    return X_b, w


def check_problem(X_b, y, w, w_name="w"):
    X_b, w = check_X_b_w(X_b, w, w_name)
    y = np.asarray(y)
    y = y.astype(np.float64) if y.dtype.kind in "biuf" else y
    if y.ndim != 1:
        raise ValueError(f"y must be a 1-D array of shape (n_samples,); got shape {y.shape}.")
    if y.shape[0] != X_b.shape[0]:
        raise ValueError(f"X_b and y have different lengths: {X_b.shape[0]} samples but {y.shape[0]} labels.")
    if y.dtype.kind != "f" or not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only; got {preview(np.unique(y))}. Map your labels first, "
                         "e.g. y01 = (y == positive_label).astype(float), or use LogisticRegressionGD, which "
                         "accepts any two labels.")
    return X_b, y, w


def check_learning_rate(learning_rate):
    if (not isinstance(learning_rate, numbers.Real) or isinstance(learning_rate, bool)
            or not np.isfinite(learning_rate) or learning_rate <= 0):
        raise ValueError(f"learning_rate must be a positive number; got {learning_rate!r}.")
    return float(learning_rate)


def check_positive_integer(value, name):
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a whole number >= 1; got {value!r}.")
    return int(value)


def check_batch_size(batch_size, n_samples):
    if batch_size is None:
        return n_samples
    if not isinstance(batch_size, numbers.Integral) or isinstance(batch_size, bool) or not 1 <= batch_size <= n_samples:
        raise ValueError(f"batch_size must be None or a whole number from 1 to the number of samples, "
                         f"{n_samples}; got {batch_size!r}.")
    return int(batch_size)


def check_alpha(alpha):
    if not isinstance(alpha, numbers.Real) or not np.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha (the L2 strength) must be a number >= 0; got {alpha!r}.")
    return float(alpha)


def check_tol(tol):
    if tol is not None and (not isinstance(tol, numbers.Real) or not np.isfinite(tol) or tol < 0):
        raise ValueError(f"tol must be None or a number >= 0; got {tol!r}.")
    return None if tol is None else float(tol)


def preview(values, most=5):
    """The first few ``values`` as a short list for an error message: ``[0.0, 1.0, 2.0, ...]``."""
    values = list(values)
    shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values[:most])
    return f"[{shown}{', ...' if len(values) > most else ''}]"
