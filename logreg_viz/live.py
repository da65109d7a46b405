"""``LiveView``: the one base of every live view of the series (sliders, buttons or clicks over a figure).

Every view is made, laid out, updated and shown the same way:

- **its figure** comes from ``logreg_viz.figures.new_figure``: an ipympl canvas widget when the code runs in an
  IPython kernel (a notebook, Voilà, nbval), matplotlib's Agg canvas otherwise (tests, benchmarks, scripts);
  ``interactive=True`` or ``False`` overrides that. Never through pyplot, and pyplot's backend is never changed, so
  a notebook needs no ``%matplotlib`` magic: its own figures stay the inline backend's PNGs.
- **its layout** is one ``ipywidgets.VBox``: the rows of controls, then the canvas, then one status line that says
  in words what the figure shows now (an ``ipywidgets.HTML`` in a ``<div role="status" aria-live="polite">``, so
  that screen readers announce each change).
- **its update** goes one way: a subclass declares its named controls (``start``) and implements ``move_artists``,
  which moves its artists to the controls' current values and returns the status text. The base observes the
  controls, calls ``move_artists`` once per change and redraws by blitting (``logreg_viz.blitting.Blitter``).
- **its display**: a notebook shows a view when a cell ends with it (``_repr_mimebundle_``): the live widget, plus a
  PNG of the figure for readers without a kernel (a repository page, nbviewer). A view that is not interactive
  shows that PNG only.
- **its size**: in projector mode (``logreg_viz.display``: ``logreg_viz.projector()`` or ``LOGREG_PROJECTOR=1``,
  read when the view is made) the figure is drawn for a 1280 x 720 projector by ``new_figure``, and the box carries
  the CSS class ``display.PROJECTOR_CLASS`` and its style, which enlarge the controls' text and the status line.
  Colours are always the theme's (JupyterLab's light or dark theme), never fixed here.

A subclass, in short::

    class SigmoidExplorer(LiveView):
        def __init__(self, x, y, a=1.0, b=-2.0, *, interactive=None):
            super().__init__(figsize=(9.5, 4.2), interactive=interactive)
            ...  # artists on self.figure, sliders a_slider and b_slider
            self.start({"a": self.a_slider, "b": self.b_slider}, moving=[...artists that change...])

        def move_artists(self, a, b):
            ...  # move the artists for a and b
            return f"a = {a:.2f}, b = {b:.2f}: ..."
"""

from __future__ import annotations

import base64
import html
import io
import math
import re

from logreg_viz import _ipympl, display
from logreg_viz.blitting import Blitter, drawing_order, freeze_layout
from logreg_viz.figures import new_figure
from logreg_viz.link import apply_link

__all__ = ["runs_in_a_kernel", "widget_with_picture", "LiveView", "LIVE_VIEW_METADATA"]

#: The key of a live view's output metadata: ``{"logreg_viz": {"view": "TrainingView"}}``.
LIVE_VIEW_METADATA = "logreg_viz"


