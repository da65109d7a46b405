"""Where every figure of the series is made: ``new_figure``, one function for static figures and live views alike.

Sizes, resolution and layout of every figure pass through here, so that a later "projector mode" (larger fonts
and lines) or "dark theme" changes them in one place. Nothing here changes matplotlib's global state.

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

__all__ = ["StillFigure", "new_figure"]

CANVASES = ("pyplot", "still", "live")


class StillFigure(Figure):
    """A Figure that a notebook shows as a PNG when a cell ends with it, even where pyplot was never imported."""

    def _repr_png_(self):
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def new_figure(figsize, *, canvas="still", dpi=100, layout="constrained"):
    """A new matplotlib figure of the series: the one place where figures are made.

    Parameters
    ----------
    figsize : pair of float
        Width and height in inches.
    canvas : {"still", "pyplot", "live"}, default="still"
        What draws it (see the module's docstring): a still picture on Agg, a pyplot figure, or an ipympl canvas
        widget for a live view.
    dpi : float, default=100
        Resolution, in pixels per inch.
    layout : {"constrained", "none"} or None, default="constrained"
        Matplotlib's layout engine. Live views compute the constrained layout once and keep it
        (``logreg_viz.blitting.freeze_layout``).

    Returns
    -------
    figure : matplotlib Figure
    """
    if canvas not in CANVASES:
        raise ValueError(f"canvas must be one of {CANVASES}; got {canvas!r}.")
    if canvas == "pyplot":
        import matplotlib.pyplot as plt  # only the figures a notebook shows with plt.show() need pyplot

        return plt.figure(figsize=figsize, dpi=dpi, layout=layout)
    figure = StillFigure(figsize=figsize, dpi=dpi, layout=layout)
    if canvas == "live":
        from logreg_viz._ipympl import live_canvas

        live_canvas(figure)
    else:
        FigureCanvasAgg(figure)
    return figure
