"""Timing helpers shared by the benchmark scripts (a script imports it as ``_timing``: its own folder is on the path).

Every measurement is a pair (wall-clock seconds, CPU seconds of this process): the wall clock is what a student
waits, the CPU time is robust to other load on the machine.

``clock``      the current (wall, cpu) pair, as an array of shape (2,)
``since``      the (wall, cpu) seconds elapsed since a ``clock()``
``time_each``  (wall, cpu) seconds of ``action(value)`` for each value: an array of shape (n_values, 2)
``summarize``  median and a percentile of the wall-clock milliseconds, median CPU milliseconds
``mover``      the action of a hand on a control: set its value (as a student's drag does)
"""

import time

import numpy as np


def clock():
    """The current wall-clock and CPU time: ndarray of shape (2,), in seconds."""
    return np.array([time.perf_counter(), time.process_time()])


def since(start):
    """Seconds of wall-clock and CPU time since ``start = clock()``: ndarray of shape (2,)."""
    return clock() - start


def time_each(action, values):
    """Time ``action(value)`` once per value.

    Returns
    -------
    samples : ndarray of shape (len(values), 2)
        Wall-clock and CPU seconds of each call.
    """
    samples = []
    for value in values:
        start = clock()
        action(value)
        samples.append(since(start))
    return np.array(samples).reshape(-1, 2)


def summarize(samples, percentile=90):
    """Milliseconds: median wall clock, its ``percentile``-th percentile, median CPU time, number of samples.

    Parameters
    ----------
    samples : array_like of shape (n, 2)
        (wall, cpu) seconds, e.g. from ``time_each``.
    percentile : float, default=90

    Returns
    -------
    summary : dict with keys "wall", "pct", "cpu" (milliseconds) and "n"
    """
    samples = 1e3 * np.asarray(samples, dtype=np.float64).reshape(-1, 2)
    wall, cpu = samples[:, 0], samples[:, 1]
    return {"wall": float(np.median(wall)), "pct": float(np.percentile(wall, percentile)),
            "cpu": float(np.median(cpu)), "n": len(samples)}


def mover(control):
    """``action(value)`` that sets ``control.value``: what a student's drag or click on the control does."""

    def move(value):
        control.value = value

    return move
