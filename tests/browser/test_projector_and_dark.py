"""Projector mode and JupyterLab's dark theme, measured in Chromium on every kind of live view (``gallery.py``).

**Projector** (``TestProjectorWithMakeLab``): JupyterLab started with ``make lab PROJECTOR=1``'s own command (from
``make --dry-run``), in a 1280 x 720 window with a first-run settings folder (nothing chosen about news), runs the
gallery. Then:

- no first-run prompt: no notification toast, none in the notification centre;
- the text of each view's controls, readouts, buttons and status line: its computed CSS font size, for every text
  node and form field of the view's output, is at least 18 px;
- the text drawn on each canvas: the kernel lists every visible text of each view's figure with its font size in
  points and the figure's width in inches (a cell added to the gallery); the browser measures the width at which
  the canvas is displayed, in CSS px. A text of ``s`` points is then ``s / 72 * css_width / width_in`` CSS px high
  (its em size, as a CSS font size is): points are inches / 72, and the figure's inches are shown over
  ``css_width`` px, whatever its dpi and the screen's pixel ratio. The smallest is at least 18 px;
- no canvas is wider than the screen; with the file browser hidden (Ctrl+B, as for projecting), every canvas lies
  within the 1280 px wide window, and no view's box is wider than its place (no sideways scrolling).

**Dark theme** (``DarkThemeChecks``, on the same run: the server's settings choose the "JupyterLab Dark" theme, as
Settings > Theme writes it, so one run of the gallery serves both, as a teacher who projects in the dark theme
sees it). Then, for every text node and form field of every view, the WCAG
contrast ratio of its colour (with its opacity) against its effective background (the stack of ancestors'
background colours, down to the first opaque one) is at least 4.5; every canvas is opaque (every pixel's alpha
is 255) and its figure's face contrasts with its darkest pixels (axes, ticks, text) by at least 4.5; and the class
colours of ``logreg_viz.style`` appear, unchanged, in the canvases.

Screenshots go to ``screenshots/`` at the repository's root (not committed): the 1280 x 720 window as a projector
shows it (``projector-dark.png``), and the whole notebook (``projector-dark-full.png``); with
``projector-dark-measured.json``, the smallest text and lowest contrast of each view.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from logreg_viz.display import MIN_TEXT_PX
from logreg_viz.style import CLASS_COLORS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
PROJECTOR_SCREEN = {"width": 1280, "height": 720}
MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text

# The last cell of the gallery: every live view of the notebook (IPython's Out), with its figure's width in inches
# and its visible texts' font sizes in points.
MEASURE_CELL = """\
import json
from logreg_viz.live import LiveView
from matplotlib.text import Text

def shown(text):
    return (text.get_visible() and text.get_text().strip() != ""
            and (text.axes is None or text.axes.get_visible()))

print(json.dumps([{"view": type(view).__name__, "projector": view.projector,
                   "width_in": float(view.figure.get_figwidth()),
                   "texts": sorted(([float(text.get_fontsize()), text.get_text()[:40]]
                                    for text in view.figure.findobj(Text) if shown(text)))[:3]}
                  for _, view in sorted(Out.items()) if isinstance(view, LiveView)]))
