"""Every live view of the series, played with as a new user would: in JupyterLab, after Run All.

Each notebook with a live view is opened in JupyterLab (headless Chromium, the ``lab_server`` and ``browser``
fixtures of ``conftest.py``) and run with Run > Run All Cells. Then a hand goes over every control, end to end:

- 01: the sigmoid explorer's w slider down through 0 (no boundary there) and to both ends, then b to both ends;
- 02: the loss explorer's p slider to both ends, under both labels (the label toggle switched back and forth);
- 03: the learning-rate explorer's slider to both ends;
- 05: the training view's learning-rate slider and the distance view's slider, each to both ends;
- 08: the softmax replay: the step slider to both ends, and Play from step 0 to the end;
- 09: the data editor (clear, 20 points of each class clicked onto the canvas, some removed, a point of a preset
  removed, every preset, the degree slider to both ends, clear) and the degree explorer (degree and L2 strength
  to both ends).

(06's threshold slider and 04's views are played with in ``test_notebooks_in_browser.py``; 07 has no live view.)

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

import ast
import base64
import io
import json
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1400, "height": 1000}
COPIES = "live_views"  # the folder of the copies, next to notebooks/ in the served folder

# Views drawn by logreg_viz.training.TrainingFigure repaint the probability surface over the first pixel of each tick
# of the data panel, where a full draw paints the tick over the surface (tests/test_viz_training.py allows exactly
# those pixels); their live frames may differ from a full draw in that many pixels.
TRAINING_FIGURE_ALLOWANCE = 0.0005  # a fraction of the canvas's pixels

# Every error and every write to stderr that the kernel sends from now on, whatever caused it (a cell, a widget).
RECORD_KERNEL_PROBLEMS_JS = """
(path) => {
    const panel = panelFor(path);
    window.__kernelProblems = [];
    panel.sessionContext.iopubMessage.connect((_, message) => {
        const type = message.header.msg_type, cause = message.parent_header.msg_type;
        if (type === 'error') {
            const {ename, evalue} = message.content;
            window.__kernelProblems.push(`${ename}: ${evalue} (while handling a ${cause})`);
        } else if (type === 'stream' && message.content.name === 'stderr') {
            window.__kernelProblems.push(`stderr (while handling a ${cause}): ${message.content.text.slice(0, 400)}`);
        }
    });
}
"""

# The value of a Python expression in the notebook's kernel, as its text/plain form, without running a cell.
KERNEL_VALUE_JS = """
async ([path, expression]) => {
    const kernel = panelFor(path).sessionContext.session.kernel;
    const reply = await kernel.requestExecute({code: '', silent: true, store_history: false,
                                               user_expressions: {value: expression}}).done;
    const value = reply.content.user_expressions.value;
    return value.status === 'ok' ? {ok: value.data['text/plain']} : {error: `${value.ename}: ${value.evalue}`};
}
"""

# The text of an element starts with ``prefix`` and contains every one of ``parts``.
TEXT_IS_JS = """
([element, prefix, parts]) => {
    const text = element.textContent.trim();
    return text.startsWith(prefix) && parts.every(part => text.includes(part));
}
"""

# In the kernel, run with ``exec`` in a namespace of its own holding ``figure`` (nothing of the notebook's namespace
# is touched), reading only:
# - LAST_FRAME_CODE: the frame the canvas sent to the browser last (matplotlib's webagg core keeps it, to compute
#   the next frame's difference), as a PNG in base64, and a fingerprint of it;
# - FULL_DRAW_CODE: the figure drawn from scratch, every artist in its place, as a PNG in base64. A copy of it is
#   drawn (a pickled figure has no canvas, and no blitting): the live canvas is never drawn on here, since the
#   widgets' subshell may draw it at the same time.
#   Also says whether the canvas sent no other frame meanwhile (its fingerprint is still ``expected``).
LAST_FRAME_CODE = """
import base64, io, zlib
import numpy as np
from PIL import Image
last = figure.canvas._last_buff
png = io.BytesIO()
Image.fromarray(last.view(np.uint8).reshape(*last.shape, 4)).save(png, format="png")
result = [base64.b64encode(png.getvalue()).decode(), zlib.crc32(last.tobytes())]
"""
FULL_DRAW_CODE = """
import base64, io, pickle, zlib
copy = pickle.loads(pickle.dumps(figure))
for artist in copy.findobj():
    artist.set_animated(False)  # every artist in its place (a figure's own moving artists are no exception)
