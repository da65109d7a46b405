"""Minibatch SGD, drawn (logreg_viz.minibatch), on Agg: what each figure shows is the run of logreg_core; the live
view re-runs SGD with its two controls and draws exactly that run; a blitted frame equals a full draw."""

import io

import numpy as np
import pytest

import logreg_core
from logreg_viz.minibatch import (
    AXIS_LABELS,
    MinibatchView,
    _batch_sizes,
    _distinct,
    losses_of,
    plot_constant_vs_decaying,
    plot_loss_clocks,
    plot_minibatch_paths,
    updates_per_epoch,
)

X8 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
Y8 = np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float)
X_B, Y = logreg_core.add_intercept(np.tile(X8, 32).reshape(-1, 1)), np.tile(Y8, 32)  # notebook 07's n = 256
W_START = np.array([-4.5, 0.0])
VIEW = {"b_lim": (-6.0, 2.0), "a_lim": (-1.5, 6.5)}


@pytest.fixture(scope="module")
def w_star():
    return logreg_core.gradient_descent(X_B, Y, np.zeros(2), logreg_core.safe_learning_rate(X_B), 3000).final_weights


def _full_draw(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="rgba", dpi=figure.dpi)
    width, height = figure.canvas.get_width_height()
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(height, width, 4)


# ----------------------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------------------
def test_losses_of_is_the_loss_of_every_row():
    weights = np.random.default_rng(0).normal(size=(7, 2))
    np.testing.assert_allclose(losses_of(X_B, Y, weights), [logreg_core.loss(X_B, Y, w) for w in weights],
                               rtol=1e-13)


@pytest.mark.parametrize(("n", "batch_size", "expected"), [(256, 1, 256), (256, 8, 32), (10, 3, 4), (256, None, 1),
                                                           (256, 256, 1)])
def test_updates_per_epoch(n, batch_size, expected):
    assert updates_per_epoch(n, batch_size) == expected


def test_copies_are_drawn_from_their_distinct_samples_and_other_data_as_it_is():
    X_distinct, y_distinct = _distinct(X_B, Y)
    assert len(y_distinct) == 8
    w = np.array([0.3, 1.2])
    assert logreg_core.loss(X_distinct, y_distinct, w) == pytest.approx(logreg_core.loss(X_B, Y, w), rel=1e-14)
    uneven = np.r_[Y, 1.0], np.vstack([X_B, [1.0, 2.5]])
    assert len(_distinct(uneven[1], uneven[0])[1]) == 257


def test_batch_sizes_are_powers_of_two_then_all():
    assert _batch_sizes(256) == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert _batch_sizes(200) == [1, 2, 4, 8, 16, 32, 64, 128, 200]


# ----------------------------------------------------------------------------------------------------------------
# Static figures
# ----------------------------------------------------------------------------------------------------------------
def test_paths_figure_draws_each_path_on_its_own_map(w_star):
    runs = {B: logreg_core.gradient_descent(X_B, Y, W_START, 1.0, 30, batch_size=B, random_state=0).weights
            for B in (1, 32)}
    figure = plot_minibatch_paths(X_B, Y, {f"B = {B}": w for B, w in runs.items()}, w_star=w_star, **VIEW)
    for ax, weights in zip(figure.axes, runs.values()):
        path = [line for line in ax.get_lines() if line.get_label() == "path"][0]
        np.testing.assert_array_equal(path.get_xydata(), weights)
        assert ax.get_xlim() == VIEW["b_lim"] and ax.get_ylim() == VIEW["a_lim"]
        assert ax.get_xlabel() == AXIS_LABELS[0]
    assert figure.axes[0].get_ylabel() == AXIS_LABELS[1] and [ax.get_title() for ax in figure.axes] == ["B = 1",
                                                                                                        "B = 32"]
    figure.savefig(io.BytesIO(), format="png")


def test_clocks_figure_puts_the_same_losses_on_updates_and_epochs(w_star):
    loss_star = logreg_core.loss(X_B, Y, w_star)
    run = logreg_core.gradient_descent(X_B, Y, W_START, 1.0, 64, batch_size=8, random_state=0)
    figure = plot_loss_clocks({"B = 8": (run.losses, 8)}, len(Y), loss_star)
    by_update, by_epoch = figure.axes
    x, excess = by_epoch.get_lines()[0].get_data()
    np.testing.assert_allclose(x, np.arange(65) / 32)  # 32 updates an epoch
    np.testing.assert_allclose(excess, np.maximum(run.losses - loss_star, 1e-12))
    np.testing.assert_array_equal(by_update.get_lines()[0].get_xdata(), np.arange(1, 65))
    assert by_update.get_xscale() == "log" and by_update.get_yscale() == "log"


