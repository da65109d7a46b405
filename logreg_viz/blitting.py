"""Redrawing only what moves: the blitting every live view of the series uses (on Agg or on an ipympl canvas).

``freeze_layout``  compute the constrained layout once, then keep it (a redraw then only redraws)
``drawing_order``  artists sorted as a full draw paints them (the order to blit them in)
``Blitter``        paint the moving artists on a saved background, instead of drawing the whole figure again
"""

from __future__ import annotations

from matplotlib.layout_engine import PlaceHolderLayoutEngine

from logreg_viz import _ipympl

__all__ = ["freeze_layout", "drawing_order", "Blitter"]


def freeze_layout(figure):
    """Compute the figure's layout once, then keep it (nothing happens if it is kept already).

    With constrained layout on, every redraw measures every text of the figure again (a third or more of a
    slider move's time: see the benchmarks). A view's controls change data, not sizes, so the layout computed
    for the first picture stays right.
    """
    engine = figure.get_layout_engine()
    if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return
    figure.draw_without_rendering()
    figure.set_layout_engine("none")


def drawing_order(artists):
    """``artists`` (None entries dropped) in the order a full draw paints them: axes by axes, then by zorder, then
    as each axes lists its children; artists of the figure itself (e.g. its suptitle) last.

    Blitting paints the moving artists on top of a saved background; given in this order, overlapping moving
    artists cover each other as they do in a full draw.
    """
    artists = [artist for artist in artists if artist is not None]

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
    full draw (axes, ticks, texts) takes. On ipympl, ``blit`` sends the frame to the browser at once, without the
    round trip of ``draw_idle``. ``invalidate`` asks for a full draw, e.g. when axis limits change.

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
        for artist in self.artists:
            self.figure.draw_artist(artist)

    def invalidate(self):
        """The static part changed: the next ``update`` makes a full draw."""
        self._background = None

    def update(self):
        """Show the artists' current state: blit onto the saved background, or a full draw if there is none
        (or if the figure's size in pixels changed since, e.g. with the browser's pixel ratio)."""
        canvas = self.figure.canvas
        with _ipympl.drawing_lock(canvas):  # restore, paint and send as one step: no other thread draws in between
            if self._background is None or self._background_size != tuple(self.figure.bbox.size):
                canvas.draw()  # at once (draw_idle would wait for a round trip to the browser); _on_draw follows
                return
            canvas.restore_region(self._background)
            for artist in self.artists:
                self.figure.draw_artist(artist)
            canvas.blit(self.figure.bbox)