def runs_in_a_kernel():
    """True when this code runs in an IPython kernel (a notebook, Voilà, nbval): a view can then be live."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _png_base64(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=figure.get_facecolor(), transparent=False)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def widget_with_picture(widget, figure, text, **kwargs):
    """Display data for a live widget plus a PNG of its figure, for readers without a kernel.

    A live notebook shows the widget (its mime type ranks first); a repository page or a notebook opened without
    a kernel shows the PNG, i.e. the state the view was in when the notebook was run. ipympl's own HTML copy of
    the picture is left out: it would only double the size of the stored notebook.

    Parameters
    ----------
    widget : ipywidgets widget
        What a live notebook shows: a box that holds the figure's canvas.
    figure : matplotlib Figure
        Its picture goes into the data as ``image/png``.
    text : str
        The plain-text form (shown where neither the widget nor pictures can be).
    **kwargs
        Passed to the widget's ``_repr_mimebundle_``.

    Returns
    -------
    bundle : dict
        ``application/vnd.jupyter.widget-view+json``, ``image/png`` and ``text/plain``.
    """
    widget_data = widget._repr_mimebundle_(**kwargs)
    png = _png_base64(figure)
    if _ipympl.is_live_canvas(figure.canvas):
        _ipympl.send_picture(figure.canvas, png)
    view = "application/vnd.jupyter.widget-view+json"
    return {view: widget_data[view], "image/png": png, "text/plain": text}


def _status_html(text):
    return f'<div role="status" aria-live="polite">{text}</div>'


def _strip_tags(text):
    return re.sub(r"<[^>]+>", "", text)


#: A focus stop on either side of the canvas, seen only while it has the focus: where Tab, Escape and Shift+Tab on
#: the canvas send the keyboard (the canvas itself cancels them), as a page's "skip link" is.
SKIP_CLASS = "logreg-skip"
SKIP_CSS = (f".{SKIP_CLASS}:not(:focus) {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; "
            f"overflow: hidden; clip-path: inset(50%); border: 0; }}")


def _skip_button(text):
    import ipywidgets as widgets

    button = widgets.Button(description=text, tooltip="where the keyboard goes from the figure: Tab goes on",
                            layout=widgets.Layout(width="auto"))
    button.add_class(SKIP_CLASS)
    return button


class LiveView:
    """Base of every live view: a figure, named controls above it, one status line below, updated by blitting.

    Parameters
    ----------
    figsize : pair of float
        The figure's size in inches.
    interactive : bool or None, default=None
        Draw on an ipympl canvas widget (True) or on Agg (False). None: ipympl inside an IPython kernel (a
        notebook, Voilà, nbval), Agg anywhere else (tests, benchmarks, scripts).
    dpi : float, default=100
    layout : {"constrained", "none"}, default="constrained"
        The figure's layout engine until ``start`` computes the layout once and keeps it.

    Attributes
    ----------
    figure : matplotlib Figure
    interactive : bool, whether the figure is on an ipympl canvas widget.
    projector : bool, whether the view was made in projector mode (``logreg_viz.display``).
    controls : dict of {str: ipywidgets widget}
        The named controls whose values ``move_artists`` receives, in the order declared.
    status : ipywidgets.HTML
        The status line (its ``value`` wraps ``status_text`` in a ``role="status"`` element).
    widget : ipywidgets.VBox
        The rows of controls, the canvas (if interactive) and the status line: what a live notebook shows.

    Subclasses
    ----------
    Build the artists on ``self.figure``, make the controls, then call ``start(controls, moving=..., rows=...)``.
    Implement ``move_artists(**values)``: move the artists to the controls' values (keyword arguments named as
    the controls), return the status text (HTML allowed). Optionally override ``describe`` (a one-line text form).
    """

    def __init__(self, figsize, *, interactive=None, dpi=100, layout="constrained"):
        self.interactive = runs_in_a_kernel() if interactive is None else bool(interactive)
        self.projector = display.projector_on()
        self._layout = layout
        self.figure = new_figure(figsize, canvas="live" if self.interactive else "still", dpi=dpi, layout=layout)
        self.controls = {}
        self.status_text = ""
        self._link_note = ""  # what the link of a presented lesson set (logreg_viz.link), said once
        self._blitter = None
        self._applied = {}
        self._busy = False

    # -- for subclasses ---------------------------------------------------------------------------------------
    def start(self, controls, *, moving, rows=None):
        """Show the controls' first state, lay the figure out once, save the blitting background, observe the
        controls, and build the widget. Call once, at the end of the subclass's ``__init__``.

        Parameters
        ----------
        controls : dict of {str: ipywidgets widget}
            The controls whose ``value`` goes to ``move_artists`` under that name; a change of any of them
            updates the view.
        moving : iterable of matplotlib Artists
            Everything ``move_artists`` changes, and every static artist a full draw paints above one of them
            (None entries are ignored). They are blitted in the order a full draw paints them.
        rows : sequence of sequences of widgets, or None
            How the controls are laid out, row by row; other widgets (Play, buttons) may appear in them. By
            default one row per control.
        """
        import ipywidgets as widgets

        self.controls = dict(controls)
        self.status = widgets.HTML()
        self._link_note = apply_link(self.controls)  # a presented lesson's link may set the starting values
        self.refresh(redraw=False)
        if self.projector:  # a layout for the text as it now is (a figure's parts may have kept an earlier one),
            if self._layout == "constrained":  # then titles its places push out of the figure broken again
                self.figure.set_layout_engine("constrained")
            self.figure.draw_without_rendering()
            display.fit_for_projector(self.figure, self.figure.canvas.get_renderer(), titles_only=True, settle=True)
        freeze_layout(self.figure)
        self._blitter = Blitter(self.figure, drawing_order(moving))
        self.figure.canvas.draw()  # the first picture, which saves the background
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        rows = [[control] for control in self.controls.values()] if rows is None else rows
        boxes = [widgets.HBox(list(row), layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
                 for row in rows]
        canvas = [self.figure.canvas] if self.interactive else []
        if self.interactive:  # the keyboard leaves the canvas by Tab, Escape or Shift+Tab (logreg_viz._ipympl, 4.)
            before, after = _skip_button("the figure: Tab into it, Escape past it"), _skip_button("past the figure")
            _ipympl.let_tab_leave(self.figure.canvas, forward=after, backward=before)
            canvas = [before, *canvas, after, widgets.HTML(f"<style>{SKIP_CSS}</style>", layout={"display": "none"})]
        self.widget = widgets.VBox([*boxes, *canvas, self.status])
        if self.projector:  # a style scoped to this box; a <style> applies even in a box that is not shown
            style = widgets.HTML(f"<style>{display.PROJECTOR_CSS}</style>", layout=widgets.Layout(display="none"))
            self.widget.children = (*self.widget.children, style)
            self.widget.add_class(display.PROJECTOR_CLASS)

    def move_artists(self, **values):
        """Move the artists to the controls' ``values`` (keyword arguments named as the controls).

        Returns
        -------
        status : str
            What the figure now shows, in words, for the status line (HTML allowed).
        """
        raise NotImplementedError(f"{type(self).__name__} must implement move_artists")

    def redraw_everything(self):
        """Let the next redraw be a full draw (from ``move_artists``, when axis limits or ticks changed)."""
        if self._blitter is not None:
            self._blitter.invalidate()

    def describe(self):
        """The view in one line of plain text: what a reader without widgets or pictures sees."""
        return f"<{type(self).__name__}: {html.unescape(_strip_tags(self.status_text))}>"

    # -- for everyone -----------------------------------------------------------------------------------------
    @property
    def values(self):
        """The controls' values as the view last showed them: a dict of {name: value}."""
        return dict(self._applied)

    def set(self, **values):
        """Set controls by name (e.g. ``view.set(w=2.0, b=-1.0)``), then update the view once, as a user's moves
        would."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"{type(self).__name__} has no control named {sorted(unknown)}; "
                             f"its controls are {list(self.controls)}.")
        self._busy = True  # one update for all of them, below
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._busy = False
        self._update()
        return self

    def last_frame(self):
        """The picture the view sent to the browser last: an RGBA array of shape (height, width, 4), or None (not
        interactive, or nothing sent yet). What a browser shows once it has caught up with the kernel."""
        return _ipympl.last_frame(self.figure.canvas)

    def refresh(self, redraw=True):
        """Show the controls' current values again (after a change that is not a control's, e.g. new data)."""
        self._update(force=True, redraw=redraw)

    # -- the one path from a control to the picture -----------------------------------------------------------
    def _on_control(self, change):
        if not self._busy:  # not a change that move_artists or set makes itself
            self._update()

    def _current_values(self):
        """The controls' values, cleaned of the browser's float noise.

        A browser computes a slider's value from its position and sends it back, e.g. b = -2.0 comes back as
        -2.0000000000000018 when the slider is first shown, or a learning rate comes back through log10 and
        back. So (1) a float within 1e-9 (relative) of the value last shown is that value: no new setting; and
        (2) a linear float slider's values are multiples of its step, given to 12 significant digits, so that a
        setting reached in the browser is the same number as the one typed in a notebook.
        """
        import ipywidgets as widgets

        values = {}
        for name, control in self.controls.items():
            value = control.value
            if isinstance(value, float):
                if isinstance(control, widgets.FloatSlider):  # linear (a FloatLogSlider is not one)
                    value = float(f"{value:.12g}")
                last = self._applied.get(name)
                if isinstance(last, float) and math.isclose(value, last, rel_tol=1e-9, abs_tol=1e-12):
                    value = last
            values[name] = value
        return values

    def _update(self, force=False, redraw=True):
        values = self._current_values()
        if values == self._applied and not force:
            return
        raw = {name: control.value for name, control in self.controls.items()}
        self._busy = True  # move_artists may set controls (a slider's range): no second update
        try:
            text = self.move_artists(**values)
        finally:
            self._busy = False
        if self.projector and self._blitter is not None:  # a new title, broken into lines as the first one was
            if display.fit_for_projector(self.figure, self.figure.canvas.get_renderer(), titles_only=True) \
                    and self._layout == "constrained":  # more lines than the kept layout has room for: a new one
                self.figure.set_layout_engine("constrained")
                freeze_layout(self.figure)
                self.redraw_everything()
        # a control that move_artists moved shows its new value; the others, the value just shown
        self._applied = {name: values[name] if control.value == raw[name] else control.value
                         for name, control in self.controls.items()}
        if redraw and self._blitter is not None:
            self._blitter.update()  # the picture first: it is what the hand on the slider waits for
        self.status_text = "" if text is None else str(text)
        if self._link_note:  # the first picture says what the link set; the next move no longer does
            self.status_text, self._link_note = f"{self._link_note} {self.status_text}", ""
        self.status.value = _status_html(self.status_text)

    # -- display ----------------------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        if not self.interactive:  # a still picture: the figure as a PNG
            return {"image/png": _png_base64(self.figure), "text/plain": self.describe()}
        # The output's metadata names the view, so that a stored notebook says which outputs are live views even
        # once only their pictures are kept (scripts/execute_notebooks.py), e.g. for the browser tests.
        bundle = widget_with_picture(self.widget, self.figure, self.describe(), **kwargs)
        return bundle, {LIVE_VIEW_METADATA: {"view": type(self).__name__}}
