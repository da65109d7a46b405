"""Notebook 12's data editor played with the keyboard alone, in JupyterLab after Run All (``KeyboardOnly12``, run as
part of ``test_live_draw.TestLive12``).

A student who cannot or does not use a mouse reaches every control of the view with Tab and Shift+Tab, and uses
them with the keys a browser gives each: Space or Enter on a button, typing (or the arrow keys) in a number field,
the arrow keys on a slider. Nothing here clicks, calls ``element.click()`` or focuses an element, with one
exception: the walk starts on the view's own box (made focusable, ``tabindex=-1``, as a skip link would take a
reader there), instead of after hundreds of Tabs through JupyterLab's menus and the cells above.

- Every control of the view takes the focus on the way through it, in the order of its rows: the class toggle,
  clear, x1, x2, "add point", "remove last", the presets, upload, download, the degree slider, then the canvas
  between its two focus stops, and Tab leaves the view; Shift+Tab walks the same way back. On the canvas (which
  cancels every key itself) Tab and Escape go past it, Shift+Tab back to the stop before it: no keyboard trap.
- Points of both classes are added by typing their coordinates and pressing "add point"; the status line says what
  was added and counts the points, and the canvas shows the new picture (which is then checked, as every live test
  checks it: ``live_session.LiveSession.check_picture``). "remove last" removes the last one and says so.
- The arrow keys step a coordinate field, and move the degree slider (the status line follows).

The kernel reports no error and writes nothing to stderr throughout (``LiveSession.assert_clean``).
"""

from __future__ import annotations

from live_session import TRAINING_FIGURE_ALLOWANCE

MAX_TABS = 60  # more Tabs than the view has controls: a walk that needs more is lost
WIDGET_TIMEOUT = 30_000  # ms, as conftest's: the kernel moves the focus off the canvas
# The focus stops on either side of the canvas (logreg_viz.live._skip_button), seen only while focused
INTO_THE_FIGURE, PAST_THE_FIGURE = "the figure: Tab into it, Escape past it", "past the figure"

# The name of what has the focus, if it is inside ``box`` (else null): a button by its text, a field or a slider by
# its widget's description, a link by its text.
FOCUSED_JS = """
(box) => {
    const element = document.activeElement;
    if (!element || !box.contains(element) || element === box) { return null; }
    return (NAME)(element);
}
"""
NAME_JS = """
(element) => {
    const described = (suffix) => {
        const widget = element.closest('.widget-inline-hbox, .widget-slider');
        const label = widget && widget.querySelector('.widget-label');
        return (label ? label.textContent.trim() : '?') + suffix;
    };
    if (element.matches('.noUi-handle')) { return described(' (slider)'); }
    if (element.matches('.widget-readout')) { return described(' (readout)'); }
    if (element.matches('input')) { return described(' (field)'); }
    if (element.matches('a')) { return `link: ${element.textContent.trim().split(' (')[0]}`; }
    if (element.matches('button')) { return element.textContent.trim(); }
    if (element.matches('canvas, .jupyter-matplotlib-canvas-div')) { return 'canvas'; }
    return `${element.tagName.toLowerCase()}.${element.className}`;
}
"""
FOCUSED_JS = FOCUSED_JS.replace("NAME", NAME_JS)
# Every element of the view that a keyboard can reach, by name, in page order: those a reader can see (ipympl keeps
# its hidden toolbar's buttons in the page, transparent).
CONTROLS_JS = """
(box) => Array.from(box.querySelectorAll(
        'button, input:not([type=file]), a[href], [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'))
    .filter(element => !element.disabled && element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}))
    .map(NAME)
""".replace("NAME", NAME_JS)


def _counts(class_0, class_1):
    total = class_0 + class_1
    return f"{total} point{'' if total == 1 else 's'} ({class_0} of class 0, {class_1} of class 1)"


