"""Where every figure of the series is made: ``new_figure``, one function for static figures and live views alike.

Sizes, resolution, face colour and layout of every figure pass through here: projector mode (larger type, thicker
lines, figures that fit a 1280 x 720 screen) and the opaque face that keeps a figure readable in a dark theme are
applied here, from the settings of ``logreg_viz.display``. Nothing here changes matplotlib's global state.

Three kinds of canvas, chosen with ``canvas``:

``"pyplot"``  a figure made by pyplot: a notebook's inline backend shows it as a PNG at the end of the cell (or at
              ``plt.show()``), like any figure the notebook makes itself
``"still"``   a figure pyplot does not know, on matplotlib's Agg canvas, that shows itself as a PNG when it is the
              last expression of a cell (whatever the backend), and is never shown a second time; tests,
              benchmarks and GIF frames draw on it too
``"live"``    an ipympl canvas widget that renders in the browser (``logreg_viz._ipympl``), for live views
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from logreg_viz.display import FIGURE_FACECOLOR, figure_geometry, fit_for_projector, projector_on

__all__ = ["SeriesFigure", "StillFigure", "new_figure"]

CANVASES = ("pyplot", "still", "live")


class SeriesFigure(Figure):
    """A Figure of the series: one made in projector mode fits its text to the projector before each full draw
    (``logreg_viz.display.fit_for_projector``)."""

    projector = False  # new_figure sets it, from logreg_viz.display.projector_on()

    def draw(self, renderer):
        if self.projector:
            fit_for_projector(self, renderer)
        super().draw(renderer)


class StillFigure(SeriesFigure):
    """A Figure that a notebook shows as a PNG when a cell ends with it, even where pyplot was never imported."""

    def _repr_png_(self):
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight", facecolor=self.get_facecolor(), transparent=False)
        return buffer.getvalue()


def new_figure(figsize, *, canvas="still", dpi=100, layout="constrained"):
    """A new matplotlib figure of the series: the one place where figures are made.

    Parameters
    ----------
    figsize : pair of float
        Width and height in inches (in projector mode, at most what fits the screen: see
        ``logreg_viz.display.figure_geometry``).
    canvas : {"still", "pyplot", "live"}, default="still"
        What draws it (see the module's docstring): a still picture on Agg, a pyplot figure, or an ipympl canvas
        widget for a live view.
    dpi : float, default=100
        Resolution, in pixels per inch (``logreg_viz.display.PROJECTOR_DPI`` in projector mode).
    layout : {"constrained", "none"} or None, default="constrained"
        Matplotlib's layout engine. Live views compute the constrained layout once and keep it
        (``logreg_viz.blitting.freeze_layout``).

    Returns
    -------
    figure : matplotlib Figure
        With an opaque white face, whatever matplotlib's settings (a dark page must not show through).
    """
    if canvas not in CANVASES:
        raise ValueError(f"canvas must be one of {CANVASES}; got {canvas!r}.")
    figsize, dpi = figure_geometry(figsize, dpi)
    options = {"figsize": figsize, "dpi": dpi, "layout": layout, "facecolor": FIGURE_FACECOLOR}
    if canvas == "pyplot":
        import matplotlib.pyplot as plt  # only the figures a notebook shows with plt.show() need pyplot

        # A plain Figure unless it must fit a projector (a notebook's stored outputs name the class: "<Figure ...>")
        figure = plt.figure(FigureClass=SeriesFigure if projector_on() else Figure, **options)
        figure.projector = projector_on()
        return figure
    figure = StillFigure(**options)
    figure.projector = projector_on()
    if canvas == "live":
        from logreg_viz._ipympl import live_canvas

        live_canvas(figure)
    else:
        FigureCanvasAgg(figure)
    return figure
