"""Weight space and data space, linked (notebooks 02 and 04): a click on the loss surface is a model.

A one-feature model z = a x + b is one point (b, a) of the plane over which its loss is a surface. These live views
put that plane, as a contour map, beside the data: a click or a drag on the map chooses the point, and the rest of
the figure follows within the same frame. Sliders for a and b do the same for keyboard users (and show the values
a click chose).

``LinkedExplorer``   notebook 02: the map; the data with the model's sigmoid; each sample's loss -log p as a bar;
                     the loss, the mean of the bars, in the status line
``DescentExplorer``  notebook 04: the map with the path of gradient descent from the clicked start; the loss after
                     each step; the data with the model where the path ends; a learning-rate slider

Both are ``logreg_viz.live.LiveView`` s: the contours are computed and drawn once, and a click, a drag or a slider
moves a few artists and redraws only those (blitting). ``benchmarks/bench_basics.py`` and
``benchmarks/bench_descent.py`` time one move. Every number drawn comes from ``logreg_core``.
"""

from __future__ import annotations

import threading

import numpy as np
from matplotlib.backend_bases import MouseButton
from matplotlib.patches import Patch

import logreg_core as core
from logreg_viz.descent import (
    GAP_FLOOR,
    REGIME_COLORS,
    _multiple,
    describe_run,
    draw_loss_surface,
    draw_path,
    loss_gap,
    update_path,
)
from logreg_viz.live import LiveView
from logreg_viz.sigmoid import _SigmoidView, padded_range
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, CLASS_COLORS, label_axes, minus_signs

__all__ = ["LinkedExplorer", "DescentExplorer"]

_STEP = 0.05  # the sliders' step; a click is snapped to it, so a click and the keys reach the same settings
_SLIDER_LAYOUT = {"width": "420px"}


def _one_feature(x, y):
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    y = np.asarray(y)
    if x.shape != y.shape or x.size == 0:
        raise ValueError(f"x and y must be two arrays of the same length (one feature, one label per sample); "
                         f"got shapes {np.shape(x)} and {np.shape(y)}.")
    return x, y.astype(int), core.add_intercept(x[:, None])