class Keyboard:
    """The focus inside one view, moved by Tab and Shift+Tab only."""

    def __init__(self, app, box):
        self.page, self.box = app.page, box
        self.order = []  # the names of the controls in Tab order, once a walk has met them

    def focused(self):
        return self.box.evaluate(FOCUSED_JS)

    def start(self):
        """Put the focus on the view's box itself (see the module's docstring): the next Tab reaches its first
        control."""
        self.box.evaluate("box => { box.tabIndex = -1; box.focus(); }")

    def walk(self, key="Tab"):
        """Press ``key`` until the focus leaves the view; returns the names of what took it, in order.

        On the canvas a key goes to the kernel first: ipympl's canvas (0.10) cancels every key it gets, Tab and
        Shift+Tab included, and the view moves the focus on from the kernel (``logreg_viz._ipympl.let_tab_leave``).
        So after a key pressed on the canvas the walk waits for the focus to move.
        """
        names = []
        for _ in range(MAX_TABS):
            on_canvas = self.focused() == "canvas"
            self.page.keyboard.press(key)
            if on_canvas:
                self.wait_until_not("canvas")
            name = self.focused()
            if name is None:
                return names
            names.append(name)
        raise AssertionError(f"{MAX_TABS} presses of {key} never left the view: {names}")

    def wait_until_not(self, name):
        """Wait until ``name`` has lost the focus (moved by the kernel, which takes a moment)."""
        self.page.wait_for_function(f"([box, name]) => ({FOCUSED_JS})(box) !== name",
                                    arg=[self.box.element_handle(), name], timeout=WIDGET_TIMEOUT)

    def to(self, name, key=None):
        """Press ``key`` (Tab or Shift+Tab) until ``name`` has the focus; fails if the focus leaves the view.

        By default Tab if ``name`` comes after the focused control in ``order`` (the names a walk met, in order),
        Shift+Tab if it comes before."""
        if key is None:
            here = self.focused()
            before = here in self.order and name in self.order and self.order.index(name) < self.order.index(here)
            key = "Shift+Tab" if before else "Tab"
        passed = []
        for _ in range(MAX_TABS):
            if self.focused() == name:
                return
            on_canvas = self.focused() == "canvas"
            self.page.keyboard.press(key)
            if on_canvas:
                self.wait_until_not("canvas")
            passed.append(self.focused())
            assert passed[-1] is not None, f"{key} left the view before reaching {name!r}: {passed}"
        raise AssertionError(f"{key} never reached {name!r}: {passed}")


