"""Notebook 05's live view (two clusters that do not overlap), played with as a new user would: in JupyterLab,
after Run All (``live_session.LiveNotebook``; see ``live_session.py`` for what every check means).

The training view: the iteration slider to both ends (the start and the end of the run replayed), then the learning
rate to both ends (each end re-trains 750 iterations). After each action the canvas shows the frame the kernel sent
last, that frame is the figure as a full draw paints it, and the kernel sent no error and nothing on stderr.
"""

from __future__ import annotations

import json

import pytest
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


class TestLiveSeparable(LiveNotebook):
    number = "05_separable"

    def test_iteration_and_learning_rate_to_both_ends(self, app, tools):
        view = app.view("learning rate", allowance=TRAINING_FIGURE_ALLOWANCE)
        iteration = tools.slider(view.element, "iteration")
        learning_rate = tools.slider(view.element, "learning rate")
        status = view.element.locator(tools.STATUS_LINE)
        app.press_to(view, iteration, "Home", "text === '0'")
        app.press_to(view, iteration, "End", "text === '750'")
        for key in ("Home", "End"):
            shown = tools.readout(learning_rate)
            value = app.press_to(view, learning_rate, key, f"text !== {json.dumps(shown)}")
            app.wait_for_text(status, f"learning rate {value} ")  # re-trained with that value
        app.assert_clean()
