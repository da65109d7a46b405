"""Tests of ``LogisticRegressionGD``: scikit-learn's estimator checks, parity with scikit-learn's own
``LogisticRegression`` on the same objective, its attributes and warnings, and its errors for bad input."""

import warnings

import numpy as np
import pytest
from scipy.special import expit
from sklearn.datasets import load_breast_cancer, load_iris, load_wine, make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from logreg_core import predict as core_predict
from logreg_core import (
    LearningRateWarning,
    add_intercept,
    gradient,
    gradient_descent,
    loss,
    safe_learning_rate,
)
from logreg_estimator import LogisticRegressionGD


def standardised(X):
    return StandardScaler().fit_transform(X)


def breast_cancer(scaled=True):
    X, y = load_breast_cancer(return_X_y=True)
    return (standardised(X) if scaled else X), y


def two_blobs(seed=0, n=60):
    X, y = make_classification(n_samples=n, n_features=2, n_informative=2, n_redundant=0, random_state=seed)
    return X, y


def weights_of(model):
    """The fitted weight vector, intercept first, as ``logreg_core`` functions take it."""
    return np.concatenate([model.intercept_, model.coef_[0]])


# ------------------------------------------------------------------------------------------------------------
# scikit-learn's own estimator checks
# ------------------------------------------------------------------------------------------------------------
# Several checks fit the default estimator (learning_rate=0.1) on unscaled random data on purpose, where the
# loss may rise: the LearningRateWarning is then right, and not a failure of the check.
@pytest.mark.filterwarnings("ignore::logreg_core.LearningRateWarning")
@parametrize_with_checks([LogisticRegressionGD()])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_it_is_tagged_binary_only():
    assert LogisticRegressionGD().__sklearn_tags__().classifier_tags.multi_class is False


# ------------------------------------------------------------------------------------------------------------
# Parity with scikit-learn: the same objective, the same minimum
# ------------------------------------------------------------------------------------------------------------
def binary_subset(loader, classes):
    X, y = loader(return_X_y=True)
    keep = np.isin(y, classes)
    return standardised(X[keep]), y[keep]


def classification(n, k, seed, **kwargs):
    informative = min(k, 3)
    return make_classification(
        n_samples=n, n_features=k, n_informative=informative, n_redundant=0, flip_y=0.1, random_state=seed, **kwargs
    )


def with_string_labels(X, y01):
    return X, np.array(["no", "yes"])[y01]


PARITY_CASES = {
    "breast cancer, C=0.1": (lambda: breast_cancer(), 0.1),
    "breast cancer, C=1": (lambda: breast_cancer(), 1.0),
    "wine classes 0/1, C=0.1": (lambda: binary_subset(load_wine, [0, 1]), 0.1),
    "wine classes 0/1, C=10": (lambda: binary_subset(load_wine, [0, 1]), 10.0),
    "iris versicolor/virginica, C=1": (lambda: binary_subset(load_iris, [1, 2]), 1.0),
    "iris versicolor/virginica, C=10": (lambda: binary_subset(load_iris, [1, 2]), 10.0),
    "200 x 5, C=0.01": (lambda: classification(200, 5, seed=0), 0.01),
    "500 x 20, C=1": (lambda: classification(500, 20, seed=1), 1.0),
    "100 x 50 (k close to n), C=1": (lambda: classification(100, 50, seed=2), 1.0),
    "1000 x 3, C=10": (lambda: classification(1000, 3, seed=3), 10.0),
    "300 x 4 unscaled (x3, shifted), C=1": (lambda: classification(300, 4, seed=4, shift=1.0, scale=3.0), 1.0),
    "string labels, C=1": (lambda: with_string_labels(*classification(150, 3, seed=5)), 1.0),
}


