"""Notebook 07's live view (minibatch SGD), played with as a new user would: in JupyterLab, after Run All
(``live_session.LiveNotebook``; see ``live_session.py`` for what every check means).

The batch-size slider to the full batch and back to one sample, a step at a time on the way up (every batch size is
shown), then the learning-rate slider to both ends (at the top the path flies out of the view) and one step back.
Each move re-runs 200 updates of SGD; the status line names the setting the kernel drew. After each action the
canvas shows the frame the kernel sent last, that frame is the figure as a full draw paints it, and the kernel sent
no error and nothing on stderr.
"""

from __future__ import annotations

import json

import pytest
from live_session import LiveNotebook

pytestmark = pytest.mark.browser

BATCH_SIZES = ["1", "2", "4", "8", "16", "32", "64", "128", "256 (all)"]


class TestLiveMinibatch(LiveNotebook):
    number = "07_minibatch"

    def test_batch_size_and_learning_rate_to_both_ends(self, app, tools):
        view = app.view("batch size B")
        batch_size = tools.slider(view.element, "batch size B")
        learning_rate = tools.slider(view.element, "learning rate η")
        status = view.element.locator(tools.STATUS_LINE)
        assert tools.readout(batch_size) == "1" and float(tools.readout(learning_rate)) == 1.0
        for shown in BATCH_SIZES[1:]:  # up one batch size at a time: each is drawn
            drawn = f"batch size {shown.split()[0]}{' (all' if shown.endswith('(all)') else ','}"
            app.press_to(view, batch_size, "ArrowRight", f"text === {json.dumps(shown)}",
                         lambda drawn=drawn: app.wait_for_text(status, drawn))
        app.press_to(view, batch_size, "Home", "text === '1'", lambda: app.wait_for_text(status, "batch size 1,"))
        for key in ("End", "Home", "ArrowRight"):
            shown = tools.readout(learning_rate)
            value = app.press_to(view, learning_rate, key, f"text !== {json.dumps(shown)}")
            # the readout writes 1.00 where Python's .3g writes 1
            app.wait_for_text(status, "batch size 1,", f"learning rate {float(value):.3g}:")
        app.assert_clean()
