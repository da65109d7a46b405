"""The data editor's points as a CSV file, and back (notebook 12): the rules, in one place.

A points file is UTF-8 text (a byte-order mark, as spreadsheets write one, is allowed):

- its first line that is not blank is the header ``x1,x2,label`` (spaces around the names, and their case, do not
  matter);
- then one line per point: ``x1,x2,label``, two finite numbers and a label 0 or 1 (``0``, ``1``, or the same
  written as a number, e.g. ``1.0``), separated by commas;
- blank lines are skipped, and a line may end in ``\\r\\n`` (Windows) as well as ``\\n``;
- every point lies inside the editor's window (both coordinates from -2 to 2 by default), where it can be seen;
- at least one point, and at most ``MAX_POINTS`` (1000): the editor re-trains on every click, and with more points
  a click no longer keeps up with the hand (``benchmarks/bench_draw.py`` measures it);
- at most ``MAX_BYTES`` (1 MB); a file of 1000 points takes about 50 kB.

``points_to_csv`` writes every coordinate with Python's shortest exact form (``repr``), so that reading the file
back gives the very same float64 numbers. ``points_from_csv`` refuses any other file with a ``PointsFileError`` (a
``ValueError``) whose message names the problem and, where there is one, the line. Nothing here draws: the editor
(``logreg_viz.draw.DataEditor``) reads and writes through these functions.
"""

from __future__ import annotations

import base64
import html
import math
from pathlib import Path

import numpy as np

__all__ = ["HEADER", "MAX_POINTS", "MAX_BYTES", "PointsFileError", "points_to_csv", "points_from_csv",
           "read_points_csv", "download_link"]

#: The header line of a points file.
HEADER = "x1,x2,label"
#: The most points the editor takes: it re-trains on every click (500 updates of gradient descent), and it must keep
#: up with a hand clicking (benchmarks/bench_draw.py measures a click with this many points).
MAX_POINTS = 1000
#: The largest file read, in bytes (a file of MAX_POINTS points is about 50 kB).
MAX_BYTES = 1_000_000

_NAMES = ("x1", "x2", "label")


class PointsFileError(ValueError):
    """A points file that cannot be read: ``problem`` says why, ``line`` where (1-based), or None for the whole
    file."""

    def __init__(self, problem, line=None, name=None):
        self.problem, self.line, self.name = problem, line, name
        where = ", ".join(part for part in (name, None if line is None else f"line {line}") if part)
        super().__init__(f"{where}: {problem}" if where else problem)