@pytest.mark.parametrize("case", list(PARITY_CASES), ids=list(PARITY_CASES))
def test_reaches_the_objective_of_sklearn_logistic_regression(case):
    make_data, C = PARITY_CASES[case]
    X, y = make_data()
    n = len(y)
    alpha = 1.0 / (C * n)  # sklearn minimises C * sum(bce) + ||coef||^2 / 2 = C * n * (our loss)
    ours = LogisticRegressionGD(learning_rate="auto", max_iter=500_000, tol=1e-15, alpha=alpha).fit(X, y)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=100_000).fit(X, y)

    np.testing.assert_array_equal(ours.classes_, reference.classes_)
    y01 = (y == reference.classes_[1]).astype(float)
    X_b = add_intercept(X)
    our_objective = loss(X_b, y01, weights_of(ours), alpha)
    their_objective = loss(X_b, y01, weights_of(reference), alpha)
    assert our_objective == pytest.approx(their_objective, rel=1e-7)

    # Same predictions, except possibly for a sample lying on the boundary itself (|z| below 1e-6).
    on_the_boundary = np.abs(reference.decision_function(X)) < 1e-6
    agree = ours.predict(X) == reference.predict(X)
    assert np.all(agree | on_the_boundary)
    np.testing.assert_allclose(ours.predict_proba(X), reference.predict_proba(X), atol=1e-3)


# ------------------------------------------------------------------------------------------------------------
# Labels, attributes and methods
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "labels", [(0, 1), (-1, 1), (3, 7), (-2.0, 4.0), ("ham", "spam"), (False, True)], ids=repr
)
def test_any_two_labels_work_and_come_back_from_predict(labels):
    X, y01 = two_blobs()
    y = np.array(labels, dtype=object if isinstance(labels[0], str) else None)[y01]
    model = LogisticRegressionGD(max_iter=200).fit(X, y)
    np.testing.assert_array_equal(model.classes_, np.unique(y))  # sorted; classes_[1] is "positive"
    assert set(model.predict(X)) <= set(labels)
    # The labels only name the classes: the fit is the one on 0/1 with classes_[1] as 1.
    on_01 = LogisticRegressionGD(max_iter=200).fit(X, y01)
    np.testing.assert_array_equal(model.weights_history_, on_01.weights_history_)
    np.testing.assert_array_equal(model.predict(X), np.asarray(labels)[on_01.predict(X)])


def test_string_labels_in_any_order():
    X, y01 = two_blobs(seed=1)
    y = np.where(y01 == 1, "cat", "dog")  # "cat" sorts first, so the positive class is "dog"
    model = LogisticRegressionGD(max_iter=300).fit(X, y)
    np.testing.assert_array_equal(model.classes_, ["cat", "dog"])
    proba = model.predict_proba(X)
    np.testing.assert_array_equal(model.predict(X), np.where(proba[:, 1] >= 0.5, "dog", "cat"))
    assert model.score(X, y) > 0.8


def test_fitted_attributes_have_the_documented_shapes_and_meaning():
    X, y = breast_cancer()
    n, k = X.shape
    alpha = 0.01
    model = LogisticRegressionGD(learning_rate=0.2, max_iter=150, alpha=alpha).fit(X, y)
    assert model.coef_.shape == (1, k) and model.intercept_.shape == (1,)
    assert model.n_iter_ == 150 and model.n_features_in_ == k
    assert model.loss_curve_.shape == (151,)
    assert model.weights_history_.shape == (151, k + 1)
    np.testing.assert_array_equal(model.weights_history_[-1], weights_of(model))
    np.testing.assert_array_equal(model.weights_history_[0], np.zeros(k + 1))  # init="zeros"
    X_b = add_intercept(X)
    expected_curve = [loss(X_b, y, w, alpha) for w in model.weights_history_]
    np.testing.assert_allclose(model.loss_curve_, expected_curve, rtol=1e-13)
    # The history is exactly gradient descent's path from zero.
    path = gradient_descent(X_b, y.astype(float), np.zeros(k + 1), 0.2, 150, alpha=alpha)
    np.testing.assert_array_equal(model.weights_history_, path.weights)


def test_methods_return_the_documented_shapes_and_values():
    X, y = breast_cancer()
    model = LogisticRegressionGD(learning_rate="auto", max_iter=300).fit(X, y)
    z = model.decision_function(X)
    assert z.shape == (len(y),)
    np.testing.assert_allclose(z, X @ model.coef_[0] + model.intercept_[0], rtol=1e-12, atol=1e-12)
    proba = model.predict_proba(X)
    assert proba.shape == (len(y), 2)
    np.testing.assert_array_equal(proba.sum(axis=1), np.ones(len(y)))  # exactly, not just approximately
    np.testing.assert_allclose(proba[:, 1], expit(z), rtol=1e-15)
    np.testing.assert_array_equal(model.predict(X), model.classes_[np.argmax(proba, axis=1)])
    np.testing.assert_allclose(model.predict_log_proba(X), np.log(proba), rtol=1e-12, atol=1e-15)
    assert model.score(X, y) == accuracy_score(y, model.predict(X))
    assert model.score(X, y) > 0.97  # standardised breast cancer is almost separable


