"""How long one move of notebook 01's and 02's live views takes, in kernel time.

One move = what the kernel does for one step of a slider or one mouse event: the view's callback moves the artists
and redraws only them on the saved background (blitting). Timed: the sigmoid explorer's slope slider (01); the linked
explorer (02) dragged over its contour map, each mouse event delivered as the browser's message is (``handle_event``
on the ipympl canvas, ``MouseEvent`` on Agg), and its slope slider. For comparison: a full redraw of the figure, and
the same with the constrained layout recomputed (the views compute it once and freeze it). On the ipympl canvas, the
notebook's, a move also encodes the whole frame as a PNG for the browser. The target is 50 ms per move there.

Run:  .venv/bin/python benchmarks/bench_basics.py  [--repeats 200]
The machine's load average is printed too: on a busy machine the wall-clock figures grow, the CPU ones less.
"""

import argparse
import os
import platform
import warnings

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers
warnings.filterwarnings("ignore", "Passing unrecognized arguments to super")  # ipympl 0.10's Toolbar, not ours

import numpy as np  # noqa: E402
from matplotlib.backend_bases import MouseEvent  # noqa: E402

import logreg_core as core  # noqa: E402
from _timing import summarize, time_each  # noqa: E402
from logreg_viz import _ipympl  # noqa: E402
from logreg_viz.linked import LinkedExplorer  # noqa: E402
from logreg_viz.sigmoid import SigmoidExplorer  # noqa: E402

HOURS = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
PASSED = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])
NAMES = ("failed (0)", "passed (1)")
X_B = core.add_intercept(HOURS.reshape(-1, 1))
W_STAR = core.gradient_descent(X_B, PASSED, np.zeros(2), core.safe_learning_rate(X_B), 5000, tol=1e-14).final_weights


def _moves(control, values, repeats):
    """Up to ``repeats`` values for the control, cycling through ``values``, each different from the one before
    (starting from the control's own), so that every one is a move."""
    moves, last = [], control.value
    for value in np.resize(values, 2 * repeats):
        if value != last and len(moves) < repeats:
            moves.append(value)
            last = value
    return moves


def _set(control):
    def move(value):
        control.value = value

    return move


def drag_points(repeats, seed=0):
    """Points (b, a) of a drag over the linked explorer's map: a wandering walk, each a new slider setting."""
    rng = np.random.default_rng(seed)
    steps = rng.normal(scale=(0.35, 0.12), size=(repeats, 2))
    return np.clip(np.array([-2.0, 1.0]) + np.cumsum(steps, axis=0), (-9.8, -1.3), (3.8, 3.8))


def mouse(view, kind):
    """A function that delivers one mouse event at (b, a) on the view's map, as the browser's message would: through
    ipympl's ``handle_event`` on a live canvas, as a matplotlib ``MouseEvent`` on Agg."""
    canvas = view.figure.canvas
    names = {"press": "button_press", "move": "motion_notify", "release": "button_release"}

    def deliver(point):
        x, y = view.map_ax.transData.transform(point)
        if _ipympl.is_live_canvas(canvas):
            height = canvas.get_renderer().height
            canvas.handle_event({"type": names[kind], "x": x, "y": height - y, "button": 0,
                                 "buttons": 0 if kind == "release" else 1, "modifiers": [], "guiEvent": {}})
        elif kind == "move":
            MouseEvent(f"{names[kind]}_event", canvas, x, y, buttons={1})._process()
        else:
            MouseEvent(f"{names[kind]}_event", canvas, x, y, button=1)._process()

    return deliver


def _sigmoid_explorer(interactive):
    explorer = SigmoidExplorer(HOURS, PASSED, class_names=NAMES, xlabel="hours studied", interactive=interactive)
    return explorer, explorer.a_slider, np.round(np.linspace(-4.0, 4.0, 81), 2)


def _linked_explorer(interactive):
    explorer = LinkedExplorer(HOURS, PASSED, a=1.0, b=-1.75, w_star=W_STAR, class_names=NAMES,
                              xlabel="hours studied", interactive=interactive)
    return explorer, explorer.a_slider, np.round(np.linspace(-1.5, 4.0, 111), 2)


def measure(make, repeats, drag):
    """Rows (name, samples) for one view: slider moves (and drags), the full redraws they replace, and the same
    moves on an ipympl canvas."""
    rows = []
    for interactive in (False, True):
        explorer, control, values = make(interactive=interactive)
        fig = explorer.figure
        fig.canvas.draw()  # the first picture (fills the font caches, saves the background): not a move
        canvas = "ipympl canvas (+ PNG of the frame)" if interactive else "Agg"
        n = repeats if not interactive else repeats // 2
        rows.append((f"slider move, {canvas}", time_each(_set(control), _moves(control, values, n))))
        if drag:
            points = drag_points(n)
            mouse(explorer, "press")(points[0])
            rows.append((f"drag on the map, one mouse event, {canvas}", time_each(mouse(explorer, "move"), points)))
            mouse(explorer, "release")(points[-1])
        if not interactive:
            full_redraw = time_each(lambda _: fig.canvas.draw(), range(repeats // 4))
            rows.append(("  for comparison: a full redraw", full_redraw))
            fig.set_layout_engine("constrained")
            rows.append(("  a full redraw with the layout recomputed",
                         time_each(lambda _: fig.canvas.draw(), range(repeats // 4))))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200, help="moves per row (default 200)")
    args = parser.parse_args()

    print(f"Python {platform.python_version()}, NumPy {np.__version__}, matplotlib {matplotlib.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"up to {args.repeats} moves per row\n")
    print("| view | what is timed | median ms | 90th pct ms | median CPU ms | runs |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, make, drag in [("01 SigmoidExplorer, slope a", _sigmoid_explorer, False),
                             ("02 LinkedExplorer", _linked_explorer, True)]:
        for what, samples in measure(make, args.repeats, drag):
            t = summarize(samples, 90)
            print(f"| {name} | {what} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {t['n']} |")


if __name__ == "__main__":
    main()