class _MapView(LiveView):
    """What both views share: the loss surface over (b, a) on ``self.map_ax``, sliders ``a`` and ``b``, and the
    mouse: a press, or a drag with the left button held, on the map chooses (b, a) there.

    During a drag the figure follows the pointer directly, and the sliders are set once, where the drag ends. (Set at
    every mouse event, they would be echoed back: a browser's slider reports the value it shows whenever it
    updates, so a fast drag came back as a trail of stale values, the last of which moved the model back to where
    the drag had been a moment before. Measured in Chromium with ipywidgets 8.1.)

    Subclasses build their other panels and controls, then call ``start``; the controls must include the sliders
    ``self.a_slider`` and ``self.b_slider`` under the names ``"a"`` and ``"b"``.
    """

    def _build_map(self, ax, b_lim, a_lim, w_star, a, b, *, a_label, b_label):
        import ipywidgets as widgets

        self.map_ax = ax
        self.surface = draw_loss_surface(ax, self.X_b, self.y, b_lim, a_lim, w_star=w_star, colorbar=False)
        style = {"description_width": "initial"}
        self.a_slider = widgets.FloatSlider(value=a, min=a_lim[0], max=a_lim[1], step=_STEP, description=a_label,
                                            readout_format=".2f", continuous_update=True, style=style,
                                            layout=widgets.Layout(**_SLIDER_LAYOUT))
        self.b_slider = widgets.FloatSlider(value=b, min=b_lim[0], max=b_lim[1], step=_STEP, description=b_label,
                                            readout_format=".2f", continuous_update=True, style=style,
                                            layout=widgets.Layout(**_SLIDER_LAYOUT))
        self._dragging = False
        self._drag_point = None  # (b, a) shown while a drag is on; None: the sliders say what is shown
        self._latest = (b, a)  # the newest pointer position on the map, in the order the events came
        self._pointer = threading.Lock()  # one pointer event shown at a time
        canvas = self.figure.canvas
        canvas.mpl_connect("button_press_event", self.on_press)
        canvas.mpl_connect("motion_notify_event", self.on_motion)
        canvas.mpl_connect("button_release_event", self.on_release)

    # -- the mouse --------------------------------------------------------------------------------------------
    def on_press(self, event):
        """Matplotlib's ``button_press_event``: a left press on the map shows the model (b, a) there and starts a
        drag."""
        if event.button == MouseButton.LEFT and self._on_map(event):
            self._dragging = True
            self._follow(event.xdata, event.ydata)

    def on_motion(self, event):
        """Matplotlib's ``motion_notify_event``: while the left button is held, the model follows the pointer."""
        if not self._dragging:
            return
        buttons = getattr(event, "buttons", None)  # the buttons held (None: not known, e.g. an older backend)
        if buttons is not None and MouseButton.LEFT not in buttons:
            self._end_drag()  # released outside the figure: no release event came
        elif self._on_map(event):
            self._follow(event.xdata, event.ydata)

    def on_release(self, event):
        """Matplotlib's ``button_release_event``: the drag ends where the button is released (on the map), and
        the sliders show the point chosen."""
        if not self._dragging:
            return
        if self._on_map(event):
            self._latest = (event.xdata, event.ydata)
        self._end_drag()

    def _on_map(self, event):
        return event.inaxes is self.map_ax and event.xdata is not None and event.ydata is not None

    def _snapped(self, b, a):
        return _snap(b, self.b_slider), _snap(a, self.a_slider)

    def _follow(self, b, a):
        """Show the model at the map's point (b, a), snapped to the sliders' steps: one update.

        JupyterLab may hand a widget's messages to two threads (the kernel's main thread, then a subshell), so two
        mouse events can be handled at once and finish in either order. Each event first records its position as the
        newest, then, one at a time, shows the newest position recorded: the last event to come is what stays.
        """
        self._latest = (b, a)
        with self._pointer:
            point = self._snapped(*self._latest)
            if point != self._drag_point:
                self._drag_point = point
                self.refresh()

    def _end_drag(self):
        """The drag is over: the sliders take the last point shown (one update of the sliders, none of the figure)."""
        with self._pointer:
            self._dragging = False
            b, a = self._snapped(*self._latest)
            self._drag_point = None
            self.set(a=a, b=b)

    def _current_values(self):
        """The controls' values, but (a, b) from the pointer while a drag is on (see the class's docstring)."""
        values = super()._current_values()
        if self._drag_point is not None:
            values["b"], values["a"] = self._drag_point
        return values

    def _map_status(self, a, b):
        return minus_signs(f"a = {a:.2f}, b = {b:.2f}")


def _snap(value, slider):
    """``value`` inside the slider's range, on its grid of steps (as the slider's own keys would reach it)."""
    steps = round((min(max(value, slider.min), slider.max) - slider.min) / slider.step)
    return round(min(slider.min + steps * slider.step, slider.max), 10)


