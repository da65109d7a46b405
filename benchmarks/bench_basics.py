"""How long one slider move of notebook 01's and 02's widgets takes, in kernel time.

One move = set the control's value: its callback moves the artists and redraws only them on the saved background
(blitting). For comparison: a full redraw of the figure (what a move would cost with ``draw_idle``), the same with
the constrained layout recomputed on every draw (the widgets compute it once and then freeze it), and the move on
an ipympl canvas, the notebook's, where the redraw also encodes the changed pixels as a PNG for the browser.

Run:  .venv/bin/python benchmarks/bench_basics.py  [--repeats 200]
The machine's load average is printed too: on a busy machine the wall-clock figures grow, the CPU ones less.
"""

import argparse
import os
import platform

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import numpy as np  # noqa: E402

from _timing import mover, summarize, time_each  # noqa: E402
from logreg_viz.cross_entropy import LossExplorer  # noqa: E402
from logreg_viz.sigmoid import SigmoidExplorer  # noqa: E402

HOURS = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
PASSED = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])


def _sigmoid_explorer(interactive):
    explorer = SigmoidExplorer(HOURS, PASSED, class_names=("failed (0)", "passed (1)"), xlabel="hours studied",
                               interactive=interactive)
    return explorer, explorer.w_slider, np.round(np.linspace(-4.0, 4.0, 81), 2)


def _loss_explorer(interactive):
    explorer = LossExplorer(p=0.8, y=1, interactive=interactive)
    return explorer, explorer.p_slider, np.round(np.linspace(0.001, 0.999, 97), 3)


def _moves(control, values, repeats):
    """Up to ``repeats`` values for the control, cycling through ``values``, each different from the one before
    (starting from the control's own), so that every one is a move."""
    moves, last = [], control.value
    for value in np.resize(values, 2 * repeats):
        if value != last and len(moves) < repeats:
            moves.append(value)
            last = value
    return moves


def measure(make, repeats):
    """Rows (name, samples) for one widget: its slider moves and the full redraws they replace."""
    explorer, control, values = make(interactive=False)
    fig = explorer.figure
    fig.canvas.draw()  # the first picture (fills the font caches, saves the background): not a slider move
    rows = [("one move: artists + blit", time_each(mover(control), _moves(control, values, repeats)))]
    rows.append(("  for comparison: a full redraw", time_each(lambda _: fig.canvas.draw(), range(repeats // 4))))
    fig.set_layout_engine("constrained")
    rows.append(("  a full redraw with the layout recomputed", time_each(lambda _: fig.canvas.draw(),
                                                                          range(repeats // 4))))
    explorer, control, values = make(interactive=True)
    explorer.figure.canvas.draw()
    rows.append(("  one move on an ipympl canvas (+ PNG of the frame)",
                 time_each(mover(control), _moves(control, values, repeats // 2))))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200, help="slider moves per row (default 200)")
    args = parser.parse_args()

    print(f"Python {platform.python_version()}, NumPy {np.__version__}, matplotlib {matplotlib.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"up to {args.repeats} moves per row\n")
    print("| widget | what is timed | median ms | 90th pct ms | median CPU ms | runs |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, make in [("SigmoidExplorer, w slider", _sigmoid_explorer), ("LossExplorer, p slider", _loss_explorer)]:
        for what, samples in measure(make, args.repeats):
            t = summarize(samples, 90)
            print(f"| {name} | {what} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {t['n']} |")


if __name__ == "__main__":
    main()
