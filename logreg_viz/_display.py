"""Showing a live figure in a notebook: the ipympl details that every view of the series shares.

A live view is a matplotlib figure on an ipympl canvas widget plus ipywidgets controls. Three things about
ipympl (0.10) need care, and are handled here once:

1. **Importing ipympl switches pyplot's backend.** ``import ipympl`` makes ipympl pyplot's backend as a side
   effect, so every later ``plt.subplots`` figure of the notebook would become a widget (no plain PNG stored).
   ``ipympl_classes`` imports the canvas and manager classes and puts the previous backend back.
2. **A canvas drawn before it is displayed can stay empty in the browser** (ipympl issue #472). Until a browser
   view has connected, each draw copies the picture into the widget's state as *bare* base64, which the browser
   cannot load as an image. Our views draw before they are displayed (to fix their layout, or to save a blitting
   background), so ``prepare_canvas`` turns that copying off, and ``widget_with_picture`` sends the picture
   itself, once, at display time, as a proper ``data:`` URL.
3. **Readers without a kernel** (a repository page, nbviewer, a test run) see no widget: ``widget_with_picture``
   puts a PNG of the figure next to the widget in the display data, so they see the picture the view showed.

The chrome of the canvas (title bar, toolbar, status line, resize handle) is hidden too: a view shows its own
title and controls, and a teacher projecting it needs nothing else.

Public to the package (the leading underscore of the module keeps it out of the series' API):

``uses_ipympl``          is pyplot's backend ipympl (after ``%matplotlib widget``)?
``ipympl_classes``       ipympl's canvas widget and figure manager, imported without switching pyplot's backend
``prepare_canvas``       the settings above, on an ipympl canvas (nothing on any other canvas)
``interactive_figure``   a Figure on an ipympl canvas, made without pyplot
``new_figure``           a view's figure: ``interactive_figure`` under ipympl, a pyplot figure otherwise
``freeze_layout``        compute the constrained layout once, then keep it (a redraw then only redraws)
``Blitter``              redraw only the artists that move (blitting), on Agg or ipympl
``drawing_order``        artists sorted as a full draw paints them (the order to blit them in)
``widget_with_picture``  display data for a widget plus a PNG of its figure
``controls_box``         a box of controls whose plain-text form says what it holds
``LiveFigure``           base of the views: displays its controls, then its figure
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import threading

import matplotlib
from matplotlib.figure import Figure

__all__ = [
    "uses_ipympl",
    "ipympl_classes",
    "prepare_canvas",
    "interactive_figure",
    "new_figure",
    "freeze_layout",
    "drawing_order",
    "Blitter",
    "widget_with_picture",
    "controls_box",
    "LiveFigure",
]

#: The names under which pyplot reports the ipympl backend.
_IPYMPL_BACKENDS = {"widget", "ipympl", "module://ipympl.backend_nbagg"}


def uses_ipympl():
    """True when pyplot's backend is ipympl (``%matplotlib widget``): new views then draw on canvas widgets."""
    import matplotlib.pyplot as plt

    return plt.get_backend().lower() in _IPYMPL_BACKENDS


def ipympl_classes():
    """ipympl's canvas widget and figure manager, imported without switching pyplot's backend.

    Importing the ``ipympl`` package makes ipympl pyplot's backend as a side effect, which would turn every later
    ``plt.subplots`` figure of the notebook into a widget without a stored picture. The notebook's backend
    (usually inline, so static figures stay plain PNGs) is put back; ipympl draws our views only.

    Returns
    -------
    Canvas, FigureManager : the classes of ``ipympl.backend_nbagg``.
    """
    backend, fallback = matplotlib.get_backend(), matplotlib.rcParams["backend_fallback"]
    from ipympl.backend_nbagg import Canvas, FigureManager

    if matplotlib.get_backend() != backend:
        matplotlib.use(backend)
        matplotlib.rcParams["backend_fallback"] = fallback
    return Canvas, FigureManager


