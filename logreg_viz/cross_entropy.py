"""Binary cross-entropy, drawn (notebook 02): the loss of one sample, and why not squared error.

Static figures are still pictures (``logreg_viz.figures.new_figure``); ``LossExplorer`` is a live view
(``logreg_viz.live.LiveView``). Every number drawn comes from ``logreg_core``.

plot_loss_branches            -log p for y = 1 and -log(1 - p) for y = 0
plot_squared_vs_cross_entropy both losses over one weight: squared error is not convex
LossExplorer                  a slider for the predicted probability and a toggle for the label
"""

import ipywidgets as widgets
import numpy as np

import logreg_core as core
from logreg_viz.figures import new_figure
from logreg_viz.live import LiveView
from logreg_viz.sigmoid import logit
from logreg_viz.style import ACCENT_COLORS, BOUNDARY_COLOR, CLASS_COLORS, label_axes, minus_signs

__all__ = ["plot_loss_branches", "plot_squared_vs_cross_entropy", "LossExplorer"]

_GRID_POINTS = 400

# --------------------------------------------------------------------------------------------------------------
# Notebook 02: binary cross-entropy
# --------------------------------------------------------------------------------------------------------------
_P_GRID = np.linspace(1e-3, 1 - 1e-3, _GRID_POINTS)


def _branch(y):
    """The loss of one sample with label ``y`` for every p on ``_P_GRID``, from the core's logit form."""
    return core.bce_from_logits(logit(_P_GRID), np.full(_P_GRID.shape, y))


_BRANCH_LABELS = {1: r"$y = 1$:  $-\log p$", 0: r"$y = 0$:  $-\log(1 - p)$"}


def plot_loss_branches():
    """The two branches of binary cross-entropy over the predicted probability p of class 1.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig = new_figure((7.5, 4.2))
    ax = fig.add_subplot()
    for y in (1, 0):
        ax.plot(_P_GRID, _branch(y), color=CLASS_COLORS[y], lw=2.5, label=_BRANCH_LABELS[y])
    ax.annotate("confident and right:\nloss near 0", xy=(0.97, 0.05), xytext=(0.62, 1.6),
                arrowprops=dict(arrowstyle="->", color="0.3"), fontsize=9, ha="center")
    ax.annotate("confident and wrong:\nloss grows without limit", xy=(0.02, 3.9), xytext=(0.3, 5.2),
                arrowprops=dict(arrowstyle="->", color="0.3"), fontsize=9, ha="center")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 7)
    label_axes(ax, "Cross-entropy of one sample", "predicted probability of class 1, p", "loss")
    ax.legend(loc="upper center", fontsize=9)
    return fig


def plot_squared_vs_cross_entropy(X_b, y, w, index, values):
    """Side by side: mean squared error of the probabilities and mean cross-entropy, over one weight.

    All other weights stay at ``w``. Stretches where a curve bends downward (its second difference is
    negative, so it is not convex there) are shaded.

    Parameters
    ----------
    X_b : array_like of shape (n_samples, n_features + 1)
        Features with the intercept column of ones first.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    w : array_like of shape (n_features + 1,)
        The weights held fixed.
    index : int
        Which weight varies (0 is the intercept).
    values : ndarray of shape (n_values,)
        The values it takes, evenly spaced.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    y = np.asarray(y, dtype=float)
    weights = np.tile(np.asarray(w, dtype=float), (len(values), 1))
    weights[:, index] = values
    p = core.sigmoid(np.asarray(X_b, dtype=float) @ weights.T)  # shape (n_samples, n_values)
    squared = np.mean((p - y[:, None]) ** 2, axis=0)
    cross_entropy = np.array([core.loss(X_b, y, wi) for wi in weights])
    name = "intercept b" if index == 0 else f"weight w{_subscript(index)}"

    fig = new_figure((11, 4))
    axes = fig.subplots(1, 2)
    curves = [(squared, "mean squared error", ACCENT_COLORS[0]),
              (cross_entropy, "mean cross-entropy", ACCENT_COLORS[1])]
    for ax, (curve, title, color) in zip(axes, curves):
        bends_down = np.zeros(len(values), dtype=bool)
        bends_down[1:-1] = np.diff(curve, 2) < -1e-12  # below rounding noise
        ax.fill_between(values, 0, 1, where=bends_down, transform=ax.get_xaxis_transform(), color="0.88",
                        label="bends downward: not convex", step="mid")
        ax.plot(values, curve, color=color, lw=2.5, label=title)
        best = np.argmin(curve)
        ax.plot(values[best], curve[best], "o", color=BOUNDARY_COLOR, ms=7,
                label=minus_signs(f"minimum at {values[best]:.2f}"))
        ax.set_xlim(values[0], values[-1])
        ax.set_ylim(0, None)
        label_axes(ax, f"{title.capitalize()} over the {name}", name, title)
        ax.legend(loc="upper right", fontsize=8.5)
    return fig