class KeyboardOnly12:
    """Mixed into ``test_live_draw.TestLive12``, which has lesson 12 open after Run All already: one run of the
    lesson serves both (this test clears the editor first, so it needs nothing of the tests before it)."""

    def test_the_data_editor_with_the_keyboard_alone(self, app, tools):
        view = app.view("load a preset:", allowance=TRAINING_FIGURE_ALLOWANCE)
        editor = view.expression
        status = view.element.locator(tools.STATUS_LINE)
        box = view.element.locator(".widget-vbox").first
        keys = Keyboard(app, box)
        press = app.page.keyboard.press
        class_0, class_1 = (view.element.locator(".widget-toggle-button", has_text=f"class {k} (") for k in (0, 1))
        name_0, name_1 = (button.inner_text().strip() for button in (class_0, class_1))

        # Every control takes the focus, in the order of the rows; Shift+Tab walks the same way back
        keys.start()
        forward = keys.order = keys.walk("Tab")
        controls = box.evaluate(CONTROLS_JS)
        assert [name for name in controls if name not in forward] == [], f"Tab never reaches them; it reaches {forward}"
        presets = [name for name in forward if name in app.kernel_value(f"list({editor}.preset_buttons)")]
        expected = [name_0, name_1, "clear", "x1 (field)", "x2 (field)", "add point", "remove last", *presets]
        assert forward[:len(expected)] == expected, forward
        upload = app.kernel_value(f"{editor}.upload.description")
        rest = forward[len(expected):]
        assert rest[0].startswith(upload) and rest[1].startswith("link: ") and \
            rest[2:] == ["polynomial degree (slider)", "polynomial degree (readout)", INTO_THE_FIGURE, "canvas",
                         PAST_THE_FIGURE], forward
        # Tab on the canvas went past it (above); Escape does too, and Shift+Tab goes back to the stop before it
        keys.start()
        for key, goes_to in (("Escape", PAST_THE_FIGURE), ("Shift+Tab", INTO_THE_FIGURE)):
            keys.to("canvas", "Shift+Tab" if keys.focused() == PAST_THE_FIGURE else "Tab")
            press(key)
            keys.wait_until_not("canvas")
            assert keys.focused() == goes_to, (key, keys.focused())
        keys.to("polynomial degree (slider)")
        backward = [keys.focused(), *keys.walk("Shift+Tab")]
        assert backward == forward[:forward.index("polynomial degree (slider)") + 1][::-1], backward

        # Clear, then points of both classes, typed in and added by "add point"
        keys.start()
        keys.to("clear")
        app.act(view, "Space on 'clear'", lambda: press("Space"),
                lambda: app.wait_for_text(status, _counts(0, 0), "no model yet"))

        def add(x1, x2, key, label, counts, *parts):
            """Tab to x1 and x2, type them (a Tab into a field selects its text), Tab to "add point", press it."""
            keys.to("x1 (field)")
            app.page.keyboard.type(x1)
            keys.to("x2 (field)")
            app.page.keyboard.type(x2)
            keys.to("add point")
            app.act(view, f"{key} on 'add point' at ({x1}, {x2})", lambda: press(key),
                    lambda: app.wait_for_text(status, f"added a point of {label} at ({x1}, {x2})", _counts(*counts),
                                              *parts))

        keys.to(name_0)
        press("Space")  # class 0 (it was chosen already: Space keeps it)
        app.wait_until_chosen(class_0)
        add("-1.2", "0.4", "Enter", name_0, (1, 0), "no model yet")
        add("-0.8", "-1", "Space", name_0, (2, 0), "no model yet")
        keys.to(name_1)
        press("Space")
        app.wait_until_chosen(class_1)
        add("1.3", "-0.5", "Enter", name_1, (2, 1), "training accuracy 100.0%")
        # The arrow keys step a field by 0.1: x2 from -0.5 to -0.2
        keys.to("x2 (field)")
        for _ in range(3):
            press("ArrowUp")
        app.page.wait_for_function("(input) => input.value === '-0.2'",
                                   arg=box.locator("input[type=number]").nth(1).element_handle(),
                                   timeout=tools.WIDGET_TIMEOUT)
        keys.to("add point")
        app.act(view, "Enter on 'add point' after the arrow keys", lambda: press("Enter"),
                lambda: app.wait_for_text(status, f"added a point of {name_1} at (1.3, -0.2)", _counts(2, 2),
                                          "training accuracy 100.0%"))
        assert app.kernel_value(f"{editor}.X.tolist()") == [[-1.2, 0.4], [-0.8, -1.0], [1.3, -0.5], [1.3, -0.2]]
        assert app.kernel_value(f"{editor}.y.tolist()") == [0, 0, 1, 1]

        # "remove last" takes the last point away, and says which
        keys.to("remove last")
        app.act(view, "Space on 'remove last'", lambda: press("Space"),
                lambda: app.wait_for_text(status, f"removed the last point, of {name_1} at (1.3, -0.2)",
                                          _counts(2, 1)))

        # The degree slider, by the arrow keys
        keys.to("polynomial degree (slider)")
        degree = tools.slider(view.element, "polynomial degree")
        for key, value, words in [("ArrowRight", "2", "degree-2 polynomial features"),
                                  ("ArrowLeft", "1", "a straight boundary")]:
            app.act(view, f"{key} on the degree slider", lambda key=key: press(key),
                    lambda value=value: tools.wait_for_readout(degree, f"text === '{value}'"),
                    lambda words=words: app.wait_for_text(status, _counts(2, 1), words, "training accuracy"))
        app.assert_clean()