# ----------------------------------------------------------------------------------------------------------------
# Notebook 02: the loss surface, the data and each sample's loss
# ----------------------------------------------------------------------------------------------------------------
class LinkedExplorer(_MapView):
    """Click or drag on the loss surface to choose (a, b): the model's sigmoid and each sample's loss follow.

    Three panels: the loss L over the (b, a) plane as a contour map, the chosen point on it; the data with
    p = sigma(a x + b) (as in notebook 01's explorer); each sample's loss -log(the probability the model gives its
    label) as a bar at its x, with their mean, the loss L, as a dashed line. The status line says (a, b), L and
    how many samples are on the correct side. Sliders ``a`` and ``b`` set the same point for keyboard users.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        The one feature.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    a, b : float
        The starting model.
    b_lim, a_lim : pair of float
        The map's window (the sliders' ranges): the intercept b across, the slope a up.
    w_star : array_like of shape (2,) or None
        The minimiser ``[b, a]``, marked with a star.
    class_names : pair of str
    xlabel : str
    loss_max : float, default=3.0
        The top of the bars' axis; a taller bar is cut there and says its height ("↑4.6").
    interactive : bool or None
        See ``LiveView``.

    Attributes
    ----------
    a_slider, b_slider : ipywidgets.FloatSlider, the controls ``"a"`` and ``"b"``
    losses : ndarray of shape (n_samples,), each sample's loss for the current (a, b)
    loss : float, their mean, ``logreg_core.loss`` at ``[b, a]``
    marker : the point (b, a) on the map
    bars : the BarContainer of the samples' losses
    """

    def __init__(self, x, y, a=1.0, b=-2.0, *, b_lim=(-10.0, 4.0), a_lim=(-1.5, 4.0), w_star=None,
                 class_names=("class 0", "class 1"), xlabel="x", loss_max=3.0, interactive=None):
        super().__init__((13.2, 4.3), interactive=interactive)
        self.x, self.y, self.X_b = _one_feature(x, y)
        self.loss_max = float(loss_max)
        map_ax, data_ax, bars_ax = self.figure.subplots(1, 3, width_ratios=(1.0, 1.15, 1.0))
        self._build_map(map_ax, b_lim, a_lim, w_star, a, b, a_label="slope a", b_label="intercept b")
        self.marker, = map_ax.plot([], [], marker="o", ms=11, color=ACCENT_COLORS[1], mec="white", mew=1.5,
                                   ls="none", zorder=8, label="your model (a, b)")
        map_ax.set_title("Loss L over (b, a): click or drag")

        self.data = _SigmoidView(data_ax, self.x, self.y, padded_range(self.x), class_names, probabilities=False,
                                 legend=None, title=False)
        label_axes(data_ax, "Its sigmoid over the data", xlabel, "probability of class 1")

        colors = [CLASS_COLORS[k] for k in self.y]
        width = 0.6 * float(np.min(np.diff(np.unique(self.x)))) if np.unique(self.x).size > 1 else 0.5
        self.bars = bars_ax.bar(self.x, np.zeros(self.x.size), width=width, color=colors, edgecolor="white", zorder=2)
        # bars cut at the top of the axis say their heights here (one text: every artist costs a redraw)
        self.cut_note = bars_ax.text(0.02, 0.97, "", transform=bars_ax.transAxes, ha="left", va="top", fontsize=8,
                                     zorder=5, bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.6"},
                                     visible=False)
        self.mean_line = bars_ax.axhline(0, color=BOUNDARY_COLOR, ls="--", lw=1.2, zorder=4,
                                         label="mean of the bars: the loss L")
        bars_ax.set_xlim(*data_ax.get_xlim())
        bars_ax.set_ylim(0, self.loss_max)
        label_axes(bars_ax, "Each sample's loss −log(p of its label)", xlabel, "loss of the sample")
        self.bars_ax = bars_ax
        # one legend for the figure, below the panels: never under a moving artist, so never redrawn
        handles = [*self.data.legend_handles[:4], self.surface.minimum, self.marker, self.mean_line]
        self.figure.legend(handles=[h for h in handles if h is not None], loc="outside lower center", ncols=7,
                           fontsize=8.5, frameon=False)
        self.start({"a": self.a_slider, "b": self.b_slider}, rows=[[self.a_slider, self.b_slider]], moving=[
            self.marker, self.surface.minimum, *self.data.moving_artists(), *self.bars, self.mean_line,
            self.cut_note, *bars_ax.spines.values(),
        ])

    def move_artists(self, a, b):
        w = np.array([b, a])
        self.marker.set_data([b], [a])
        self.data.update(a, b)
        z = self.X_b @ w
        self.losses = core.bce_from_logits(z, self.y)
        self.loss = float(np.mean(self.losses))
        for bar, loss in zip(self.bars, self.losses):
            bar.set_height(min(loss, self.loss_max))
        cut = [f"{loss:.2f} at x = {xi:g}" for xi, loss in zip(self.x, self.losses) if loss > self.loss_max]
        self.cut_note.set_text("↑ above the axis: " + "; ".join(cut[:3]) + ("; …" if len(cut) > 3 else ""))
        self.cut_note.set_visible(bool(cut))
        self.mean_line.set_ydata([self.loss, self.loss])
        boundary = "no boundary" if self.data.boundary_x is None else f"boundary x = {self.data.boundary_x:.2f}"
        return minus_signs(f"a = {a:.2f}, b = {b:.2f}, {boundary} &nbsp;·&nbsp; loss L = {self.loss:.4f}, the mean "
                           f"of the {self.y.size} bars &nbsp;·&nbsp; {self.data.correct}/{self.y.size} on the correct "
                           "side")


