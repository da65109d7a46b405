"""How fast is the engine? A benchmark of ``logreg_core`` on a 100 000 x 100 problem (seeded synthetic data).

Run it with ``.venv/bin/python benchmarks/bench_core.py`` (or ``make benchmark``); it takes well under a minute
and prints markdown tables for the README.

1. Cost of one ``gradient_descent`` iteration relative to the two matrix-vector products no implementation can
   avoid (``X_b @ w`` for the logits, ``X_b.T @ r`` for the gradient). Every other step (sigmoid, loss, the
   recorded history) is O(n) work on vectors; the target is a ratio of at most 1.3. Both are timed the same
   way: the median over several runs of a block of iterations, divided by the number of iterations. The
   ``gradient_descent`` runs include its input checks and its final loss evaluation, so the ratio is, if
   anything, pessimistic.
2. Time to fit ``LogisticRegressionGD`` against scikit-learn's ``LogisticRegression`` on the same data and the
   same objective (``alpha = 1 / (C * n)``), with the objective and accuracy each reached, so that the
   comparison is honest: plain gradient descent is a teaching algorithm, L-BFGS a production one.
"""

import os
import platform
import statistics
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

import logreg_core as core
from logreg_estimator import LogisticRegressionGD

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:  # threadpoolctl comes with scikit-learn, but the benchmark does not need it
    threadpool_info = threadpool_limits = None

N_SAMPLES, N_FEATURES = 100_000, 100
ITERATIONS = 30  # per timed block
REPEATS = 11  # timed blocks, interleaved; the median is reported
FIT_REPEATS = 3
C = 1.0
TARGET_RATIO = 1.3


def make_problem(seed=0):
    """Standard-normal features and labels drawn from a logistic model with a known weight vector."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N_SAMPLES, N_FEATURES))
    true_coef = rng.normal(0.0, 2.0 / np.sqrt(N_FEATURES), size=N_FEATURES)
    y = (rng.random(N_SAMPLES) < core.sigmoid(0.5 + X @ true_coef)).astype(float)
    return X, y


def seconds(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def per_iteration_times(X_b, y):
    """Median seconds per iteration: (the two matrix-vector products, one gradient_descent iteration)."""
    rng = np.random.default_rng(1)
    w = rng.normal(0.0, 0.1, size=X_b.shape[1])
    r = rng.random(X_b.shape[0]) - y  # a residual p - y, as in the gradient

    def two_products():
        for _ in range(ITERATIONS):
            X_b @ w
            X_b.T @ r

    def descent():
        core.gradient_descent(X_b, y, w, learning_rate=1.0, n_iter=ITERATIONS)

    two_products(), descent()  # warm-up: page the data in, start the BLAS threads
    # Interleaved, so that a change in the machine's load affects both alike.
    runs = [(seconds(two_products), seconds(descent)) for _ in range(REPEATS)]
    products, iteration = (statistics.median(times) / ITERATIONS for times in zip(*runs))
    return products, iteration


def time_fit(make_model, X, y):
    times, models = [], []
    for _ in range(FIT_REPEATS):
        models.append(make_model())
        times.append(seconds(lambda: models[-1].fit(X, y)))
    return statistics.median(times), models[-1]


def blas_description():
    if threadpool_info is None:
        return "unknown (threadpoolctl not installed)"
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    if not pools:
        return "unknown"
    return ", ".join(f"{p['internal_api']} {p.get('version') or '?'} ({p['num_threads']} threads)" for p in pools)


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main():
    usable_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("## Machine")
    print()
    print(f"- CPU: {cpu_model()}; {os.cpu_count()} logical CPUs, {usable_cpus} usable by this process")
    print(f"- Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}")
    print(f"- BLAS: {blas_description()}")
    if hasattr(os, "getloadavg"):
        print(f"- load average when started: {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)")
    print()

    X, y = make_problem()
    X_b = core.add_intercept(X)
    n = X.shape[0]

    # 1. One iteration against the two products it cannot avoid.
    rows = []
    products, iteration = per_iteration_times(X_b, y)
    rows.append(("default", products, iteration))
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            rows.append(("1 (limited)", *per_iteration_times(X_b, y)))

    size = f"{n:,} x {N_FEATURES}".replace(",", " ")
    print(f"## One gradient-descent iteration, {size} (+ intercept column), float64")
    print()
    print("| BLAS threads | `X_b @ w` + `X_b.T @ r` | one `gradient_descent` iteration | ratio (target <= 1.3) |")
    print("| --- | ---: | ---: | ---: |")
    for threads, products, iteration in rows:
        print(f"| {threads} | {products * 1e3:.2f} ms | {iteration * 1e3:.2f} ms | {iteration / products:.2f} |")
    print()
    print(
        f"Median of {REPEATS} runs of {ITERATIONS} iterations each, divided by {ITERATIONS}; the iteration "
        "includes the loss, the sigmoid, the gradient and recording the history."
    )
    print()

    # 2. Fitting, against scikit-learn on the same objective.
    alpha = 1.0 / (C * n)
    learning_rate = core.safe_learning_rate(X_b, alpha)
    safe_rate_time = statistics.median(seconds(lambda: core.safe_learning_rate(X_b, alpha)) for _ in range(FIT_REPEATS))
    contenders = [
        (
            "`LogisticRegressionGD`",
            f'learning_rate="auto" (= {learning_rate:.3g}), tol=1e-10, max_iter=10000, alpha=1/(C*n)',
            lambda: LogisticRegressionGD(learning_rate="auto", tol=1e-10, max_iter=10_000, alpha=alpha),
        ),
        ("`LogisticRegression`", f"C={C:g}, lbfgs, default tol=1e-4", lambda: LogisticRegression(C=C)),
        (
            "`LogisticRegression`",
            f"C={C:g}, lbfgs, tol=1e-10, max_iter=10000",
            lambda: LogisticRegression(C=C, tol=1e-10, max_iter=10_000),
        ),
    ]
    results = []
    for name, settings, make_model in contenders:
        fit_seconds, model = time_fit(make_model, X, y)
        w = np.concatenate([model.intercept_, model.coef_[0]])
        objective = core.loss(X_b, y, w, alpha)
        n_iter = int(np.max(model.n_iter_))
        results.append((name, settings, fit_seconds, n_iter, objective, model.score(X, y)))
    best = min(objective for *_, objective, _ in results)

    print(f"## Fitting on the same data and objective (C = {C:g}, alpha = 1/(C n) = {alpha:.0e})")
    print()
    print("| estimator | settings | fit time | iterations | objective (our `loss`) | above the best | train accuracy |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, settings, fit_seconds, n_iter, objective, accuracy in results:
        gap = (objective - best) / best
        print(f"| {name} | {settings} | {fit_seconds:.3f} s | {n_iter} | {objective:.10f} | {gap:.1e} "
              f"| {accuracy:.4f} |")
    print()
    print(
        f"Median of {FIT_REPEATS} fits each. Of the `LogisticRegressionGD` fit, {safe_rate_time:.3f} s is "
        '`safe_learning_rate` (the largest singular value of `X_b`, for learning_rate="auto").'
    )

    ratio = rows[0][2] / rows[0][1]
    if ratio > TARGET_RATIO:
        print(f"\nWARNING: ratio {ratio:.2f} is above the target {TARGET_RATIO}: profile gradient_descent.")


if __name__ == "__main__":
    main()