def test_constant_vs_decaying_figure(w_star):
    paths = {"constant": logreg_core.gradient_descent(X_B, Y, W_START, 1.0, 64, batch_size=8, random_state=0).weights,
             "other": logreg_core.gradient_descent(X_B, Y, W_START, 0.5, 64, batch_size=8, random_state=0).weights}
    figure = plot_constant_vs_decaying(X_B, Y, paths, w_star=w_star, batch_size=8, **VIEW)
    surface_ax, loss_ax = figure.axes
    assert [t.get_text() for t in surface_ax.get_legend().get_texts()][-2:] == ["constant", "other"]
    for line, weights in zip(loss_ax.get_lines(), paths.values()):
        np.testing.assert_allclose(line.get_xdata(), np.arange(65) / 32)
        np.testing.assert_allclose(line.get_ydata(), np.maximum(losses_of(X_B, Y, weights)
                                                                - logreg_core.loss(X_B, Y, w_star), 1e-12))


# ----------------------------------------------------------------------------------------------------------------
# The live view
# ----------------------------------------------------------------------------------------------------------------
@pytest.fixture()
def view(w_star):
    return MinibatchView(X_B, Y, W_START, w_star=w_star, n_updates=60, interactive=False, **VIEW)


def test_the_view_draws_the_run_of_its_setting(view):
    for batch_size, learning_rate in [(1, 1.0), (8, 2.0), (256, 0.5)]:
        view.set(batch_size=batch_size, learning_rate=learning_rate)
        expected = logreg_core.gradient_descent(X_B, Y, W_START, learning_rate, 60, batch_size=batch_size,
                                                random_state=0)
        assert view.result == expected
        np.testing.assert_array_equal(view.path.line.get_xydata(), expected.weights)
        np.testing.assert_allclose(view.loss_line.get_ydata(), np.maximum(expected.losses - view.loss_star, 1e-12))
        epochs = 60 / updates_per_epoch(256, batch_size)
        assert f"batch size {batch_size}" in view.status_text and f"= {epochs:.3g} epochs" in view.status_text


def test_the_full_batch_is_gradient_descent(view):
    view.set(batch_size=256, learning_rate=1.0)
    assert view.result == logreg_core.gradient_descent(X_B, Y, W_START, 1.0, 60)
    assert "(all the samples)" in view.status_text


def test_the_controls(view):
    assert [value for _, value in view.batch_size.options] == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert view.batch_size.options[-1][0] == "256 (all)"
    assert view.learning_rate.value == 1.0  # the slider's grid goes through the starting value
    with pytest.raises(ValueError, match="batch_size must be one of"):
        MinibatchView(X_B, Y, W_START, w_star=np.zeros(2), batch_size=3, interactive=False, **VIEW)


def test_points_outside_the_view_are_counted(view):
    view.set(learning_rate=10.0)
    assert view.path.n_outside > 0 and view.outside_note.get_visible()
    assert view.outside_note.get_text().startswith(f"{view.path.n_outside} of 61 points outside")


def test_a_move_blits_and_its_picture_is_the_full_picture(view, monkeypatch):
    for batch_size, learning_rate in [(1, 1.0), (4, 10.0), (256, 0.02), (32, 3.0)]:
        view.set(batch_size=batch_size, learning_rate=learning_rate)
        blitted = np.asarray(view.figure.canvas.buffer_rgba()).copy()
        differ = np.any(blitted != _full_draw(view.figure), axis=2)
        assert not differ.any(), f"{differ.sum()} pixels differ at B = {batch_size}, η = {learning_rate}"
    calls = []
    monkeypatch.setattr(view.figure.canvas, "draw", lambda *a, **k: calls.append("full draw"))
    monkeypatch.setattr(view.figure.canvas, "blit", lambda *a, **k: calls.append("blit"))
    view.learning_rate.value = 0.5
    assert calls == ["blit"]


def test_without_a_kernel_the_view_is_a_still_picture(view):
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}
    assert bundle["text/plain"].startswith("<MinibatchView: batch size 1, learning rate 1: 60 updates")
