"""How long one move of notebook 06's threshold slider takes, on the Agg backend.

One move = ``ThresholdExplorer.update`` (scikit-learn's confusion matrix, precision and recall at the new
threshold; new data for the confusion-matrix image, its four labels, the threshold lines and the markers) + a
forced ``fig.canvas.draw()``. ``draw_idle`` is switched off on the benchmark's canvas so that each draw is
counted exactly once, in its own row. The data are notebook 06's: the test set's probabilities of malignant
from the standardised, early-stopped model.

Run:  .venv/bin/python benchmarks/bench_threshold.py  [--repeats 100]
Prints a markdown table. In a browser, ipympl then encodes and sends the image: add a few milliseconds.
"""

import argparse
import platform
import time

import matplotlib

matplotlib.use("Agg")  # a script, not a module: choosing the backend here changes nothing for importers

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from logreg_core import LogisticRegressionGD  # noqa: E402
from logreg_viz.style import CLASS_COLORS  # noqa: E402
from logreg_viz.threshold import ThresholdExplorer, threshold_metrics  # noqa: E402


def notebook_scores():
    """Notebook 06's screening problem: (is_malignant, p_malignant) on the test set."""
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    model = make_pipeline(StandardScaler(), LogisticRegressionGD(learning_rate=0.1, max_iter=5000, tol=1e-5))
    model.fit(X_train, y_train)
    return (y_test == 0).astype(int), model.predict_proba(X_test)[:, 0]


def _clock():
    return time.perf_counter(), time.process_time()


def _since(start):
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def time_slider_moves(is_malignant, p_malignant, thresholds, relayout=False):
    """(wall, cpu) seconds per move for: the metrics alone, update(), a forced draw, update + draw.

    ``relayout=True`` switches constrained layout back on, as it would be without the explorer's fixed layout:
    then every draw recomputes the panels' positions."""
    start = _clock()
    explorer = ThresholdExplorer(is_malignant, p_malignant, class_names=("malignant", "benign"),
                                 class_colors=CLASS_COLORS)
    if relayout:
        explorer.fig.set_layout_engine("constrained")
    explorer.fig.canvas.draw_idle = lambda *args, **kwargs: None  # count each draw once, where it is forced
    explorer.fig.canvas.draw()  # the first draw (font caches, ...) is not a slider move
    build = _since(start)
    times = {"metrics": [], "update": [], "draw": [], "move": []}
    for threshold in thresholds:
        start = _clock()
        threshold_metrics(is_malignant, p_malignant, threshold)
        times["metrics"].append(_since(start))
        start = _clock()
        explorer.update(threshold)
        times["update"].append(_since(start))
        start_draw = _clock()
        explorer.fig.canvas.draw()
        times["draw"].append(_since(start_draw))
        times["move"].append(_since(start))
    plt.close(explorer.fig)
    return build, {name: np.array(samples) for name, samples in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100, help="slider moves timed (default 100)")
    args = parser.parse_args()

    is_malignant, p_malignant = notebook_scores()
    thresholds = np.random.default_rng(0).uniform(0.0, 1.0, size=args.repeats)  # the slider's whole range
    build, times = time_slider_moves(is_malignant, p_malignant, thresholds)

    print(f"Threshold slider of notebook 06, Agg backend, {args.repeats} moves over [0, 1], "
          f"{len(p_malignant)} test samples")
    print(f"(Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}, "
          f"Matplotlib {matplotlib.__version__}, {platform.machine()}; CPU = this process's processor time)\n")
    print("| what is timed | median ms | 95th pct ms | median CPU ms |")
    print("|---|---:|---:|---:|")
    names = {
        "metrics": "scikit-learn metrics at one threshold",
        "update": "update(): metrics + move artists",
        "draw": "forced canvas.draw()",
        "move": "**one slider move: update + draw**",
    }
    for key, name in names.items():
        wall, cpu = times[key][:, 0] * 1e3, times[key][:, 1] * 1e3
        print(f"| {name} | {np.median(wall):.1f} | {np.percentile(wall, 95):.1f} | {np.median(cpu):.1f} |")
    print(f"| building the figure once (+ first draw) | {build[0] * 1e3:.0f} | | {build[1] * 1e3:.0f} |")
    _, relayout_times = time_slider_moves(is_malignant, p_malignant, thresholds, relayout=True)
    wall, cpu = relayout_times["move"][:, 0] * 1e3, relayout_times["move"][:, 1] * 1e3
    print(f"| for comparison: one move if the layout were recomputed on every draw | {np.median(wall):.1f} | "
          f"{np.percentile(wall, 95):.1f} | {np.median(cpu):.1f} |")


if __name__ == "__main__":
    main()
