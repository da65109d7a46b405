"""How the series is shown: the projector switch and its numbers, and the opaque figure face, in one place.

**Projector mode** makes every figure and live view readable from the back of a room on a 1280 x 720 projector:
no text smaller than ``MIN_TEXT_PX`` (18 CSS px), lines thicker in proportion, and no figure wider than
``MAX_WIDTH_PX`` or taller than ``MAX_HEIGHT_PX``. Turn it on with one line at the top of a notebook, for the figures
and views made after it::

    import logreg_viz; logreg_viz.projector()

or for a whole session with the environment variable ``LOGREG_PROJECTOR=1`` (``make lab PROJECTOR=1``,
``make present NB=05 PROJECTOR=1``). ``projector(False)`` turns it off again; ``projector(None)`` goes back to
the environment variable.

How the figures follow, with no change to any drawing code (``figures.new_figure`` does it all): matplotlib sizes
text, lines and markers in points (1/72 inch) and draws a figure at ``dpi`` pixels per inch; a browser shows an
ipympl canvas or a PNG at one CSS px per figure pixel (on a screen with a device-pixel ratio of 1), so a text of
``s`` points is ``s * dpi / 72`` px high. In projector mode every figure is drawn at ``PROJECTOR_DPI`` (10-point
text 20 px high, lines 1.44 times as thick as at the usual 100 dpi), and a side that would exceed
``MAX_WIDTH_PX`` or ``MAX_HEIGHT_PX`` is cut to it in inches: the figure keeps its pixels within the screen and
its text takes a larger share of it. Then, before each full draw, ``fit_for_projector`` enlarges the few smaller
texts (the 8-point notes and legends) to ``MIN_TEXT_PX``, breaks a title that no longer fits its Axes into lines,
and gives a legend wider than the figure fewer columns (a live view computes its layout again for them before it
keeps it: ``LiveView.start``).

The live views' controls (labels, readouts, buttons, the status line) follow through ``PROJECTOR_CSS``, a style
scoped to the CSS class ``PROJECTOR_CLASS`` that ``LiveView`` puts on its box: it sets ipywidgets' own size
variables, so that the widgets grow with their text.

**Dark themes.** Every figure of the series has an opaque white face (``FIGURE_FACECOLOR``): dark axes, tick
labels and the boundary stay on white whatever the page behind the canvas, and the class colours keep the contrast
they were chosen for. The widgets take their colours from JupyterLab's theme variables, never a fixed colour.

Nothing here changes matplotlib's global state; importing this module reads no file and sets nothing.
"""

from __future__ import annotations

import os

__all__ = ["projector", "projector_on", "figure_geometry", "fit_for_projector", "ENV_VARIABLE", "MIN_TEXT_PX",
           "PROJECTOR_DPI", "MAX_WIDTH_PX", "MAX_HEIGHT_PX", "FIGURE_FACECOLOR", "PROJECTOR_CLASS", "PROJECTOR_CSS"]

#: The environment variable that turns projector mode on for a session ("1", "true", "yes" or "on").
ENV_VARIABLE = "LOGREG_PROJECTOR"
#: The smallest text, in CSS px, of any figure or widget in projector mode.
MIN_TEXT_PX = 18
#: Pixels per inch in projector mode: matplotlib's usual 10-point text is 20 px high, lines 1.44 times as thick.
PROJECTOR_DPI = 144
#: The largest figure in projector mode, in CSS px: it fits a 1280 x 720 screen next to JupyterLab's prompts and
#: narrow side bars (with the file browser hidden: Ctrl+B), below a row or two of controls.
MAX_WIDTH_PX = 1080
MAX_HEIGHT_PX = 540
#: Every figure's face: opaque, so that a dark page never shows through behind black axes and text.
FIGURE_FACECOLOR = "white"
#: The CSS class of a live view's box in projector mode.
PROJECTOR_CLASS = "logreg-projector"
#: The style of a live view's box in projector mode: ipywidgets' size variables, scaled, and every text at
#: MIN_TEXT_PX or more. Colours are left to the theme.
PROJECTOR_CSS = f"""
.{PROJECTOR_CLASS} {{
    --jp-widgets-font-size: {MIN_TEXT_PX}px;
    --jp-widgets-inline-height: 40px;
    --jp-widgets-inline-label-width: 170px;
    --jp-widgets-inline-width: 520px;
    --jp-widgets-slider-handle-size: 24px;
    --jp-widgets-slider-track-thickness: 6px;
    font-size: {MIN_TEXT_PX}px;
}}
.{PROJECTOR_CLASS} .widget-label, .{PROJECTOR_CLASS} .widget-readout, .{PROJECTOR_CLASS} .jupyter-button,
.{PROJECTOR_CLASS} .widget-html-content, .{PROJECTOR_CLASS} .widget-html-content *,
.{PROJECTOR_CLASS} input, .{PROJECTOR_CLASS} select, .{PROJECTOR_CLASS} textarea {{
    font-size: {MIN_TEXT_PX}px;
    line-height: 1.35;
}}
.{PROJECTOR_CLASS} .jupyter-button {{
    height: auto; min-height: var(--jp-widgets-inline-height);
    width: auto !important; max-width: none; /* a button's width set for 13 px text would cut 18 px text short */
}}
"""

