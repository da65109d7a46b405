"""The one adapter to ipympl: every use of ipympl, and of its private attributes, is in this module.

Tested with ipympl 0.10.0 (the pin in ``requirements.txt``; ``pyproject.toml`` allows ``>=0.10.0,<0.11``). A new
ipympl version may rename what is used here; then this module, and nothing else, needs a look. What it relies on:

- ``ipympl.backend_nbagg.Canvas`` and ``FigureManager`` (public classes), and the canvas's public traits
  ``header_visible``, ``footer_visible``, ``toolbar_visible``, ``resizable`` and ``syncing_data_url``;
- the canvas's private trait ``_data_url`` (the picture kept in the widget's state); matplotlib webagg's method
  ``get_diff_image`` (the PNG of the next frame), which ``live_canvas`` replaces, and its private attributes
  ``_png_is_old`` (a new frame is waiting) and ``_last_buff`` (the frame sent last).

Six things about ipympl need care, and are handled here once:

1. **Importing ipympl switches pyplot's backend.** ``import ipympl`` makes ipympl pyplot's backend as a side
   effect, so every later ``plt.subplots`` figure of a notebook would become a widget with no stored picture.
   ``canvas_classes`` imports the classes and puts the previous backend back (and, for matplotlib-inline, redoes
   the IPython set-up that its first import skipped while ipympl was the backend: the private
   ``_enable_matplotlib_integration``; without it a live view made before any pyplot figure leaves every later
   figure of the notebook as text only).
2. **A canvas drawn before it is displayed can stay empty in the browser** (ipympl issue #472): until a browser
   has connected, each draw copies the picture into the widget's state as *bare* base64, which the browser cannot
   load. ``live_canvas`` turns that copying off; ``send_picture`` sends the picture once, as a proper ``data:``
   URL, when the view is displayed.
3. **Two threads may draw one canvas.** JupyterLab 4.4+ sends widget messages to a kernel subshell (ipykernel 7),
   a thread of its own, once the widget's comm knows it; until then they go to the main thread. Two threads
   drawing into Agg's one buffer send half-drawn frames, or save a half-drawn blitting background. ``live_canvas``
   gives the canvas a lock: drawing, blitting and handling the browser's messages happen one thread at a time.

4. **The canvas is a keyboard trap.** Its box takes the focus (``tabindex=0``) and cancels every key it gets, Tab
   and Shift+Tab included, to send it to matplotlib: a keyboard user who tabs into it cannot tab out (WCAG's "no
   keyboard trap"). ``let_tab_leave`` hands the keys back: the kernel receives them as key presses, and moves the
   focus on, to a widget after the canvas (Tab, Escape) or to the last control before it (Shift+Tab).

5. **Every frame is sent whole, and encoded fast.** Webagg sends a frame as the pixels that changed since the
   last one, but ipympl's browser side drops a frame that arrives before the previous one has loaded, and a
   dropped difference frame leaves stale pixels behind for good (matplotlib issue #19116); a dropped whole frame
   is replaced by the next. Encoding the PNG is a third of a slider move's kernel time: at zlib level 1 instead
   of Pillow's default 6 it takes 8 ms less for the threshold explorer's 960 x 760 frame
   (``benchmarks/bench_threshold.py``), and the file is about as big (2% smaller there, 10% bigger for the
   training view's 960 x 440 frame).

6. **The browser truncates the canvas's size.** ipympl sends the figure's size in pixels as a float, and the
   browser makes the canvas that many whole pixels: a figure 4.6 inches tall at 100 dpi is 459.99999999999994 px
   (4.6 has no exact binary form), so its canvas lost its last row of pixels. ``live_canvas`` nudges such a size
   up by a rounding error (``whole_pixel_size``).

The canvas's chrome (title bar, toolbar, status bar, resize handle) is hidden too: a view shows its own title,
controls and status line.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import threading

import matplotlib
import numpy as np
from PIL import Image

__all__ = ["TESTED_WITH", "canvas_classes", "live_canvas", "is_live_canvas", "drawing_lock", "whole_pixel_size",
           "send_picture", "last_frame", "let_tab_leave"]

#: The ipympl version this module was written and tested against.
TESTED_WITH = "0.10.0"

_LOCK_ATTRIBUTE = "_logreg_drawing"  # where the drawing lock hangs on the canvas (a figure stays picklable)


def canvas_classes():
    """ipympl's canvas widget and figure manager, imported without switching pyplot's backend.

    Returns
    -------
    Canvas, FigureManager : the classes of ``ipympl.backend_nbagg``.
    """
    backend, fallback = matplotlib.get_backend(), matplotlib.rcParams["backend_fallback"]
    from ipympl.backend_nbagg import Canvas, FigureManager

    if matplotlib.get_backend() != backend:
        matplotlib.use(backend)
        matplotlib.rcParams["backend_fallback"] = fallback
        if backend == "module://matplotlib_inline.backend_inline":
            # If first loaded while ipympl was the backend, it skipped its IPython set-up (redoing it is harmless).
            from matplotlib_inline.backend_inline import _enable_matplotlib_integration

            _enable_matplotlib_integration()
    return Canvas, FigureManager


def live_canvas(figure):
    """Put ``figure`` on a new ipympl canvas widget, with the settings every live view wants.

    Parameters
    ----------
    figure : matplotlib Figure
        Not shown by pyplot (made without it), so the inline backend never shows it a second time.

    Returns
    -------
    canvas : ipympl ``Canvas`` (an ipywidgets DOMWidget), also ``figure.canvas``.
    """
    Canvas, FigureManager = canvas_classes()
    figure.set_size_inches(whole_pixel_size(figure.get_size_inches(), figure.dpi), forward=False)  # see point 6
    canvas = Canvas(figure)
    canvas.syncing_data_url = False  # see point 2 of the module's docstring
    canvas.header_visible = canvas.footer_visible = canvas.toolbar_visible = canvas.resizable = False
    lock = threading.RLock()
    setattr(canvas, _LOCK_ATTRIBUTE, lock)
    for name in ("draw", "blit", "handle_event"):
        setattr(canvas, name, _holding(lock, getattr(canvas, name)))
    canvas.get_diff_image = functools.partial(_whole_frame_png, canvas)  # see point 5 of the module's docstring
    FigureManager(canvas, num=id(figure))  # handles the browser's messages (resize, refresh, draw, ...)
    return canvas


def whole_pixel_size(size_inches, dpi):
    """The size in inches nearest ``size_inches`` whose size in pixels (inches x dpi, in floating point) is not a
    rounding error short of a whole number, so that a browser that truncates it keeps every row and column.

    Parameters
    ----------
    size_inches : pair of float, width and height
    dpi : float

    Returns
    -------
    width, height : float, each equal to the one given or larger by a few units in the last place (a size whose
        pixels have a real fraction, e.g. 459.5, is left as it is)
    """

    def nudged(inches):
        pixels = round(inches * dpi)
        if not math.isclose(inches * dpi, pixels, rel_tol=1e-12):  # e.g. 459.5 px: a real fraction, left alone
            return inches
        while inches * dpi < pixels:  # e.g. 4.6 * 100 = 459.99999999999994: a few ulps short
            inches = math.nextafter(inches, math.inf)
        return inches

    return tuple(nudged(float(inches)) for inches in size_inches)


def _holding(lock, method):
    @functools.wraps(method)
    def locked(*args, **kwargs):
        with lock:
            return method(*args, **kwargs)

    return locked


def is_live_canvas(canvas):
    """True for a canvas made by ``live_canvas`` (an ipympl widget); False for Agg and any other canvas."""
    return hasattr(canvas, _LOCK_ATTRIBUTE)


def drawing_lock(canvas):
    """The canvas's drawing lock (a context manager); a do-nothing context for a canvas that needs none."""
    return getattr(canvas, _LOCK_ATTRIBUTE, None) or contextlib.nullcontext()


