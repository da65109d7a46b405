"""What the ``test_live_<topic>.py`` modules do with a live view in JupyterLab: find it, act on it, wait, check it.

Each of those modules opens its notebook in JupyterLab (headless Chromium, the ``lab_server`` and ``browser``
fixtures of ``conftest.py``), runs it with Run > Run All Cells, and then a hand goes over every control of its live
views, end to end, as a new user would.

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
``test_static_export.py`` and ``test_site.py`` read as stored must stay as stored.

One class per notebook, so that ``pytest -n 2 --dist loadscope`` spreads them over both workers. Skipped, with a
message saying how to get them, when Chromium or Playwright is missing. Select or deselect with ``-m browser``.

``LiveNotebook``  a test class's notebook (a private copy) opened in JupyterLab and run with Run All Cells
``LiveSession``   the gestures and checks: find a view by a control, press keys, wait for texts and pictures, check
                  the layout (controls, canvas, status line) and that the canvas shows the right picture, list
                  what went wrong in the kernel
``ViewOnPage``    a live view on the page: its cell, and the Python expression of the view in the kernel

The JavaScript and the kernel code they run are here too. Nothing waits a fixed time.
"""

from __future__ import annotations

import ast
import base64
import io
import re
import time
from pathlib import Path

import numpy as np
import pytest
from notebook_checks import NotebookChecks
from PIL import Image

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

# In the kernel, run with ``exec`` in a namespace of its own holding ``view`` (nothing of the notebook's namespace
# is touched), reading only:
# - LAST_FRAME_CODE: the frame the view sent to the browser last (``LiveView.last_frame``), as a PNG in base64,
#   and a fingerprint of it;
# - FULL_DRAW_CODE: the figure drawn from scratch, every artist in its place, as a PNG in base64. A copy of it is
#   drawn (a pickled figure has no canvas, and no blitting): the live canvas is never drawn on here, since the
#   widgets' subshell may draw it at the same time.
#   Also says whether the canvas sent no other frame meanwhile (its fingerprint is still ``expected``).
LAST_FRAME_CODE = """
import base64, io, zlib
from PIL import Image
last = view.last_frame()
png = io.BytesIO()
Image.fromarray(last).save(png, format="png")
result = [base64.b64encode(png.getvalue()).decode(), zlib.crc32(last.tobytes())]
"""
FULL_DRAW_CODE = """
import base64, io, pickle, zlib
copy = pickle.loads(pickle.dumps(view.figure))
for artist in copy.findobj():
    artist.set_animated(False)  # every artist in its place (a figure's own moving artists are no exception)
png = io.BytesIO()
copy.savefig(png, format="png")
result = [base64.b64encode(png.getvalue()).decode(), zlib.crc32(view.last_frame().tobytes()) == expected]
"""

