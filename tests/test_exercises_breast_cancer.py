"""The checks of notebook 08's exercises (standardize, recall_and_precision): the notebook's own solutions pass,
visibly and hidden; the student's stub is "not done yet"; typical mistakes fail with a message that names the
mistake; the hidden cases fail an answer that hard-codes the visible ones or calls what the exercise asks to write.
Also the reference scaling, ``logreg_data.standardize``, that the notebook falls back to."""

import numpy as np
import pytest
from sklearn.metrics import precision_score, recall_score
from sklearn.preprocessing import StandardScaler

import logreg_core
import logreg_data
from logreg_exercises.breast_cancer import check_recall_and_precision, check_standardize
from notebook_cells import define, fails_with, run_check, solution_cell, student_version

NOTEBOOK = "08_breast_cancer.ipynb"
EXERCISES = {
    # name: (grade_id, check)
    "standardize": ("breast-cancer-standardize", check_standardize),
    "recall_and_precision": ("breast-cancer-recall-and-precision", check_recall_and_precision),
}


def _define(source, name):
    """Execute a solution cell with what the notebook has defined by then, and return its function."""
    return define(source, name, {"np": np, "core": logreg_core})


def _solution(name):
    return _define(solution_cell(NOTEBOOK, EXERCISES[name][0]), name)


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes(name, capsys):
    passed, line = run_check(EXERCISES[name][1], _solution(name), capsys)
    assert passed, line
    assert line.startswith("✅")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_notebooks_solution_passes_the_hidden_cases_silently(name, capsys):
    assert EXERCISES[name][1](_solution(name), hidden=True)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("name", EXERCISES)
def test_the_students_stub_is_not_done_yet(name, capsys):
    grade_id, check = EXERCISES[name]
    stub = _define(student_version(solution_cell(NOTEBOOK, grade_id)), name)
    passed, line = run_check(check, stub, capsys)
    assert not passed
    assert line.startswith("⏳") and "not done yet" in line


def test_a_check_cell_raises_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="standardize"):
        check_standardize(lambda X_train, X_test: (X_train, X_test))
    with pytest.raises(AssertionError, match="recall_and_precision"):
        check_recall_and_precision(lambda y, p, threshold: (0.5, 0.5), hidden=True)


# ----------------------------------------------------------------------------------------------------------------
# standardize, and the reference it falls back to
# ----------------------------------------------------------------------------------------------------------------
def test_the_reference_standardize_is_standard_scaler_fitted_on_the_training_set():
    rng = np.random.default_rng(0)
    X_train, X_test = rng.normal(3.0, [1.0, 50.0, 0.01], size=(30, 3)), rng.normal(size=(7, 3))
    before = X_train.copy(), X_test.copy()
    scaled_train, scaled_test = logreg_data.standardize(X_train, X_test)
    scaler = StandardScaler().fit(X_train)
    np.testing.assert_allclose(scaled_train, scaler.transform(X_train))
    np.testing.assert_allclose(scaled_test, scaler.transform(X_test))
    np.testing.assert_array_equal(X_train, before[0])
    np.testing.assert_array_equal(X_test, before[1])


def test_the_reference_standardize_passes_the_check(capsys):
    passed, line = run_check(check_standardize, logreg_data.standardize, capsys)
    assert passed, line


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
        (lambda X_train, X_test: (X_train - X_train.mean(0), X_test - X_train.mean(0)), ("divide by",)),
        (lambda X_train, X_test: (X_train[:, :2], X_test), ("shapes",)),
    ],
)
def test_standardize_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_standardize, wrong, capsys, *fragments)


def test_own_statistics_on_a_single_test_sample_is_named_in_the_hidden_cases(capsys):
    passed = check_standardize(_own_statistics, hidden=True)
    line = capsys.readouterr().out.strip()
    assert not passed and line.startswith("❌") and "TRAINING set's" in line, line


