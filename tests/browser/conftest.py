"""Real-browser tests: JupyterLab and Voilà on localhost, driven by Playwright in Debian's Chromium.

The servers run on a temporary copy of ``notebooks/`` and ``figures/`` (the notebooks as stored), with their own
settings, workspaces and runtime folders, so nothing of the user's Jupyter set-up is read or written. Nothing is
downloaded: Playwright drives the system's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``).

Everything the tests wait for is a specific state (a kernel status, the execution state of every cell, a
slider's readout, a changed picture on a canvas), each with a timeout; nothing waits a fixed time.

The plain functions below (servers, notebook runs, canvas signatures) are also used by
``benchmarks/bench_browser.py``; the fixtures wrap them for pytest.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the environment the tests run in: jupyter and voila live next to Python
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
HOW_TO_GET_THEM = ("`sudo apt-get install chromium` for the browser (or set CHROMIUM=/path/to/chromium) and "
                   "`.venv/bin/pip install -r requirements.txt` for Playwright; no browser download is needed")

SERVER_START_TIMEOUT = 120  # s
RUN_ALL_TIMEOUT = 300_000  # ms, a whole notebook
WIDGET_TIMEOUT = 30_000  # ms, one reaction of a widget (a slider move, a redraw)
# A live view's status line (logreg_viz.live): the HTML widget's content box that holds the one element of the view
# with this role (the box stays; the element inside is made anew at each change, so a handle on it would go stale)
STATUS_LINE = '.widget-html-content:has(> [role="status"])'


# --------------------------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------------------------
def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


#: JupyterLab settings of the test servers: every cell stays in the page (no windowing), so every widget renders and
#: can be checked; no news pop-up.
LAB_SETTINGS = {"notebook-extension/tracker": {"windowingMode": "none"},
                "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}
#: JupyterLab's dark theme, as the Settings > Theme menu stores it.
DARK_THEME = {"apputils-extension/themes": {"theme": "JupyterLab Dark"}}


def prepare_folder(folder, settings=LAB_SETTINGS):
    """Copy the notebooks (as stored) and the figures they show into ``folder``; make private Jupyter folders, with
    JupyterLab's ``settings`` ({plugin of @jupyterlab: values}, by default ``LAB_SETTINGS``).

    Returns the folder that holds ``notebooks/`` and ``figures/``.
    """
    series = Path(folder) / "series"
    (series / "notebooks").mkdir(parents=True)
    for notebook in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        shutil.copy2(notebook, series / "notebooks" / notebook.name)
    if (ROOT / "figures").is_dir():
        shutil.copytree(ROOT / "figures", series / "figures")
    for plugin, values in settings.items():
        path = Path(folder) / "lab-settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    for private in ("lab-settings", "lab-workspaces", "runtime", "ipython"):
        (Path(folder) / private).mkdir(exist_ok=True)
    return series


def private_env(folder):
    """Environment for the servers: Jupyter's settings, workspaces and runtime files stay inside ``folder``."""
    folder = Path(folder)
    return {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(folder / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(folder / "lab-workspaces"),
            "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), "IPYTHONDIR": str(folder / "ipython"),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


class Server:
    """A server process started in its own process group, with its output in a log file."""

    def __init__(self, command, log_path, *, cwd, env):
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        # A process group of its own (stopped with all it started, by os.killpg), in the test run's session: Linux
        # shares the CPU equally between sessions ("autogroups") before niceness counts, so a server in a session of
        # its own would outweigh the grading pipeline that the workers step back for (tests/conftest.py).
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        process_group=0)
        self.url = None

    def log_tail(self, lines=40):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def started(self, url_from_log):
        """``wait_until_up``, and the server itself; stopped if it does not come up. Returns the server."""
        try:
            self.wait_until_up(url_from_log)
        except Exception:
            self.stop()
            raise
        return self

    def wait_until_up(self, url_from_log):
        """Wait until the log names the server's URL and the server answers there; return the URL."""
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with code {self.process.returncode}:\n{self.log_tail()}")
            match = re.search(url_from_log, self.log_path.read_text(errors="replace"))
            if match:
                try:
                    urllib.request.urlopen(match.group(1), timeout=2).close()
                    self.url = match.group(1)
                    return self.url
                except urllib.error.HTTPError:  # it answers, if only to say no: it is up
                    self.url = match.group(1)
                    return self.url
                except OSError:
                    pass
            time.sleep(0.2)  # polling the log of a starting process: there is no event to wait for
        raise RuntimeError(f"the server did not start within {SERVER_START_TIMEOUT} s:\n{self.log_tail()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the server we started, and its kernels
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self._log.close()


def start_lab(folder, series):
    """JupyterLab on a free localhost port, serving ``series``; returns a Server whose url ends in '/'."""
    command = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={free_port()}", "--ServerApp.ip=127.0.0.1",
               "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={series}",
               "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: cell states and outputs, exactly
               "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               *(["--allow-root"] if os.geteuid() == 0 else [])]
    server = Server(command, Path(folder) / "lab.log", cwd=series, env=private_env(folder))
    return server.started(r"(http://127\.0\.0\.1:\d+/)lab")


def make_lab_command(*make_arguments):
    """The command ``make lab`` runs (``make --dry-run lab`` with ``make_arguments``, e.g. ``"PROJECTOR=1"``): its
    environment variables ({name: value}) and its arguments, with ``jupyter`` from the tests' environment."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    output = subprocess.run(["make", "--dry-run", "lab", *make_arguments], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    words = shlex.split([line for line in output.splitlines() if "jupyter lab" in line][-1])
    start = next(index for index, word in enumerate(words) if word.endswith("jupyter"))
    variables = dict(word.split("=", 1) for word in words[:start])
    return variables, [str(BIN / "jupyter"), *words[start + 1:]]


def start_make_lab(folder, series, *make_arguments):
    """JupyterLab started with ``make lab``'s own command (and ``make_arguments``), serving ``series`` on a free
    localhost port (plus what a test needs: no browser, no token, ``window.jupyterapp``); returns a Server."""
    variables, command = make_lab_command(*make_arguments)
    command += ["--no-browser", f"--port={free_port()}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
                "--ServerApp.password=", "--LabApp.expose_app_in_browser=True"]
    server = Server(command, Path(folder) / "make-lab.log", cwd=series, env={**private_env(folder), **variables})
    return server.started(r"(http://127\.0\.0\.1:\d+/)lab")


def start_notebook7(folder, series):
    """Jupyter Notebook 7 on a free localhost port, serving ``series``; returns a Server whose url ends in '/'."""
    command = [str(BIN / "jupyter"), "notebook", "--no-browser", f"--port={free_port()}",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
               f"--ServerApp.root_dir={series}", "--JupyterNotebookApp.expose_app_in_browser=True",
               *(["--allow-root"] if os.geteuid() == 0 else [])]
    server = Server(command, Path(folder) / "notebook7.log", cwd=series, env=private_env(folder))
    return server.started(r"(http://127\.0\.0\.1:\d+/)tree")


def start_voila(folder, notebook):
    """Voilà on a free localhost port, showing ``notebook`` as an app: what ``make present`` runs, with the same
    option (``VOILA_OPTION``: images of markdown cells found relative to the notebook, see
    ``logreg_viz.presentation``)."""
    from logreg_viz.presentation import VOILA_OPTION

    command = [str(BIN / "voila"), VOILA_OPTION, "--no-browser", f"--port={free_port()}", "--Voila.ip=127.0.0.1",
               "--show_tracebacks=True", str(notebook)]
    server = Server(command, Path(folder) / f"voila-{Path(notebook).stem}.log", cwd=Path(notebook).parent,
                    env=private_env(folder))
    return server.started(r"Voil\S* is running at:\s*(http://127\.0\.0\.1:\d+/)")


# --------------------------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------------------------
def require_browser():
    """Skip (with how to get them) unless Playwright and Chromium are both here.

    With ``REQUIRE_BROWSER=1`` in the environment (``.ci/run`` sets it, after installing Chromium) a missing
    browser fails the run instead: CI must never pass by skipping the browser tests.
    """
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = f"Playwright for Python is not installed: {HOW_TO_GET_THEM}"
    if missing is None and not os.access(CHROMIUM, os.X_OK):
        missing = f"Chromium is not installed (no {CHROMIUM}): {HOW_TO_GET_THEM}"
    if missing and os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {missing}", pytrace=False)
    if missing:
        pytest.skip(missing)


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


# --------------------------------------------------------------------------------------------------------------
# JupyterLab: open a notebook, Run All, read what every cell did
# --------------------------------------------------------------------------------------------------------------
# The notebook panel of a path, its code cells, and their outputs, read from JupyterLab's own models.
LAB_JS = """
const panelFor = (path) => {
    for (const widget of window.jupyterapp.shell.widgets('main')) {
        if (widget.context && widget.context.path === path) { return widget; }
    }
    return null;
};
const codeCells = (panel) => Array.from(panel.content.model.cells)
    .map((cell, index) => ({cell, index}))
    .filter(({cell}) => cell.type === 'code' && cell.sharedModel.getSource().trim() !== '');
const outputsOf = (cell) => Array.from({length: cell.outputs.length}, (_, i) => cell.outputs.get(i).toJSON());
const kernelStatus = (panel) => {
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return kernel ? kernel.status : 'no kernel';
};
"""

WATCH_RUN_JS = LAB_JS + """
(path) => {
    const panel = panelFor(path);
    window.__cellsStarted = 0;
    for (const {cell} of codeCells(panel)) {
        cell.stateChanged.connect((_, change) => {
            if (change.name === 'executionState' && change.newValue === 'running') { window.__cellsStarted += 1; }
        });
    }
}
"""

RUN_FINISHED_JS = LAB_JS + """
(path) => {
    const panel = panelFor(path);
    if (!window.__cellsStarted || kernelStatus(panel) !== 'idle') { return false; }
    const cells = codeCells(panel);
    const failed = cells.some(({cell}) => outputsOf(cell).some(o => o.output_type === 'error'));
    return failed || cells.every(({cell}) => cell.executionCount !== null && cell.executionState === 'idle');
}
"""

RUN_REPORT_JS = LAB_JS + """
(path) => {
    const panel = panelFor(path);
    const report = {cells: 0, executed: [], errors: [], stderr: [], widgetOutputs: 0};
    for (const {cell, index} of codeCells(panel)) {
        report.cells += 1;
        if (cell.executionCount !== null) { report.executed.push(cell.executionCount); }
        for (const output of outputsOf(cell)) {
            if (output.output_type === 'error') {
                report.errors.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
            } else if (output.output_type === 'stream' && output.name === 'stderr') {
                report.stderr.push(`cell ${index}: ${[].concat(output.text).join('').slice(0, 300)}`);
            } else if (output.data && output.data['application/vnd.jupyter.widget-view+json']) {
                report.widgetOutputs += 1;
            }
        }
    }
    return report;
}
"""

KERNEL_IDLE_JS = LAB_JS + """
(path) => { const panel = panelFor(path); return panel !== null && kernelStatus(panel) === 'idle'; }
"""

NOTEBOOK_SHOWN_JS = LAB_JS + """
(path) => {
    const panel = panelFor(path);
    return panel !== null && panel.isVisible && panel.context.isReady
        && panel.content.node.querySelectorAll('.jp-Cell').length === panel.content.model.cells.length;
}
"""

SHUTDOWN_JS = LAB_JS + """
async (path) => { const panel = panelFor(path); if (panel) { await panel.sessionContext.shutdown(); } }
"""

# Widget views as rendered (in JupyterLab and in Voilà): how many outputs show a widget, and whether any says
# "Error displaying widget". Outputs nested in an Output widget count with the output that holds them.
WIDGET_VIEWS_JS = """
() => ({
    rendered: Array.from(document.querySelectorAll('.jp-OutputArea-output'))
        .filter(output => !output.parentElement.closest('.jp-OutputArea-output'))
        .filter(output => output.querySelector('.jupyter-widgets') !== null).length,
    errors: document.body.innerText.includes('Error displaying widget'),
})
"""


def open_notebook(page, lab_url, path, app="lab"):
    """Open ``path`` (relative to the server's root) in JupyterLab (or Notebook 7, ``app="notebook"``) and wait
    until its kernel is idle."""
    if app == "lab":
        page.goto(f"{lab_url}lab/tree/{path}?reset")  # ?reset: a fresh workspace, no other notebook reopened
    else:
        page.goto(f"{lab_url}notebooks/{path}")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    page.wait_for_function(KERNEL_IDLE_JS, arg=path, timeout=120_000)
    page.wait_for_function(NOTEBOOK_SHOWN_JS, arg=path, timeout=60_000)


def run_all_cells(page, path):
    """Run > Run All Cells from the menu, as a student would; wait until every cell has run (or one failed).

    Returns the run's report: numbers of cells, execution counts, errors, stderr outputs, widget outputs.
    """
    page.evaluate(WATCH_RUN_JS, path)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)").filter(
        has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))).click()
    page.wait_for_function("() => window.__cellsStarted > 0", timeout=30_000)
    page.wait_for_function(RUN_FINISHED_JS, arg=path, timeout=RUN_ALL_TIMEOUT, polling=250)
    return page.evaluate(RUN_REPORT_JS, path)


def wait_for_widget_views(page, count):
    """Wait until ``count`` widget views have rendered (or one shows an error); return the final tally."""
    page.wait_for_function(f"() => {{ const w = ({WIDGET_VIEWS_JS})(); return w.errors || w.rendered >= {count}; }}",
                           timeout=WIDGET_TIMEOUT)
    return page.evaluate(WIDGET_VIEWS_JS)


# --------------------------------------------------------------------------------------------------------------
# Voilà: wait for the app, and list what went wrong in it
# --------------------------------------------------------------------------------------------------------------
# Voilà streams the page while its kernel runs the cells, then calls voila_finish(), which removes the spinner
# (#loading) and shows #rendered_cells; the widget manager then renders the widgets.
VOILA_FINISHED_JS = """
() => document.getElementById('rendered_cells') !== null && document.getElementById('loading') === null
      && document.getElementById('rendered_cells').style.display !== 'none'
"""

VOILA_PROBLEMS_JS = """
() => {
    const problems = [];
    const text = document.body.innerText;
    for (const sign of ['Error displaying widget', 'There was an error when executing cell', 'Traceback']) {
        if (text.includes(sign)) { problems.push(`the page says "${sign}"`); }
    }
    for (const output of document.querySelectorAll(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
        problems.push(`stderr or error output: ${output.innerText.slice(0, 300)}`);
    }
    for (const cell of document.querySelectorAll('.jp-CodeCell')) {
        if (!cell.classList.contains('jp-mod-noInput')) { problems.push('a code cell shows its input'); break; }
    }
    if (document.querySelector('.cm-editor, .CodeMirror, .jp-InputArea-editor')) {
        problems.push('a code editor is shown');
    }
    return problems;
}
"""

# The server's log when Voilà fails to render the page (the page itself then never finishes)
VOILA_SERVER_ERROR = re.compile(r"Traceback \(most recent call last\)|Task exception was never retrieved")


class VoilaRenderError(RuntimeError):
    """Voilà's server failed while rendering the page (its log says why)."""


def wait_for_voila(page, server, timeout=RUN_ALL_TIMEOUT):
    """Wait until Voilà has run every cell and shown the page; fail at once, with the server's log, if the
    server reports an error while rendering."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            page.wait_for_function(VOILA_FINISHED_JS, timeout=1000)
            return
        except Exception as error:  # Playwright's TimeoutError: check the server, then wait again
            if VOILA_SERVER_ERROR.search(server.log_path.read_text(errors="replace")):
                raise VoilaRenderError(f"Voilà failed to render the page:\n{server.log_tail(60)}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"Voilà did not finish within {timeout / 1000:.0f} s:\n{server.log_tail()}") \
                    from error


def shut_down(page, path):
    page.evaluate(SHUTDOWN_JS, path)


# --------------------------------------------------------------------------------------------------------------
# Widgets: sliders, readouts, and what a canvas shows
# --------------------------------------------------------------------------------------------------------------
# A signature of the pixels a figure shows (FNV-1a over the bytes of every pixel, or of every ``stride``-th byte),
# of the whole canvas or of a part of it given as fractions [left, top, right, bottom] of its width and height.
CANVAS_SIGNATURE_JS = """
([element, box, stride]) => {
    const canvas = element.querySelector('.jupyter-matplotlib-canvas-div canvas');
    if (!canvas || !canvas.width || !canvas.height) { return null; }
    const [left, top, right, bottom] = box || [0, 0, 1, 1];
    const x = Math.floor(left * canvas.width), y = Math.floor(top * canvas.height);
    const width = Math.max(1, Math.floor((right - left) * canvas.width));
    const height = Math.max(1, Math.floor((bottom - top) * canvas.height));
    const data = canvas.getContext('2d').getImageData(x, y, width, height).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += (stride || 1)) { hash = Math.imul(hash ^ data[i], 16777619); }
    return `${canvas.width}x${canvas.height}:${hash >>> 0}`;
}
"""


def canvas_signature(container, box=None):
    """Signature of the pixels of the (first) ipympl canvas inside ``container``; None if not drawn yet."""
    return container.evaluate(f"(element, box) => ({CANVAS_SIGNATURE_JS})([element, box])", box)


def wait_for_canvas_change(container, before, box=None, timeout=WIDGET_TIMEOUT):
    """Wait until the canvas in ``container`` shows something else than ``before``; return the new signature."""
    container.page.wait_for_function(
        f"([element, box, before]) => {{ const now = ({CANVAS_SIGNATURE_JS})([element, box]);"
        " return now !== null && now !== before; }",
        arg=[container.element_handle(), box, before], timeout=timeout, polling="raf")
    return canvas_signature(container, box)


def wait_for_canvas(container, timeout=WIDGET_TIMEOUT):
    """Wait until the canvas in ``container`` has been drawn; return its signature."""
    container.page.wait_for_function(f"(element) => ({CANVAS_SIGNATURE_JS})([element, null]) !== null",
                                     arg=container.element_handle(), timeout=timeout)
    return canvas_signature(container)


def wait_for_text(locator, text, timeout=WIDGET_TIMEOUT):
    """Wait until the element's text contains ``text``."""
    locator.page.wait_for_function("([element, text]) => element.textContent.includes(text)",
                                   arg=[locator.element_handle(), text], timeout=timeout)


def label(page, text):
    """Widget descriptions that read exactly ``text``."""
    return page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(text)}$"))


def slider(container, description):
    """The slider widget whose description is exactly ``description``."""
    return container.locator(".widget-slider").filter(has=label(container.page, description))


def training_view(page):
    """Notebook 04's TrainingView (canvas, Play + iteration, learning rate + iterations, status line), scrolled
    into view."""
    view = page.locator(".widget-vbox").filter(has=page.locator(".jupyter-matplotlib-figure")).filter(
        has=label(page, "learning rate")).first
    view.scroll_into_view_if_needed()
    return view


def threshold_explorer(page):
    """Notebook 08's ThresholdExplorer: (its slider, the cell that holds the slider and the figure after it)."""
    threshold = page.locator(".widget-slider").filter(has=label(page, "threshold τ")).first
    threshold.scroll_into_view_if_needed()
    return threshold, page.locator(".jp-Cell").filter(has=label(page, "threshold τ")).first


def readout(slider_box):
    return slider_box.locator(".widget-readout").inner_text().strip()


def press(slider_box, key):
    """Press ``key`` on a slider's handle (arrows: one step; PageUp/PageDown: five; Home/End: the ends)."""
    slider_box.locator(".noUi-handle").press(key)


def wait_for_readout(slider_box, condition_js, timeout=WIDGET_TIMEOUT):
    """Wait until the slider's readout text satisfies ``condition_js`` (a JS expression in ``text``)."""
    slider_box.page.wait_for_function(
        f"(element) => {{ const text = element.querySelector('.widget-readout').textContent.trim();"
        f" return {condition_js}; }}", arg=slider_box.element_handle(), timeout=timeout)
    return readout(slider_box)


# --------------------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def tools():
    """The helpers of this file (servers, notebook runs, widgets), for the tests."""
    return SimpleNamespace(**{name: value for name, value in globals().items() if not name.startswith("_")})


@pytest.fixture(scope="session")
def browser_folder(tmp_path_factory):
    """A private copy of the series for this test session (one per xdist worker)."""
    folder = tmp_path_factory.mktemp("browser")
    return folder, prepare_folder(folder)


@pytest.fixture(scope="session")
def lab_server(browser_folder):
    require_browser()
    folder, series = browser_folder
    server = start_lab(folder, series)
    yield server
    server.stop()


@pytest.fixture(scope="class")
def browser():
    """Chromium for one test class. Playwright's sync API keeps an event loop marked as running while it is
    alive, which would get in the way of other tests of the same worker (nbclient, nbval), so it lives only as
    long as the class."""
    require_browser()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = launch_browser(playwright)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def gallery(browser_folder):
    """``gallery.py``'s notebook, one of each kind of live view, in ``gallery/`` of the served folder."""
    import gallery as gallery_module

    _, series = browser_folder
    folder = series / "gallery"
    folder.mkdir(exist_ok=True)
    return gallery_module.write(folder / "gallery.ipynb")


@pytest.fixture(scope="session")
def copies(browser_folder):
    """Private copies of the stored notebooks for ``live_session.py`` (JupyterLab autosaves an open notebook;
    the stored ones must stay as stored), made once per session (per xdist worker),
    in ``live_views/`` next to ``notebooks/`` so that ``../figures`` still resolves."""
    _, series = browser_folder
    folder = series / "live_views"
    folder.mkdir()
    for notebook in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        shutil.copy2(notebook, folder / notebook.name)
    return folder
