"""Every live view of the series, played with as a new user would: in JupyterLab, after Run All.

Each notebook with a live view is opened in JupyterLab (headless Chromium, the ``lab_server`` and ``browser``
fixtures of ``conftest.py``) and run with Run > Run All Cells. Then a hand goes over every control, end to end:

- 01: the sigmoid explorer's w slider down through 0 (no boundary there) and to both ends, then b to both ends;
- 02: the loss explorer's p slider to both ends, under both labels (the label toggle switched back and forth);
- 03: the learning-rate explorer's slider to both ends;

(The views of the other lessons have files of their own: ``test_live_<topic>.py``.)

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

import pytest
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


def _number_is(value):
    """A JS condition on a slider's readout ``text``: it reads as the number ``value``. The readout writes negative
    numbers with a minus sign (U+2212), not a hyphen; "−0.00" reads as 0."""
    return f"Number(text.replace(/\\u2212/g, '-')) === {value}"


def _number(readout):
    """A slider's readout as a float (see ``_number_is``)."""
    return float(readout.replace("\u2212", "-"))


# --------------------------------------------------------------------------------------------------------------
# 01-03: the explorers of the math
# --------------------------------------------------------------------------------------------------------------
class TestLive01(LiveNotebook):
    number = "01"

    def test_weight_through_zero_and_both_sliders_to_both_ends(self, app, tools):
        view = app.view("weight w")
        w, b = tools.slider(view.element, "weight w"), tools.slider(view.element, "intercept b")
        start = _number(tools.readout(w))
        assert start > 0 and (4 * start).is_integer(), f"the walk through 0 needs a start in 0.25, 0.5, ...: {start}"
        # Down to 0 five steps (0.25) at a time, as a drag through 0 would go: at w = 0 there is no boundary.
        value = start
        while value > 0:
            value = round(value - 0.25, 2)
            app.press_to(view, w, "PageDown", _number_is(value))
        app.press_to(view, w, "ArrowLeft", _number_is(-0.05))  # just past 0: the boundary is back, reversed
        for box, key, end in ((w, "Home", -5), (w, "End", 5), (b, "Home", -15), (b, "End", 15)):
            app.press_to(view, box, key, _number_is(end))
        app.assert_clean()


class TestLive02(LiveNotebook):
    number = "02"

    def test_probability_to_both_ends_under_both_labels(self, app, tools):
        view = app.view("predicted p")
        p = tools.slider(view.element, "predicted p")

        def choose_label(label):
            button = view.element.locator(".widget-toggle-button", has_text=f"label y = {label}")
            app.act(view, f"choosing the label y = {label}", button.click, lambda: app.wait_until_chosen(button))

        app.press_to(view, p, "Home", "text === '0.001'")
        app.press_to(view, p, "End", "text === '0.999'")
        choose_label(0)  # p = 0.999 for a sample of class 0: confident and wrong
        app.press_to(view, p, "Home", "text === '0.001'")
        choose_label(1)  # p = 0.001 for a sample of class 1: confident and wrong
        app.press_to(view, p, "End", "text === '0.999'")
        app.assert_clean()


class TestLive03(LiveNotebook):
    number = "03"

    def test_learning_rate_to_both_ends(self, app, tools):
        view = app.view("learning rate η", "explorer")
        eta = tools.slider(view.element, "learning rate η")
        comparison = view.element.locator(".widget-html-content").first  # how the rate compares with the safe step
        for key in ("Home", "End"):
            shown, said = tools.readout(eta), comparison.inner_text()
            app.press_to(view, eta, key, f"text !== {json.dumps(shown)}",
                         lambda said=said: app.wait_for_new_text(comparison, said))
        app.assert_clean()

