"""The check of notebook 07's exercise (logreg_exercises.minibatch): the notebook's own solution passes, visibly and
hidden; the stub is "not done yet"; the usual mistakes fail with a message that names them; an answer that
hard-codes the visible cases, or calls core.gradient_descent, fails. The reference is core.gradient_descent's run
when the step is constant."""

import numpy as np
import pytest

import logreg_core
from logreg_exercises.minibatch import check_sgd, decaying_step, reference_sgd
from notebook_cells import cells, define, fails_with, run_check, solution_cell, source, student_version

NOTEBOOK = "07_minibatch_sgd.ipynb"
GRADE_ID = "minibatch-my-sgd"


def _solution():
    return define(solution_cell(NOTEBOOK, GRADE_ID), "my_sgd", {"np": np, "core": logreg_core})


def test_the_notebooks_solution_passes_visible_and_hidden_cases(capsys):
    passed, line = run_check(check_sgd, _solution(), capsys)
    assert passed and line == "✅ my_sgd: correct. Well done!", line
    assert check_sgd(_solution(), hidden=True)
    assert capsys.readouterr().out == ""


def test_the_students_stub_is_not_done_yet(capsys):
    stub = student_version(solution_cell(NOTEBOOK, GRADE_ID))
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    assert "rng.permutation(len(y))" in stub  # the loops and the shuffles are given
    passed, line = run_check(check_sgd, define(stub, "my_sgd", {"np": np, "core": logreg_core}), capsys)
    assert not passed and line.startswith("⏳ my_sgd: not done yet"), line


def test_the_graded_check_cell_follows_the_solution():
    all_cells = cells(NOTEBOOK)
    ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in all_cells]
    check_cell = all_cells[ids.index(GRADE_ID) + 1]
    assert source(check_cell) == ("check_sgd(my_sgd)\n### BEGIN HIDDEN TESTS\ncheck_sgd(my_sgd, hidden=True)\n"
                                  "### END HIDDEN TESTS")
    assert check_cell["metadata"]["nbgrader"] == {
        "grade": True, "grade_id": f"{GRADE_ID}-check", "locked": True, "points": 3, "schema_version": 3,
        "solution": False, "task": False}
    assert check_cell["outputs"][0]["text"][0].startswith("✅")


@pytest.mark.parametrize("batch_size", [1, 4, 7, 30])
def test_with_a_constant_step_the_reference_is_core_gradient_descent(batch_size):
    rng = np.random.default_rng(3)
    X_b = logreg_core.add_intercept(rng.normal(size=(30, 2)))
    y = (rng.uniform(size=30) < 0.5).astype(float)
    n_epochs = 3
    weights = reference_sgd(X_b, y, np.zeros(3), 0.5, np.inf, n_epochs, batch_size, seed=5)
    n_updates = n_epochs * -(-30 // batch_size)
    expected = logreg_core.gradient_descent(X_b, y, np.zeros(3), 0.5, n_updates, batch_size=batch_size,
                                            random_state=5).weights
    np.testing.assert_allclose(weights, expected, rtol=1e-12, atol=1e-14)


def test_the_reference_passes_and_its_step_decays(capsys):
    assert check_sgd(reference_sgd) and check_sgd(reference_sgd, hidden=True)
    capsys.readouterr()
    assert decaying_step(1.0, 0, 32) == 1.0 and decaying_step(1.0, 32, 32) == 0.5
    assert decaying_step(0.7, 10**6, np.inf) == 0.7


# ----------------------------------------------------------------------------------------------------------------
# The usual mistakes
# ----------------------------------------------------------------------------------------------------------------
def _sgd(step, gradient=None, append=True):
    """An answer written around the given loops, with a schedule ``step(eta0, t, t0, epoch)`` and a minibatch
    gradient ``gradient(X_b, y, rows, w)``."""
    gradient = gradient or (lambda X_b, y, rows, w: logreg_core.gradient(X_b[rows], y[rows], w))

    def my_sgd(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0):
        rng = np.random.default_rng(seed)
        w = np.array(w0, dtype=float)
        weights = [w]
        for epoch in range(n_epochs):
            order = rng.permutation(len(y))
            for start in range(0, len(y), batch_size):
                rows = order[start:start + batch_size]
                w = w - step(eta0, len(weights) - 1, t0, epoch) * gradient(X_b, y, rows, w)
                if append:
                    weights.append(w)
        return np.array(weights)

    return my_sgd


def sgd_in_place(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0):
    rng = np.random.default_rng(seed)
    w = np.array(w0, dtype=float)
    weights = [w]
    for _ in range(n_epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch_size):
            rows = order[start:start + batch_size]
            w -= eta0 / (1 + (len(weights) - 1) / t0) * logreg_core.gradient(X_b[rows], y[rows], w)
            weights.append(w)
    return np.array(weights)


def sgd_calling_the_core(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0):
    n_updates = n_epochs * -(-len(y) // batch_size)
    return logreg_core.gradient_descent(X_b, y, w0, eta0, n_updates, batch_size=batch_size, random_state=seed).weights


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (_sgd(lambda eta0, t, t0, epoch: eta0), "the step never decays"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 / (1 + (t + 1) / t0)), "count t from 0"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 / (1 + epoch / t0)), "t counts updates, not epochs"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 * (1 + t / t0)), "the step grows"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 / (1 + t / t0),
              lambda X_b, y, rows, w: logreg_core.gradient(X_b, y, w)), "gradient of all the samples"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 / (1 + t / t0),
              lambda X_b, y, rows, w: len(rows) * logreg_core.gradient(X_b[rows], y[rows], w)), "sums"),
        (_sgd(lambda eta0, t, t0, epoch: -eta0 / (1 + t / t0)), "walks uphill"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 / (t / t0)), "divides by zero"),
        (lambda X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0:
         np.full((n_epochs * -(-len(y) // batch_size) + 1, 3), np.nan), "NaN or inf"),
        (_sgd(lambda eta0, t, t0, epoch: eta0 / (1 + t / t0), append=False), "wrong shape"),
        (sgd_in_place, "every row is the same array"),
        (sgd_calling_the_core, "core.gradient_descent cannot decay its step"),
    ],
    ids=range(12),
)
def test_sgd_mistakes_are_named(wrong, message, capsys):
    fails_with(check_sgd, wrong, capsys, "my_sgd", message)


def test_hidden_cases_fail_a_hard_coded_answer(capsys):
    """An answer that remembers the visible cases' runs (by their step eta0) passes them and fails the hidden."""
    runs = {}  # the check's visible cases
    for n_samples, seed, eta0, t0, n_epochs, batch_size in [(12, 1, 0.5, np.inf, 2, 4), (12, 2, 0.8, 3.0, 3, 4),
                                                             (10, 3, 1.0, 4.0, 2, 3)]:
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n_samples, 2))
        y = (X @ np.array([1.5, -1.0]) + rng.normal(size=n_samples) > 0).astype(float)
        w0 = rng.normal(size=3)
        runs[eta0] = reference_sgd(logreg_core.add_intercept(X), y, w0, eta0, t0, n_epochs, batch_size,
                                   int(rng.integers(1000)))

    def hard_coded(X_b, y, w0, eta0, t0, n_epochs, batch_size, seed=0):
        return runs.get(eta0, np.zeros((1, 3)))

    assert run_check(check_sgd, hard_coded, capsys)[0]
    assert not check_sgd(hard_coded, hidden=True)
    assert capsys.readouterr().out.startswith("❌ my_sgd")
