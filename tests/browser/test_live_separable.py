"""Notebook 05's live view (two clusters that do not overlap), played with as a new user would: in JupyterLab,
after Run All (``live_session.LiveNotebook``; see ``live_session.py`` for what every check means).

The training view: it starts at the safe step 1/β; Play advances the iteration and Stop goes back to 0; the
iteration slider to both ends (the start and the end of the run replayed), then the learning
rate to both ends (each end re-trains 750 iterations). After each action the canvas shows the frame the kernel sent
last, that frame is the figure as a full draw paints it, and the kernel sent no error and nothing on stderr.
"""

from __future__ import annotations

import json
import re

import pytest
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


class TestLiveSeparable(LiveNotebook):
    number = "05_separable"

    def test_the_learning_rate_starts_at_the_safe_step(self, app, tools):
        """The lesson starts the view at the safe step 1/β, and the browser shows it there: a slider started off its
        grid would be moved to the nearest position (0.282 instead of 0.284) and re-train."""
        view = tools.training_view(app.page)
        learning_rate, status = tools.slider(view, "learning rate"), view.locator(tools.STATUS_LINE)
        tools.wait_for_text(status, "safe step 1/β = ")
        safe = re.search(r"safe step 1/β = ([0-9.e+-]+)\)", status.inner_text())
        assert safe, status.inner_text()
        assert tools.readout(learning_rate) == safe.group(1)

    def test_play_advances_the_iteration(self, app, tools):
        view = tools.training_view(app.page)
        iteration = tools.slider(view, "iteration")
        picture = tools.wait_for_canvas(view)
        tools.press(iteration, "Home")  # iteration 0, the starting weights
        tools.wait_for_readout(iteration, "text === '0'")
        at_zero = tools.wait_for_canvas_change(view, picture)
        view.locator(".widget-play button:has(i.fa-play)").click()
        first = int(tools.wait_for_readout(iteration, "Number(text) > 0"))
        tools.wait_for_readout(iteration, f"Number(text) > {first}")  # and on, frame after frame
        tools.wait_for_canvas_change(view, at_zero)  # the kernel redraws the moving boundary
        view.locator(".widget-play button:has(i.fa-stop)").click()  # stop: back to 0
        tools.wait_for_readout(iteration, "text === '0'")
        tools.press(iteration, "End")  # the end of the run again, as Run All left it
        tools.wait_for_readout(iteration, "text === '750'")
        app.wait_until_idle()
        app.assert_clean()

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