def _is_ipympl_canvas(canvas):
    return hasattr(canvas, "syncing_data_url")


def prepare_canvas(canvas):
    """Settings every live view wants on an ipympl canvas; any other canvas is left as it is.

    - No copy of each picture into the widget's state before a browser has connected: ipympl would store it as
      bare base64, which the browser cannot load, and the canvas could stay empty (ipympl issue #472).
      ``widget_with_picture`` sends the picture once, properly, when the view is displayed.
    - No title bar, toolbar, status line or resize handle.
    """
    if not _is_ipympl_canvas(canvas):
        return canvas
    canvas.syncing_data_url = False
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    _one_drawer_at_a_time(canvas)
    return canvas


def _one_drawer_at_a_time(canvas):
    """Make the canvas draw, blit and handle the browser's messages one thread at a time (a reentrant lock).

    JupyterLab 4.4+ sends widget messages to a kernel subshell (ipykernel 7), a thread of its own, as soon as the
    widget's comm knows it; until then they go to the main thread. So a view's first messages (the canvas's
    'refresh' and 'initialized', handled when Run All has finished) run on the main thread while later ones (a
    slider's moves, the canvas's 'draw' requests) run on the subshell: two threads drawing into Agg's one buffer
    send half-drawn frames, or save a half-drawn blitting background that spoils every later frame.
    """
    lock = canvas._logreg_drawing = threading.RLock()  # on the canvas: a figure stays picklable
    for name in ("draw", "blit", "handle_event"):
        setattr(canvas, name, _holding(lock, getattr(canvas, name)))


def _holding(lock, method):
    @functools.wraps(method)
    def locked(*args, **kwargs):
        with lock:
            return method(*args, **kwargs)

    return locked


def _drawing_lock(canvas):
    """The canvas's drawing lock (see ``_one_drawer_at_a_time``), or no lock for a canvas that needs none."""
    return getattr(canvas, "_logreg_drawing", None) or contextlib.nullcontext()


def interactive_figure(figsize, dpi=None, **figure_kwargs):
    """A Figure on an ipympl canvas widget, made without pyplot, with ``prepare_canvas``'s settings.

    Without pyplot, the inline backend never shows the figure a second time, and pyplot keeps no reference to it
    (a cell re-run many times in class leaves no pile of open figures behind).

    Parameters
    ----------
    figsize : pair of float
        Width and height in inches.
    dpi : float or None
        Resolution; by default ``rcParams["figure.dpi"]``.
    **figure_kwargs
        Passed to ``matplotlib.figure.Figure`` (e.g. ``layout="constrained"``).

    Returns
    -------
    figure : matplotlib Figure whose ``canvas`` is an ipympl ``Canvas`` widget.
    """
    Canvas, FigureManager = ipympl_classes()

    figure = Figure(figsize=figsize, dpi=dpi, **figure_kwargs)
    canvas = Canvas(figure)
    prepare_canvas(canvas)
    FigureManager(canvas, num=id(figure))  # handles the browser's messages (resize, refresh, draw, ...)
    return figure


def new_figure(figsize, dpi=None, **figure_kwargs):
    """A view's figure, for whatever backend the notebook uses.

    After ``%matplotlib widget`` (pyplot's backend is ipympl) it is ``interactive_figure``: a live canvas widget.
    Otherwise it is an ordinary pyplot figure, made under ``plt.ioff()`` so that nothing is shown before the
    view is complete: with the inline backend ``plt.show()`` shows it as a still picture, and tests and
    benchmarks get an Agg canvas.

    Parameters
    ----------
    figsize : pair of float
    dpi : float or None
    **figure_kwargs
        Passed to the Figure (e.g. ``layout="constrained"``).

    Returns
    -------
    figure : matplotlib Figure
    """
    if uses_ipympl():
        return interactive_figure(figsize, dpi, **figure_kwargs)
    import matplotlib.pyplot as plt

    with plt.ioff():
        return plt.figure(figsize=figsize, dpi=dpi, **figure_kwargs)


