"""Notebook 12's live view, played with as a new user would: in JupyterLab, after Run All.

The data editor (``DataEditor``): clear, 12 points of each class clicked onto the canvas, some removed, a point of a
preset removed, every preset, the degree slider to both ends, clear. Then its points in and out: a CSV file uploaded
through the upload control replaces the points (and the figure), a bad file leaves them as they were and says why in
the status line, and the download link gives back exactly the points on screen. And the same editor with the
keyboard alone (``keyboard_walk.KeyboardOnly12``), on the same run of the lesson.

After every action the canvas shows exactly the frame the kernel sent last, that frame is the figure as a full draw
paints it, and the kernel reported no error and wrote nothing to stderr (``live_session.LiveSession``; the
conventions are those of ``live_session.py``).
"""

from __future__ import annotations

import json
import re

import pytest
from keyboard_walk import KeyboardOnly12
from live_session import TRAINING_FIGURE_ALLOWANCE, LiveNotebook

pytestmark = pytest.mark.browser


def _counts(class_0, class_1):
    """How the editor's status line begins, e.g. "21 points (20 of class 0, 1 of class 1)"."""
    total = class_0 + class_1
    return f"{total} point{'' if total == 1 else 's'} ({class_0} of class 0, {class_1} of class 1)"


# Where a new user clicks: 12 points of each class on a grid, class 0 on the left, class 1 on the right (x1, x2 in
# the editor's window -2..2; the grid's 0.4 spacing is far more than a click's reach on a point).
CLICKS = {0: [(x1, x2) for x1 in (-1.6, -1.2, -0.8, -0.4) for x2 in (-1.6, 0.0, 1.6)],
          1: [(x1, x2) for x1 in (0.4, 0.8, 1.2, 1.6) for x2 in (-1.6, 0.0, 1.6)]}
REMOVED = {0: CLICKS[0][::4], 1: CLICKS[1][1::4]}  # three of each class


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


class TestLive12(LiveNotebook, KeyboardOnly12):
    number = "12"

    def test_data_editor(self, app, tools):
        view = app.view("load a preset:", allowance=TRAINING_FIGURE_ALLOWANCE)
        editor = view.expression
        status = view.element.locator(tools.STATUS_LINE)
        counts = {0: 0, 1: 0}
        # every row and column of the figure (9.6 x 4.6 in: 4.6 x 100 dpi is a hair under 460 in floating point)
        size = app.kernel_value(f"[round(v * {editor}.figure.canvas.device_pixel_ratio) "
                                f"for v in {editor}.figure.bbox.size]")
        canvas = view.element.locator(".jupyter-matplotlib-canvas-div canvas").first
        assert canvas.evaluate("c => [c.width, c.height]") == size

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
        app.wait_for_text(status, _counts(len(CLICKS[0]), len(CLICKS[1])), "training accuracy 100.0%")
        for label in (0, 1):
            for point in REMOVED[label]:
                click_point(point, label, -1)
        app.check_picture(view)
        left = {label: len(CLICKS[label]) - len(REMOVED[label]) for label in (0, 1)}
        app.wait_for_text(status, _counts(left[0], left[1]), "training accuracy 100.0%")

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

    def test_upload_a_file_then_a_bad_one_then_download(self, app, tools, tmp_path):
        view = app.view("load a preset:", allowance=TRAINING_FIGURE_ALLOWANCE)
        editor = view.expression
        status = view.element.locator(tools.STATUS_LINE)
        button = view.element.locator(".widget-upload")

        def choose(path):
            """Click the upload button and pick ``path`` in the file chooser, as a user does."""
            with app.page.expect_file_chooser() as chooser:
                button.click()
            chooser.value.set_files(path)

        good = tmp_path / "ring.csv"  # 24 points on two rings: no line separates them
        rows = [f"{r * c:.3f},{r * s:.3f},{int(r < 1)}" for r in (0.5, 1.5)
                for c, s in [(1, 0), (0.8, 0.6), (0.6, 0.8), (0, 1), (-0.6, 0.8), (-0.8, 0.6), (-1, 0), (-0.8, -0.6),
                             (-0.6, -0.8), (0, -1), (0.6, -0.8), (0.8, -0.6)]]
        good.write_text("x1,x2,label\n" + "\n".join(rows) + "\n")
        app.act(view, "uploading a good file", lambda: choose(good),
                lambda: app.wait_for_text(status, "loaded 24 points from ring.csv", _counts(12, 12)))
        points = app.kernel_value(f"{editor}.X.tolist()")
        assert points[:2] == [[0.5, 0.0], [0.4, 0.3]], points[:2]

        bad = tmp_path / "typo.csv"
        bad.write_text("x1,x2,label\n0.5,1.0,0\n0.2,-0.3,2\n")
        try:
            choose(bad)
            app.wait_for_text(status, "⚠ not loaded, the points are unchanged: typo.csv, line 3: the label must be "
                                      "0 or 1; got '2'", _counts(12, 12))
            app.wait_until_idle()
            app.check_picture(view)
        except Exception as error:
            app.explain(error, "uploading a bad file")
            raise
        assert app.kernel_value(f"{editor}.X.tolist()") == points

        link = view.element.locator("a[download]")
        assert link.get_attribute("download") == "my_points.csv" and "24 points" in link.inner_text()
        with app.page.expect_download() as download:
            link.click()
        saved = open(download.value.path(), encoding="utf-8").read()
        expected = app.kernel_value(f"__import__('logreg_viz.points_csv').points_csv.points_to_csv(*{editor}.data())")
        assert saved == expected and saved.startswith("x1,x2,label\n0.5,0.0,1\n")
        app.assert_clean()