def _subscript(i):
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


class _LossView:
    """The artists of ``LossExplorer`` on one Axes: both branches, the active one bold, the current point."""

    def __init__(self, ax):
        self.ax = ax
        self.branches = {y: ax.plot(_P_GRID, _branch(y), color=CLASS_COLORS[y], label=_BRANCH_LABELS[y])[0]
                         for y in (1, 0)}
        self.drop, = ax.plot([], [], color="0.3", lw=1, ls=":")
        self.point, = ax.plot([], [], linestyle="none", marker="o", ms=10, mec="black", mew=1.2, zorder=5)
        self.value_text = ax.text(0, 0, "", fontsize=11, ha="left", va="bottom", zorder=6,
                                  bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 7.2)
        ax.set_xlabel("predicted probability of class 1, p")
        ax.set_ylabel("loss of this sample")
        ax.legend(loc="upper center", fontsize=9)

    def moving_artists(self):
        """What ``update`` changes, and the frame the curves and the drop line touch."""
        return [*self.branches.values(), self.drop, self.point, self.value_text, *self.ax.spines.values(),
                self.ax.title]

    def update(self, p, y):
        """Move the artists to show the loss of predicting ``p`` for a sample with label ``y``; returns that loss."""
        value = float(core.bce_from_logits(logit(p), y))
        for label, line in self.branches.items():
            active = label == y
            line.set(lw=3 if active else 1.5, alpha=1 if active else 0.35, ls="-" if active else "--")
        self.drop.set_data([p, p], [0, value])
        self.point.set_data([p], [value])
        self.point.set_color(CLASS_COLORS[y])
        self.value_text.set_text(f"p = {p:.3f}\nloss = {value:.3f}")
        # beside the point on the side where its branch is lower (right of it for y = 1, left for y = 0),
        # unless that side has no room left inside the axes
        right = p < 0.78 if y == 1 else p < 0.22
        self.value_text.set_position((p + (0.03 if right else -0.03), min(value, 5.8) + 0.3))
        self.value_text.set_ha("left" if right else "right")
        # the title changes only with the label, so a slider move does not lay it out again
        self.ax.set_title(f"A sample with label y = {y}: its loss is {'−log p' if y == 1 else '−log(1 − p)'}")
        return value


class LossExplorer(LiveView):
    """A slider for the predicted probability p and a toggle for the true label y, showing the loss.

    Parameters
    ----------
    p : float in (0, 1), default=0.8
        Starting probability of class 1.
    y : {0, 1}, default=1
        Starting label.
    interactive : bool or None
        See ``LiveView``.

    Attributes
    ----------
    figure : matplotlib Figure
    view : the artists; ``view.point`` marks (p, loss), ``view.branches[y]`` the curve of label y
    p_slider : ipywidgets.FloatSlider (the control ``"p"``)
    y_toggle : ipywidgets.ToggleButtons, value 1 or 0 (the control ``"y"``)
    loss : float
        The loss for the current p and y (from ``logreg_core.bce_from_logits``).
    """

    def __init__(self, p=0.8, y=1, *, interactive=None):
        super().__init__((7.5, 4.4), interactive=interactive)
        self.view = _LossView(self.figure.add_subplot())
        self.p_slider = widgets.FloatSlider(
            value=p, min=0.001, max=0.999, step=0.001, readout_format=".3f", continuous_update=True,
            description="predicted p", style={"description_width": "initial"}, layout=widgets.Layout(width="480px"),
        )
        self.y_toggle = widgets.ToggleButtons(options=[("label y = 1", 1), ("label y = 0", 0)], value=y,
                                              description="true label", style={"description_width": "initial"})
        self.start({"p": self.p_slider, "y": self.y_toggle}, moving=self.view.moving_artists())

    def move_artists(self, p, y):
        self.loss = self.view.update(p, y)
        confident = "confident and wrong: " if abs(p - y) > 0.9 else ""
        return f"predicted p = {p:.3f} for a sample with label y = {y}: {confident}loss {self.loss:.3f}"