def freeze_layout(figure):
    """Compute the figure's layout once, then keep it.

    With constrained layout on, every redraw measures every text of the figure again (a third or more of a
    slider move's time: see the benchmarks). A view's controls change data, not sizes, so the layout computed
    for the first picture stays right.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")


def drawing_order(artists):
    """``artists`` in the order a full draw paints them: axes by axes, then by zorder, then as each axes lists
    its children; artists of the figure itself (e.g. its suptitle) last.

    Blitting paints the moving artists on top of a saved background; given in this order, overlapping moving
    artists cover each other as they do in a full draw.
    """
    artists = list(artists)

    def key(artist):
        figure, ax = artist.figure, artist.axes
        if ax is None:  # the figure's own artists are painted after its axes
            return (len(figure.axes), artist.get_zorder(), artists.index(artist))
        own = (artist.get_zorder(), ax.get_children().index(artist))
        if ax in figure.axes:
            return (figure.axes.index(ax), *own)
        # an inset: painted by its parent axes, at the inset's own zorder
        parent = next(p for p in figure.axes if ax in p.child_axes)
        return (figure.axes.index(parent), ax.get_zorder(), parent.get_children().index(ax), *own)

    return sorted(artists, key=key)


class Blitter:
    """Redraw only the artists that move (matplotlib's blitting), on Agg or on an ipympl canvas.

    The moving artists are marked animated, so a full draw leaves them out; right after each full draw the
    figure's pixels are saved as the background, and the moving artists are painted on it. ``update`` then
    restores that background, paints the moving artists and blits: a few milliseconds instead of the tens a
    full draw (axes, ticks, texts) takes. On ipympl, ``blit`` sends the changed pixels to the browser at once,
    without the round trip of ``draw_idle``. ``invalidate`` asks for a full draw, e.g. when axis limits change.

    Saving the figure (``savefig``: the PNG stored with a widget, a GIF frame) paints everything in a full draw,
    the moving artists in their place among the others; the background is not taken from it.

    Parameters
    ----------
    figure : matplotlib Figure
        Its canvas must support blitting (Agg and ipympl's do).
    artists : sequence of matplotlib Artists
        The artists that change, in the order to paint them (see ``drawing_order``). Static artists that a
        moving one can overlap, and that a full draw paints above it, belong in the list too.
    """

    def __init__(self, figure, artists):
        self.figure = figure
        self.artists = list(artists)
        for artist in self.artists:
            artist.set_animated(True)
        self._background = None
        self._background_size = None
        figure.canvas.mpl_connect("draw_event", self._on_draw)

    def _on_draw(self, event):
        canvas = self.figure.canvas
        if canvas.is_saving():
            # Axes.draw has painted the animated artists of the axes when saving; those of the figure are ours.
            for artist in self.artists:
                if artist.axes is None:
                    artist.draw(event.renderer)
            return
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._background_size = tuple(self.figure.bbox.size)
        self._draw_artists()

    def _draw_artists(self):
        for artist in self.artists:
            self.figure.draw_artist(artist)

    def invalidate(self):
        """The static part changed: the next ``update`` makes a full draw."""
        self._background = None

    def update(self):
        """Show the artists' current state: blit onto the saved background, or a full draw if there is none
        (or if the figure's size in pixels changed since, e.g. with the browser's pixel ratio)."""
        canvas = self.figure.canvas
        with _drawing_lock(canvas):  # restore, paint and send as one step: no other thread draws in between
            if self._background is None or self._background_size != tuple(self.figure.bbox.size):
                canvas.draw()  # at once (draw_idle would wait for a round trip to the browser); _on_draw follows
                return
            canvas.restore_region(self._background)
            self._draw_artists()
            if _is_ipympl_canvas(canvas):
                # A whole frame, not the changed pixels only: ipympl's browser side drops a frame that arrives
                # before the previous one has loaded, and a dropped difference frame leaves stale pixels behind
                # for good (matplotlib issue #19116); a dropped whole frame is simply replaced by the next one.
                canvas._force_full = True
            canvas.blit(self.figure.bbox)


def _png_base64(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _send_picture(canvas, png):
    """Put the picture in the canvas widget's state as a proper data URL, and send it to the browser.

    The browser shows it until the live connection is made, and it is what the notebook's stored widget state
    keeps. (The value may already be set, without having been sent: then it is sent explicitly.)
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


def widget_with_picture(widget, figure, text, **kwargs):
    """Display data for a live widget plus a PNG of its figure, for readers without a kernel.

    A live notebook shows the widget (its mime type ranks first); a repository page or a notebook opened without
    a kernel shows the PNG, i.e. the state the view was in when the notebook was run. ipympl's own HTML copy of
    the picture is left out: it would only double the size of the stored notebook.

    Parameters
    ----------
    widget : ipywidgets widget
        What a live notebook shows: the figure's canvas, or a box that contains it.
    figure : matplotlib Figure
        Its picture goes into the data as ``image/png``.
    text : str
        The plain-text form (shown where neither the widget nor pictures can be).
    **kwargs
        Passed to the widget's ``_repr_mimebundle_``.

    Returns
    -------
    bundle : dict
        ``application/vnd.jupyter.widget-view+json``, ``image/png`` and ``text/plain``; display it with
        ``IPython.display.display(bundle, raw=True)`` or return it from a ``_repr_mimebundle_``.
    """
    widget_data = widget._repr_mimebundle_(**kwargs)
    png = widget_data.get("image/png") or _png_base64(figure)  # an ipympl canvas has just rendered one
    if _is_ipympl_canvas(figure.canvas):
        _send_picture(figure.canvas, png)
    view = "application/vnd.jupyter.widget-view+json"
    return {view: widget_data[view], "image/png": png, "text/plain": text}


def controls_box(children, summary, *, horizontal=False):
    """A box of controls whose plain-text form says what it holds.

    Where no kernel runs, a reader sees the text form of a widget's output; for a plain box that is the
    constructor call of every slider in it. This box's is ``"[sliders for w and b: run the notebook to move
    them]"`` for ``summary="sliders for w and b"``.

    Parameters
    ----------
    children : sequence of ipywidgets widgets
    summary : str
        What the controls are, in a few words.
    horizontal : bool, default=False
        Side by side (an HBox) rather than one under the other (a VBox).

    Returns
    -------
    box : ipywidgets.VBox or ipywidgets.HBox
    """
    return _controls_class(horizontal)(children, summary)


@functools.cache
def _controls_class(horizontal):
    import ipywidgets as widgets  # only the live views need ipywidgets

    base = widgets.HBox if horizontal else widgets.VBox

    class Controls(base):
        def __init__(self, children, summary):
            super().__init__(children)
            self.summary = summary

        def __repr__(self):
            return f"[{self.summary}: run the notebook to move them]"

    return Controls


class LiveFigure:
    """Base of the views that show controls above a figure: ``self.controls`` and ``self.fig``.

    Displaying the object (ending a cell with it) or calling ``show()`` shows the controls, then the figure:
    on an ipympl canvas as a live widget carrying a PNG for readers without a kernel, on any other backend as
    a still picture. Subclasses may override ``_describe`` (the plain-text form of the figure's output).
    """

    fig: Figure
    controls: object

    def _describe(self):
        return f"<{type(self).__name__}>"

    def show(self):
        """Display the controls, then the figure (on its own, so that a PNG of it is stored too)."""
        from IPython.display import display

        display(self.controls)
        canvas = self.fig.canvas
        if _is_ipympl_canvas(canvas):
            display(widget_with_picture(canvas, self.fig, self._describe()), raw=True)
        else:
            display(self.fig)

    def _ipython_display_(self):
        self.show()
