"""Checks for the exercises of notebook 09 (draw your own data, and bend the boundary).

``check_circle_features(my_circle_features)``            Exercise 1: the feature map (x1², x2²) for circles
``check_n_polynomial_features(my_n_polynomial_features)`` Exercise 2: how many features PolynomialFeatures makes
``check_choose_alpha(my_choose_alpha)``                   Exercise 3: the L2 strength chosen on validation data

The right answers come from the definitions, from scikit-learn (``PolynomialFeatures`` counts its own features)
and from fitting ``logreg_viz.draw.polynomial_model``, the model of the notebook. A wrong answer is compared with
the usual mistakes (a sum instead of two columns, the constant counted as a feature, choosing by training
accuracy, ...) and the check names the one it recognises.
"""

import numbers

import numpy as np
from sklearn.preprocessing import PolynomialFeatures

from logreg_estimator import LogisticRegressionGD
from logreg_exercises import diagnose, run_check
from logreg_data import make_dataset, polynomial_model

__all__ = ["check_circle_features", "check_n_polynomial_features", "check_choose_alpha"]


# ----------------------------------------------------------------------------------------------------------------
# Exercise 1: the feature map of a circle
# ----------------------------------------------------------------------------------------------------------------
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


def _check_circle_accuracy(student_circle_features):
    X_train, y_train = make_dataset("circles", 200, random_state=3)
    X_new, y_new = make_dataset("circles", 1000, random_state=4)
    model = LogisticRegressionGD(learning_rate="auto", max_iter=1000)
    model.fit(np.asarray(student_circle_features(X_train.copy())), y_train)
    accuracy = model.score(np.asarray(student_circle_features(X_new.copy())), y_new)
    if accuracy <= 0.95:
        return f"with these features our estimator reaches only {accuracy:.1%} on 1000 new circle points (> 95% needed)"
    return None


def check_circle_features(student_circle_features):
    """Exercise 1: ``student_circle_features(X)`` returns the columns x1², x2² (shape (n, 2)) for X of shape (n, 2),
    and with them ``LogisticRegressionGD`` classifies new circle points with more than 95% accuracy.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        ("three points",
         _check_features_of([[1.0, 2.0], [-3.0, 0.5], [0.0, -0.25]], "X = [[1, 2], [-3, 0.5], [0, -0.25]]")),
        ("the circles preset", _check_features_of(make_dataset("circles", 20, random_state=1)[0], "20 circle points")),
        ("accuracy on new points", _check_circle_accuracy),
    ]
    return run_check("Exercise 1, features for a circle", student_circle_features, cases)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 2: how many polynomial features
# ----------------------------------------------------------------------------------------------------------------
def _count(n_inputs, degree):
    """What scikit-learn makes: PolynomialFeatures(degree, include_bias=False) on n_inputs columns."""
    return int(PolynomialFeatures(degree, include_bias=False).fit(np.zeros((1, n_inputs))).n_output_features_)


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


def _check_count(n_inputs, degree):
    def test(student_n_polynomial_features):
        got = student_n_polynomial_features(n_inputs, degree)
        expected = _count(n_inputs, degree)
        where = f"n_inputs={n_inputs}, degree={degree}"
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            return f"return a number, not {got!r} ({where})"
        mistakes = [(wrong, f"got {got!r}, expected {expected} ({where}): {message}")
                    for wrong, message in _count_mistakes(n_inputs, degree)]
        return diagnose(got, expected, mistakes, f"got {got!r}, expected {expected} ({where}; scikit-learn's PolynomialFeatures makes {expected})",
                        rtol=0, atol=0)

    return test


def check_n_polynomial_features(student_n_polynomial_features):
    """Exercise 2: ``student_n_polynomial_features(n_inputs, degree)`` is the number of features that
    ``PolynomialFeatures(degree, include_bias=False)`` makes from ``n_inputs`` columns.

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        (f"{n} input{'s' if n > 1 else ''}, degree {d}", _check_count(n, d))
        # (2, 2) first: there the usual mistakes give four different wrong counts, so the message can name each
        for n, d in [(2, 2), (3, 4), (2, 1), (2, 3), (2, 10), (1, 5), (3, 2), (30, 3)]
    ]
    return run_check("Exercise 2, counting polynomial features", student_n_polynomial_features, cases)


# ----------------------------------------------------------------------------------------------------------------
# Exercise 3: choosing the L2 strength on validation data
# ----------------------------------------------------------------------------------------------------------------
ALPHAS_TO_TRY = (0.0, 0.001, 0.01, 0.1, 1.0)


def _choose_alpha_case(train_seed, validation_seed, degree):
    X_train, y_train = make_dataset("circles", 30, noise=0.25, random_state=train_seed)
    X_val, y_val = make_dataset("circles", 200, noise=0.25, random_state=validation_seed)
    where = f"degree {degree}, 30 training points (seed {train_seed}), 200 validation points"

    def test(student_choose_alpha):
        alphas = list(ALPHAS_TO_TRY)
        got = student_choose_alpha(X_train.copy(), y_train.copy(), X_val.copy(), y_val.copy(), degree, alphas)
        if alphas != list(ALPHAS_TO_TRY):
            return "it changed the list alphas; leave the inputs as they are"
        models = [polynomial_model(degree, alpha).fit(X_train, y_train) for alpha in ALPHAS_TO_TRY]
        validation = [model.score(X_val, y_val) for model in models]
        training = [model.score(X_train, y_train) for model in models]
        expected = ALPHAS_TO_TRY[int(np.argmax(validation))]
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            return f"return one of the alphas (a number), not {got!r} ({where})"
        if got == expected:
            return None
        if got == ALPHAS_TO_TRY[int(np.argmax(training))]:
            return (f"it chose α = {got}, the best on the training points; choose by validation accuracy, which "
                    f"gives α = {expected} ({where})")
        if got not in ALPHAS_TO_TRY and (got in validation or got in training):
            return f"it returns an accuracy ({got}); return the α that reaches the best one ({where})"
        if isinstance(got, numbers.Integral) and got not in ALPHAS_TO_TRY and 0 < got < len(ALPHAS_TO_TRY):
            return f"it returns the position {got} in alphas; return the value alphas[{got}] itself ({where})"
        scores = ", ".join(f"α = {a:g}: {v:.1%}" for a, v in zip(ALPHAS_TO_TRY, validation))
        return f"expected α = {expected}, got {got!r} ({where}); validation accuracies {scores}"

    return test


def check_choose_alpha(student_choose_alpha):
    """Exercise 3: ``student_choose_alpha(X_train, y_train, X_val, y_val, degree, alphas)`` fits
    ``polynomial_model(degree, alpha)`` on the training points for each alpha and returns the alpha with the best
    accuracy on the validation points (the first of them, if several tie).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns True if every case passed.
    """
    cases = [
        ("the notebook's 30 noisy points", _choose_alpha_case(8, 5, 10)),
        ("another sample", _choose_alpha_case(3, 9, 10)),
    ]
    return run_check("Exercise 3, choosing α on validation data", student_choose_alpha, cases)
