"""How long one move of notebook 03's learning-rate slider takes, on the Agg backend.

One move = ``LearningRateExplorer.update`` (re-run ``logreg_core.gradient_descent``, describe the run, move the
path and loss-curve artists) + a forced ``fig.canvas.draw()``. ``draw_idle`` is switched off on the benchmark's
canvas so that the draw is counted exactly once, in its own column. For comparison, the last row rebuilds the
figure the naive way on every move (a new ``contourf`` over a freshly computed loss grid).

Run:  .venv/bin/python benchmarks/bench_descent.py  [--repeats 60]
In a browser, ipympl then encodes and sends the image: add a few milliseconds on top of these figures.
"""

import argparse
import platform
import time

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import logreg_core  # noqa: E402
from logreg_viz.descent import LearningRateExplorer, draw_loss_surface, draw_path  # noqa: E402

# notebook 03's data: one feature, eight samples
X_B = logreg_core.add_intercept(np.array([[-1.0], [-0.5], [0.0], [0.5], [1.0], [1.5], [2.0], [2.5]]))
Y = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
W0 = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "w_lim": (-1.5, 6.5)}


def _clock():
    return time.perf_counter(), time.process_time()


def _since(start):
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def _explorer(n_iter):
    w_star = logreg_core.gradient_descent(X_B, Y, np.zeros(2), logreg_core.safe_learning_rate(X_B), 2000).final_weights
    explorer = LearningRateExplorer(X_B, Y, W0, n_iter=n_iter, w_star=w_star, **VIEW)
    explorer.fig.canvas.draw_idle = lambda *args, **kwargs: None  # count each draw once, where it is forced
    explorer.fig.canvas.draw()  # the first draw (font caches, ...) is not a slider move
    return explorer


def time_slider_moves(n_iter, learning_rates):
    """(wall, cpu) seconds per move, for: descent alone, update(), forced draw, update + draw."""
    explorer = _explorer(n_iter)
    times = {"descent": [], "update": [], "draw": [], "move": []}
    for learning_rate in learning_rates:
        start = _clock()
        logreg_core.gradient_descent(X_B, Y, W0, learning_rate, n_iter)
        times["descent"].append(_since(start))
        start = _clock()
        explorer.update(learning_rate)
        times["update"].append(_since(start))
        start_draw = _clock()
        explorer.fig.canvas.draw()
        times["draw"].append(_since(start_draw))
        times["move"].append(_since(start))
    plt.close(explorer.fig)
    return {name: np.array(samples) for name, samples in times.items()}


def time_naive_rebuild(n_iter, learning_rates):
    """(wall, cpu) seconds per move when the surface axes is rebuilt from scratch: a new loss grid, a new
    ``contourf`` and a new path on the same figure, then a draw."""
    explorer = _explorer(n_iter)
    ax = explorer.surface_ax
    b_lim, w_lim = ax.get_xlim(), ax.get_ylim()
    samples = []
    for learning_rate in learning_rates:
        start = _clock()
        ax.clear()
        result = logreg_core.gradient_descent(X_B, Y, W0, learning_rate, n_iter)
        draw_loss_surface(ax, X_B, Y, b_lim, w_lim, colorbar=False)
        draw_path(ax, result.weights, color="C0", label="descent path")
        ax.legend(loc="upper right")
        explorer.fig.canvas.draw()
        samples.append(_since(start))
    plt.close(explorer.fig)
    return np.array(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60, help="slider moves timed per row (default 60)")
    args = parser.parse_args()

    safe = logreg_core.safe_learning_rate(X_B)
    rng = np.random.default_rng(0)
    learning_rates = safe * 10.0 ** rng.uniform(-2, 2, size=args.repeats)  # the slider's whole range

    print(f"Learning-rate slider of notebook 03, Agg backend, {args.repeats} moves over the slider's range")
    print(f"(Python {platform.python_version()}, NumPy {np.__version__}, Matplotlib {matplotlib.__version__}, "
          f"{platform.machine()}; CPU = this process's processor time, robust to other load)\n")
    header = f"{'what is timed':<46} {'steps':>5} {'median ms':>10} {'95th pct ms':>12} {'median CPU ms':>14}"
    print(header)
    print("-" * len(header))

    def row(name, n_iter, samples):
        wall, cpu = samples[:, 0] * 1e3, samples[:, 1] * 1e3
        print(f"{name:<46} {n_iter:>5} {np.median(wall):>10.1f} {np.percentile(wall, 95):>12.1f} "
              f"{np.median(cpu):>14.1f}")

    names = {
        "descent": "gradient descent alone",
        "update": "update(): descent + describe + move artists",
        "draw": "forced canvas.draw()",
        "move": "one slider move: update + draw",
    }
    for n_iter in (100, 300):
        times = time_slider_moves(n_iter, learning_rates)
        for key, name in names.items():
            row(name, n_iter, times[key])
    row("naive: new grid + contourf + path, then draw", 100, time_naive_rebuild(100, learning_rates))


if __name__ == "__main__":
    main()
