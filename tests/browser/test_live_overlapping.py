"""Notebook 06's live views (two clusters that overlap), played with as a new user would: in JupyterLab, after
Run All (``live_session.LiveNotebook``; see ``live_session.py`` for what every check means).

- the training view's learning-rate slider to both ends (each end re-trains 750 iterations; at the top the loss
  bursts up again and again);
- the distance view's slider to both ends (one cloud, then far apart: each end draws a new sample and re-trains).

After each action the canvas shows the frame the kernel sent last, that frame is the figure as a full draw paints
it, and the kernel sent no error and nothing on stderr.
"""

from __future__ import annotations

import json

import pytest
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


def _number_is(value):
    """A JS condition on a slider's readout ``text``: it reads as the number ``value`` (minus sign U+2212 or not)."""
    return f"Number(text.replace(/\\u2212/g, '-')) === {value}"


class TestLiveOverlapping(LiveNotebook):
    number = "06_overlapping"

    def test_learning_rate_to_both_ends(self, app, tools):
        view = app.view("learning rate", allowance=TRAINING_FIGURE_ALLOWANCE)
        learning_rate = tools.slider(view.element, "learning rate")
        status = view.element.locator(tools.STATUS_LINE)
        for key in ("Home", "End"):
            shown = tools.readout(learning_rate)
            value = app.press_to(view, learning_rate, key, f"text !== {json.dumps(shown)}")
            app.wait_for_text(status, f"learning rate {value} ")  # re-trained with that value
        app.assert_clean()

    def test_distance_to_both_ends(self, app, tools):
        view = app.view("distance between centres")
        distance = tools.slider(view.element, "distance between centres")
        app.press_to(view, distance, "Home", _number_is(0))  # one cloud: no line can do better than chance
        app.press_to(view, distance, "End", _number_is(8))
        app.assert_clean()
