"""Notebook 04 in a real browser: Run All, move the sliders, press Play; measure what a student would feel.

It starts JupyterLab on a temporary copy of ``notebooks/04_separable_clusters.ipynb`` (and ``figures/``),
opens it in headless Chromium through Playwright, runs all cells from the menu, and then:

- checks that no cell shows an error and no widget shows "Error displaying widget";
- moves the learning-rate slider with the keyboard (one step = a factor 10^0.05) and times each move from the
  key press to the first changed pixel of the figure (kernel: re-train 750 iterations + render; ipympl: PNG of
  the changed pixels; browser: decode and paint);
- does the same for the iteration slider (one frame);
- jumps the learning rate to the slider's smallest and largest values (Home / End keys);
- presses Play and counts how many distinct pictures the figure shows per second.

Needs Chromium (e.g. ``apt-get install chromium``) and ``pip install playwright``; no browser download.

Run:  .venv/bin/python benchmarks/bench_browser_training_view.py  [--moves 12] [--chromium /usr/bin/chromium]
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "04_separable_clusters.ipynb"
PORT = 8899
SCREENSHOT_ON_FAILURE = Path(tempfile.gettempdir()) / "bench_browser_failure.png"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# In the page: a cheap fingerprint of the figure's pixels (every 7th pixel's red channel).
SIGNATURE_JS = """
    const canvas = document.querySelector('.jupyter-matplotlib-figure canvas');
    const context = canvas.getContext('2d');
    const signature = () => {
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let hash = 0;
        for (let i = 0; i < data.length; i += 28) { hash = (hash * 31 + data[i]) | 0; }
        return hash;
    };