def test_predict_log_proba_stays_finite_where_proba_rounds_to_0():
    X, y = two_blobs(seed=2)
    model = LogisticRegressionGD(max_iter=20).fit(X, y)
    far = np.array([[1e6, 1e6], [-1e6, -1e6]])
    assert np.all(np.isin(model.predict_proba(far), [0.0, 1.0]))
    log_proba = model.predict_log_proba(far)
    assert np.all(np.isfinite(log_proba))
    np.testing.assert_allclose(log_proba.min(axis=1), -np.abs(model.decision_function(far)), rtol=1e-12)


def test_auto_learning_rate_is_the_safe_learning_rate():
    X, y = breast_cancer()
    alpha = 0.05
    model = LogisticRegressionGD(learning_rate="auto", max_iter=3, alpha=alpha).fit(X, y)
    X_b = add_intercept(X)
    w0, w1 = model.weights_history_[:2]
    expected = w0 - safe_learning_rate(X_b, alpha) * gradient(X_b, y, w0, alpha)
    np.testing.assert_allclose(w1, expected, rtol=1e-13)
    assert np.all(np.diff(model.loss_curve_) < 0)


def test_tol_stops_training_early():
    X, y = breast_cancer()
    model = LogisticRegressionGD(learning_rate="auto", max_iter=100_000, tol=1e-6).fit(X, y)
    assert model.n_iter_ < 100_000
    assert model.loss_curve_.shape == (model.n_iter_ + 1,)
    assert model.loss_curve_[-2] - model.loss_curve_[-1] < 1e-6
    assert np.all(-np.diff(model.loss_curve_)[:-1] >= 1e-6)


# ------------------------------------------------------------------------------------------------------------
# init="uniform" and random_state
# ------------------------------------------------------------------------------------------------------------
def test_uniform_init_draws_from_0_1_reproducibly():
    X, y = two_blobs()

    def fit(random_state):
        return LogisticRegressionGD(init="uniform", random_state=random_state, max_iter=30).fit(X, y)

    first, again, other = fit(7), fit(7), fit(8)
    w0 = first.weights_history_[0]
    assert np.all((w0 >= 0.0) & (w0 < 1.0)) and np.any(w0 != 0.0)
    np.testing.assert_array_equal(first.weights_history_, again.weights_history_)
    assert not np.array_equal(w0, other.weights_history_[0])
    # A RandomState instance is accepted too, and None gives a fresh draw each time.
    from_instance = fit(np.random.RandomState(7))
    np.testing.assert_array_equal(from_instance.weights_history_, first.weights_history_)
    assert not np.array_equal(fit(None).weights_history_[0], fit(None).weights_history_[0])


def test_uniform_draws_over_many_seeds_cover_0_1():
    X, y = two_blobs()
    fits = [LogisticRegressionGD(init="uniform", random_state=seed, max_iter=1).fit(X, y) for seed in range(200)]
    starts = np.concatenate([model.weights_history_[0] for model in fits])
    assert starts.min() >= 0.0 and starts.max() < 1.0
    assert starts.min() < 0.01 and starts.max() > 0.99  # spread over the whole interval
    assert abs(starts.mean() - 0.5) < 0.05


def test_zeros_init_ignores_random_state():
    X, y = two_blobs()
    a = LogisticRegressionGD(random_state=1, max_iter=10).fit(X, y)
    b = LogisticRegressionGD(random_state=2, max_iter=10).fit(X, y)
    np.testing.assert_array_equal(a.weights_history_, b.weights_history_)


# ------------------------------------------------------------------------------------------------------------
# Warnings
# ------------------------------------------------------------------------------------------------------------
def test_warns_naming_the_learning_rate_when_the_loss_rises():
    X, y = breast_cancer(scaled=False)  # raw features up to ~4000: 1e-3 is far above the safe rate (~1e-7)
    with pytest.warns(LearningRateWarning, match=r"The loss rose.*learning_rate=0\.001 is too large.*StandardScaler"):
        model = LogisticRegressionGD(learning_rate=1e-3, max_iter=100).fit(X, y)
    assert np.any(np.diff(model.loss_curve_) > 0)
    assert np.all(np.isfinite(model.weights_history_))  # too large, but no NaN


