"""Shared set-up of the test suite: matplotlib's Agg backend, and no figure left open after a test.

The backend is chosen here, before any test module imports pyplot: the figures of the series are then drawn on
Agg (no window, no widget), and a live view made in a test draws on Agg too (``LiveView``'s rule: ipympl only
inside an IPython kernel).
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure a test made (live views and still figures are not pyplot's: they need no close)."""
    yield
    plt.close("all")
