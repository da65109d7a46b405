"""How long one move of notebook 07's minibatch view takes, in kernel time.

One move = a change of the batch-size slider or of the learning-rate slider of ``MinibatchView``: re-run
``logreg_core.gradient_descent`` (200 updates of minibatch SGD, the loss on all 256 samples after each), move the
path and the loss curve, and redraw only those on the saved background (blitting). Measured on matplotlib's Agg
canvas and on the ipympl canvas a notebook uses (which also encodes the frame as a PNG for the browser; no browser
is attached, so the message goes nowhere). For comparison: the run alone, and a full redraw of the figure.

Budget: 50 ms of kernel time per move on the ipympl canvas.

Run:  .venv/bin/python benchmarks/bench_minibatch.py  [--repeats 40]
"""

import argparse
import os
import platform
import warnings

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import numpy as np  # noqa: E402

import logreg_core  # noqa: E402
from _timing import summarize, time_each  # noqa: E402
from logreg_viz.minibatch import MinibatchView  # noqa: E402

X8 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
Y8 = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
X_B, Y = logreg_core.add_intercept(np.tile(X8, 32).reshape(-1, 1)), np.tile(Y8, 32)  # notebook 07's n = 256
W_START = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "a_lim": (-1.5, 6.5)}
N_UPDATES = 200
BUDGET_MS = 50.0


def _view(interactive):
    w_star = logreg_core.gradient_descent(X_B, Y, np.zeros(2), logreg_core.safe_learning_rate(X_B), 3000).final_weights
    with warnings.catch_warnings():  # ipympl 0.10's toolbar passes an argument traitlets deprecates (not ours)
        warnings.filterwarnings("ignore", "Passing unrecognized arguments to super")
        view = MinibatchView(X_B, Y, W_START, w_star=w_star, n_updates=N_UPDATES, interactive=interactive, **VIEW)
    view.figure.canvas.draw()  # the first picture (font caches, the saved background) is not a slider move
    return view


def _moves(repeats, seed):
    """Alternate batch-size and learning-rate moves, as a student slides one, then the other."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 4, 8, 16, 32, 64, 128, 256], repeats)
    rates = 10.0 ** rng.uniform(-2, 1, repeats)
    return [("batch_size", int(size)) if k % 2 else ("learning_rate", float(rate))
            for k, (size, rate) in enumerate(zip(sizes, rates))]


def _move(view):
    def move(setting):
        name, value = setting
        getattr(view, name).value = value  # what a student's drag does

    return move


def measure(repeats):
    rng = np.random.default_rng(2)
    agg = _view(interactive=False)
    batch_sizes, rates = rng.choice([1, 8, 32, 256], repeats), 10.0 ** rng.uniform(-2, 1, repeats)
    rows = [
        ("one move (re-run 200 updates + artists + blit), Agg", _moves(repeats, 0), _move(agg)),
        ("  of which the run alone (gradient_descent, 200 updates)",
         [(int(b), float(r)) for b, r in zip(batch_sizes, rates)], lambda setting: agg.run(*setting)),
        ("  for comparison: a full redraw", range(repeats // 4), lambda _: agg.figure.canvas.draw()),
    ]
    live = _view(interactive=True)
    rows.append(("one move on the ipympl canvas (+ PNG of the frame)", _moves(repeats, 1), _move(live)))
    return [(name, summarize(time_each(action, values), 90)) for name, values, action in rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    rows = measure(args.repeats)
    print(f"Minibatch view, notebook 07's problem (n = 256), {N_UPDATES} updates a move; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"matplotlib {matplotlib.__version__}\n")
    print("| what | median wall (ms) | 90th pct wall (ms) | median CPU (ms) | budget (ms) | runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, t in rows:
        verdict = ""
        if name.startswith("one move on the ipympl"):
            verdict = f"{BUDGET_MS:.0f} {'✅' if t['cpu'] < BUDGET_MS else '❌'}"
        print(f"| {name} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {verdict} | {t['n']} |")


if __name__ == "__main__":
    main()
