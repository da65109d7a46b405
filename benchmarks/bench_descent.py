"""How long one move of notebook 04's descent explorer takes, in kernel time.

One move = what the kernel does for one step of the learning-rate slider or one mouse event on the map: re-run
``logreg_core.gradient_descent`` (100 steps) from the start, describe the run, move the path, the loss curve and the
data panel, and redraw only those on the saved background (blitting). Timed: the learning-rate slider over its whole
range, and a drag of the start over the map (each mouse event delivered as the browser's message is: ``handle_event``
on the ipympl canvas, ``MouseEvent`` on Agg). For comparison: gradient descent alone, a full redraw of the figure, and
the naive way, rebuilding the surface on every move (a new loss grid and a new ``contourf``). On the ipympl canvas, the
notebook's, a move also encodes the whole frame as a PNG for the browser. The target is 50 ms per move there.

Run:  .venv/bin/python benchmarks/bench_descent.py  [--repeats 60]
"""

import argparse
import os
import platform
import warnings

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers
warnings.filterwarnings("ignore", "Passing unrecognized arguments to super")  # ipympl 0.10's Toolbar, not ours

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import logreg_core  # noqa: E402
from _timing import summarize, time_each  # noqa: E402
from bench_basics import mouse  # noqa: E402
from logreg_viz.descent import draw_loss_surface, draw_path  # noqa: E402
from logreg_viz.linked import DescentExplorer  # noqa: E402

# notebook 04's data: one feature, eight samples
X = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
Y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
X_B = logreg_core.add_intercept(X.reshape(-1, 1))
W0 = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "a_lim": (-1.5, 6.5)}
W_STAR = logreg_core.gradient_descent(X_B, Y, np.zeros(2), logreg_core.safe_learning_rate(X_B), 10_000,
                                      tol=1e-15).final_weights


def _explorer(n_iter, interactive=False):
    explorer = DescentExplorer(X, Y, a=W0[1], b=W0[0], n_iter=n_iter, w_star=W_STAR, interactive=interactive, **VIEW)
    explorer.figure.canvas.draw()  # the first picture (font caches, the saved background) is not a move
    return explorer


def _move(explorer):
    def move(learning_rate):
        explorer.rate_slider.value = learning_rate  # what a student's drag of the slider does

    return move


def _drag(explorer, points):
    mouse(explorer, "press")(points[0])
    samples = time_each(mouse(explorer, "move"), points)
    mouse(explorer, "release")(points[-1])
    return samples


def time_moves(n_iter, learning_rates, starts):
    """Rows (name, samples of (wall, cpu) seconds) for ``n_iter`` steps per run."""
    rows = [("gradient descent alone",
             time_each(lambda rate: logreg_core.gradient_descent(X_B, Y, W0, rate, n_iter), learning_rates))]
    for interactive in (False, True):
        explorer = _explorer(n_iter, interactive)
        canvas = "ipympl canvas (+ PNG of the frame)" if interactive else "Agg"
        share = 2 if interactive else 1
        rows.append((f"learning-rate slider move, {canvas}", time_each(_move(explorer), learning_rates[::share])))
        explorer.rate_slider.value = logreg_core.safe_learning_rate(X_B)
        rows.append((f"drag of the start, one mouse event, {canvas}", _drag(explorer, starts[::share])))
        if not interactive:
            rows.append(("  for comparison: a full redraw",
                         time_each(lambda _: explorer.figure.canvas.draw(), learning_rates[::4])))
    return rows


def time_naive_rebuild(n_iter, learning_rates):
    """(wall, cpu) seconds per move when the surface is rebuilt from scratch: a new loss grid, a new ``contourf``
    and a new path, then a full draw."""
    fig, ax = plt.subplots(figsize=(5.6, 4.6), layout="constrained")

    def rebuild(learning_rate):
        ax.clear()
        result = logreg_core.gradient_descent(X_B, Y, W0, learning_rate, n_iter)
        draw_loss_surface(ax, X_B, Y, *VIEW.values(), colorbar=False)
        draw_path(ax, result.weights, color="C0", label="descent path")
        ax.legend(loc="upper right")
        fig.canvas.draw()

    samples = time_each(rebuild, learning_rates)
    plt.close(fig)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60, help="moves timed per row (default 60)")
    args = parser.parse_args()

    safe = logreg_core.safe_learning_rate(X_B)
    rng = np.random.default_rng(0)
    learning_rates = safe * 10.0 ** rng.uniform(-2, 2, size=args.repeats)  # the slider's whole range
    starts = np.clip(W0 + np.cumsum(rng.normal(scale=0.25, size=(args.repeats, 2)), axis=0), (-5.9, -1.4), (1.9, 6.4))

    print(f"Descent explorer of notebook 04, up to {args.repeats} moves per row")
    print(f"(Python {platform.python_version()}, NumPy {np.__version__}, Matplotlib {matplotlib.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          "CPU = this process's processor time, robust to other load)\n")
    print("| what is timed | steps | median ms | 95th pct ms | median CPU ms | runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")

    def row(name, n_iter, samples):
        t = summarize(samples, 95)
        print(f"| {name} | {n_iter} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {t['n']} |")

    for name, samples in time_moves(100, learning_rates, starts):
        row(name, 100, samples)
    row("naive: new grid + contourf + path, then a full draw", 100, time_naive_rebuild(100, learning_rates))


if __name__ == "__main__":
    main()