def test_an_absurd_learning_rate_raises_rather_than_leaving_nan_weights():
    X, y = breast_cancer(scaled=False)
    with pytest.raises(FloatingPointError, match=r"learning_rate=1e\+300 is far too large"):
        LogisticRegressionGD(learning_rate=1e300, max_iter=100).fit(X, y)


def test_warns_like_sklearn_when_max_iter_ends_before_tol_is_met():
    X, y = breast_cancer()
    with pytest.warns(ConvergenceWarning, match=r"did not converge.*max_iter=5.*tol=1e-12"):
        model = LogisticRegressionGD(learning_rate="auto", max_iter=5, tol=1e-12).fit(X, y)
    assert model.n_iter_ == 5


@pytest.mark.parametrize("tol", [None, 1e-6])
def test_normal_training_is_silent(tol):
    X, y = breast_cancer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = LogisticRegressionGD(learning_rate="auto", max_iter=5000, tol=tol).fit(X, y)
        model.predict_proba(X)
    assert np.all(np.diff(model.loss_curve_) <= 0)


# ------------------------------------------------------------------------------------------------------------
# With scikit-learn's tools
# ------------------------------------------------------------------------------------------------------------
def test_in_a_pipeline_with_a_scaler():
    X, y = breast_cancer(scaled=False)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    pipe = make_pipeline(StandardScaler(), LogisticRegressionGD(learning_rate="auto", max_iter=2000))
    pipe.fit(X_train, y_train)
    reference = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
    assert pipe.score(X_test, y_test) > 0.95
    assert abs(pipe.score(X_test, y_test) - reference.score(X_test, y_test)) < 0.03


def test_in_cross_val_score():
    X, y = breast_cancer(scaled=False)
    pipe = make_pipeline(StandardScaler(), LogisticRegressionGD(learning_rate="auto", max_iter=1000))
    scores = cross_val_score(pipe, X, y, cv=5)
    assert scores.shape == (5,)
    assert scores.mean() > 0.95


def test_in_one_vs_rest_for_more_classes():
    X, y = load_iris(return_X_y=True)
    X = standardised(X)
    ovr = OneVsRestClassifier(LogisticRegressionGD(learning_rate="auto", max_iter=3000)).fit(X, y)
    assert len(ovr.estimators_) == 3
    assert ovr.predict_proba(X).shape == (150, 3)
    reference = OneVsRestClassifier(LogisticRegression(C=1e6, max_iter=10_000)).fit(X, y)
    assert ovr.score(X, y) > 0.9
    assert abs(ovr.score(X, y) - reference.score(X, y)) < 0.05


def test_with_a_dataframe_keeps_feature_names():
    pandas = pytest.importorskip("pandas")
    X, y = breast_cancer()
    names = load_breast_cancer().feature_names
    frame = pandas.DataFrame(X, columns=names)
    model = LogisticRegressionGD(max_iter=50).fit(frame, y)
    np.testing.assert_array_equal(model.feature_names_in_, names)
    np.testing.assert_array_equal(model.predict(frame), LogisticRegressionGD(max_iter=50).fit(X, y).predict(X))


# ------------------------------------------------------------------------------------------------------------
# Bad input: a ValueError whose message says what to fix
# ------------------------------------------------------------------------------------------------------------
X_GOOD, Y_GOOD = two_blobs(seed=3, n=10)


def _with(index, value, array):
    array = array.astype(float)
    array[index] = value
    return array


BAD_FITS = {
    "NaN in X": (_with((1, 0), np.nan, X_GOOD), Y_GOOD, r"X contains 1 NaN or infinite value\(s\).*impute"),
    "inf in X": (_with((4, 1), np.inf, X_GOOD), Y_GOOD, r"X contains 1 NaN or infinite value\(s\); remove"),
    "one class": (X_GOOD, np.zeros(10), r"exactly two classes; got 1 \(one class: \[0\.0\]\)"),
    "three classes": (X_GOOD, np.arange(10) % 3, r"Only binary classification is supported.*OneVsRestClassifier"),
    "lengths differ": (X_GOOD, Y_GOOD[:-1], r"inconsistent numbers of samples: \[10, 9\]"),
    "empty X": (np.empty((0, 2)), np.empty(0), r"0 sample\(s\)"),
    "1-D X": (X_GOOD[:, 0], Y_GOOD, r"Expected a 2-dimensional container|Reshape your data"),
    "continuous y": (X_GOOD, np.linspace(0, 1, 10), r"Unknown label type"),
    "NaN in y": (X_GOOD, _with(0, np.nan, Y_GOOD), r"Input y contains NaN"),
}