"""

# Every text of a view's output (text nodes and form fields): its font size, and its contrast against its
# effective background.
TEXTS_JS = """
(output) => {
    const rgba = (value) => {
        const match = value.match(/rgba?\\(([^)]+)\\)/);
        if (!match) { return [0, 0, 0, 0]; }
        const parts = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
    const background = (element) => {
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const color = rgba(getComputedStyle(e).backgroundColor);
            if (color[3] > 0) { layers.push(color); if (color[3] >= 1) { break; } }
        }
        let color = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255, 1];
        while (layers.length) { color = over(layers.pop(), color); }
        return color;
    };
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    const contrast = (a, b) => {
        const [high, low] = [luminance(a), luminance(b)].sort((p, q) => q - p);
        return (high + 0.05) / (low + 0.05);
    };
    const opacity = (element) => {
        let value = 1;
        for (let e = element; e; e = e.parentElement) { value *= Number(getComputedStyle(e).opacity); }
        return value;
    };
    const items = [];
    const check = (element, text) => {
        if (!element.getClientRects().length) { return; }
        const style = getComputedStyle(element);
        if (style.visibility !== 'visible') { return; }
        const back = background(element), fore = rgba(style.color);
        fore[3] *= opacity(element);
        items.push({text: text.slice(0, 40), size: parseFloat(style.fontSize),
                    contrast: contrast(over(fore, back), back),
                    element: `${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]}`});
    };
    const walker = document.createTreeWalker(output, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, text = node.textContent.trim();
        if (text && !node.parentElement.closest('style, script')) { check(node.parentElement, text); }
    }
    for (const field of output.querySelectorAll('input, select, textarea')) {
        if (!['file', 'hidden', 'checkbox', 'radio', 'range', 'color'].includes(field.type)) {
            check(field, field.value || field.placeholder || field.type);
        }
    }
    return items;
}
"""

# A view's canvas: where and how large it is shown, and (unless classColors is null) what its pixels hold.
CANVAS_JS = """
(output, classColors) => {
    const canvas = output.querySelector('.jupyter-matplotlib-canvas-div canvas');
    const rect = canvas.getBoundingClientRect();
    const box = output.querySelector('.widget-vbox');
    const place = {left: rect.left, right: rect.right, cssWidth: rect.width, cssHeight: rect.height,
                   width: canvas.width, boxOverflow: box ? box.scrollWidth - box.clientWidth : 0};
    if (classColors === null) { return place; }
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    const table = Array.from({length: 256}, (_, v) => channel(v));
    const luminance = (i) => 0.2126 * table[data[i]] + 0.7152 * table[data[i + 1]] + 0.0722 * table[data[i + 2]];
    const face = luminance(0);
    let minAlpha = 255, darkest = 1;
    const classPixels = classColors.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
        minAlpha = Math.min(minAlpha, data[i + 3]);
        darkest = Math.min(darkest, luminance(i));
        classColors.forEach((c, k) => {
            if (data[i] === c[0] && data[i + 1] === c[1] && data[i + 2] === c[2]) { classPixels[k] += 1; }
        });
    }
    return {...place, minAlpha, faceContrast: (face + 0.05) / (darkest + 0.05), face: Array.from(data.slice(0, 4)),
            classPixels};
}
"""

# Each live view's output (the outputs that hold a canvas), in the order of the page.
VIEW_OUTPUTS = ".jp-OutputArea-output:has(.jupyter-matplotlib-canvas-div canvas)"


def _lowest_texts(measured, key, limit):
    """Each view's text with the lowest ``key`` ("contrast" or "size"), and those of them below ``limit``: two dicts
    of {view name: text item}."""
    lowest = {name: min(view.texts, key=lambda item: item[key]) for name, view in measured.items()}
    return lowest, {name: item for name, item in lowest.items() if item[key] < limit}


def _rgb(color):
    return [int(color[k:k + 2], 16) for k in (1, 3, 5)]


def _write_gallery(series, *, measure=False):
    import gallery as gallery_module

    folder = series / "gallery"
    folder.mkdir(exist_ok=True)
    path = gallery_module.write(folder / "gallery.ipynb")
    if measure:
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.append(nbformat.v4.new_code_cell(MEASURE_CELL))
        nbformat.write(notebook, path)
    return path.relative_to(series).as_posix()


def _run_gallery(page, server, path, tools):
    """Open the gallery in JupyterLab, Run All, wait until every view has rendered and drawn its canvas."""
    import gallery as gallery_module

    tools.open_notebook(page, server.url, path)
    report = tools.run_all_cells(page, path)
    assert not report["errors"] and not report["stderr"], report
    views = tools.wait_for_widget_views(page, len(gallery_module.VIEWS))
    assert not views["errors"], views
    outputs = page.locator(VIEW_OUTPUTS)
    assert outputs.count() == len(gallery_module.VIEWS)
    for index in range(outputs.count()):
        tools.wait_for_canvas(outputs.nth(index))
    return report, outputs


def _measure(outputs, pixels=True):
    import gallery as gallery_module

    classes = [_rgb(color) for color in CLASS_COLORS] if pixels else None
    return {name: SimpleNamespace(texts=outputs.nth(k).evaluate(TEXTS_JS),
                                  canvas=outputs.nth(k).evaluate(CANVAS_JS, classes))
            for k, name in enumerate(gallery_module.VIEWS)}


def _save_summary(prefix, measured, kernel=()):
    """What was measured, view by view, in screenshots/{prefix}-measured.json (next to the screenshots)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    widths = {view["view"]: view for view in kernel}
    summary = {}
    for name, view in measured.items():
        summary[name] = {"smallest_widget_text": min(view.texts, key=lambda item: item["size"]),
                         "lowest_contrast": min(view.texts, key=lambda item: item["contrast"]),
                         "canvas": {key: value for key, value in view.canvas.items() if key != "face"}}
        if name in widths:
            points, text = widths[name]["texts"][0]
            summary[name]["smallest_canvas_text_px"] = [
                round(points / 72 * view.canvas["cssWidth"] / widths[name]["width_in"], 2), text]
    (SCREENSHOTS / f"{prefix}-measured.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))


# The notebook's scrolling area in JupyterLab: its height and the height of its content.
NOTEBOOK_AREA = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"


def _screenshots(page, outputs, prefix, shown_view="TrainingView"):
    """Two pictures in screenshots/: the window as it is, with ``shown_view`` at its top (``{prefix}.png``), and
    the whole notebook (``{prefix}-full.png``: the window made as tall as the notebook, then put back)."""
    import gallery as gallery_module

    SCREENSHOTS.mkdir(exist_ok=True)
    shown = outputs.nth(gallery_module.VIEWS.index(shown_view))
    shown.evaluate("(element) => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=SCREENSHOTS / f"{prefix}.png")
    window, area = page.viewport_size, page.locator(NOTEBOOK_AREA)
    shown_height, content_height = area.evaluate("(area) => [area.clientHeight, area.scrollHeight]")
    page.set_viewport_size({"width": window["width"], "height": window["height"] + content_height - shown_height})
    page.wait_for_function("([area, before]) => area.clientHeight > before",
                           arg=[area.element_handle(), shown_height])  # JupyterLab has laid itself out again
    area.evaluate("(area) => { area.scrollTop = 0; }")
    page.screenshot(path=SCREENSHOTS / f"{prefix}-full.png")
    page.set_viewport_size(window)


class DarkThemeChecks:
    """JupyterLab's dark theme: every view's text readable, its figure opaque with visible axes, the class colours
    kept. (Mixed into the projector's class: one server and one run of the gallery serve both, as a teacher who
    projects in the dark theme would see it.)"""

    def test_the_dark_theme_is_on(self, app):
        assert app.theme == "JupyterLab Dark"

    def test_every_text_of_every_view_contrasts_with_its_background(self, app):
        lowest, too_faint = _lowest_texts(app.measured, "contrast", MIN_CONTRAST)
        assert not too_faint, f"lowest contrast of each view: {lowest}"

    def test_every_figure_is_opaque_with_visible_axes(self, app):
        for name, measured in app.measured.items():
            canvas = measured.canvas
            assert canvas["minAlpha"] == 255, (name, canvas)
            assert canvas["faceContrast"] >= MIN_CONTRAST, (name, canvas)

    def test_the_class_colours_are_kept(self, app):
        shown = {name: measured.canvas["classPixels"] for name, measured in app.measured.items()}
        both = [name for name, (blue, orange) in shown.items() if blue > 20 and orange > 20]
        assert len(both) >= 7, f"pixels of exactly {CLASS_COLORS} in each view: {shown}"


class TestProjectorAndDarkThemeWithMakeLab(DarkThemeChecks):
    """``make lab PROJECTOR=1`` at 1280 x 720 in the dark theme: no first-run prompt, and every view readable from
    the back of the room."""

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, browser, tools, tmp_path_factory):
        folder = tmp_path_factory.mktemp("projector")
        # a first run: no choice made about news; the dark theme; cells not windowed, so that every view renders
        series = tools.prepare_folder(folder, settings={"notebook-extension/tracker": {"windowingMode": "none"},
                                                        **tools.DARK_THEME})
        path = _write_gallery(series, measure=True)
        server = tools.start_make_lab(folder, series, "PROJECTOR=1")
        page = browser.new_page(viewport=PROJECTOR_SCREEN)
        try:
            report, outputs = _run_gallery(page, server, path, tools)
            # A teacher hides the file browser to project (Ctrl+B, or View > Appearance); the notebook then has the
            # window's width, less JupyterLab's two narrow side bars.
            page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
            page.wait_for_function("() => window.jupyterapp.shell.leftCollapsed")
            kernel = json.loads(page.locator(".jp-OutputArea-output").last.inner_text())
            theme = page.evaluate("() => document.body.dataset.jpThemeName")
            measured = _measure(outputs)
            _save_summary("projector-dark", measured, kernel)
            _screenshots(page, outputs, "projector-dark")
            prompts = page.evaluate("""() => ({toasts: Array.from(document.querySelectorAll('.Toastify__toast'))
                                                   .map(toast => toast.innerText),
                                               centre: document.querySelector('.jp-Notification-Status')
                                                   ?.innerText})""")
            yield SimpleNamespace(page=page, kernel=kernel, measured=measured, prompts=prompts, theme=theme)
        finally:
            page.close()
            server.stop()

    def test_no_first_run_prompt(self, app):
        assert app.prompts["toasts"] == [], app.prompts
        assert app.prompts["centre"] in (None, "0"), app.prompts

    def test_every_view_was_made_in_projector_mode(self, app):
        import gallery as gallery_module

        assert [view["view"] for view in app.kernel] == list(gallery_module.VIEWS)
        assert all(view["projector"] for view in app.kernel), app.kernel

    def test_the_text_of_the_controls_and_status_lines_is_at_least_18_px(self, app):
        smallest, too_small = _lowest_texts(app.measured, "size", MIN_TEXT_PX)
        assert not too_small, f"smallest text of each view: {smallest}"

    def test_the_text_drawn_on_the_canvases_is_at_least_18_px_as_displayed(self, app):
        smallest = {}
        for view in app.kernel:
            points, text = view["texts"][0]
            css_px = points / 72 * app.measured[view["view"]].canvas["cssWidth"] / view["width_in"]
            smallest[view["view"]] = (round(css_px, 2), text)
        assert min(px for px, _ in smallest.values()) >= MIN_TEXT_PX, smallest

    def test_no_figure_is_wider_than_the_screen(self, app):
        for name, measured in app.measured.items():
            canvas = measured.canvas
            assert canvas["cssWidth"] <= PROJECTOR_SCREEN["width"], (name, canvas)
            assert 0 <= canvas["left"] and canvas["right"] <= PROJECTOR_SCREEN["width"], (name, canvas)
            assert canvas["boxOverflow"] <= 1, f"{name}'s box scrolls sideways: {canvas}"
