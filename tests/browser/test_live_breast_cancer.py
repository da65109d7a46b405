"""Notebook 08's live view, the threshold explorer, played with as a new user would: in JupyterLab, after Run All.

The threshold slider goes from 0.5 to both ends and back: at 0 every mass is flagged (every malignant one caught,
every benign one a false alarm), at 1 none is. After each move (see ``live_session.py`` for the checks that
``LiveSession`` makes): the status line says what the figure shows, the canvas shows the frame the kernel sent
last, that frame is the figure as a full draw paints it, and the kernel reported no error and wrote nothing to
stderr, not even from the slider's callback.

Skipped, with a message saying how to get them, when Chromium or Playwright is missing. Select or deselect with
``-m browser``.
"""

from __future__ import annotations

import json

import pytest
from live_session import LiveNotebook

pytestmark = pytest.mark.browser


class TestLive08BreastCancer(LiveNotebook):
    number = "08"

    def test_threshold_to_both_ends_and_back(self, app, tools):
        view = app.view("threshold τ")
        threshold = tools.slider(view.element, "threshold τ")
        status = view.element.locator(tools.STATUS_LINE)
        app.wait_for_text(status, "threshold τ = 0.50: ")
        n_malignant, n_benign = app.kernel_value("[int(y_test.sum()), int((y_test == 0).sum())]")
        ends = {"Home": ("0.00", f"{n_malignant} of {n_malignant} malignant caught, 0 missed, {n_benign} false alarms"),
                "End": ("1.00", f"0 of {n_malignant} malignant caught, {n_malignant} missed, 0 false alarms")}
        for key in ("Home", "End"):
            readout, counts = ends[key]
            app.press_to(view, threshold, key, f"text === {json.dumps(readout)}",
                         lambda readout=readout, counts=counts: app.wait_for_text(
                             status, f"threshold τ = {readout}: {counts}"))
        for _ in range(2):  # from 1.00 back down, a page of steps at a time
            shown = tools.readout(threshold)
            value = app.press_to(view, threshold, "PageDown", f"text !== {json.dumps(shown)}")
            app.wait_for_text(status, f"threshold τ = {value}: ")
        assert float(value) < 1.0
        app.assert_clean()
