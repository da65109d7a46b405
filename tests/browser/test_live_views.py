"""Every live view of the series, played with as a new user would: in JupyterLab, after Run All.

Each notebook with a live view is opened in JupyterLab (headless Chromium, the ``lab_server`` and ``browser``
fixtures of ``conftest.py``) and run with Run > Run All Cells. Then a hand goes over every control, end to end:

- 05: the training view's learning-rate slider and the distance view's slider, each to both ends;
- 08: the softmax replay: the step slider to both ends, and Play from step 0 to the end;
- 09: the data editor (clear, 20 points of each class clicked onto the canvas, some removed, a point of a preset
  removed, every preset, the degree slider to both ends, clear) and the degree explorer (degree and L2 strength
  to both ends).

(06's threshold slider and 04's views are played with in ``test_notebooks_in_browser.py``; 07 has no live view. The
views of notebooks 01, 02 and 04 are played with in ``test_live_sigmoid.py``, ``test_live_cross_entropy.py`` and
``test_live_descent.py``.)

Before its first action, a test waits until its view has come up: the canvas shows the frame the kernel sent
last, and that frame is right (below). After every action the test waits for what the action must change (a
slider's readout, a status line, the point counts), for the view's canvas to show a new picture, and for the kernel
to be idle again. Then it checks that the picture is the right one: the canvas shows exactly the frame the kernel
sent last, and that frame is the figure as a full draw (``savefig``) paints it. A frame the browser dropped (a lost
difference frame leaves a ghost behind), or one drawn while another thread drew the same figure (JupyterLab sends
widget messages to a kernel subshell, a thread of its own, once it has one: a view's first messages are handled on
the main thread, later ones on the subshell), fails there.

At the end of each test: no cell shows an error or writes to stderr, no widget says "Error displaying widget", and
the kernel reported no error and wrote nothing to stderr while handling the widgets. That last check matters: an
exception in a widget callback (a slider's observer, a click handler) shows in no cell; the kernel sends it as an
iopub message whose parent is the widget's comm message, and only JupyterLab's log console would show it. The tests
record those messages from the moment Run All has finished.

Each class opens a private copy of its notebook (in ``live_views/``, next to ``notebooks/``, so that
``../figures`` still resolves): JupyterLab autosaves an open notebook every two minutes, and the notebooks that
``test_notebooks_in_browser.py`` opens as stored must stay as stored.

One class per notebook, so that ``pytest -n 2 --dist loadscope`` spreads them over both workers. Skipped, with a
message saying how to get them, when Chromium or Playwright is missing. Select or deselect with ``-m browser``.
"""

from __future__ import annotations

import json
import re

import pytest
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


def _number_is(value):
    """A JS condition on a slider's readout ``text``: it reads as the number ``value``. The readout writes negative
    numbers with a minus sign (U+2212), not a hyphen; "−0.00" reads as 0."""
    return f"Number(text.replace(/\\u2212/g, '-')) === {value}"


# --------------------------------------------------------------------------------------------------------------
# 05: the training view and the distance view
# --------------------------------------------------------------------------------------------------------------
class TestLive05(LiveNotebook):
    number = "05"

    def test_learning_rate_to_both_ends(self, app, tools):
        view = app.view("learning rate", allowance=TRAINING_FIGURE_ALLOWANCE)
        learning_rate = tools.slider(view.element, "learning rate")
        status = view.element.locator(".widget-html-content").last
        for key in ("Home", "End"):
            shown = tools.readout(learning_rate)
            value = app.press_to(view, learning_rate, key, f"text !== {json.dumps(shown)}")
            app.wait_for_text(status, f"learning rate {value} ")  # re-trained with that value
        app.assert_clean()

    def test_distance_to_both_ends(self, app, tools):
        view = app.view("distance between centres")
        distance = tools.slider(view.element, "distance between centres")
        app.press_to(view, distance, "Home", _number_is(0))  # one cloud: no boundary can do better than chance
        app.press_to(view, distance, "End", _number_is(8))
        app.assert_clean()


# --------------------------------------------------------------------------------------------------------------
# 08: the softmax replay
# --------------------------------------------------------------------------------------------------------------
class TestLive08(LiveNotebook):
    number = "08"

    def test_step_slider_and_play_end_to_end(self, app, tools):
        view = app.view("step", "explorer")
        step = tools.slider(view.element, "step")
        app.press_to(view, step, "Home", "text === '0'")
        last = app.press_to(view, step, "End", "Number(text) > 0")
        app.press_to(view, step, "Home", "text === '0'", what="Home on the step slider, again")
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


# --------------------------------------------------------------------------------------------------------------
# 09: the data editor and the degree explorer
# --------------------------------------------------------------------------------------------------------------
def _counts(class_0, class_1):
    """How the editor's status line begins, e.g. "21 points (20 of class 0, 1 of class 1)"."""
    total = class_0 + class_1
    return f"{total} point{'' if total == 1 else 's'} ({class_0} of class 0, {class_1} of class 1)"


# Where a new user clicks: 20 points of each class on a grid, class 0 on the left, class 1 on the right (x1, x2 in
# the editor's window -2..2; the grid's 0.4 spacing is far more than a click's reach on a point).
CLICKS = {0: [(x1, x2) for x1 in (-1.6, -1.2, -0.8, -0.4) for x2 in (-1.6, -0.8, 0.0, 0.8, 1.6)],
          1: [(x1, x2) for x1 in (0.4, 0.8, 1.2, 1.6) for x2 in (-1.6, -0.8, 0.0, 0.8, 1.6)]}
