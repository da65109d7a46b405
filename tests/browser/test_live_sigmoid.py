"""Notebook 01's sigmoid explorer, played with in JupyterLab after Run All (see ``live_session.py`` for how).

The explorer draws with the student's ``my_sigmoid`` (here the teacher's copy, so the reference solution). The
slope slider goes down through 0 (no boundary there) and to both ends, then the intercept to both ends. After each
move the canvas shows the frame the kernel sent last, that frame is what a full draw paints, and at the end no cell
and no widget callback has reported an error or written to stderr.
"""

from __future__ import annotations

import pytest
from live_session import LiveNotebook

pytestmark = pytest.mark.browser


def number_is(value):
    """A JS condition on a slider's readout ``text``: it reads as the number ``value`` (negative numbers are written
    with a minus sign, U+2212; "−0.00" reads as 0)."""
    return f"Number(text.replace(/\\u2212/g, '-')) === {value}"


class TestLive01(LiveNotebook):
    number = "01"

    def test_slope_through_zero_and_both_sliders_to_both_ends(self, app, tools):
        view = app.view("slope a")
        a, b = tools.slider(view.element, "slope a"), tools.slider(view.element, "intercept b")
        status = view.element.locator(tools.STATUS_LINE)
        start = float(tools.readout(a).replace("\u2212", "-"))
        assert start > 0 and (4 * start).is_integer(), f"the walk through 0 needs a start in 0.25, 0.5, ...: {start}"
        value = start
        while value > 0:  # down to 0 five steps (0.25) at a time, as a drag through 0 would go
            value = round(value - 0.25, 2)
            app.press_to(view, a, "PageDown", number_is(value))
        app.wait_for_text(status, "a = 0.00", "no boundary")
        app.press_to(view, a, "ArrowLeft", number_is(-0.05))  # just past 0: the boundary is back, reversed
        app.wait_for_text(status, "a = −0.05", "boundary x = ")
        for box, key, end in ((a, "Home", -5), (a, "End", 5), (b, "Home", -15), (b, "End", 15)):
            app.press_to(view, box, key, number_is(end))
        app.assert_clean()