# How a cell shows its live view: how many outputs hold a widget, its status lines, and the order of its first control,
# its canvas and its status line in the page.
LAYOUT_JS = """
(cell) => {
    const outputs = Array.from(cell.querySelectorAll('.jp-OutputArea-output'))
        .filter(output => !output.parentElement.closest('.jp-OutputArea-output'))
        .filter(output => output.querySelector('.jupyter-widgets') !== null);
    const statuses = cell.querySelectorAll('[role="status"][aria-live="polite"]');
    const canvas = cell.querySelector('.jupyter-matplotlib-canvas-div canvas');
    const control = cell.querySelector('.widget-slider, .widget-toggle-buttons, .widget-button, .widget-play');
    const before = (a, b) => Boolean(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
    return {widgetOutputs: outputs.length, statusLines: statuses.length,
            statusText: statuses.length ? statuses[0].textContent.trim() : '',
            controlsFirst: before(control, canvas), statusLast: before(canvas, statuses[0])};
}
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



class ViewOnPage:
    """A live view on the page: the cell that shows it, and the Python expression of the view in the kernel.

    ``allowance``: the fraction of pixels in which its live frames may differ from a full draw (see
    ``TRAINING_FIGURE_ALLOWANCE``); 0 for views whose every frame is exactly a full draw.
    """

    def __init__(self, element, expression, allowance=0.0):
        self.element, self.expression, self.allowance = element, expression, allowance


class LiveSession:
    """A notebook open in JupyterLab after Run All, with the gestures and checks the tests need."""

    def __init__(self, page, path, tools, server, failures, *, stored=None, report=None, views=None):
        self.page, self.path, self.tools, self.server = page, path, tools, server
        self._failures = failures
        # What NotebookChecks reads: the widget tally as opened, Run All's report, the widget tally after it
        self.stored, self.report, self.views = stored, report, views
        self._log_start = len(server.log_path.read_text(errors="replace"))

    # -- finding the views ------------------------------------------------------------------------------------
    def cell_with_control(self, description):
        """The cell whose outputs hold the control described as ``description``, scrolled into view."""
        cell = self.page.locator(".jp-Cell").filter(has=self.tools.label(self.page, description)).first
        cell.scroll_into_view_if_needed()
        return cell

    def view(self, description, expression="{result}", allowance=0.0):
        """The live view in the cell with the control ``description``; ``expression`` is the Python expression of
        the view in the kernel, in which ``{result}`` stands for the cell's result (``Out[n]``).

        Waits until the view has come up: its canvas shows the frame its figure sent last, and that frame is right
        (see ``check_picture``).
        """
        cell = self.cell_with_control(description)
        count = re.search(r"\d+", cell.locator(".jp-InputPrompt").first.inner_text())
        view = ViewOnPage(cell, expression.format(result=f"Out[{count.group() if count else None}]"), allowance)
        try:
            self.tools.wait_for_canvas(cell)
            self.check_layout(cell)
            self.check_picture(view)
        except Exception as error:
            self.explain(error, f"the view with {description!r} coming up after Run All")
            raise
        return view

    def check_layout(self, cell):
        """The cell shows the view as one widget output laid out as every live view is: its controls, then its
        canvas, then one status line (``role="status"``, ``aria-live="polite"``) that says what the figure shows."""
        layout = cell.evaluate(LAYOUT_JS)
        assert layout["widgetOutputs"] == 1, f"the view is {layout['widgetOutputs']} outputs, not one: {layout}"
        assert layout["statusLines"] == 1 and layout["statusText"], f"not one status line with a text: {layout}"
        assert layout["controlsFirst"] and layout["statusLast"], f"not controls, canvas, status line: {layout}"

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

    def _run_on_view(self, code, view, **names):
        """``result`` of ``code`` run in the kernel in a namespace of its own, with ``view`` the live view and
        ``names`` (literals)."""
        namespace = "{" + ", ".join([f"'view': {view.expression}", *(f"{k!r}: {v!r}" for k, v in names.items())]) + "}"
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
            frame, fingerprint = self._run_on_view(LAST_FRAME_CODE, view)
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
            drawn, same_frame = self._run_on_view(FULL_DRAW_CODE, view, expected=fingerprint)
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


class LiveNotebook(NotebookChecks):
    """The class's notebook (a private copy) opened in JupyterLab and run with Run > Run All Cells; it passes the
    checks every notebook passes (``notebook_checks.NotebookChecks``) before its own tests play with its views."""

    number: str

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "number" in cls.__dict__:
            cls.notebook = _notebook(cls.number)

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, lab_server, browser, tools, copies, tmp_path_factory):
        path = f"{COPIES}/{_notebook(cls.number).name}"
        failures = tmp_path_factory.mktemp(f"live-views-{cls.number}")
        page = browser.new_page(viewport=VIEWPORT)
        try:
            try:
                tools.open_notebook(page, lab_server.url, path)
                stored = page.evaluate(tools.WIDGET_VIEWS_JS)
                report = tools.run_all_cells(page, path)
                views = tools.wait_for_widget_views(page, report["widgetOutputs"])
                page.evaluate(tools.LAB_JS + RECORD_KERNEL_PROBLEMS_JS, path)
            except Exception as error:
                screenshot = failures / "run-all.png"
                page.screenshot(path=screenshot, full_page=True)
                error.add_note(f"the page at that moment: {screenshot}")
                error.add_note(f"JupyterLab's log ends with:\n{lab_server.log_tail()}")
                raise
            yield LiveSession(page, path, tools, lab_server, failures, stored=stored, report=report, views=views)
            tools.shut_down(page, path)  # its kernel: the next notebook gets the CPU to itself
        finally:
            page.close()