REMOVED = {0: CLICKS[0][::4], 1: CLICKS[1][1::4]}  # five of each class


class EditorCanvas:
    """Page positions of points of the editor's data panel, from the live figure's axes (read in the kernel)."""

    def __init__(self, app, view, editor):
        self.app, self.view = app, view
        (self.left, self.bottom, self.width, self.height, self.figure_height, self.ratio,
         self.x0, self.x1, self.y0, self.y1) = app.kernel_value(
            f"[float(v) for v in (*{editor}.training_figure.ax_data.get_window_extent().bounds, "
            f"{editor}.figure.bbox.height, {editor}.figure.canvas.device_pixel_ratio, "
            f"*{editor}.training_figure.ax_data.get_xlim(), *{editor}.training_figure.ax_data.get_ylim())]")

    def click(self, x1, x2):
        """Click at the point (x1, x2) of the data panel, as a user does with the mouse."""
        self.view.element.scroll_into_view_if_needed()
        box = self.view.element.locator(".jupyter-matplotlib-canvas-div canvas").first.bounding_box()
        x = self.left + (x1 - self.x0) / (self.x1 - self.x0) * self.width  # figure pixels, from the bottom left
        y = self.bottom + (x2 - self.y0) / (self.y1 - self.y0) * self.height
        self.app.page.mouse.click(box["x"] + x / self.ratio, box["y"] + (self.figure_height - y) / self.ratio)


class TestLive09(LiveNotebook):
    number = "09"

    def test_data_editor(self, app, tools):
        view = app.view("load a preset:", allowance=TRAINING_FIGURE_ALLOWANCE)
        editor = view.expression
        status = view.element.locator(".widget-html-content").last
        counts = {0: 0, 1: 0}

        def click_button(text, what, *waits):
            button = view.element.locator("button", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
            app.act(view, what, button.click, *waits)

        def choose_class(label):
            button = view.element.locator(".widget-toggle-button", has_text=f"class {label} (")
            button.click()
            app.wait_until_chosen(button)
            app.wait_until_idle()

        def click_point(point, label, change):
            counts[label] += change
            model = "training accuracy" if min(counts.values()) > 0 else "no model yet"
            # the picture is checked once per group of clicks
            app.act(view, f"{'adding' if change > 0 else 'removing'} a point of class {label} at {point}",
                    lambda: canvas.click(*point),
                    lambda: app.wait_for_text(status, _counts(counts[0], counts[1]), model), check=False)

        click_button("clear", "clear", lambda: app.wait_for_text(status, _counts(0, 0), "no model yet"))
        canvas = EditorCanvas(app, view, editor)
        for label in (0, 1):  # a single point, one class only, then both: each case says so and nothing breaks
            choose_class(label)
            for point in CLICKS[label]:
                click_point(point, label, +1)
            app.check_picture(view)
        # The two groups are far apart: the trained line separates them all.
        app.wait_for_text(status, _counts(20, 20), "training accuracy 100.0%")
        for label in (0, 1):
            for point in REMOVED[label]:
                click_point(point, label, -1)
        app.check_picture(view)
        app.wait_for_text(status, _counts(15, 15), "training accuracy 100.0%")

        presets = view.element.locator(".widget-hbox").filter(has=tools.label(app.page, "load a preset:"))
        names = [text.strip() for text in presets.locator("button").all_inner_texts()]
        assert len(names) >= 4, names
        shown = status.inner_text()
        for name in names:
            click_button(name, f"the preset {name!r}", lambda shown=shown: app.wait_for_new_text(
                status, shown, r"^\d+ points \(\d+ of class 0, \d+ of class 1\).*training accuracy \d+\.\d%"))
            shown = status.inner_text()
            if name == names[0]:  # a click on one of the preset's points removes it
                n_points, (point,) = app.kernel_value(f"len({editor}.y)"), app.kernel_value(f"{editor}.X[:1].tolist()")
                app.act(view, f"removing the preset's point at {point}", lambda point=point: canvas.click(*point),
                        lambda: app.wait_for_text(status, f"{n_points - 1} points"))
                shown = status.inner_text()

        degree = tools.slider(view.element, "polynomial degree")  # on the last preset: bend the boundary
        top = json.dumps(str(app.kernel_value(f"{editor}.degree.max")))
        app.press_to(view, degree, "End", f"text === {top}",
                     lambda: app.wait_for_text(status, "", "polynomial features", "training accuracy"))
        app.press_to(view, degree, "Home", "text === '1'",
                     lambda: app.wait_for_text(status, "", "a straight boundary", "training accuracy"))
        click_button("clear", "clear, at the end", lambda: app.wait_for_text(status, _counts(0, 0), "no model yet"))
        app.assert_clean()

    def test_degree_explorer(self, app, tools):
        view = app.view("L2 strength α", allowance=TRAINING_FIGURE_ALLOWANCE)
        degree, alpha = tools.slider(view.element, "polynomial degree"), tools.slider(view.element, "L2 strength α")
        scores = view.element.locator(".widget-html-content").first

        def shows(degree_text, alpha_text):
            return lambda: app.wait_for_text(scores, f"degree {degree_text}, α = {alpha_text}")

        top = str(app.kernel_value(f"{view.expression}.degree.max"))
        app.press_to(view, degree, "Home", "text === '1'", shows(1, tools.readout(alpha)))
        app.press_to(view, degree, "End", f"text === {json.dumps(top)}", shows(top, tools.readout(alpha)))
        app.press_to(view, alpha, "End", "text === '1'", shows(top, 1))
        app.press_to(view, alpha, "Home", "text === '0'", shows(top, 0))
        app.assert_clean()
