"""Checks for the exercises of notebook 12 (draw your own data: new features for a line).

``check_circle_features(circle_features)``             1 point: the feature map (x1², x2²) for circles
``check_n_polynomial_features(n_polynomial_features)`` 2 points: how many features PolynomialFeatures makes

Each check takes ``hidden=False``; ``hidden=True`` (the autograder's hidden tests) runs other cases and prints
nothing when they pass. The hidden run of ``check_n_polynomial_features`` also switches scikit-learn's
``PolynomialFeatures`` off while the student's function runs: the exercise is to count, not to ask scikit-learn.
The right answers come from the definitions and from scikit-learn (``PolynomialFeatures`` counts its own
features). A wrong answer is compared with the usual mistakes (a sum instead of two columns, the constant counted
as a feature, ...) and the check names the one it recognises.

``reference_circle_features`` and ``reference_n_polynomial_features`` are what the notebook's later cells use
while an exercise is still a stub (``logreg_exercises.yours_or``).
"""

import contextlib
import inspect
import numbers

import numpy as np
import sklearn.preprocessing
from sklearn.preprocessing import PolynomialFeatures

from logreg_data import make_dataset
from logreg_estimator import LogisticRegressionGD
from logreg_exercises import diagnose
from logreg_exercises._hidden import check

__all__ = ["check_circle_features", "check_n_polynomial_features", "reference_circle_features",
           "reference_n_polynomial_features"]


# ----------------------------------------------------------------------------------------------------------------
# circle_features(X): the feature map of a circle
# ----------------------------------------------------------------------------------------------------------------
def reference_circle_features(X):
    """The columns x1² and x2², shape (n, 2)."""
    return np.asarray(X, dtype=np.float64) ** 2


def _circle_mistakes(X):
    x1, x2 = X[:, 0], X[:, 1]
    return [
        (X * 2, "it doubles the coordinates; square them instead (x ** 2)"),
        (np.column_stack([x1**2, x2]), "x2 is not squared"),
        (np.column_stack([x1, x2**2]), "x1 is not squared"),
        (np.column_stack([x1, x2]), "these are the coordinates themselves, not their squares"),
        (np.column_stack([x1 * x2, x1 * x2]), "x1·x2 is the feature of XOR; a circle needs x1² and x2²"),
        (np.sqrt(np.abs(X)), "that is a square root; square the coordinates instead (x ** 2)"),
    ]


def _check_features_of(X, where):
    X = np.asarray(X, dtype=float)

    def test(student_circle_features):
        given = X.copy()
        got = student_circle_features(given)
        if not np.array_equal(given, X):
            return "it changed its input X in place; return a new array instead (e.g. X ** 2)"
        got = np.asarray(got, dtype=float)
        expected = X**2
        if got.shape == expected.shape and np.allclose(got, expected):
            return None
        squared_radius = (X**2).sum(axis=1)
        if got.size == len(X) and np.allclose(got.ravel(), squared_radius):
            return ("it returns one feature, x1² + x2²: that separates circles too, but the exercise asks for the "
                    f"two columns x1² and x2², shape ({len(X)}, 2)")
        if got.shape == expected.T.shape and np.allclose(got, expected.T):
            return f"wrong shape {got.shape}: one row per point, i.e. shape ({len(X)}, 2); transpose it"
        if got.shape != expected.shape:
            return f"wrong shape {got.shape} for X of shape {X.shape} ({where}): return shape ({len(X)}, 2)"
        return diagnose(got, expected, _circle_mistakes(X),
                        f"expected the columns x1², x2² ({where}); got {np.round(got[:3], 3).tolist()} for the first "
                        "rows", rtol=1e-5, atol=1e-8, where=where)

    return test


def _circle_accuracy(train_seed, new_seed):
    def test(student_circle_features):
        X_train, y_train = make_dataset("circles", 200, random_state=train_seed)
        X_new, y_new = make_dataset("circles", 1000, random_state=new_seed)
        model = LogisticRegressionGD(learning_rate="auto", max_iter=1000)
        model.fit(np.asarray(student_circle_features(X_train.copy())), y_train)
        accuracy = model.score(np.asarray(student_circle_features(X_new.copy())), y_new)
        if accuracy <= 0.95:
            return (f"with these features our estimator reaches only {accuracy:.1%} on 1000 new circle points "
                    "(> 95% needed)")
        return None

    return test


