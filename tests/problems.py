"""Problems shared by the tests of the core: random data, property strategies, a no-warnings context."""

import contextlib
import warnings

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.special import expit
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler

from logreg_core import add_intercept

# Timing varies on a shared CI machine: no per-example deadline.
PROPERTY = settings(deadline=None, max_examples=150)

any_float = st.floats(allow_nan=False, allow_infinity=True, width=64)
finite_float = st.floats(allow_nan=False, allow_infinity=False, width=64)
# |z| < 700: where the textbook formula 1 / (1 + e^(-z)) neither overflows nor divides by infinity.
moderate_float = st.floats(min_value=-700.0, max_value=700.0, allow_nan=False)


@st.composite
def problems(draw, max_samples=12, max_features=4, bound=3.0):
    """A small logistic-regression problem: X_b (with its column of ones), labels 0/1, weights and alpha."""
    n = draw(st.integers(1, max_samples))
    k = draw(st.integers(1, max_features))
    entries = st.floats(-bound, bound, allow_nan=False)
    X = draw(hnp.arrays(np.float64, (n, k), elements=entries))
    y = draw(hnp.arrays(np.float64, (n,), elements=st.sampled_from([0.0, 1.0])))
    w = draw(hnp.arrays(np.float64, (k + 1,), elements=entries))
    alpha = draw(st.floats(0.0, 2.0))
    return add_intercept(X), y, w, alpha


@contextlib.contextmanager
def no_warnings():
    """Turn every warning into an error inside the block, whatever the pytest configuration."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def random_problem(seed, n=40, k=3, scale=1.0):
    rng = np.random.default_rng(seed)
    X = scale * rng.standard_normal((n, k))
    y = (rng.random(n) < expit(X @ rng.standard_normal(k))).astype(float)
    return add_intercept(X), y


def standardised_breast_cancer():
    X, y = load_breast_cancer(return_X_y=True)
    return add_intercept(StandardScaler().fit_transform(X)), y.astype(float)


