"""How fast notebook 12's editor and notebook 13's degree explorer react, in kernel time, on the Agg backend.

- **editor, a click adds / removes a point**: the click handler (a fake ``button_press_event``, as matplotlib
  delivers it) adds or removes a point, re-trains (``gradient_descent``, 500 updates from zero weights at the
  safe learning rate, on about 60 points) and renders the view (probability image, boundary, points, loss curve,
  title, message; blitted onto the saved background).
- the same at **degree 4** (14 scaled polynomial features: the scaler is refitted and the image grid transformed
  on every click, and the boundary is traced as a contour).
- the same with **MAX_POINTS points** (1000, the most a file may bring): the limit the editor names is the number
  of points at which a click still keeps within the budget.
- **load a preset** (a button), and **upload a CSV file** of 60 and of MAX_POINTS points (read, check every line,
  re-train, render, refresh the download link).
- **explorer, move the degree / alpha slider**: fits ``polynomial_model`` (PolynomialFeatures -> StandardScaler
  -> LogisticRegressionGD, 1000 updates) on notebook 13's 30 noisy points, scores 1000 test points, transforms
  the image grid, traces the boundary, renders.
- for comparison: gradient descent alone, and the pipeline's fit alone.
- **ipympl canvas**: the same moves on the notebook's canvas widget, where rendering also encodes the changed
  pixels as a PNG for the browser (no browser attached: the message goes nowhere).

Budget (issue 7): a click to the redrawn figure within the budget of the learning-rate slider of notebook 04,
50 ms; the same for the explorer's sliders.

Run:  .venv/bin/python benchmarks/bench_draw.py  [--repeats 40]
"""

import argparse
import datetime
import os
import platform
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import numpy as np  # noqa: E402

import logreg_core  # noqa: E402
from _timing import summarize, time_each  # noqa: E402  (the benchmarks' shared timer, next to this file)
from logreg_data import make_dataset, polynomial_model  # noqa: E402
from logreg_viz.draw import MAX_POINTS, DataEditor  # noqa: E402
from logreg_viz.points_csv import points_to_csv  # noqa: E402
from logreg_viz.polynomial import ALPHAS, DegreeExplorer  # noqa: E402

BUDGET_MS = 50.0


def _time(action, values):
    """Median and 90th percentile of the wall-clock milliseconds of ``action(value)``, median CPU milliseconds."""
    return summarize(time_each(action, values), 90)


def _click(editor, x1, x2):
    editor.on_click(SimpleNamespace(inaxes=editor.training_figure.ax_data, xdata=x1, ydata=x2, button=1,
                                    dblclick=False))


def _clicks(editor, rng):
    """Click actions that alternate: add a point at an empty spot, then click on a random point (removes it)."""
    def add(_):
        while True:
            x1, x2 = rng.uniform(-1.9, 1.9, size=2)
            if editor.point_at(x1, x2) is None:
                editor.label.value = int(rng.integers(2))
                _click(editor, x1, x2)
                return

    def remove(_):
        _click(editor, *editor.X[rng.integers(len(editor.y))])

    return add, remove


def _editor_rows(rows, editor, repeats, rng, label):
    add, remove = _clicks(editor, rng)
    rows.append((f"{label}: a click adds a point (re-train + render)", True, _time(add, range(repeats))))
    rows.append((f"{label}: a click removes a point (re-train + render)", True, _time(remove, range(repeats))))


def _upload(editor, content):
    """What ipywidgets does when the browser sends a file through the upload control."""
    now = datetime.datetime.now(datetime.timezone.utc)
    editor.upload.value = ({"name": "points.csv", "type": "text/csv", "size": len(content),
                            "content": memoryview(content), "last_modified": now},)


def _explorer_rows(rows, explorer, repeats, rng, label):
    degrees = rng.integers(1, 11, size=repeats)
    rows.append((f"{label}: move the degree slider, 1-10 (fit + render)", True,
                 _time(lambda d: setattr(explorer.degree, "value", int(d)), degrees)))
    explorer.degree.value = 10
    alphas = rng.choice(ALPHAS, size=repeats)
    rows.append((f"{label}: move the α slider at degree 10 (fit + render)", True,
                 _time(lambda a: setattr(explorer.alpha, "value", float(a)), alphas)))


