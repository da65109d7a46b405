"""Minibatch SGD by batch size: updates per second, and epochs to reach a given loss (notebook 07).

For each batch size B = 1, 8, 32 and the full batch:

- on notebook 07's problem (the eight samples of notebook 04, each copied 32 times: n = 256, one feature), from
  notebook 04's start at notebook 07's learning rate 1:
  - **epochs to reach the loss L(w*) + 0.01** (the loss on all the data after each update, as
    ``logreg_core.gradient_descent`` records it), first touched and then kept for a whole epoch: a noisy path
    touches a low loss early by luck, and may never stay there. The median over 9 seeds of the shuffles, and the
    range;
  - **updates per second of the engine**: ``gradient_descent(..., batch_size=B)``, which also computes the loss on
    all the data after every update (for the curves the notebook draws);
  - **updates per second of a bare update**: the minibatch gradient and the step, nothing else, i.e. what SGD
    itself costs;
- on a larger problem (100 000 samples, 100 standardised features, as ``bench_core.py``): the time of one bare
  update and of one epoch, which shows what a batch costs when the machine works on whole vectors.

Wall-clock times, medians of repeated runs, on whatever else the machine is doing. Prints markdown tables (figures
for the README).

Run:  .venv/bin/python benchmarks/bench_sgd.py  [--repeats 5]
"""

import argparse
import math
import os
import platform
import statistics
import time

import numpy as np

import logreg_core

X8 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
Y8 = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
W_START = np.array([-4.5, 0.0])
LEARNING_RATE = 1.0
ABOVE_THE_LOWEST = 0.01
SEEDS = range(9)
MAX_EPOCHS = 100


def notebook_problem():
    """Notebook 07's data, its minimum w* and lowest loss."""
    X_b, y = logreg_core.add_intercept(np.tile(X8, 32).reshape(-1, 1)), np.tile(Y8, 32)
    w_star = logreg_core.gradient_descent(X_b, y, np.zeros(2), logreg_core.safe_learning_rate(X_b), 3000).final_weights
    return X_b, y, logreg_core.loss(X_b, y, w_star)


def large_problem(n_samples=100_000, n_features=100, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = (X @ rng.normal(size=n_features) / np.sqrt(n_features) + rng.logistic(size=n_samples) > 0).astype(float)
    return logreg_core.add_intercept(X), y


def updates_per_epoch(n_samples, batch_size):
    return math.ceil(n_samples / batch_size)


def epochs_to_reach(X_b, y, batch_size, target, max_epochs=MAX_EPOCHS):
    """For each seed: the epochs until the loss on all the data first falls to ``target``, and until it stays there
    for a whole epoch (inf if not within ``max_epochs``). Returns two lists."""
    per_epoch = updates_per_epoch(len(y), batch_size)
    touched, kept = [], []
    for seed in SEEDS:
        run = logreg_core.gradient_descent(X_b, y, W_START, LEARNING_RATE, (max_epochs + 1) * per_epoch,
                                           batch_size=batch_size, random_state=seed)
        below = run.losses <= target
        reached = np.flatnonzero(below)
        touched.append(reached[0] / per_epoch if len(reached) else math.inf)
        # an epoch's worth of updates in a row below the target: a window sum equal to its length
        windows = np.convolve(below, np.ones(per_epoch, dtype=int), mode="valid")
        stays = np.flatnonzero(windows[:max_epochs * per_epoch + 1] == per_epoch)
        kept.append(stays[0] / per_epoch if len(stays) else math.inf)
        if batch_size == len(y):
            break  # the full batch does not depend on the seed
    return touched, kept


def engine_updates_per_second(X_b, y, batch_size, n_updates, repeats):
    times = []
    for seed in range(repeats):
        start = time.perf_counter()
        logreg_core.gradient_descent(X_b, y, W_START, LEARNING_RATE, n_updates, batch_size=batch_size,
                                     random_state=seed)
        times.append(time.perf_counter() - start)
    return n_updates / statistics.median(times)


def bare_update_seconds(X_b, y, batch_size, n_updates, repeats):
    """Median seconds of one bare minibatch update: rows of a shuffled order, their mean gradient, the step."""
    n_samples = len(y)
    w = np.zeros(X_b.shape[1])
    order = np.random.default_rng(0).permutation(n_samples)
    starts = np.arange(n_updates) * batch_size % n_samples
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for first in starts:
            rows = order[first:first + batch_size] if batch_size < n_samples else slice(None)
            X_rows = X_b[rows]
            w = w - LEARNING_RATE * (X_rows.T @ (logreg_core.sigmoid(X_rows @ w) - y[rows])) / X_rows.shape[0]
        times.append((time.perf_counter() - start) / n_updates)
    return statistics.median(times)


def _epochs(values):
    """The median and the range of some epoch counts, in words where they are infinite."""
    never = f"not within {MAX_EPOCHS}"
    median = statistics.median(values)
    if not math.isfinite(median):
        return never
    if len(values) == 1:
        return f"{median:.3g}"
    high = f"{max(values):.2g}" if math.isfinite(max(values)) else never
    return f"{median:.3g} ({min(values):.2g} to {high})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    X_b, y, loss_star = notebook_problem()
    n = len(y)
    target = loss_star + ABOVE_THE_LOWEST
    print(f"Minibatch SGD on notebook 07's problem (n = {n}, one feature), from (b, a) = {W_START.tolist()}, "
          f"η = {LEARNING_RATE}; {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, NumPy {np.__version__}\n")
    print(f"Epochs to reach the loss L(w*) + {ABOVE_THE_LOWEST}: the median over {len(SEEDS)} seeds of the shuffles "
          "(and the range)\n")
    print("| batch size B | updates per epoch | epochs to first reach it | epochs until it stays for an epoch "
          "| engine updates/s (loss on all data) | bare updates/s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for batch_size in (1, 8, 32, n):
        touched, kept = epochs_to_reach(X_b, y, batch_size, target)
        engine = engine_updates_per_second(X_b, y, batch_size, 2000, args.repeats)
        bare = 1.0 / bare_update_seconds(X_b, y, batch_size, 2000, args.repeats)
        name = f"{batch_size} (full)" if batch_size == n else str(batch_size)
        print(f"| {name} | {updates_per_epoch(n, batch_size)} | {_epochs(touched)} | {_epochs(kept)} | "
              f"{engine:,.0f} | {bare:,.0f} |")

    X_big, y_big = large_problem()
    n_big = len(y_big)
    print(f"\nOne bare update and one epoch on {n_big:,} samples × {X_big.shape[1] - 1} features\n")
    print("| batch size B | one update (µs) | updates/s | one epoch (s) |")
    print("| ---: | ---: | ---: | ---: |")
    for batch_size in (1, 8, 32, n_big):
        n_updates = 2000 if batch_size < n_big else 20
        seconds = bare_update_seconds(X_big, y_big, batch_size, n_updates, args.repeats)
        name = f"{batch_size:,} (full)" if batch_size == n_big else str(batch_size)
        print(f"| {name} | {seconds * 1e6:,.1f} | {1 / seconds:,.0f} | "
              f"{seconds * updates_per_epoch(n_big, batch_size):.3g} |")


if __name__ == "__main__":
    main()
