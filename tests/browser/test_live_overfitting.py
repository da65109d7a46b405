"""Notebook 13's live view, played with as a new user would: in JupyterLab, after Run All.

The degree explorer (``DegreeExplorer``): the degree and the L2 strength to both ends. After every action the canvas
shows exactly the frame the kernel sent last, that frame is the figure as a full draw paints it, and the kernel
reported no error and wrote nothing to stderr (``live_session.LiveSession``; the conventions are those of
``live_session.py``).
"""

from __future__ import annotations

import json

import pytest
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


class TestLive13(LiveNotebook):
    number = "13"

    def test_degree_explorer(self, app, tools):
        view = app.view("L2 strength α", allowance=TRAINING_FIGURE_ALLOWANCE)
        degree, alpha = tools.slider(view.element, "polynomial degree"), tools.slider(view.element, "L2 strength α")
        scores = view.element.locator(tools.STATUS_LINE)

        def shows(degree_text, alpha_text):
            return lambda: app.wait_for_text(scores, f"degree {degree_text}, α = {alpha_text}")

        top = str(app.kernel_value(f"{view.expression}.degree.max"))
        app.press_to(view, degree, "Home", "text === '1'", shows(1, tools.readout(alpha)))
        app.press_to(view, degree, "End", f"text === {json.dumps(top)}", shows(top, tools.readout(alpha)))
        app.press_to(view, alpha, "End", "text === '1'", shows(top, 1))
        app.press_to(view, alpha, "Home", "text === '0'", shows(top, 0))
        app.assert_clean()
