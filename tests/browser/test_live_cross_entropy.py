"""Notebook 02's linked explorer, played with in JupyterLab after Run All (see ``live_session.py`` for how).

A click on the contour map chooses the model (a, b), a drag across the map moves it continuously, and the sliders
do the same from the keyboard. After each action the sliders show the point chosen (snapped to their steps), the
status line says its loss, the canvas shows the frame the kernel sent last and that frame is what a full draw paints;
at the end no cell and no widget callback (a mouse handler included) has reported an error or written to stderr.
"""

from __future__ import annotations

import json

import pytest
from live_session import LiveNotebook
from test_live_sigmoid import number_is

pytestmark = pytest.mark.browser


class MapCanvas:
    """Page positions of points (b, a) of a view's contour map, from the live figure's axes (read in the kernel)."""

    def __init__(self, app, view):
        self.app, self.view = app, view
        (self.left, self.bottom, self.width, self.height, self.figure_height, self.ratio,
         self.b0, self.b1, self.a0, self.a1) = app.kernel_value(
            f"[float(v) for v in (*{view.expression}.map_ax.get_window_extent().bounds, "
            f"{view.expression}.figure.bbox.height, {view.expression}.figure.canvas.device_pixel_ratio, "
            f"*{view.expression}.map_ax.get_xlim(), *{view.expression}.map_ax.get_ylim())]")

    def position(self, b, a):
        """The page position (x, y) of the map's point (b, a)."""
        self.view.element.scroll_into_view_if_needed()
        box = self.view.element.locator(".jupyter-matplotlib-canvas-div canvas").first.bounding_box()
        x = self.left + (b - self.b0) / (self.b1 - self.b0) * self.width  # figure pixels, from the bottom left
        y = self.bottom + (a - self.a0) / (self.a1 - self.a0) * self.height
        return box["x"] + x / self.ratio, box["y"] + (self.figure_height - y) / self.ratio

    def click(self, b, a):
        self.app.page.mouse.click(*self.position(b, a))

    def drag(self, points, steps=6):
        """Press at the first point, move through the others (``steps`` mouse moves between two), release."""
        mouse = self.app.page.mouse
        mouse.move(*self.position(*points[0]))
        mouse.down()
        for point in points[1:]:
            mouse.move(*self.position(*point), steps=steps)
        mouse.up()

    def chosen(self):
        """The (b, a) the view shows now (its sliders' values, read in the kernel)."""
        values = self.app.kernel_value(f"{self.view.expression}.values")
        return values["b"], values["a"]


    def reach(self, b, a):
        """How far a choice may lie from the point (b, a) aimed at, in b and in a: the sliders' step, and two pixels
        of the map."""
        return (0.05 + 2 * (self.b1 - self.b0) / self.width * self.ratio,
                0.05 + 2 * (self.a1 - self.a0) / self.height * self.ratio)

    def wait_until_shown(self, a_slider, b_slider, b, a):
        """Wait until the two sliders' readouts show a point within reach of (b, a): the last of a drag's mouse
        events has been handled (the kernel is idle between two of them, so idleness alone does not say it)."""
        reach_b, reach_a = self.reach(b, a)
        self.app.page.wait_for_function(
            "([a, b, target, reach]) => { const read = s => Number(s.querySelector('.widget-readout').textContent"
            ".trim().replace(/\\u2212/g, '-')); return Math.abs(read(b) - target[0]) <= reach[0]"
            " && Math.abs(read(a) - target[1]) <= reach[1]; }",
            arg=[a_slider.element_handle(), b_slider.element_handle(), [b, a], [reach_b, reach_a]],
            timeout=self.app.tools.WIDGET_TIMEOUT)


def assert_near(chosen, target, canvas, what):
    """The point the view chose is the target up to the sliders' step and two pixels of the map."""
    for got, want, reach in zip(chosen, target, canvas.reach(*target)):
        assert abs(got - want) <= reach, f"{what}: chose (b, a) = {chosen}, aimed at {target}"


class TestLive02(LiveNotebook):
    number = "02"

    def test_click_and_drag_on_the_map_and_the_keyboard(self, app, tools):
        view = app.view("slope a")
        a, b = tools.slider(view.element, "slope a"), tools.slider(view.element, "intercept b")
        status = view.element.locator(tools.STATUS_LINE)
        canvas = MapCanvas(app, view)

        def readouts_change(before):
            return lambda: app.page.wait_for_function(
                "([a, b, before]) => [a, b].map(s => s.querySelector('.widget-readout').textContent.trim())"
                ".join(' ') !== before", arg=[a.element_handle(), b.element_handle(), before],
                timeout=tools.WIDGET_TIMEOUT)

        def shown():
            return f"{tools.readout(a)} {tools.readout(b)}"

        target = (-3.7, 1.35)  # near the star, the lowest loss
        app.act(view, f"a click on the map at (b, a) = {target}", lambda: canvas.click(*target),
                readouts_change(shown()), lambda: canvas.wait_until_shown(a, b, *target),
                lambda: app.wait_for_text(status, "a = ", "loss L = 0.43"))
        assert_near(canvas.chosen(), target, canvas, "the click")

        path = [(-1.75, 1.0), (0.0, 0.0), (2.5, -1.0), (3.5, 3.5)]  # from model A towards a backwards model, then up
        app.act(view, "a drag across the map", lambda: canvas.drag(path), readouts_change(shown()),
                lambda: canvas.wait_until_shown(a, b, *path[-1]))
        assert_near(canvas.chosen(), path[-1], canvas, "the drag's end")

        before = shown()
        app.page.mouse.click(*canvas.position(canvas.b1 + 2.5, (canvas.a0 + canvas.a1) / 2))  # on the data panel
        app.wait_until_idle()
        assert shown() == before, "a click on the data panel moved the model"

        shown_a = tools.readout(a)
        app.press_to(view, a, "ArrowLeft", f"text !== {json.dumps(shown_a)}")  # one step, from the keyboard
        for box, key, end in ((a, "Home", -1.5), (b, "End", 4), (a, "End", 4), (b, "Home", -10)):
            app.press_to(view, box, key, number_is(end))
        app.wait_for_text(status, "a = 4.00, b = −10.00")
        app.assert_clean()
