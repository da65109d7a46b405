"""Notebook 11's live view, played with as a new user would: in JupyterLab, after Run All.

The softmax replay (``TrainingRegionsExplorer``): the step slider to both ends, and Play from step 0 to the last
step. After every action the canvas shows exactly the frame the kernel sent last, that frame is the figure as a full
draw paints it, and the kernel reported no error and wrote nothing to stderr (``live_session.LiveSession``; the
conventions are those of ``live_session.py``).
"""

from __future__ import annotations

import json

import pytest
from live_session import LiveNotebook

pytestmark = pytest.mark.browser


class TestLive11(LiveNotebook):
    number = "11"

    def test_step_slider_and_play_end_to_end(self, app, tools):
        view = app.view("step", "explorer")
        step = tools.slider(view.element, "step")
        status = view.element.locator(tools.STATUS_LINE)
        app.wait_for_text(status, "step 0 of 100", "1 of 3 classes have a region in view")  # all scores tie
        app.press_to(view, step, "ArrowRight", "text === '1'",
                     lambda: app.wait_for_text(status, "step 1 of 100", "3 of 3 classes have a region in view"))
        last = app.press_to(view, step, "End", "text === '100'")
        app.press_to(view, step, "Home", "text === '0'", what="Home on the step slider")
        play = view.element.locator(".widget-play button:has(i.fa-play)")
        app.act(view, "Play from step 0", play.click, lambda: tools.wait_for_readout(step, "Number(text) > 0"),
                check=False)
        try:
            tools.wait_for_readout(step, f"text === {json.dumps(last)}", timeout=120_000)  # Play stops at the end
            app.wait_until_idle()
            app.check_picture(view)  # frames came fast: none may be lost on the way
        except Exception as error:
            app.explain(error, "Play to the last step")
            raise
        app.assert_clean()
