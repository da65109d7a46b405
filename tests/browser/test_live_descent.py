"""Notebook 04's descent explorer, played with in JupyterLab after Run All (see ``live_session.py`` for how).

A click on the contour map chooses the start of gradient descent, a drag moves it, and the keyboard moves the two
start sliders and the learning-rate slider to their ends. After each action the status line says the new run, the
canvas shows the frame the kernel sent last and that frame is what a full draw paints; at the end no cell and no
widget callback has reported an error or written to stderr.
"""

from __future__ import annotations

import json

import pytest
from live_session import LiveNotebook
from test_live_cross_entropy import MapCanvas, assert_near
from test_live_sigmoid import number_is

pytestmark = pytest.mark.browser


class TestLive04(LiveNotebook):
    number = "04_gradient"  # notebooks/04_gradient_descent.ipynb

    def test_click_and_drag_a_start_and_the_learning_rate_to_both_ends(self, app, tools):
        view = app.view("start: slope a")
        a, b = tools.slider(view.element, "start: slope a"), tools.slider(view.element, "start: intercept b")
        eta = tools.slider(view.element, "learning rate η")
        status = view.element.locator(tools.STATUS_LINE)
        canvas = MapCanvas(app, view)

        said = status.inner_text()
        target = (-1.9, 2.55)  # on the star
        app.act(view, f"a click on the map at (b, a) = {target}", lambda: canvas.click(*target),
                lambda: app.wait_for_new_text(status, said), lambda: canvas.wait_until_shown(a, b, *target))
        assert_near(canvas.chosen(), target, canvas, "the click")

        said = status.inner_text()
        path = [(-4.5, 0.0), (-3.0, 4.0), (1.0, 6.0), (1.5, -1.0)]
        app.act(view, "a drag of the start across the map", lambda: canvas.drag(path),
                lambda: app.wait_for_new_text(status, said), lambda: canvas.wait_until_shown(a, b, *path[-1]))
        assert_near(canvas.chosen(), path[-1], canvas, "the drag's end")

        for key in ("End", "Home"):  # the learning rate to both ends: a path off the map, then a crawl
            said, shown = status.inner_text(), tools.readout(eta)
            app.press_to(view, eta, key, f"text !== {json.dumps(shown)}",
                         lambda said=said: app.wait_for_new_text(status, said, "η = "))
        app.wait_for_text(status, "start ", "= 0.01 η", "crawls")
        for box, key, end in ((a, "Home", -1.5), (b, "End", 2), (a, "End", 6.5), (b, "Home", -6)):
            app.press_to(view, box, key, number_is(end))
        app.assert_clean()
