"""Regenerate the figures and animations under figures/ from the series' own code (``make figures``).

Every file is made by a small function registered with ``@figure("file name", "description")``; a later notebook
adds its figures the same way. The description says in words what the figure shows: it is the figure's alt text,
the one source of it (``DESCRIPTIONS``; a notebook or the README that shows the figure uses it, and
``tests/test_alt_text.py`` checks that they do), and it is stored in the file too (a PNG's ``Description`` text
chunk, a GIF's comment). The functions use the very data, settings and drawing code of the notebooks
(``logreg_viz``, ``logreg_core``), so a GIF shows exactly the run the notebook trains. Output is
deterministic: fixed seeds, and no timestamps in the files.

Usage::

    python scripts/make_figures.py              # all figures
    python scripts/make_figures.py 05_*.gif     # only those matching a pattern
    python scripts/make_figures.py --list       # what it can make, and what each shows
"""

from __future__ import annotations

import argparse
import fnmatch
import struct
import sys
import zlib
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
#: file name -> what the figure shows, in words: its alt text wherever it is shown, and stored in the file
DESCRIPTIONS = {}


def figure(filename, description):
    """Register ``function(path)`` as the maker of ``figures/<filename>``, which shows ``description`` (a sentence
    that says what a reader sees: the figure's alt text)."""

    def register(function):
        if filename in REGISTRY:
            raise ValueError(f"two functions make {filename}")
        REGISTRY[filename] = function
        DESCRIPTIONS[filename] = description
        return function

    return register


def store_description(path, description):
    """Write ``description`` into the image file at ``path``, leaving its picture untouched: a PNG gets an ``iTXt``
    chunk ``Description`` (UTF-8) after its header chunk, a GIF a comment extension after its colour table. A
    description stored there before is replaced."""
    path = Path(path)
    data = path.read_bytes()
    text = description.encode("utf-8")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        chunks, at = [], 8
        while at < len(data):  # every chunk but an earlier description: length, type, data, CRC
            length, kind = struct.unpack(">I4s", data[at:at + 8])
            chunk = data[at:at + 12 + length]
            if not (kind in (b"tEXt", b"iTXt", b"zTXt") and chunk[8:].startswith(b"Description\0")):
                chunks.append(chunk)
            at += 12 + length
        body = b"iTXt" + b"Description\0" + b"\0\0" + b"\0" + b"\0" + text  # uncompressed, no language tag
        chunks.insert(1, struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body)))
        data = data[:8] + b"".join(chunks)  # the signature, IHDR, the description, the rest
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        flags = data[10]
        end_of_table = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)  # header, screen, global colours
        rest = end_of_table
        if data[rest:rest + 2] == b"\x21\xfe":  # a comment stored before: skip its sub-blocks
            rest += 2
            while data[rest]:
                rest += 1 + data[rest]
            rest += 1
        blocks = b"".join(bytes([len(text[i:i + 255])]) + text[i:i + 255] for i in range(0, len(text), 255))
        data = data[:end_of_table] + b"\x21\xfe" + blocks + b"\x00" + data[rest:]
    else:
        raise ValueError(f"{path.name}: neither a PNG nor a GIF")
    path.write_bytes(data)


def read_description(path):
    """The description stored in the image file at ``path`` (see ``store_description``), or None."""
    from PIL import Image

    with Image.open(path) as image:
        if image.format == "PNG":
            return image.text.get("Description")
        comment = image.info.get("comment")
        return None if comment is None else comment.decode("utf-8")


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


def register_training_figures(stem, clusters, name, loss_scale, *, gif_description, png_description):
    """``<stem>_training.gif`` (the run replayed) and ``<stem>_four_moments.png`` (the boundary at four moments)."""

    @figure(f"{stem}_training.gif", gif_description)
    def training_gif(path):
        X, y, model = tutorial_run(clusters)
        save_training_gif(path, X, y, model, title=f"{name}: 750 steps of gradient descent", loss_scale=loss_scale)

    @figure(f"{stem}_four_moments.png", png_description)
    def four_moments(path):
        X, y, model = tutorial_run(clusters)
        _save_png(plot_training_snapshots(X, y, model, title=f"{name}: the boundary at four moments of training"),
                  path)


# The loss scale is the live view's in each notebook: log where the loss keeps falling towards 0 (05), linear
# where it levels off at its minimum (06).
register_training_figures(
    "05_separable", SEPARABLE_CLUSTERS, "Two clusters that do not overlap", "log",
    gif_description="Gradient descent on two clusters that do not overlap: the boundary swings into the gap between "
                    "the clusters while the loss falls",
    png_description="Two clusters that do not overlap, with the boundary at four moments of gradient descent "
                    "(iterations 0, 8, 75 and 750): it starts on the wrong side, separates the classes within 8 "
                    "steps, then turns slowly into the middle of the gap while the loss keeps falling",
)
register_training_figures(
    "06_overlapping", OVERLAPPING_CLUSTERS, "Two clusters that overlap", "linear",
    gif_description="Gradient descent on two overlapping clusters: the boundary swings into the overlap and settles "
                    "while the loss levels off",
    png_description="Two overlapping clusters, with the boundary at four moments of gradient descent (iterations 0, "
                    "8, 75 and 750): it starts on the wrong side, swings into the overlap within 8 steps, then "
                    "hardly moves while the loss levels off and the accuracy stays near 93%",
)


@figure("06_learned_vs_bayes.png",
        "Two overlapping clusters with the boundary learned by gradient descent (solid line) and the Bayes-optimal "
        "boundary (dashed line): the two lines cross in the middle of the overlap at a small angle")
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
        print("\n".join(f"{name}: {DESCRIPTIONS[name]}" for name in sorted(REGISTRY)))
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
        store_description(path, DESCRIPTIONS[name])
        print(f"wrote {path.relative_to(args.out.parent) if args.out == FIGURES_DIR else path} "
              f"({path.stat().st_size / 1024:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