png = io.BytesIO()
copy.savefig(png, format="png")
result = [base64.b64encode(png.getvalue()).decode(), zlib.crc32(figure.canvas._last_buff.tobytes()) == expected]
"""

# The signature (conftest's CANVAS_SIGNATURE_JS) that the view's canvas has when it shows the PNG ``png`` (base64):
# the PNG drawn on a canvas of the same size, as ipympl draws each frame.
PICTURE_SIGNATURE_JS = """
async ([element, png]) => {
    const live = element.querySelector('.jupyter-matplotlib-canvas-div canvas');
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const holder = document.createElement('div');
    holder.innerHTML = '<div class="jupyter-matplotlib-canvas-div"><canvas></canvas></div>';
    const canvas = holder.querySelector('canvas');
    canvas.width = live.width;
    canvas.height = live.height;
    canvas.getContext('2d').drawImage(image, 0, 0);
    return (SIGNATURE)([holder, null]);
}
"""


def _notebook(number):
    (path,) = (ROOT / "notebooks").glob(f"{number}_*.ipynb")
    return path


def _pixels(png_base64):
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(png_base64))).convert("RGBA"))


@pytest.fixture(scope="session")
def copies(browser_folder):
    """The private copies of the stored notebooks, made once per session (per xdist worker)."""
    _, series = browser_folder
    folder = series / COPIES
    folder.mkdir()
    for notebook in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        shutil.copy2(notebook, folder / notebook.name)
    return folder


class LiveView:
    """A live view on the page: the cell that shows it, and the Python expression of its figure in the kernel.

    ``allowance``: the fraction of pixels in which its live frames may differ from a full draw (see
    ``TRAINING_FIGURE_ALLOWANCE``); 0 for views whose every frame is exactly a full draw.
    """

    def __init__(self, element, figure, allowance=0.0):
        self.element, self.figure, self.allowance = element, figure, allowance


class LiveSession:
    """A notebook open in JupyterLab after Run All, with the gestures and checks the tests need."""

    def __init__(self, page, path, tools, server, failures):
        self.page, self.path, self.tools, self.server = page, path, tools, server
        self._failures = failures
        self._log_start = len(server.log_path.read_text(errors="replace"))

    # -- finding the views ------------------------------------------------------------------------------------
    def cell_with_control(self, description):
        """The cell whose outputs hold the control described as ``description``, scrolled into view."""
        cell = self.page.locator(".jp-Cell").filter(has=self.tools.label(self.page, description)).first
        cell.scroll_into_view_if_needed()
        return cell

    def view(self, description, figure, allowance=0.0):
        """The live view in the cell with the control ``description``; ``figure`` is the Python expression of its
        figure, in which ``{result}`` stands for the cell's result (``Out[n]``).

        Waits until the view has come up: its canvas shows the frame its figure sent last, and that frame is right
        (see ``check_picture``).
        """
        cell = self.cell_with_control(description)
        count = re.search(r"\d+", cell.locator(".jp-InputPrompt").first.inner_text())
        view = LiveView(cell, figure.format(result=f"Out[{count.group() if count else None}]"), allowance)
        try:
            self.tools.wait_for_canvas(cell)
            self.check_picture(view)
        except Exception as error:
            self.explain(error, f"the view with {description!r} coming up after Run All")
            raise
        return view

    # -- acting and waiting -----------------------------------------------------------------------------------
    def act(self, view, what, action, *waits, check=True):
        """Do ``action`` (a gesture on ``view``), wait for each of ``waits`` (what the action must change), then for
        the view's canvas to show another picture, and for an idle kernel; then (unless ``check`` is false) check
        that the picture is right (``check_picture``).

        A failure says which action it was, and keeps a picture of the page and what the kernel reported.
        """
        tools = self.tools
        try:
            before = tools.wait_for_canvas(view.element)
            action()
            for wait in waits:
                wait()
            tools.wait_for_canvas_change(view.element, before)
            self.wait_until_idle()
            if check:
                self.check_picture(view)
        except Exception as error:
            self.explain(error, what)
            raise

    def press_to(self, view, slider_box, key, condition_js, *waits, what=None):
        """Press ``key`` on a slider of ``view``, wait until its readout satisfies ``condition_js`` (a JS expression
        in ``text``), then as ``act``. Returns the readout."""
        label = slider_box.locator(".widget-label").first.inner_text().strip()
        self.act(view, what or f"{key} on the slider {label!r}", lambda: self.tools.press(slider_box, key),
                 lambda: self.tools.wait_for_readout(slider_box, condition_js), *waits)
        return self.tools.readout(slider_box)

    def wait_for_text(self, locator, prefix, *parts):
        """Wait until the text of ``locator`` starts with ``prefix`` and contains each of ``parts``."""
        self.page.wait_for_function(TEXT_IS_JS, arg=[locator.element_handle(), prefix, list(parts)],
                                    timeout=self.tools.WIDGET_TIMEOUT)

    def wait_for_new_text(self, locator, before, pattern="."):
        """Wait until the text of ``locator`` is no longer ``before`` and matches the JS regular expression
        ``pattern``."""
        self.page.wait_for_function(
            "([element, before, pattern]) => element.textContent !== before"
            " && new RegExp(pattern).test(element.textContent.trim())",
            arg=[locator.element_handle(), before, pattern], timeout=self.tools.WIDGET_TIMEOUT)

    def wait_until_chosen(self, button):
        """Wait until a button of a ToggleButtons widget shows as the chosen one."""
        self.page.wait_for_function("(element) => element.classList.contains('mod-active')",
                                    arg=button.element_handle(), timeout=self.tools.WIDGET_TIMEOUT)

    def wait_until_idle(self):
        self.page.wait_for_function(self.tools.KERNEL_IDLE_JS, arg=self.path, timeout=self.tools.WIDGET_TIMEOUT)

    def kernel_value(self, expression):
        """The value of a Python expression (a literal: numbers, lists, strings) in the notebook's kernel."""
        value = self.page.evaluate(self.tools.LAB_JS + KERNEL_VALUE_JS, [self.path, expression])
        assert "ok" in value, f"the kernel could not evaluate {expression!r}: {value['error']}"
        return ast.literal_eval(value["ok"])

    def _run_on_figure(self, code, view, **names):
        """``result`` of ``code`` run in the kernel in a namespace of its own, with ``figure`` the view's figure and
        ``names`` (literals)."""
        namespace = "{" + ", ".join([f"'figure': {view.figure}", *(f"{k!r}: {v!r}" for k, v in names.items())]) + "}"
        return self.kernel_value(f"(lambda ns: (exec({code!r}, ns), ns['result'])[1])({namespace})")

    # -- is the picture right? --------------------------------------------------------------------------------
    def check_picture(self, view):
        """The view's canvas shows exactly the frame its figure sent last, and that frame is the figure as a full
        draw paints it (but for ``view.allowance``).

        Waits (up to the widget timeout) for the canvas to catch up with the kernel, and asks the kernel again if
        it sends another frame meanwhile. Keeps the pictures that disagree.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        tools, element = self.tools, view.element.element_handle()
        signature_js = PICTURE_SIGNATURE_JS.replace("SIGNATURE", tools.CANVAS_SIGNATURE_JS)
        shows_js = f"([element, expected]) => ({tools.CANVAS_SIGNATURE_JS})([element, null]) === expected"
        deadline = time.monotonic() + tools.WIDGET_TIMEOUT / 1000
        while True:
            frame, fingerprint = self._run_on_figure(LAST_FRAME_CODE, view)
            try:
                self.page.wait_for_function(shows_js, arg=[element, self.page.evaluate(signature_js, [element, frame])],
                                            timeout=2000)
            except PlaywrightTimeout:
                if time.monotonic() < deadline:
                    continue  # the kernel may have sent another frame since: ask again
                shown = view.element.locator(".jupyter-matplotlib-canvas-div canvas").first.evaluate(
                    "canvas => canvas.toDataURL()").split(",", 1)[1]
                kept = self._keep_pictures("canvas-vs-last-frame", canvas=shown, last_frame=frame)
                raise AssertionError(f"the canvas does not show the frame the kernel sent last ({kept})") from None
            drawn, same_frame = self._run_on_figure(FULL_DRAW_CODE, view, expected=fingerprint)
            if same_frame:
                break
            assert time.monotonic() < deadline, "the view kept sending new frames: it never came to rest"
        live, full = _pixels(frame), _pixels(drawn)
        assert live.shape == full.shape, f"the last frame is {live.shape[:2]}, a full draw {full.shape[:2]}"
        differ = int(np.count_nonzero((live != full).any(axis=-1)))
        if differ > view.allowance * live.shape[0] * live.shape[1]:
            kept = self._keep_pictures("last-frame-vs-full-draw", last_frame=frame, full_draw=drawn)
            raise AssertionError(f"the frame the kernel sent last differs from a full draw of the figure in {differ} "
                                 f"pixels, more than {view.allowance:.2%} of them ({kept})")

    def _keep_pictures(self, name, **pictures):
        paths = []
        for label, png in pictures.items():
            path = self._failures / f"{name}-{label}-{time.monotonic_ns()}.png"
            path.write_bytes(base64.b64decode(png))
            paths.append(str(path))
        return "pictures: " + ", ".join(paths)

    # -- what went wrong --------------------------------------------------------------------------------------
    def problems(self):
        """Everything wrong since Run All: error or stderr outputs in cells, widgets that failed to display, errors
        and stderr the kernel sent while handling the widgets, tracebacks in the server's log."""
        report = self.page.evaluate(self.tools.RUN_REPORT_JS, self.path)
        problems = [f"error output in {error}" for error in report["errors"]]
        problems += [f"stderr output in {stream}" for stream in report["stderr"]]
        if self.page.evaluate(self.tools.WIDGET_VIEWS_JS)["errors"]:
            problems.append("a widget shows 'Error displaying widget'")
        problems += [f"the kernel sent {problem}" for problem in self.page.evaluate("() => window.__kernelProblems")]
        log = self.server.log_path.read_text(errors="replace")[self._log_start:]
        if "Traceback" in log:
            problems.append(f"the server's log shows a traceback:\n{log[log.index('Traceback'):][:2000]}")
        return problems

    def assert_clean(self):
        """The kernel is idle again, and nothing went wrong (see ``problems``)."""
        self.wait_until_idle()
        problems = self.problems()
        assert not problems, "\n".join(problems)

    def explain(self, error, what):
        """Add to ``error`` what the test was doing, a picture of the page, and what the kernel reported."""
        error.add_note(f"while: {what}")
        path = self._failures / f"{re.sub(r'[^A-Za-z0-9]+', '-', what)[:60]}.png"
        try:
            self.page.screenshot(path=path, full_page=True)
            error.add_note(f"the page at that moment: {path}")
        except Exception as screenshot_error:  # noqa: BLE001 - the picture is a courtesy; the original error matters
            error.add_note(f"(no screenshot: {screenshot_error})")
        try:
            error.add_note("what went wrong in the kernel so far: " + ("; ".join(self.problems()) or "nothing"))
        except Exception:  # noqa: BLE001, S110 - the page may be gone; the original error matters
            pass


