"""How long one slider move of notebook 01's and 02's widgets takes, on the Agg backend.

One move = set the control's value (its callback moves the artists) + a forced ``fig.canvas.draw()``. The
widgets' ``draw_idle`` is switched off here so that each draw is counted exactly once, where it is forced. For
comparison, the second row of each widget redraws with the constrained layout left on (the widgets compute it
once and then freeze it). The last column encodes the drawn canvas as a PNG, an upper bound of what ipympl adds
on top when it sends the picture to a browser (it sends only the changed pixels).

Run:  .venv/bin/python benchmarks/bench_basics.py  [--repeats 200]
The machine's load average is printed too: on a busy machine the wall-clock figures grow, the CPU ones less.
"""

import argparse
import io
import os
import platform
import time

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from logreg_viz.basics import LossExplorer, SigmoidExplorer  # noqa: E402

HOURS = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
PASSED = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])


def _sigmoid_explorer():
    explorer = SigmoidExplorer(HOURS, PASSED, class_names=("failed (0)", "passed (1)"), xlabel="hours studied")
    values = np.round(np.linspace(-4.0, 4.0, 81), 2)
    return explorer, explorer.w_slider, values


def _loss_explorer():
    explorer = LossExplorer(p=0.8, y=1)
    values = np.round(np.linspace(0.001, 0.999, 97), 3)
    return explorer, explorer.p_slider, values


def _clock():
    return np.array([time.perf_counter(), time.process_time()])


def _time_moves(make, repeats, relayout=False):
    """(wall, cpu) seconds per move for: the callback (artists), the forced draw, the PNG encoding; each an array
    of shape (repeats, 2)."""
    explorer, control, values = make()
    fig = explorer.fig
    fig.canvas.draw_idle = lambda *args, **kwargs: None  # each draw is forced below, and counted once
    if relayout:
        fig.set_layout_engine("constrained")
    fig.canvas.draw()  # the first draw fills font caches: not a slider move
    times = {"callback": [], "draw": [], "png": []}
    for i in range(repeats):
        value = values[i % len(values)]
        if control.value == value:
            value = values[(i + 1) % len(values)]
        start = _clock()
        control.value = value
        times["callback"].append(_clock() - start)
        start = _clock()
        fig.canvas.draw()
        times["draw"].append(_clock() - start)
        start = _clock()
        Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).save(io.BytesIO(), format="png")
        times["png"].append(_clock() - start)
    plt.close(fig)
    return {name: np.array(samples) for name, samples in times.items()}


def _cell(samples):
    """'median (90th percentile)' of the wall-clock milliseconds, then the median CPU milliseconds."""
    wall, cpu = 1e3 * samples[:, 0], 1e3 * samples[:, 1]
    return f"{np.median(wall):6.1f} ({np.percentile(wall, 90):5.1f}) {np.median(cpu):6.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200, help="slider moves per row (default 200)")
    args = parser.parse_args()

    print(f"Python {platform.python_version()}, NumPy {np.__version__}, matplotlib {matplotlib.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"{args.repeats} moves per row")
    print("milliseconds per slider move: wall-clock median (90th percentile), then CPU-time median")
    columns = ["callback", "draw", "callback + draw", "PNG encode"]
    header = f"{'widget':42s}" + "".join(f"{name:>24s}" for name in columns)
    print(header)
    print("-" * len(header))
    rows = [
        ("SigmoidExplorer, w slider", _sigmoid_explorer, False),
        ("  same, constrained layout on every draw", _sigmoid_explorer, True),
        ("LossExplorer, p slider", _loss_explorer, False),
        ("  same, constrained layout on every draw", _loss_explorer, True),
    ]
    for name, make, relayout in rows:
        times = _time_moves(make, args.repeats, relayout)
        samples = [times["callback"], times["draw"], times["callback"] + times["draw"], times["png"]]
        print(f"{name:42s}" + "".join(f"{_cell(t):>24s}" for t in samples))


if __name__ == "__main__":
    main()