def measure(repeats):
    rng = np.random.default_rng(0)
    rows = []

    editor = DataEditor(preset="two blobs", interactive=False)
    _editor_rows(rows, editor, repeats, rng, "editor")
    X, y = editor.data()
    X_b = logreg_core.add_intercept(X)
    rows.append(("  of which gradient_descent, 500 updates, 60 points", False,
                 _time(lambda _: logreg_core.gradient_descent(X_b, y, np.zeros(3), 1.0, 500), range(repeats))))
    rows.append(("editor: load a preset (button)", True,
                 _time(lambda name: editor.load_preset(name), rng.choice(["two blobs", "XOR", "circles", "moons"],
                                                                         repeats // 2))))
    editor.load_preset("circles")
    editor.degree.value = 4
    _editor_rows(rows, editor, repeats, rng, "editor at degree 4")

    X_many = rng.uniform(-1.95, 1.95, size=(MAX_POINTS - 1, 2))
    y_many = (X_many[:, 0] + 0.3 * rng.normal(size=len(X_many)) > 0).astype(int)
    crowded = DataEditor(X=X_many, y=y_many, interactive=False)
    add, remove = _clicks(crowded, rng)
    rows.append((f"editor with {MAX_POINTS} points: a click adds or removes one (re-train + render)", True,
                 _time(lambda i: (add if i % 2 == 0 else remove)(i), range(repeats))))
    small, large = (points_to_csv(*make_dataset("moons", 60)).encode(), points_to_csv(X_many, y_many).encode())
    rows.append(("editor: upload a CSV of 60 points (read + check + re-train + render)", True,
                 _time(lambda _: _upload(editor, small), range(repeats // 2))))
    rows.append((f"editor: upload a CSV of {MAX_POINTS - 1} points (read + check + re-train + render)", True,
                 _time(lambda _: _upload(editor, large), range(repeats // 2))))

    X_train, y_train = make_dataset("circles", 30, noise=0.25, random_state=8)
    X_test, y_test = make_dataset("circles", 1000, noise=0.25, random_state=100)
    explorer = DegreeExplorer(X_train, y_train, X_test, y_test, degree=10, interactive=False)
    _explorer_rows(rows, explorer, repeats, rng, "explorer")
    rows.append(("  of which the pipeline's fit, degree 10, 1000 updates", False,
                 _time(lambda _: polynomial_model(10).fit(X_train, y_train), range(repeats // 2))))
    rows.append(("full canvas.draw() of the explorer (not done per move)", False,
                 _time(lambda _: explorer.figure.canvas.draw(), range(repeats // 2))))

    live_editor = DataEditor(preset="two blobs", interactive=True)
    _editor_rows(rows, live_editor, repeats, rng, "ipympl canvas, editor")
    live_explorer = DegreeExplorer(X_train, y_train, X_test, y_test, degree=10, interactive=True)
    _explorer_rows(rows, live_explorer, repeats // 2, rng, "ipympl canvas, explorer")
    return rows


def markdown_table(rows):
    """The rows as a markdown table: median and 90th percentile of the wall time, median CPU time, budget."""
    lines = ["| what | median wall (ms) | 90th pct wall (ms) | median CPU (ms) | budget (ms) | runs |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, budgeted, t in rows:
        verdict = f"{BUDGET_MS:.0f} {'✅' if t['wall'] < BUDGET_MS else '❌'}" if budgeted else ""
        lines.append(f"| {name} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {verdict} | {t['n']} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=40)
    repeats = parser.parse_args().repeats
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average " + \
        ", ".join(f"{load:.1f}" for load in os.getloadavg())
    table = markdown_table(measure(repeats))
    print(f"Notebook 12's editor and notebook 13's degree explorer; {machine}; Python {platform.python_version()}, "
          f"matplotlib {matplotlib.__version__}\n\n{table}")


if __name__ == "__main__":
    main()