def test_hidden_standardize_fails_hard_coded_answers_and_the_reference(capsys):
    """An answer that returns the visible case's scaled arrays, or only calls logreg_data.standardize, passes the
    visible check and fails the hidden one."""
    from logreg_exercises.breast_cancer import _scaling_data

    visible = _scaling_data()
    scaler = StandardScaler().fit(visible[0])
    hard_coded = (scaler.transform(visible[0]), scaler.transform(visible[1]))

    def memorised(X_train, X_test):
        return tuple(part.copy() for part in hard_coded)

    def borrowed(X_train, X_test):
        return logreg_data.standardize(X_train, X_test)

    for answer, fragment in ((memorised, "shapes"), (borrowed, "takes logreg_data.standardize away")):
        assert check_standardize(answer)
        capsys.readouterr()
        assert not check_standardize(answer, hidden=True)
        line = capsys.readouterr().out.strip()
        assert line.startswith("❌") and fragment in line, line
    assert logreg_data.standardize is not None and callable(logreg_data.standardize)
    np.testing.assert_allclose(logreg_data.standardize(*visible)[0], hard_coded[0])  # put back afterwards


# ----------------------------------------------------------------------------------------------------------------
# recall_and_precision: flagged when p > threshold, y = 1 malignant
# ----------------------------------------------------------------------------------------------------------------
def _counts(y, flagged):
    malignant = y == 1
    tp = np.sum(flagged & malignant)
    return tp, np.sum(flagged & ~malignant), np.sum(~flagged & malignant)


def _swapped(y, p, threshold):
    tp, fp, fn = _counts(y, p > threshold)
    return tp / (tp + fp), tp / (tp + fn)


def _at_least(y, p, threshold):
    tp, fp, fn = _counts(y, p >= threshold)
    return tp / (tp + fn), tp / (tp + fp)


def _benign_positive(y, p, threshold):
    tp, fp, fn = _counts(1 - y, p <= threshold)
    return tp / (tp + fn), tp / (tp + fp)


def _accuracy_as_precision(y, p, threshold):
    flagged = p > threshold
    tp, fp, fn = _counts(y, flagged)
    return tp / (tp + fn), np.mean(flagged == (y == 1))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_swapped, ("(precision, recall)",)),
        (_at_least, ("use >, not >=",)),
        (_benign_positive, ("benign class",)),
        (_accuracy_as_precision, ("TP / (TP + FP)",)),
        (lambda y, p, threshold: 0.5, ("return two numbers",)),
    ],
)
def test_recall_and_precision_mistakes_are_named(wrong, fragments, capsys):
    fails_with(check_recall_and_precision, wrong, capsys, *fragments)


def test_the_check_agrees_with_the_series_decision_rule(capsys):
    """The rule the check expects is logreg_core's: flagged where the score z is above the threshold's log-odds."""
    def by_the_core(y, p, threshold):
        with np.errstate(divide="ignore"):
            flagged = logreg_core.labels_from_scores(np.log(p) - np.log1p(-p), threshold) == 1
        return recall_score(y, flagged), precision_score(y, flagged)

    assert check_recall_and_precision(by_the_core)


def test_hidden_recall_and_precision_takes_scikit_learns_metrics_away(capsys):
    import sklearn.metrics

    def borrowed(y, p, threshold):
        flagged = (p > threshold).astype(int)
        return sklearn.metrics.recall_score(y, flagged), sklearn.metrics.precision_score(y, flagged)

    assert check_recall_and_precision(borrowed)
    capsys.readouterr()
    assert not check_recall_and_precision(borrowed, hidden=True)
    line = capsys.readouterr().out.strip()
    assert line.startswith("❌") and "takes sklearn.metrics.recall_score away" in line, line
    assert sklearn.metrics.recall_score([1, 0], [1, 0]) == 1.0  # put back afterwards


def test_hidden_recall_and_precision_fails_a_hard_coded_answer(capsys):
    from logreg_exercises.breast_cancer import _SMALL_P, _SMALL_Y, _metrics, _random_screening

    y, p = _random_screening()
    answers = {(0.5, 10): _metrics(_SMALL_Y, _SMALL_P > 0.5), (0.25, 10): _metrics(_SMALL_Y, _SMALL_P > 0.25)}
    answers |= {(t, 60): _metrics(y, p > t) for t in (0.0, 0.3, 0.5, 0.8)}

    def memorised(y, p, threshold):
        return answers.get((threshold, len(y)), (0.0, 0.0))

    assert check_recall_and_precision(memorised)
    capsys.readouterr()
    assert not check_recall_and_precision(memorised, hidden=True)
    assert capsys.readouterr().out.startswith("❌")