# ----------------------------------------------------------------------------------------------------------------
# Notebook 04: gradient descent from the clicked start
# ----------------------------------------------------------------------------------------------------------------
class DescentExplorer(_MapView):
    """Click a start on the loss surface: gradient descent runs from there, and its path, its loss after each step
    and the model where it ends are drawn. A log-scale slider sets the learning rate.

    Three panels: the contour map with the path (steps that leave the window are pinned to its frame as hollow
    markers); how far above the lowest loss each step is, L - L(w*), on a logarithmic axis (``loss_gap``); the
    data with the model where the path ends. The path and the loss curve are coloured by what the run does
    (``logreg_viz.descent.describe_run``): crawls, converges, zig-zags or climbs. The status line says the start,
    the learning rate as a multiple of the safe step eta_safe = ``logreg_core.safe_learning_rate(X_b)``, and the
    verdict with its numbers. Sliders for the start's a and b do what a click does.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    y : array_like of shape (n_samples,), labels 0 or 1
    a, b : float
        The starting point (the slope a and the intercept b at step 0).
    learning_rate : float or None
        The starting learning rate; by default eta_safe.
    n_iter : int, default=100
        Steps per run.
    b_lim, a_lim : pair of float
        The map's window (the start sliders' ranges).
    w_star : array_like of shape (2,)
        The minimiser ``[b, a]``: a star on the map; the loss curve shows how far above its loss each step is.
    span : float, default=100.0
        The learning-rate slider runs from eta_safe / span to eta_safe * span, on a log scale.
    class_names : pair of str
    xlabel : str
    interactive : bool or None
        See ``LiveView``.

    Attributes
    ----------
    a_slider, b_slider : ipywidgets.FloatSlider, the controls ``"a"`` and ``"b"`` (the start)
    rate_slider : ipywidgets.FloatLogSlider, the control ``"learning_rate"``
    safe_learning_rate : float, eta_safe
    result : logreg_core.GDResult, the run drawn
    description : logreg_viz.descent.RunDescription, what it does
    path : logreg_viz.descent.PathArtists
    loss_curve : the Line2D of the loss after each step
    """

    def __init__(self, x, y, a=0.0, b=-4.5, learning_rate=None, n_iter=100, *, w_star, b_lim=(-6.0, 2.0),
                 a_lim=(-1.5, 6.5), span=100.0, class_names=("class 0", "class 1"), xlabel="x",
                 interactive=None):
        import ipywidgets as widgets

        super().__init__((13.2, 4.3), interactive=interactive)
        self.x, self.y, self.X_b = _one_feature(x, y)
        self.n_iter = int(n_iter)
        self.safe_learning_rate = core.safe_learning_rate(self.X_b)
        map_ax, loss_ax, data_ax = self.figure.subplots(1, 3, width_ratios=(1.0, 0.9, 1.15))
        self._build_map(map_ax, b_lim, a_lim, w_star, a, b, a_label="start: slope a", b_label="start: intercept b")
        good = REGIME_COLORS["good"]
        self.path = draw_path(map_ax, np.array([[b, a]]), color=good, label=f"{self.n_iter} steps")
        self.outside_note = map_ax.text(0.03, 0.03, "", transform=map_ax.transAxes, fontsize=8, va="bottom",
                                        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.6"}, visible=False)
        map_ax.set_title("Click or drag to choose the start")

        self.lowest_loss = core.loss(self.X_b, self.y, w_star)
        self.loss_curve, = loss_ax.plot([], [], color=good, lw=1.8, label="L − L(w*) after each step")
        self.gap_ylim = (GAP_FLOOR, 2.0 * float(self.surface.losses.max() - self.lowest_loss))
        loss_ax.set_yscale("log")
        loss_ax.set_ylim(self.gap_ylim)
        loss_ax.set_xlim(0, self.n_iter)
        label_axes(loss_ax, "How far above the lowest loss", "step", "L − L(w*)  (log scale)")
        self.off_chart_note = loss_ax.text(0.97, 0.8, "", transform=loss_ax.transAxes, fontsize=8, ha="right",
                                           va="top", bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.6"},
                                           visible=False)
        self.data = _SigmoidView(data_ax, self.x, self.y, padded_range(self.x), class_names, probabilities=False,
                                 legend=None, title=False)
        label_axes(data_ax, f"The model after {self.n_iter} steps", xlabel, "probability of class 1")
        # one legend for the figure, below the panels: never under a moving artist, so never redrawn. The path's
        # colour says what the run does, so the legend shows the colours, not the path.
        regimes = [Patch(color=REGIME_COLORS[regime], label=f"path: {verdict}")
                   for regime, verdict in (("too small", "crawls"), ("good", "converges"),
                                           ("too large", "zig-zags or climbs"))]
        handles = [self.surface.minimum, self.path.start, *regimes, *self.data.legend_handles[:4]]
        self.figure.legend(handles=handles, loc="outside lower center", ncols=9, fontsize=8.5, frameon=False)

        exponent = np.log10(self.safe_learning_rate)
        self.rate_slider = widgets.FloatLogSlider(
            value=learning_rate or self.safe_learning_rate, base=10, min=exponent - np.log10(span),
            max=exponent + np.log10(span), step=0.02, description="learning rate η", readout_format=".3g",
            continuous_update=True, style={"description_width": "initial"}, layout=widgets.Layout(width="520px"))
        self.start({"a": self.a_slider, "b": self.b_slider, "learning_rate": self.rate_slider},
                   rows=[[self.a_slider, self.b_slider], [self.rate_slider]], moving=[
                       self.path.line, self.path.end, self.path.outside, self.path.start, self.surface.minimum,
                       self.outside_note, self.loss_curve, self.off_chart_note,
                       *loss_ax.spines.values(), *self.data.moving_artists(),
                   ])

    def move_artists(self, a, b, learning_rate):
        start = np.array([b, a])
        result = core.gradient_descent(self.X_b, self.y, start, learning_rate, self.n_iter)
        description = describe_run(result, self.X_b, self.y)
        self.result, self.description, self.learning_rate = result, description, learning_rate

        self.path.start.set_data([b], [a])
        n_outside = update_path(self.path, result.weights)
        for artist in (self.path.line, self.path.end, self.path.outside, self.loss_curve):
            artist.set_color(description.color)
        self.path.outside.set_markerfacecolor("white")
        self.outside_note.set_text(f"{n_outside} of {result.n_steps + 1} points outside this view\n"
                                   "(hollow markers on the frame)")
        self.outside_note.set_visible(n_outside > 0)

        self.loss_curve.set_data(np.arange(result.n_steps + 1), loss_gap(result.losses, self.lowest_loss))
        highest = float(result.losses.max())
        self.off_chart_note.set_text(f"highest loss {highest:.3g}: off the chart")
        self.off_chart_note.set_visible(highest - self.lowest_loss > self.gap_ylim[1])

        end_b, end_a = result.final_weights
        self.data.update(end_a, end_b)

        ratio = learning_rate / self.safe_learning_rate
        guarantee = ("below 2 η<sub>safe</sub>: every step lowers the loss" if ratio < 2
                     else "at or above 2 η<sub>safe</sub>: no guarantee")
        return (f"start {self._map_status(a, b)} &nbsp;·&nbsp; η = {learning_rate:.3g} = {_multiple(ratio)} "
                f"η<sub>safe</sub>, {guarantee} &nbsp;·&nbsp; {description} &nbsp;·&nbsp; after {result.n_steps} "
                f"steps: {self.data.summary}")