def check_circle_features(student_circle_features, hidden=False):
    """``student_circle_features(X)`` returns the columns x1², x2² (shape (n, 2)) for X of shape (n, 2), and with
    them ``LogisticRegressionGD`` classifies new circle points with more than 95% accuracy.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if every case passed;
    ``hidden=True`` runs other cases, silently when they pass.
    """
    if hidden:
        rng = np.random.default_rng(12)
        cases = [
            ("one point", _check_features_of([[-1.5, 0.75]], "X = [[-1.5, 0.75]]")),
            ("seven random points", _check_features_of(rng.normal(size=(7, 2)) * 3, "7 random points")),
            ("the circles preset", _check_features_of(make_dataset("circles", 33, random_state=9)[0],
                                                      "33 circle points")),
            ("accuracy on new points", _circle_accuracy(5, 6)),
        ]
    else:
        cases = [
            ("three points",
             _check_features_of([[1.0, 2.0], [-3.0, 0.5], [0.0, -0.25]], "X = [[1, 2], [-3, 0.5], [0, -0.25]]")),
            ("the circles preset", _check_features_of(make_dataset("circles", 20, random_state=1)[0],
                                                      "20 circle points")),
            ("accuracy on new points", _circle_accuracy(3, 4)),
        ]
    return check("circle_features", student_circle_features, cases, hidden, needs_return=True)


# ----------------------------------------------------------------------------------------------------------------
# n_polynomial_features(n_inputs, degree): how many polynomial features
# ----------------------------------------------------------------------------------------------------------------
def _count(n_inputs, degree):
    """What scikit-learn makes: PolynomialFeatures(degree, include_bias=False) on n_inputs columns."""
    return int(PolynomialFeatures(degree, include_bias=False).fit(np.zeros((1, n_inputs))).n_output_features_)


def reference_n_polynomial_features(n_inputs, degree):
    """The number of features ``PolynomialFeatures(degree, include_bias=False)`` makes from ``n_inputs`` columns."""
    return _count(n_inputs, degree)


class _SwitchedOff:
    """Stands in for scikit-learn's PolynomialFeatures while a hidden check runs the student's count."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError("PolynomialFeatures is switched off in this check: count the monomials yourself "
                           "(math.comb)")


@contextlib.contextmanager
def _without_polynomial_features(function):
    """Replace PolynomialFeatures in scikit-learn and in the globals of ``function`` (the notebook's namespace)."""
    modules = [sklearn.preprocessing, getattr(sklearn.preprocessing, "_polynomial", None)]
    names = getattr(inspect.unwrap(function), "__globals__", {})
    saved = [(module, getattr(module, "PolynomialFeatures")) for module in modules if module is not None]
    saved_names = {name: value for name, value in names.items() if value is PolynomialFeatures}
    try:
        for module, _ in saved:
            module.PolynomialFeatures = _SwitchedOff
        names.update(dict.fromkeys(saved_names, _SwitchedOff))
        yield
    finally:
        for module, original in saved:
            module.PolynomialFeatures = original
        names.update(saved_names)


def _count_mistakes(n_inputs, degree):
    return [
        (_count(n_inputs, degree) + 1, "one too many: the constant 1 (degree 0) is not a feature here "
                                       "(include_bias=False; the intercept w0 plays its part)"),
        (n_inputs * degree, "that counts only the powers of each input (x1, x1², ...); products such as x1·x2 "
                            "are features too"),
        ((degree + 1) ** n_inputs - 1, "that lets each input have its own power up to the degree, e.g. x1²·x2² for "
                                       "degree 2; the powers of a monomial add up to at most the degree"),
        ((degree + 1) * (degree + 2) // 2 - 1, "that is the count for two inputs; it should depend on n_inputs"),
    ]


def _check_count(n_inputs, degree, switched_off=False):
    def test(student_n_polynomial_features):
        expected = _count(n_inputs, degree)
        if switched_off:
            with _without_polynomial_features(student_n_polynomial_features):
                got = student_n_polynomial_features(n_inputs, degree)
        else:
            got = student_n_polynomial_features(n_inputs, degree)
        where = f"n_inputs={n_inputs}, degree={degree}"
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            return f"return a number, not {got!r} ({where})"
        mistakes = [(wrong, f"got {got!r}, expected {expected} ({where}): {message}")
                    for wrong, message in _count_mistakes(n_inputs, degree)]
        otherwise = f"got {got!r}, expected {expected} ({where}; scikit-learn's PolynomialFeatures makes {expected})"
        return diagnose(got, expected, mistakes, otherwise, rtol=0, atol=0)

    return test


def check_n_polynomial_features(student_n_polynomial_features, hidden=False):
    """``student_n_polynomial_features(n_inputs, degree)`` is the number of features that
    ``PolynomialFeatures(degree, include_bias=False)`` makes from ``n_inputs`` columns.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if every case passed;
    ``hidden=True`` runs other cases, with PolynomialFeatures switched off, silently when they pass.
    """
    # (2, 2) first: there the usual mistakes give four different wrong counts, so the message can name each
    settings = [(4, 3), (5, 5), (7, 2), (10, 4), (1, 1), (3, 7), (12, 3)] if hidden else \
        [(2, 2), (3, 4), (2, 1), (2, 3), (2, 10), (1, 5), (3, 2), (30, 3)]
    cases = [(f"{n} input{'s' if n > 1 else ''}, degree {d}", _check_count(n, d, switched_off=hidden))
             for n, d in settings]
    return check("n_polynomial_features", student_n_polynomial_features, cases, hidden, needs_return=True)
