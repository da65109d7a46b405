"""How long one move of notebook 08's threshold slider takes, in kernel time.

One move = ``ThresholdExplorer.move_artists`` and the redraw: the four outcomes counted at the new threshold
(flagged: p > tau); new data for the confusion-matrix image, its four labels, the threshold lines and the markers; and a
redraw of only those on the saved background (blitting). For comparison: the metrics alone, a full redraw of the
figure (what a move would cost with ``draw_idle``), the same with the layout recomputed on every draw, and the
move on an ipympl canvas (the notebook's, where the redraw also encodes the changed pixels as a PNG for the
browser). The data are notebook 08's: the test set's probabilities of malignant (class 1) from the standardised,
early-stopped model.

Run:  .venv/bin/python benchmarks/bench_threshold.py  [--repeats 100]
Prints a markdown table.
"""

import argparse
import os
import platform

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from _timing import clock, mover, since, summarize, time_each  # noqa: E402

from logreg_data import standardize  # noqa: E402
from logreg_estimator import LogisticRegressionGD  # noqa: E402
from logreg_viz.threshold import ThresholdExplorer, threshold_metrics  # noqa: E402


def notebook_scores():
    """Notebook 08's screening problem: (y_test, p_test), 1 = malignant, on the test set."""
    X, target = load_breast_cancer(return_X_y=True)
    y = (target == 0).astype(int)  # 1 = malignant, the class the screening looks for
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    X_train, X_test = standardize(X_train, X_test)
    model = LogisticRegressionGD(learning_rate=0.1, max_iter=5000, tol=1e-5).fit(X_train, y_train)
    return y_test, model.predict_proba(X_test)[:, 1]


def _explorer(is_malignant, p_malignant, interactive=False):
    explorer = ThresholdExplorer(is_malignant, p_malignant, class_names=("malignant", "benign"),
                                 interactive=interactive)
    explorer.figure.canvas.draw()  # the first picture (font caches, the saved background) is not a slider move
    return explorer


def measure(is_malignant, p_malignant, thresholds):
    """Rows (name, samples of (wall, cpu) seconds)."""
    start = clock()
    explorer = _explorer(is_malignant, p_malignant)
    build = since(start)
    redraw = explorer.figure.canvas.draw
    rows = [
        ("the metrics at one threshold",
         time_each(lambda t: threshold_metrics(is_malignant, p_malignant, t), thresholds)),
        ("**one slider move (metrics + artists + blit)**", time_each(mover(explorer.slider), thresholds)),
        ("building the figure once (+ its first picture)", build[None, :]),
        ("for comparison: a full redraw", time_each(lambda _: redraw(), thresholds[::4])),
    ]
    explorer.figure.set_layout_engine("constrained")
    rows.append(("a full redraw with the layout recomputed", time_each(lambda _: redraw(), thresholds[::4])))
    explorer = _explorer(is_malignant, p_malignant, interactive=True)
    ipympl_moves = time_each(mover(explorer.slider), thresholds[::2])
    rows.append(("one move on an ipympl canvas (+ PNG of the frame)", ipympl_moves))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100, help="slider moves timed (default 100)")
    args = parser.parse_args()

    is_malignant, p_malignant = notebook_scores()
    thresholds = np.random.default_rng(0).uniform(0.0, 1.0, size=args.repeats)  # the slider's whole range
    rows = measure(is_malignant, p_malignant, thresholds)

    print(f"Threshold slider of notebook 08, up to {args.repeats} moves over [0, 1], {len(p_malignant)} test samples")
    print(f"(Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}, "
          f"Matplotlib {matplotlib.__version__}, {platform.machine()}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}; CPU = this process's processor time)\n")
    print("| what is timed | median ms | 95th pct ms | median CPU ms | runs |")
    print("|---|---:|---:|---:|---:|")
    for name, samples in rows:
        t = summarize(samples, 95)
        print(f"| {name} | {t['wall']:.1f} | {t['pct']:.1f} | {t['cpu']:.1f} | {t['n']} |")


if __name__ == "__main__":
    main()
