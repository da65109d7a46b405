"""The checks of notebooks 06 and 08's exercises: the notebooks' own solutions pass, typical mistakes fail with a
message that names the mistake, and the student's stub is reported as "not done yet"."""

import numpy as np
import pytest
from scipy.special import logsumexp

import logreg_core
from logreg_exercises.nb06 import check_recall_and_precision, check_standardize
from logreg_exercises.nb08 import check_binary_weights_from_softmax, check_cross_entropy, check_ovr_predict_proba
from notebook_cells import define, fails_with, run_check, solution_cell, student_version



def _define(source, name):
    """Execute a solution cell with what the notebook has defined by then, and return its function."""
    return define(source, name, {"np": np, "core": logreg_core, "logsumexp": lambda Z: logsumexp(Z, axis=1)})


EXERCISES = {
    # name: (notebook, grade_id, check)
    "standardize": ("06_breast_cancer.ipynb", "nb06-standardize", check_standardize),
    "recall_and_precision": ("06_breast_cancer.ipynb", "nb06-recall-precision", check_recall_and_precision),
    "ovr_predict_proba": ("08_more_than_two_classes.ipynb", "nb08-ovr-proba", check_ovr_predict_proba),
    "binary_weights_from_softmax": ("08_more_than_two_classes.ipynb", "nb08-binary-weights",
                                    check_binary_weights_from_softmax),
    "cross_entropy": ("08_more_than_two_classes.ipynb", "nb08-cross-entropy", check_cross_entropy),
}


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes(name, capsys):
    notebook, grade_id, check = EXERCISES[name]
    passed, line = run_check(check, _define(solution_cell(notebook, grade_id), name), capsys)
    assert passed, line
    assert line.startswith("✅")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_students_stub_is_not_done_yet(name, capsys):
    notebook, grade_id, check = EXERCISES[name]
    stub = _define(student_version(solution_cell(notebook, grade_id)), name)
    passed, line = run_check(check, stub, capsys)
    assert not passed
    assert line.startswith("⏳") and "not done yet" in line


# ----------------------------------------------------------------------------------------------------------------
# 06, exercise 1: standardize
# ----------------------------------------------------------------------------------------------------------------
def _own_statistics(X_train, X_test):
    return ((X_train - X_train.mean(0)) / X_train.std(0), (X_test - X_test.mean(0)) / X_test.std(0))


def _sample_std(X_train, X_test):
    mean, std = X_train.mean(0), X_train.std(0, ddof=1)
    return (X_train - mean) / std, (X_test - mean) / std


def _global_statistics(X_train, X_test):
    return (X_train - X_train.mean()) / X_train.std(), (X_test - X_train.mean()) / X_train.std()


def _all_data_statistics(X_train, X_test):
    both = np.vstack([X_train, X_test])
    mean, std = both.mean(0), both.std(0)
    return (X_train - mean) / std, (X_test - mean) / std


def _in_place(X_train, X_test):
    mean, std = X_train.mean(0), X_train.std(0)
    X_train -= mean
    X_train /= std
    X_test -= mean
    X_test /= std
    return X_train, X_test


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_own_statistics, ("own mean", "TRAINING set's")),
        (_sample_std, ("ddof=0",)),
        (_global_statistics, ("axis=0",)),
        (_all_data_statistics, ("training AND test",)),
        (_in_place, ("in place",)),
        (lambda X_train, X_test: (X_train - X_train.mean(0)) / X_train.std(0), ("return two arrays",)),
        (lambda X_train, X_test: (X_train - X_train.mean(0), X_test - X_train.mean(0)), ("standard deviation 1",)),
    ],
)
def test_standardize_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_standardize, wrong, capsys, *fragments)


# ----------------------------------------------------------------------------------------------------------------
# 06, exercise 2: recall_and_precision
# ----------------------------------------------------------------------------------------------------------------
def _counts(is_malignant, flagged):
    malignant = is_malignant == 1
    tp = np.sum(flagged & malignant)
    return tp, np.sum(flagged & ~malignant), np.sum(~flagged & malignant)


def _swapped(is_malignant, p_malignant, threshold):
    tp, fp, fn = _counts(is_malignant, p_malignant >= threshold)
    return tp / (tp + fp), tp / (tp + fn)


def _strict(is_malignant, p_malignant, threshold):
    tp, fp, fn = _counts(is_malignant, p_malignant > threshold)
    return tp / (tp + fn), tp / (tp + fp)


def _benign_positive(is_malignant, p_malignant, threshold):
    tp, fp, fn = _counts(1 - is_malignant, p_malignant < threshold)
    return tp / (tp + fn), tp / (tp + fp)


def _accuracy_as_precision(is_malignant, p_malignant, threshold):
    flagged = p_malignant >= threshold
    tp, fp, fn = _counts(is_malignant, flagged)
    return tp / (tp + fn), np.mean(flagged == (is_malignant == 1))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_swapped, ("(precision, recall)",)),
        (_strict, ("use >=",)),
        (_benign_positive, ("benign class",)),
        (_accuracy_as_precision, ("TP / (TP + FP)",)),
        (lambda is_malignant, p_malignant, threshold: 0.5, ("return two numbers",)),
    ],
)
def test_recall_and_precision_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_recall_and_precision, wrong, capsys, *fragments)


# ----------------------------------------------------------------------------------------------------------------
# 08, exercise 1: ovr_predict_proba
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda models, X: np.column_stack([m.predict_proba(X)[:, 1] for m in models]), ("divide each row",)),
        (lambda models, X: np.column_stack([m.predict_proba(X)[:, 0] for m in models]), ("column 1",)),
        (lambda models, X: np.vstack([m.predict_proba(X)[:, 1] for m in models]), ("shape (3, 60)",)),
        (lambda models, X: np.full((len(X), len(models)), 1 / 3), ("expected",)),
    ],
)
def test_ovr_predict_proba_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_ovr_predict_proba, wrong, capsys, *fragments)


# ----------------------------------------------------------------------------------------------------------------
# 08, exercise 2: binary_weights_from_softmax
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda W: W[:, 0] - W[:, 1], ("class 0",)),
        (lambda W: W[:, 1], ("DIFFERENCE",)),
        (lambda W: W, ("shape (4, 2)",)),
        (lambda W: W[:, 1] + W[:, 0], ("should equal",)),
    ],
)
def test_binary_weights_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_binary_weights_from_softmax, wrong, capsys, *fragments)


# ----------------------------------------------------------------------------------------------------------------
# 08, exercise 3: cross_entropy
# ----------------------------------------------------------------------------------------------------------------
def _naive_cross_entropy(Z, y):
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    return -np.mean(np.log(P[np.arange(len(y)), y]))


def _shifted_softmax_then_log(Z, y):
    """Stable softmax, but log of a probability that underflows to 0: -inf at extreme logits."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    return -np.mean(np.log(P[np.arange(len(y)), y]))


def _reference(Z, y):
    return np.mean(logsumexp(Z, axis=1) - Z[np.arange(len(y)), y])


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_naive_cross_entropy, ("logsumexp",)),
        (_shifted_softmax_then_log, ("logsumexp",)),
        (lambda Z, y: len(y) * _reference(Z, y), ("summed",)),
        (lambda Z, y: -_reference(Z, y), ("sign",)),
        (lambda Z, y: logsumexp(Z, axis=1) - Z[np.arange(len(y)), y], ("one number",)),
        (lambda Z, y: np.mean(logsumexp(Z, axis=1) - Z[:, 0]), ("expected",)),
    ],
)
def test_cross_entropy_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_cross_entropy, wrong, capsys, *fragments)
