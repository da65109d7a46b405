"""How fast the training view of notebooks 04-05 reacts, in kernel time, on the Agg backend.

Measured on notebook 05's data (200 points, 750 iterations), medians over many moves:

- **scrub one frame**: set the iteration slider; the view moves its artists (probability image via one matrix
  product, boundary end points, loss marker, title) and renders them (blitting onto the saved background).
- **change the learning rate**: set the learning-rate slider; the view re-trains (``gradient_descent``, 750
  iterations) and renders the new run. The loss axis only widens, so after the widest run no new ticks are
  needed; the first time a run climbs above the axis, the view makes one full draw (its own row below).
- for comparison: ``gradient_descent`` alone, and a full ``canvas.draw()`` of the figure (what a view without
  blitting would pay on every frame).
- **ipympl canvas**: the same moves on the notebook's canvas widget, where rendering also encodes the changed
  pixels as a PNG for the browser (no browser attached: the message goes nowhere).

Every render is forced: on Agg ``draw_idle`` draws at once, and blitting renders synchronously.
Budgets (issue 4): a learning-rate change under 50 ms, a frame under 15 ms.

Run:  .venv/bin/python benchmarks/bench_training_view.py  [--repeats 40]
"""

import argparse
import os
import platform

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import numpy as np  # noqa: E402

import logreg_core  # noqa: E402
from _timing import mover, summarize, time_each  # noqa: E402
from logreg_data import OVERLAPPING_CLUSTERS  # noqa: E402
from logreg_viz.clusters import DistanceView  # noqa: E402
from logreg_viz.training import TrainingView  # noqa: E402

N_ITER = 750
BUDGET_MS = {"frame": 15.0, "learning rate": 50.0}


def _problem():
    X, y = OVERLAPPING_CLUSTERS.sample()
    X_b = logreg_core.add_intercept(X)
    w0 = np.random.RandomState(0).uniform(0.0, 1.0, size=3)
    return X, y, X_b, w0, logreg_core.safe_learning_rate(X_b)


def _time(action, values):
    """Median and 90th percentile of wall and CPU (kernel) milliseconds of ``action(value)`` over ``values``."""
    return summarize(time_each(action, values), 90)


def _learning_rates(view, repeats):
    """Learning rates from 0.001 to 100 in random order (the widest run first, so the loss axis is already set)."""
    rng = np.random.default_rng(0)
    rates = 10.0 ** rng.uniform(-3, 2, size=repeats)
    view.learning_rate.value = 100.0
    return rates


def measure(repeats):
    X, y, X_b, w0, learning_rate = _problem()
    rng = np.random.default_rng(1)
    rows = []

    view = TrainingView(X, y, w0, learning_rate, N_ITER, interactive=False, loss_scale="linear")
    canvas = view.figure.canvas
    rows.append(("scrub one frame", "frame", _time(mover(view.iteration), rng.integers(0, N_ITER + 1, repeats))))
    rows.append(("change the learning rate (re-train + render)", "learning rate",
                 _time(mover(view.learning_rate), _learning_rates(view, repeats))))
    rows.append(("  of which gradient_descent, 750 iterations", None,
                 _time(lambda lr: logreg_core.gradient_descent(X_b, y, w0, lr, N_ITER),
                       10.0 ** rng.uniform(-3, 2, repeats))))
    rows.append(("full canvas.draw() (not done per frame)", None, _time(lambda _: canvas.draw(), range(repeats // 2))))
    fresh = [TrainingView(X, y, w0, learning_rate, N_ITER, interactive=False, loss_scale="linear")
             for _ in range(max(3, repeats // 8))]
    views = iter(fresh)
    rows.append(("first climb above the loss axis (re-train + full draw)", None,
                 _time(lambda _: setattr(next(views).learning_rate, "value", 100.0), range(len(fresh)))))
    rows.append(("change the number of iterations (re-train + full draw)", None,
                 _time(mover(view.n_iter), rng.choice([500, 750, 1000, 1500], repeats // 2))))

    distance_view = DistanceView(OVERLAPPING_CLUSTERS, w0, N_ITER, interactive=False)
    rows.append(("notebook 05's distance slider (new data + re-train + render)", None,
                 _time(mover(distance_view.distance), rng.uniform(0.5, 7.5, repeats // 2))))

    widget_view = TrainingView(X, y, w0, learning_rate, N_ITER, interactive=True, loss_scale="linear")
    rows.append(("ipympl canvas: scrub one frame (+ PNG of the frame)", None,
                 _time(mover(widget_view.iteration), rng.integers(0, N_ITER + 1, repeats))))
    rows.append(("ipympl canvas: change the learning rate (+ PNG)", None,
                 _time(mover(widget_view.learning_rate), _learning_rates(widget_view, repeats))))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    rows = measure(args.repeats)
    print(f"Training view, notebook 05's data, {N_ITER} iterations; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, matplotlib {matplotlib.__version__}\n")
    print("| what | median wall (ms) | 90th pct wall (ms) | median CPU (ms) | budget (ms) | runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, budget_key, t in rows:
        budget = BUDGET_MS.get(budget_key)
        verdict = "" if budget is None else f"{budget:.0f} {'✅' if t['wall'] < budget else '❌'}"
        print(f"| {name} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {verdict} | {t['n']} |")


if __name__ == "__main__":
    main()
