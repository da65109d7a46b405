"""Projector mode and the opaque figure face (``logreg_viz.display``), without a browser.

The browser test ``tests/browser/test_projector_and_dark.py`` measures what a projector shows; these check the
switch itself (the environment variable, ``logreg_viz.projector()``), the sizes ``new_figure`` gives, that every
text of every live view reaches 18 px once drawn, and that every picture stored in the notebooks is opaque (so a
dark JupyterLab never shows through a still figure).
"""

import base64
import io
import json
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

import logreg_viz
from logreg_viz import display
from logreg_viz.figures import new_figure

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def switch(monkeypatch):
    """The switch as a fresh session has it (no environment variable, no call), put back after the test."""
    monkeypatch.delenv(display.ENV_VARIABLE, raising=False)
    display.projector(None)
    yield monkeypatch
    display.projector(None)


def test_off_unless_asked(switch):
    assert not display.projector_on()
    figure = new_figure((13.2, 4.3))
    assert tuple(figure.get_size_inches()) == (13.2, 4.3) and figure.dpi == 100


@pytest.mark.parametrize(("value", "on"), [("1", True), ("true", True), ("ON", True), ("0", False), ("", False)])
def test_the_environment_variable(switch, value, on):
    switch.setenv(display.ENV_VARIABLE, value)
    assert display.projector_on() is on


def test_projector_overrides_the_environment_and_none_goes_back_to_it(switch):
    switch.setenv(display.ENV_VARIABLE, "1")
    assert logreg_viz.projector(False) is False and not display.projector_on()
    assert logreg_viz.projector() is True and display.projector_on()
    switch.setenv(display.ENV_VARIABLE, "0")
    assert display.projector_on()  # the call wins
    assert logreg_viz.projector(None) is False


@pytest.mark.parametrize("figsize", [(13.2, 4.3), (9.6, 7.6), (5.4, 4.6), (3.0, 2.0)])
def test_projector_figures_fit_the_screen_at_the_projector_resolution(switch, figsize):
    logreg_viz.projector()
    figure = new_figure(figsize)
    width, height = figure.get_size_inches() * figure.dpi
    assert figure.dpi == display.PROJECTOR_DPI
    assert width <= display.MAX_WIDTH_PX + 0.5 and height <= display.MAX_HEIGHT_PX + 0.5
    assert (figure.get_size_inches() <= np.array(figsize) + 1e-9).all()  # never larger in inches


def test_every_figure_is_opaque_white_whatever_matplotlib_says(switch):
    with matplotlib.rc_context({"figure.facecolor": (0, 0, 0, 0), "savefig.transparent": True}):
        figure = new_figure((3, 2))
        picture = Image.open(io.BytesIO(figure._repr_png_()))
    assert figure.get_facecolor() == (1.0, 1.0, 1.0, 1.0)
    assert np.asarray(picture.convert("RGBA"))[..., 3].min() == 255


def test_small_text_is_raised_to_18_px_titles_break_and_wide_legends_get_fewer_columns(switch):
    logreg_viz.projector()
    figure = new_figure((13.2, 4.3))
    axes = figure.subplots(1, 3)
    note = axes[0].text(0.5, 0.5, "a note", fontsize=6)
    axes[1].set_title("a title far too long to stand over one of three panels on a projector, surely")
    lines = [axes[2].plot([], [], label=f"a long legend entry number {k}")[0] for k in range(6)]
    figure.legend(handles=lines, loc="outside lower center", ncols=6)
    figure.canvas.draw()
    px_per_pt = figure.dpi / 72
    assert note.get_fontsize() * px_per_pt >= display.MIN_TEXT_PX
    assert min(text.get_fontsize() for text in figure.findobj(Text)) * px_per_pt >= display.MIN_TEXT_PX
    assert "\n" in axes[1].get_title()
    renderer = figure.canvas.get_renderer()
    legend = figure.legends[0]
    assert legend._ncols < 6 and legend.get_window_extent(renderer).width <= figure.bbox.width
    title = axes[1].get_title()
    figure.canvas.draw()  # a second draw changes nothing
    assert axes[1].get_title() == title


def test_a_formula_is_never_broken_across_lines():
    assert display._words("the loss $L(w) = a + b$ here") == ["the", "loss", "$L(w) = a + b$", "here"]


def test_a_live_view_in_projector_mode(switch):
    """Every text a view draws is at least 18 px at its resolution, and its box carries the projector's style."""
    from logreg_viz.sigmoid import SigmoidExplorer

    logreg_viz.projector()
    view = SigmoidExplorer(np.arange(6.0), np.array([0, 0, 1, 0, 1, 1]), interactive=False)
    texts = [text for text in view.figure.findobj(Text) if text.get_visible() and text.get_text().strip()]
    assert min(text.get_fontsize() for text in texts) * view.figure.dpi / 72 >= display.MIN_TEXT_PX
    assert display.PROJECTOR_CLASS in view.widget._dom_classes
    assert any(display.PROJECTOR_CSS in getattr(child, "value", "") for child in view.widget.children)
    view.set(a=2.5)  # an update still works, and keeps the sizes
    assert min(text.get_fontsize() for text in texts) * view.figure.dpi / 72 >= display.MIN_TEXT_PX

    logreg_viz.projector(False)
    plain = SigmoidExplorer(np.arange(6.0), np.array([0, 0, 1, 0, 1, 1]), interactive=False)
    assert display.PROJECTOR_CLASS not in plain.widget._dom_classes and plain.figure.dpi == 100


def _stored_pictures():
    for notebook in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        for index, cell in enumerate(json.loads(notebook.read_text())["cells"]):
            for output in cell.get("outputs", []):
                png = output.get("data", {}).get("image/png")
                if png:
                    yield f"{notebook.name}, cell {index}", "".join(png)


def test_every_picture_stored_in_the_notebooks_is_opaque():
    """A transparent PNG shows a dark theme's background through it: black axes and text would vanish."""
    pictures = list(_stored_pictures())
    assert len(pictures) > 20
    transparent = []
    for where, png in pictures:
        image = Image.open(io.BytesIO(base64.b64decode(png)))
        if image.mode in ("RGBA", "LA", "P") and np.asarray(image.convert("RGBA"))[..., 3].min() < 255:
            transparent.append(where)
    assert not transparent, f"transparent pictures: {transparent}"