class LiveNotebook:
    """The class's notebook (a private copy) opened in JupyterLab and run with Run > Run All Cells."""

    number: str

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, lab_server, browser, tools, copies, tmp_path_factory):
        path = f"{COPIES}/{_notebook(cls.number).name}"
        failures = tmp_path_factory.mktemp(f"live-views-{cls.number}")
        page = browser.new_page(viewport=VIEWPORT)
        try:
            try:
                tools.open_notebook(page, lab_server.url, path)
                report = tools.run_all_cells(page, path)
                views = tools.wait_for_widget_views(page, report["widgetOutputs"])
                assert not report["errors"] and not views["errors"], (report, views)
                page.evaluate(tools.LAB_JS + RECORD_KERNEL_PROBLEMS_JS, path)
            except Exception as error:
                screenshot = failures / "run-all.png"
                page.screenshot(path=screenshot, full_page=True)
                error.add_note(f"the page at that moment: {screenshot}")
                error.add_note(f"JupyterLab's log ends with:\n{lab_server.log_tail()}")
                raise
            yield LiveSession(page, path, tools, lab_server, failures)
            tools.shut_down(page, path)  # its kernel: the next notebook gets the CPU to itself
        finally:
            page.close()


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
        view = app.view("weight w", "{result}.fig")
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
        view = app.view("predicted p", "{result}.fig")
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
        view = app.view("learning rate η", "explorer.fig")
        eta = tools.slider(view.element, "learning rate η")
        comparison = view.element.locator(".widget-html-content").first  # how the rate compares with the safe step
        for key in ("Home", "End"):
            shown, said = tools.readout(eta), comparison.inner_text()
            app.press_to(view, eta, key, f"text !== {json.dumps(shown)}",
                         lambda said=said: app.wait_for_new_text(comparison, said))
        app.assert_clean()


