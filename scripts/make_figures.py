"""Regenerate the figures and animations under figures/ from the series' own code (``make figures``).

Every file is made by a small function registered with ``@figure("file name")``; a later notebook adds its
figures the same way. The functions use the very data, settings and drawing code of the notebooks
(``logreg_viz``, ``logreg_core``), so a GIF shows exactly the run the notebook trains. Output is
deterministic: fixed seeds, and no timestamps in the files.

Usage::

    python scripts/make_figures.py              # all figures
    python scripts/make_figures.py 05_*.gif     # only those matching a pattern
    python scripts/make_figures.py --list       # what it can make
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # a script: draw to files, never to a window

import matplotlib.pyplot as plt  # noqa: E402 (after choosing the backend)

from logreg_estimator import LogisticRegressionGD  # noqa: E402
from logreg_data import OVERLAPPING_CLUSTERS, SEPARABLE_CLUSTERS  # noqa: E402
from logreg_viz.clusters import plot_learned_vs_bayes  # noqa: E402
from logreg_viz.snapshots import plot_training_snapshots, save_training_gif  # noqa: E402

FIGURES_DIR = Path(__file__).resolve().parents[1] / "figures"
#: file name -> function(path) that writes it
REGISTRY = {}


def figure(filename):
    """Register ``function(path)`` as the maker of ``figures/<filename>``."""

    def register(function):
        if filename in REGISTRY:
            raise ValueError(f"two functions make {filename}")
        REGISTRY[filename] = function
        return function

    return register


def _save_png(fig, path):
    fig.savefig(path, dpi=100, metadata={"Software": None})  # no version string: same bytes on every machine
    plt.close(fig)


# ----------------------------------------------------------------------------------------------------------------
# Notebooks 05 and 06: the two-cluster examples, trained as in the notebooks
# ----------------------------------------------------------------------------------------------------------------
def tutorial_run(clusters):
    """The notebooks' training run: uniform starting weights in [0, 1) (seed 0), the safe step, 750 updates."""
    X, y = clusters.sample()
    model = LogisticRegressionGD(learning_rate="auto", max_iter=750, init="uniform", random_state=0)
    return X, y, model.fit(X, y)


def register_training_figures(stem, clusters, name, loss_scale):
    """``<stem>_training.gif`` (the run replayed) and ``<stem>_four_moments.png`` (the boundary at four moments)."""

    @figure(f"{stem}_training.gif")
    def training_gif(path):
        X, y, model = tutorial_run(clusters)
        save_training_gif(path, X, y, model, title=f"{name}: 750 steps of gradient descent", loss_scale=loss_scale)

    @figure(f"{stem}_four_moments.png")
    def four_moments(path):
        X, y, model = tutorial_run(clusters)
        _save_png(plot_training_snapshots(X, y, model, title=f"{name}: the boundary at four moments of training"),
                  path)


# The loss scale is the live view's in each notebook: log where the loss keeps falling towards 0 (05), linear
# where it levels off at its minimum (06).
register_training_figures("05_separable", SEPARABLE_CLUSTERS, "Two clusters that do not overlap", "log")
register_training_figures("06_overlapping", OVERLAPPING_CLUSTERS, "Two clusters that overlap", "linear")


@figure("06_learned_vs_bayes.png")
def learned_vs_bayes(path):
    X, y, model = tutorial_run(OVERLAPPING_CLUSTERS)
    artists = plot_learned_vs_bayes(X, y, model.weights_history_[-1], OVERLAPPING_CLUSTERS.bayes_weights())
    _save_png(artists["ax"].figure, path)


# ----------------------------------------------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("patterns", nargs="*", help="file names or shell patterns (default: all)")
    parser.add_argument("--list", action="store_true", help="list the figures this script makes, and stop")
    parser.add_argument("--out", type=Path, default=FIGURES_DIR, help="output folder (default: figures/)")
    args = parser.parse_args(argv)

    if args.list:
        print("\n".join(sorted(REGISTRY)))
        return 0
    names = sorted(
        name for name in REGISTRY if not args.patterns or any(fnmatch.fnmatch(name, p) for p in args.patterns)
    )
    if not names:
        parser.error(f"no figure matches {args.patterns}; try --list")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = args.out / name
        REGISTRY[name](path)
        print(f"wrote {path.relative_to(args.out.parent) if args.out == FIGURES_DIR else path} "
              f"({path.stat().st_size / 1024:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
