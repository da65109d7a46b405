"""The keyboard leaves a live view's canvas: Tab and Escape move the focus past the figure, Shift+Tab back to the
controls above it (ipympl's canvas cancels those keys itself: ``logreg_viz._ipympl``, point 4).

The browser side (the focus really moves, and Tab goes on from there) is in ``tests/browser/keyboard_walk.py``.
"""

import numpy as np
import pytest
from matplotlib.backend_bases import KeyEvent

from logreg_viz.live import SKIP_CLASS
from logreg_viz.sigmoid import SigmoidExplorer

# ipympl 0.10's figure manager builds its Toolbar with an argument that traitlets deprecates (ipympl's, not ours).
pytestmark = pytest.mark.filterwarnings("ignore:Passing unrecognized arguments to super")


@pytest.fixture
def view_and_focus(monkeypatch):
    import ipywidgets as widgets

    focused = []
    monkeypatch.setattr(widgets.Button, "focus", lambda button: focused.append(button.description))
    hours = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
    view = SigmoidExplorer(hours, np.array([0, 0, 1, 0, 1, 1]), interactive=True)
    return view, focused


def _press(view, key):
    KeyEvent("key_press_event", view.figure.canvas, key)._process()


def test_the_canvas_sits_between_two_focus_stops_seen_only_with_the_focus(view_and_focus):
    view, _ = view_and_focus
    children = list(view.widget.children)
    at = children.index(view.figure.canvas)
    before, after = children[at - 1], children[at + 1]
    assert SKIP_CLASS in before._dom_classes and SKIP_CLASS in after._dom_classes
    assert any(f".{SKIP_CLASS}:not(:focus)" in getattr(child, "value", "") for child in children)
    assert children[-1] is view.status  # the status line stays last


@pytest.mark.parametrize(("key", "goes_to"), [("tab", "past the figure"), ("escape", "past the figure"),
                                               ("shift+tab", "the figure: Tab into it, Escape past it")])
def test_tab_escape_and_shift_tab_move_the_focus_off_the_canvas(view_and_focus, key, goes_to):
    view, focused = view_and_focus
    _press(view, key)
    assert focused == [goes_to]


def test_other_keys_leave_the_focus_alone(view_and_focus):
    view, focused = view_and_focus
    for key in ("a", "left", "enter", "shift"):
        _press(view, key)
    assert focused == []


def test_a_still_view_has_no_focus_stops():
    view = SigmoidExplorer(np.array([0.0, 1.0]), np.array([0, 1]), interactive=False)
    assert not [child for child in view.widget.children if SKIP_CLASS in getattr(child, "_dom_classes", ())]