#: zlib's level for the frames sent to the browser: 1, the fastest that compresses (see point 5 of the docstring).
FRAME_COMPRESS_LEVEL = 1


def _whole_frame_png(canvas):
    """The canvas's new frame as a PNG (bytes), whole; None if no new frame is waiting. Replaces webagg's
    ``get_diff_image`` on a live canvas (see point 5 of the module's docstring)."""
    if not canvas._png_is_old:
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())  # (height, width, 4) uint8
    canvas.set_image_mode("full")
    canvas._last_buff = pixels.view(np.uint32).squeeze(2).copy()  # what last_frame returns
    canvas._png_is_old = False
    with io.BytesIO() as png:
        Image.fromarray(pixels).save(png, format="png", compress_level=FRAME_COMPRESS_LEVEL)
        return png.getvalue()


def send_picture(canvas, png):
    """Put a PNG (base64) into the canvas widget's state as a proper data URL, and send it to the browser.

    The browser shows it until the live connection is made, and it is what the notebook's stored widget state
    keeps. (The value may already be set without having been sent: then it is sent explicitly.)
    """
    url = f"data:image/png;base64,{png}"
    syncing, canvas.syncing_data_url = canvas.syncing_data_url, True
    try:
        if canvas._data_url == url:
            canvas.send_state("_data_url")
        else:
            canvas._data_url = url
    finally:
        canvas.syncing_data_url = syncing


def last_frame(canvas):
    """The frame the canvas sent to the browser last, as an RGBA array of shape (height, width, 4), a copy; None
    if it has sent none (or is not a live canvas). (Webagg keeps it, to compute the next frame's difference.)"""
    if not is_live_canvas(canvas):
        return None
    with drawing_lock(canvas):
        buffer = getattr(canvas, "_last_buff", None)
        if buffer is None or buffer.size == 0:
            return None
        return buffer.view("uint8").reshape(*buffer.shape, 4).copy()


#: What each key pressed on the canvas does: move the focus forward (past the canvas) or backward.
_LEAVING_KEYS = {"tab": "forward", "escape": "forward", "shift+tab": "backward"}


def let_tab_leave(canvas, forward, backward):
    """Tab (or Escape) on the canvas moves the focus to the widget ``forward``, Shift+Tab to ``backward`` (see point
    4 of the module's docstring). Does nothing for a canvas that is not live.

    Parameters
    ----------
    canvas : the figure's canvas
    forward, backward : ipywidgets DOMWidget, or a callable that returns one (the last control may change)
    """
    if not is_live_canvas(canvas):
        return

    def on_key(event):
        target = {"forward": forward, "backward": backward}.get(_LEAVING_KEYS.get(event.key))
        if target is not None:
            (target() if callable(target) else target).focus()

    canvas.mpl_connect("key_press_event", on_key)