"""

# In the page: remember when a key goes down, then watch the figure's canvas until its pixels change.
WATCH_JS = """
() => {
""" + SIGNATURE_JS + """    const before = signature();
    window.__keyDown = null;
    window.__changed = null;
    document.addEventListener('keydown', () => { window.__keyDown = performance.now(); },
                              {capture: true, once: true});
    const poll = () => {
        if (signature() !== before) { window.__changed = performance.now(); return; }
        requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
}
"""

COUNT_FRAMES_JS = """
async (milliseconds) => {
""" + SIGNATURE_JS + """    let last = signature(), changes = 0;
    const end = performance.now() + milliseconds;
    while (performance.now() < end) {
        await new Promise(requestAnimationFrame);
        const now = signature();
        if (now !== last) { changes += 1; last = now; }
    }
    return changes;
}
"""


def start_lab(folder):
    # Own settings and workspaces (nothing of the user's is read or written). Every cell stays in the page
    # (no windowing), so the widget can be found after Run All has scrolled to the end.
    settings = Path(folder) / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    command = [
        str(ROOT / ".venv" / "bin" / "jupyter"), "lab", "--no-browser", f"--port={PORT}",
        "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={folder}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    log = open(Path(folder) / "lab.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/status", timeout=1)
            return process
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not start; see {folder}/lab.log")


def slider(page, description):
    box = page.locator(".widget-slider", has=page.locator(".widget-label", has_text=description)).first
    return box.locator(".noUi-handle").first


def timed_key(page, handle, key):
    page.evaluate(WATCH_JS)
    handle.press(key)
    page.wait_for_function("window.__changed !== null", timeout=10_000)
    return page.evaluate("window.__changed - window.__keyDown")


def run(moves, chromium, screenshot=None):
    folder = tempfile.mkdtemp(prefix="bench_browser_")
    (Path(folder) / "notebooks").mkdir()
    (Path(folder) / "workspaces").mkdir()
    notebook = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)
    for cell in notebook.cells:  # as a student gets it: no outputs, so we can see when Run All has finished
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, Path(folder) / "notebooks" / NOTEBOOK)
    shutil.copytree(ROOT / "figures", Path(folder) / "figures")
    lab = start_lab(folder)
    results, problems = {}, []
    page = None
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            try:
                measure_in(page, results, problems, moves, screenshot)
            except Exception:
                page.screenshot(path=SCREENSHOT_ON_FAILURE)
                print(f"failed; the page at that moment: {SCREENSHOT_ON_FAILURE}", file=sys.stderr)
                raise
            browser.close()
    finally:
        os.killpg(lab.pid, signal.SIGTERM)  # the server we started, and its kernel
        lab.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return results, problems


def measure_in(page, results, problems, moves, screenshot=None):
    if True:
        if True:
            page.goto(f"http://127.0.0.1:{PORT}/lab/tree/notebooks/{NOTEBOOK}")
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            # the kernel is connected and idle (the status bar names it)
            page.wait_for_function("document.querySelector('.jp-StatusBar-Widget').innerText.includes('| Idle')",
                                   timeout=120_000)
            start = time.perf_counter()
            for _attempt in range(3):  # a menu click can get lost while the page is still settling
                page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
                page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
                try:
                    page.wait_for_selector(".jp-InputPrompt:has-text('[*]'), .jp-InputPrompt:has-text('[1]')",
                                           state="attached", timeout=15_000)
                    break
                except PlaywrightTimeoutError:
                    continue
            page.wait_for_selector("text=Exercise 2, the first perfect iteration", state="attached", timeout=300_000)
            results["Run All (s)"] = time.perf_counter() - start

            page.evaluate("document.querySelector('.jupyter-matplotlib-figure').scrollIntoView({block: 'center'})")
            page.wait_for_function("document.querySelector('.jupyter-matplotlib-figure canvas').width > 0",
                                   timeout=60_000)
            page.wait_for_timeout(1000)
            html = page.content()
            if "Error displaying widget" in html:
                problems.append("a widget shows 'Error displaying widget'")
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            if errors.count():
                problems.append(f"{errors.count()} output(s) on stderr: {errors.first.inner_text()[:300]}")

            learning_rate, iteration = slider(page, "learning rate"), slider(page, "iteration")
            results["learning-rate step"] = [timed_key(page, learning_rate, key)
                                             for key in ["ArrowLeft", "ArrowRight"] * (moves // 2)]
            results["iteration step (one frame)"] = [timed_key(page, iteration, key)
                                                     for key in ["ArrowLeft", "ArrowRight"] * (moves // 2)]
            results["learning rate to 0.001 (Home)"] = [timed_key(page, learning_rate, "Home")]
            results["learning rate to 100 (End)"] = [timed_key(page, learning_rate, "End")]
            status = page.locator(".widget-html", has_text="learning rate").first.inner_text()
            results["status line at 100"] = status

            if screenshot:
                page.locator(".jupyter-matplotlib").first.locator("xpath=../..").screenshot(path=screenshot)

            page.locator(".widget-play button").first.click()  # Play
            results["Play: distinct pictures per second"] = page.evaluate(COUNT_FRAMES_JS, 3000) / 3.0
            page.wait_for_timeout(500)
            if "Error displaying widget" in page.content():
                problems.append("a widget shows 'Error displaying widget' after playing")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=12)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--screenshot", help="save a picture of the live view (after the slider moves) here")
    args = parser.parse_args()
    results, problems = run(args.moves, args.chromium, args.screenshot)

    print(f"Notebook 04 in headless Chromium ({args.chromium}), JupyterLab, {os.cpu_count()} CPUs\n")
    print("| move | median (ms) | min (ms) | max (ms) | moves |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, values in results.items():
        if isinstance(values, list):
            print(f"| {name}: key press → changed figure | {statistics.median(values):.0f} | {min(values):.0f} "
                  f"| {max(values):.0f} | {len(values)} |")
    print(f"\nRun All: {results['Run All (s)']:.1f} s; Play: {results['Play: distinct pictures per second']:.1f} "
          "distinct pictures per second")
    print(f"Status line at learning rate 100: {results['status line at 100']}")
    print("Problems: " + ("; ".join(problems) if problems else "none (no error output, no 'Error displaying widget')"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