_switch = None  # set by projector(): True or False; None follows the environment variable


def projector(on=True):
    """Turn projector mode on (or off) for the figures and live views made from now on.

    One line at the top of a notebook: ``import logreg_viz; logreg_viz.projector()``.

    Parameters
    ----------
    on : bool or None, default=True
        True: projector mode; False: the usual sizes; None: whatever the environment variable
        ``LOGREG_PROJECTOR`` says (the state before any call).

    Returns
    -------
    on : bool
        Whether projector mode is now on.
    """
    global _switch
    _switch = None if on is None else bool(on)
    return projector_on()


def projector_on():
    """Whether projector mode is on: the last ``projector`` call, else the environment variable ``LOGREG_PROJECTOR``
    ("1", "true", "yes" or "on")."""
    if _switch is not None:
        return _switch
    return os.environ.get(ENV_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


def figure_geometry(figsize, dpi=100):
    """The size in inches and the resolution a new figure gets: unchanged, or for the projector.

    Parameters
    ----------
    figsize : pair of float
        The width and height in inches the figure's code asks for.
    dpi : float, default=100
        The resolution it asks for, in pixels per inch.

    Returns
    -------
    figsize : pair of float
        In projector mode, each side of ``figsize`` cut (never enlarged) to at most ``MAX_WIDTH_PX`` or
        ``MAX_HEIGHT_PX`` pixels at ``PROJECTOR_DPI``: a wide or tall figure gets a little more room per panel
        than a uniform shrink would give it; otherwise ``figsize`` as given.
    dpi : float
        ``PROJECTOR_DPI`` in projector mode, otherwise ``dpi`` as given.
    """
    width, height = float(figsize[0]), float(figsize[1])
    if not projector_on():
        return (width, height), dpi
    return (min(width, MAX_WIDTH_PX / PROJECTOR_DPI), min(height, MAX_HEIGHT_PX / PROJECTOR_DPI)), PROJECTOR_DPI


def _css_px_per_point(figure):
    """CSS px per point of a figure as a browser shows it (a canvas on a screen with device-pixel ratio r draws at
    r times its dpi, and shows r figure pixels per CSS px)."""
    ratio = getattr(figure.canvas, "device_pixel_ratio", 1) or 1
    return figure.dpi / ratio / 72


def _words(text):
    """The words of a text, a ``$...$`` formula counting as one word (a line never breaks inside one)."""
    words, formula = [], False
    for part in text.split(" "):
        if formula:
            words[-1] += " " + part
        else:
            words.append(part)
        if part.count("$") % 2:
            formula = not formula
    return words


def _wrap(text, fraction):
    """``text`` broken into lines at most ``fraction`` of its longest line's length (at spaces)."""
    lines = []
    for line in text.split("\n"):
        width = max(8, int(len(line) * fraction))
        current = ""
        for word in _words(line):
            if current and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
    return "\n".join(lines)


def fit_for_projector(figure, renderer, *, titles_only=False, settle=False):
    """Make a figure's text fit the projector: no text under ``MIN_TEXT_PX``, titles within their Axes, legends
    within the figure. Called before each full draw of a projector-mode figure (``figures.SeriesFigure``), and by a
    live view after each update (``titles_only``: a title's new text is broken into lines as the first was).

    A figure drawn for the projector has less room, in points, than its code was written for (its pixels are
    bounded by the screen, its points are larger), so (1) every text smaller than ``MIN_TEXT_PX`` is enlarged to
    it; (2) a legend wider than the figure gets fewer columns; (3) a title (of an Axes, or of the figure) wider
    than its Axes (or the figure) is broken into lines. Only what does not fit
    changes, so a second call changes nothing.

    Parameters
    ----------
    figure : matplotlib Figure
    renderer : the renderer it is drawn with (text extents are measured with it).
    titles_only : bool, default=False
        Only step (3).
    settle : bool, default=False
        Step (3) once the layout has placed the Axes: a title that its Axes' place pushes out of the figure is
        broken again, narrower (a live view does this once, before it keeps its layout).

    Returns
    -------
    more_lines : bool
        Whether a title now has more lines than before the call: a layout that was kept needs computing again.
    """
    import matplotlib.text
    from matplotlib.axes import Axes

    if not titles_only:
        smallest = MIN_TEXT_PX / _css_px_per_point(figure) * 1.001  # in points; a hair above, for rounding
        for legend in figure.legends:
            if legend.prop.get_size_in_points() < smallest:
                legend.prop.set_size(smallest)  # the size its texts are made with
            columns = legend._ncols
            while columns > 1 and legend.get_window_extent(renderer).width > figure.bbox.width:
                columns -= 1
                _set_columns(legend, columns)
        for text in figure.findobj(matplotlib.text.Text):
            if text.get_fontsize() < smallest:
                text.set_fontsize(smallest)
    titles = [(title, _room(ax, renderer, settle)) for ax in figure.findobj(Axes)
              for title in (ax.title, ax._left_title, ax._right_title)]
    if figure._suptitle is not None:
        titles.append((figure._suptitle, figure.bbox.width))
    lines = [title.get_text().count("\n") for title, _ in titles]
    for title, room in titles:
        _fit_title(title, room, renderer, again=settle)
    return any(title.get_text().count("\n") > before for (title, _), before in zip(titles, lines))


def _room(ax, renderer, placed=False):
    """The width, in px, a title of ``ax`` may take: 4/5 of its column of the figure's grid (a share of the figure
    by the grid's width ratios: known before the layout, which leaves a little less to the Axes), and no more than
    keeps it, centred over that column (``placed``: over its Axes, as the layout placed it), within the figure; an
    inset's own width."""
    spec = ax.get_subplotspec() if hasattr(ax, "get_subplotspec") else None
    if spec is None:
        return ax.get_window_extent(renderer).width
    figure_width = ax.get_figure(root=True).bbox.width
    grid = spec.get_gridspec()
    ratios = list(grid.get_width_ratios() or [1] * grid.ncols)
    start, stop = spec.colspan.start, spec.colspan.stop
    column = figure_width * sum(ratios[start:stop]) / sum(ratios)
    centre = figure_width * sum(ratios[:start]) / sum(ratios) + column / 2
    if placed:
        box = ax.get_window_extent(renderer)
        centre = (box.x0 + box.x1) / 2
    return min(0.8 * column, 2 * min(centre, figure_width - centre) - 8)


def _set_columns(legend, columns):
    """Lay a legend out in ``columns`` columns. Matplotlib's ``set_ncols`` takes effect only when the legend's box
    is made again, which only its private methods do (matplotlib 3.11): the box, its place and its title."""
    title = legend.get_title().get_text()
    legend.set_ncols(columns)
    legend._init_legend_box(legend.legend_handles, [text.get_text() for text in legend.texts])
    legend._set_loc(legend._loc)
    if title:
        legend.set_title(title)


def _fit_title(title, room, renderer, margin=4, again=False):
    """Break ``title`` into lines if it is more than ``margin`` px wider than ``room``.

    A text once broken stays so until the code sets another (or ``again``: broken again from the code's text if it
    still does not fit): a live view keeps the layout computed for its first picture, which a title broken
    differently later would no longer fit.
    """
    text = title.get_text()
    if not title.get_visible() or not text.strip():
        return
    if text == getattr(title, "_logreg_wrapped", None):
        if not again:
            return
        text = title._logreg_original
    width = title.get_window_extent(renderer).width
    if width > room + margin:
        if text != title.get_text():  # measure the code's text, not the lines made from it
            title.set_text(text)
            width = title.get_window_extent(renderer).width
        wrapped = _wrap(text, 0.95 * room / width)
        title.set_text(wrapped)
        title._logreg_original, title._logreg_wrapped = text, wrapped