def points_to_csv(X, y):
    """The text of a points file: the header, then one line ``x1,x2,label`` per point.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,), labels 0 or 1

    Returns
    -------
    text : str, ending in a newline; each coordinate is written exactly (``repr`` of the float64).
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    rows = [f"{float(x1)!r},{float(x2)!r},{int(label)}" for (x1, x2), label in zip(X, y)]
    return "\n".join([HEADER, *rows]) + "\n"


def _text_of(data, name):
    """``data`` (bytes or str) as text, or a PointsFileError for a file that is not UTF-8 text."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        raise PointsFileError(f"the file is too large ({len(data) / 1e6:.1f} MB; at most {MAX_BYTES / 1e6:g} MB, "
                              f"which is far more than {MAX_POINTS} points need)", name=name)
    if not data.strip():
        raise PointsFileError(f"the file is empty; a points file starts with the header {HEADER}, then one line "
                              "per point", name=name)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PointsFileError("a NUL byte: this is not a text file (save your points as CSV text)",
                              line=data.count(b"\n", 0, nul) + 1, name=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PointsFileError(f"byte 0x{data[error.start]:02x} is not UTF-8 text: this is not a CSV text file "
                              "(save your points as CSV, UTF-8)", line=data.count(b"\n", 0, error.start) + 1,
                              name=name) from None


def _header_problem(line):
    fields = [field.strip() for field in line.split(",")]
    if [field.lower() for field in fields] == list(_NAMES):
        return None
    shown = line if len(line) <= 40 else line[:37] + "..."
    if ";" in line and "," not in line:
        return f"the columns are separated by ';'; separate them by commas, with the header {HEADER}"
    if all(_is_number(field) for field in fields):
        return f"the first line must be the header {HEADER}, but the file starts with numbers ({shown!r})"
    return f"the first line must be the header {HEADER}; got {shown!r}"


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _point(line, number, name, window):
    """The point ``(x1, x2)`` and label of a data line, or a PointsFileError saying what is wrong with it."""
    fields = line.split(",")
    if len(fields) != 3:
        found = "a column is missing" if len(fields) < 3 else "there are too many columns"
        raise PointsFileError(f"expected 3 values (x1, x2, label), found {len(fields)}: {found} "
                              f"({line.strip()[:40]!r})", number, name)
    values = []
    for column, field in zip(_NAMES[:2], fields):
        text = field.strip()
        try:
            value = float(text)
        except ValueError:
            raise PointsFileError(f"{column} is not a number: {text[:30]!r}", number, name) from None
        if not math.isfinite(value):
            raise PointsFileError(f"{column} is {text[:30]!r}; every coordinate must be a finite number (no NaN, "
                                  "no inf)", number, name)
        values.append(value)
    label = fields[2].strip()
    if not _is_number(label) or float(label) not in (0.0, 1.0):
        raise PointsFileError(f"the label must be 0 or 1; got {label[:30]!r}", number, name)
    if window is not None:
        (x_low, x_high), (y_low, y_high) = window
        if not (x_low <= values[0] <= x_high and y_low <= values[1] <= y_high):
            raise PointsFileError(
                f"the point ({values[0]:g}, {values[1]:g}) lies outside the editor's window (x1 from {x_low:g} to "
                f"{x_high:g}, x2 from {y_low:g} to {y_high:g}); scale or move your points into it", number, name)
    return values, int(float(label))


def points_from_csv(data, *, name=None, window=None, max_points=MAX_POINTS):
    """The points of a points file (the rules are in this module's docstring).

    Parameters
    ----------
    data : bytes or str
        The file's content.
    name : str or None
        The file's name, for the messages.
    window : (xlim, ylim) or None
        Where the points must lie; None: anywhere.
    max_points : int, default ``MAX_POINTS``

    Returns
    -------
    X : ndarray of float64 of shape (n_samples, 2)
    y : ndarray of int of shape (n_samples,), labels 0 or 1

    Raises
    ------
    PointsFileError
        A ``ValueError`` naming the problem, and the line where there is one: empty, header only or missing, a
        missing column, a non-number, NaN or inf, a label other than 0 or 1, a point outside the window, binary
        junk, too many points or bytes.
    """
    lines = [(number, line.rstrip("\r")) for number, line in enumerate(_text_of(data, name).split("\n"), start=1)
             if line.strip()]
    (header_number, header), rows = lines[0], lines[1:]
    problem = _header_problem(header)
    if problem:
        raise PointsFileError(problem, header_number, name)
    if not rows:
        raise PointsFileError("the file has its header but no points; add one line x1,x2,label per point", name=name)
    if len(rows) > max_points:
        raise PointsFileError(
            f"the file holds {len(rows)} points; the editor re-trains on every click and keeps up with at most "
            f"{max_points} points (MAX_POINTS): keep a sample of them", name=name)
    points = [_point(line, number, name, window) for number, line in rows]
    X = np.array([coordinates for coordinates, _ in points], dtype=np.float64)
    y = np.array([label for _, label in points], dtype=int)
    return X, y


def read_points_csv(path, **kwargs):
    """``points_from_csv`` of the file at ``path`` (its name goes into the messages); reads at most
    ``MAX_BYTES + 1`` bytes, so that a huge file is refused without being read whole."""
    path = Path(path)
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
    return points_from_csv(data, name=path.name, **kwargs)


def download_link(X, y, filename="my_points.csv"):
    """An HTML link that downloads the points as a points file, with the file inside the link (a ``data:`` URL):
    it works with no server, no network and no extension. Without points, a line that says so instead.

    Returns
    -------
    html : str
    """
    if len(y) == 0:
        return "<span>⬇ nothing to download yet: no points</span>"
    payload = base64.b64encode(points_to_csv(X, y).encode("utf-8")).decode("ascii")
    filename = html.escape(filename, quote=True)
    return (f'<a download="{filename}" href="data:text/csv;base64,{payload}" '
            f'title="save the points as {filename}: x1,x2,label, one line per point">'
            f"⬇ download {'this point' if len(y) == 1 else f'these {len(y)} points'} ({filename})</a>")