# --------------------------------------------------------------------------------------------------------------
# 05: the training view and the distance view
# --------------------------------------------------------------------------------------------------------------
class TestLive05(LiveNotebook):
    number = "05"

    def test_learning_rate_to_both_ends(self, app, tools):
        view = app.view("learning rate", "{result}.figure", TRAINING_FIGURE_ALLOWANCE)
        learning_rate = tools.slider(view.element, "learning rate")
        status = view.element.locator(".widget-html-content").last
        for key in ("Home", "End"):
            shown = tools.readout(learning_rate)
            value = app.press_to(view, learning_rate, key, f"text !== {json.dumps(shown)}")
            app.wait_for_text(status, f"learning rate {value} ")  # re-trained with that value
        app.assert_clean()

    def test_distance_to_both_ends(self, app, tools):
        view = app.view("distance between centres", "{result}.figure")
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
        view = app.view("step", "explorer.fig")
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
        view = app.view("load a preset:", "{result}.figure", TRAINING_FIGURE_ALLOWANCE)
        editor = view.figure.removesuffix(".figure")
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
        view = app.view("L2 strength α", "{result}.figure", TRAINING_FIGURE_ALLOWANCE)
        degree, alpha = tools.slider(view.element, "polynomial degree"), tools.slider(view.element, "L2 strength α")
        scores = view.element.locator(".widget-html-content").first

        def shows(degree_text, alpha_text):
            return lambda: app.wait_for_text(scores, f"degree {degree_text}, α = {alpha_text}")

        top = str(app.kernel_value(f"{view.figure.removesuffix('.figure')}.degree.max"))
        app.press_to(view, degree, "Home", "text === '1'", shows(1, tools.readout(alpha)))
        app.press_to(view, degree, "End", f"text === {json.dumps(top)}", shows(top, tools.readout(alpha)))
        app.press_to(view, alpha, "End", "text === '1'", shows(top, 1))
        app.press_to(view, alpha, "Home", "text === '0'", shows(top, 0))
        app.assert_clean()
