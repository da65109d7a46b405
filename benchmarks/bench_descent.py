"""How long one move of notebook 03's learning-rate slider takes, in kernel time.

One move = ``LearningRateExplorer.update``: re-run ``logreg_core.gradient_descent``, describe the run, move the
path and loss-curve artists, and redraw only those on the saved background (blitting). For comparison: gradient
descent alone, a full redraw of the figure (what a move would cost with ``draw_idle``), the move on an ipympl
canvas (the notebook's, where the redraw also encodes the changed pixels as a PNG for the browser), and the naive
way, rebuilding the surface on every move (a new loss grid and a new ``contourf``).

Run:  .venv/bin/python benchmarks/bench_descent.py  [--repeats 60]
"""

import argparse
import os
import platform

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import logreg_core  # noqa: E402
from _timing import mover, summarize, time_each  # noqa: E402
from logreg_viz.descent import LearningRateExplorer, draw_loss_surface, draw_path  # noqa: E402

# notebook 03's data: one feature, eight samples
X_B = logreg_core.add_intercept(np.array([[-1.0], [-0.5], [0.0], [0.5], [1.0], [1.5], [2.0], [2.5]]))
Y = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
W0 = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "w_lim": (-1.5, 6.5)}


def _explorer(n_iter, interactive=False):
    w_star = logreg_core.gradient_descent(X_B, Y, np.zeros(2), logreg_core.safe_learning_rate(X_B), 2000).final_weights
    explorer = LearningRateExplorer(X_B, Y, W0, n_iter=n_iter, w_star=w_star, interactive=interactive, **VIEW)
    explorer.figure.canvas.draw()  # the first picture (font caches, the saved background) is not a slider move
    return explorer


def time_slider_moves(n_iter, learning_rates):
    """Rows (name, samples of (wall, cpu) seconds) for ``n_iter`` steps per run."""
    explorer = _explorer(n_iter)
    rows = [
        ("gradient descent alone",
         time_each(lambda rate: logreg_core.gradient_descent(X_B, Y, W0, rate, n_iter), learning_rates)),
        ("one slider move (descent + artists + blit)", time_each(mover(explorer.slider), learning_rates)),
        ("  for comparison: a full redraw", time_each(lambda _: explorer.figure.canvas.draw(), learning_rates[::4])),
    ]
    explorer = _explorer(n_iter, interactive=True)
    rows.append(("  one move on an ipympl canvas (+ PNG of the frame)",
                 time_each(mover(explorer.slider), learning_rates[::2])))
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
    parser.add_argument("--repeats", type=int, default=60, help="slider moves timed per row (default 60)")
    args = parser.parse_args()

    safe = logreg_core.safe_learning_rate(X_B)
    rng = np.random.default_rng(0)
    learning_rates = safe * 10.0 ** rng.uniform(-2, 2, size=args.repeats)  # the slider's whole range

    print(f"Learning-rate slider of notebook 03, up to {args.repeats} moves over the slider's range")
    print(f"(Python {platform.python_version()}, NumPy {np.__version__}, Matplotlib {matplotlib.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          "CPU = this process's processor time, robust to other load)\n")
    print("| what is timed | steps | median ms | 95th pct ms | median CPU ms | runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")

    def row(name, n_iter, samples):
        t = summarize(samples, 95)
        print(f"| {name} | {n_iter} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {t['n']} |")

    for n_iter in (100, 300):
        for name, samples in time_slider_moves(n_iter, learning_rates):
            row(name, n_iter, samples)
    row("naive: new grid + contourf + path, then a full draw", 100, time_naive_rebuild(100, learning_rates))


if __name__ == "__main__":
    main()