@pytest.mark.parametrize("case", list(BAD_FITS), ids=list(BAD_FITS))
def test_fit_rejects_bad_data(case):
    X, y, message = BAD_FITS[case]
    with pytest.raises(ValueError, match=message):
        LogisticRegressionGD().fit(X, y)


BAD_PARAMETERS = {
    "learning_rate=0": (dict(learning_rate=0), r"learning_rate must be a positive number; got 0"),
    "learning_rate<0": (dict(learning_rate=-0.5), r"learning_rate must be a positive number; got -0\.5"),
    "learning_rate text": (dict(learning_rate="fast"), r"learning_rate must be a positive number; got 'fast'"),
    "max_iter=0": (dict(max_iter=0), r"max_iter must be a whole number >= 1; got 0"),
    "max_iter float": (dict(max_iter=10.5), r"max_iter must be a whole number >= 1; got 10\.5"),
    "alpha<0": (dict(alpha=-1.0), r"alpha \(the L2 strength\) must be a number >= 0; got -1\.0"),
    "tol<0": (dict(tol=-1e-3), r"tol must be None or a number >= 0; got -0\.001"),
    "init unknown": (dict(init="normal"), r"init must be \"zeros\" or \"uniform\"; got 'normal'"),
}


@pytest.mark.parametrize("case", list(BAD_PARAMETERS), ids=list(BAD_PARAMETERS))
def test_fit_rejects_bad_parameters(case):
    params, message = BAD_PARAMETERS[case]
    with pytest.raises(ValueError, match=message):
        LogisticRegressionGD(**params).fit(X_GOOD, Y_GOOD)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function", "predict_log_proba"])
def test_predicting_checks_the_features(method):
    model = LogisticRegressionGD(max_iter=10).fit(X_GOOD, Y_GOOD)
    predict = getattr(model, method)
    with pytest.raises(ValueError, match=r"X has 3 features, but LogisticRegressionGD is expecting 2 features"):
        predict(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"X contains 1 NaN or infinite value\(s\)"):
        predict(_with((0, 0), np.nan, X_GOOD))
    with pytest.raises(ValueError, match=r"X contains 2 NaN or infinite value\(s\)"):
        predict(_with((slice(0, 2), 1), -np.inf, X_GOOD))


def test_predicting_before_fit_says_to_fit_first():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError, match=r"not fitted yet. Call 'fit'"):
        LogisticRegressionGD().predict(X_GOOD)


def test_one_decision_rule_in_the_core_the_estimator_and_scikit_learn():
    # Scores at and around 0, where sigma(z) rounds to exactly 1/2: z = 0 is class 0, any z > 0 class 1.
    z = np.array([-1.0, -1e-300, -1e-17, -0.0, 0.0, 5e-324, 1e-17, 1e-300, 1.0])
    expected = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1])
    X = z.reshape(-1, 1)
    np.testing.assert_array_equal(core_predict(add_intercept(X), [0.0, 1.0]), expected)
    ours = LogisticRegressionGD(max_iter=1).fit([[-1.0], [1.0]], [0, 1])
    theirs = LogisticRegression().fit([[-1.0], [1.0]], [0, 1])
    for model in (ours, theirs):
        model.coef_, model.intercept_ = np.array([[1.0]]), np.array([0.0])
        np.testing.assert_array_equal(model.predict(X), expected)


def test_minibatch_training_in_the_estimator_is_seeded_and_defaults_to_full_batch():
    X, y = breast_cancer()
    full = LogisticRegressionGD(learning_rate=0.1, max_iter=50).fit(X, y)
    same = LogisticRegressionGD(learning_rate=0.1, max_iter=50, batch_size=len(y), random_state=7).fit(X, y)
    np.testing.assert_array_equal(full.weights_history_, same.weights_history_)
    a, b = (LogisticRegressionGD(learning_rate=0.1, max_iter=50, batch_size=16, random_state=3).fit(X, y)
            for _ in range(2))
    np.testing.assert_array_equal(a.weights_history_, b.weights_history_)
    assert not np.array_equal(a.weights_history_, full.weights_history_)
    with pytest.raises(ValueError, match=r"batch_size must be None or a whole number from 1"):
        LogisticRegressionGD(batch_size=0).fit(X, y)
