"""Every live view redraws by blitting, and what it shows is exactly what a full draw shows.

A slider move paints only the moving artists on a saved background (``logreg_viz.blitting.Blitter``). If a view
forgot an artist that a full draw paints above a moving one (a legend the threshold line crosses, the star the
path ends on), the blitted picture would differ from the real one. So after each move the canvas's pixels are
compared with a full draw of the same state (``savefig``, which paints every artist in its place), on Agg.
"""

import io

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import make_blobs

import logreg_core
from logreg_data import OVERLAPPING_CLUSTERS
from logreg_viz import _ipympl
from logreg_viz.blitting import Blitter
from logreg_viz.clusters import DistanceView
from logreg_viz.figures import new_figure
from logreg_viz.linked import DescentExplorer, LinkedExplorer
from logreg_viz.multiclass import TrainingRegionsExplorer
from logreg_viz.sigmoid import SigmoidExplorer
from logreg_viz.threshold import ThresholdExplorer


def _sigmoid():
    hours = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
    explorer = SigmoidExplorer(hours, np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1]))
    # a = 0: no boundary; b = 15 and -15: every sample in one class; a falling curve
    return explorer, [(explorer.a_slider, [2.5, 0.0, 4.95, -5.0]), (explorer.b_slider, [15.0, -15.0, 5.5])]


def _linked():
    hours = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
    explorer = LinkedExplorer(hours, np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1]), w_star=np.array([-3.72, 1.35]))
    # onto the star; the corners of the map, where bars are cut at the top of their axis and noted
    return explorer, [(explorer.a_slider, [1.35, 4.0, -1.5]), (explorer.b_slider, [-3.7, -10.0, 4.0])]


def _descent():
    x = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    X_b = logreg_core.add_intercept(x.reshape(-1, 1))
    eta = logreg_core.safe_learning_rate(X_b)
    w_star = logreg_core.gradient_descent(X_b, y, np.zeros(2), eta, 3000).final_weights
    explorer = DescentExplorer(x, y, a=0.0, b=-4.5, w_star=w_star)
    # crawling, converging onto the star, zig-zagging, leaving the view and the loss axis; a start in a corner
    return explorer, [(explorer.rate_slider, [eta * m for m in (0.01, 1.0, 8.0, 30.0, 100.0)]),
                      (explorer.a_slider, [6.5, -1.5])]


def _threshold():
    rng = np.random.default_rng(0)
    y_true = (rng.uniform(size=120) < 0.4).astype(int)
    scores = np.clip(0.5 + (y_true - 0.5) * rng.uniform(0.2, 1.0, size=120) + rng.normal(0, 0.2, size=120), 0, 1)
    explorer = ThresholdExplorer(y_true, scores, class_names=("malignant", "benign"))
    # 0.5 crosses the histogram's legend; 0 and 1 lie on the frames
    return explorer, [(explorer.slider, [0.3, 0.5, 0.0, 1.0, 0.05])]


def _regions():
    X, y = make_blobs(n_samples=90, centers=[[-3.0, 0.0], [0.0, 3.0], [3.0, 0.0]], cluster_std=0.8, random_state=0)
    n_steps = 40
    final = np.random.default_rng(1).normal(size=(3, 3))
    weights = np.array([final * t / n_steps for t in range(n_steps + 1)])
    losses = np.log(3) * np.exp(-np.arange(n_steps + 1) / 10)
    explorer = TrainingRegionsExplorer(X, y, weights, losses, resolution=50, step=0)
    return explorer, [(explorer.slider, [40, 1, 17])]


def _distance():
    explorer = DistanceView(OVERLAPPING_CLUSTERS, np.zeros(3), n_iter=50, resolution=40)
    # one cloud, far apart, and back
    return explorer, [(explorer.distance, [0.0, 8.0, 2.5])]


VIEWS = {"SigmoidExplorer": _sigmoid, "LinkedExplorer": _linked, "DescentExplorer": _descent,
         "ThresholdExplorer": _threshold, "TrainingRegionsExplorer": _regions, "DistanceView": _distance}


@pytest.fixture(params=VIEWS)
def view(request):
    return VIEWS[request.param]()


def _full_draw(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=fig.dpi)
    width, height = fig.canvas.get_width_height()
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(height, width, 4)


def test_a_move_blits_and_draws_nothing_else(view, monkeypatch):
    explorer, moves = view  # (each list of moves starts away from the view's starting state)
    calls = []
    monkeypatch.setattr(explorer.figure.canvas, "draw", lambda *a, **k: calls.append("full draw"))
    monkeypatch.setattr(explorer.figure.canvas, "blit", lambda *a, **k: calls.append("blit"))
    control, values = moves[0]
    control.value = values[0]
    assert calls == ["blit"]


def test_every_blitted_picture_is_the_full_picture(view):
    explorer, moves = view
    for control, values in moves:
        for value in values:
            control.value = value
            blitted = np.asarray(explorer.figure.canvas.buffer_rgba()).copy()
            differ = np.any(blitted != _full_draw(explorer.figure), axis=2)
            assert not differ.any(), f"{differ.sum()} pixels differ after {control.description} = {value}"


def test_saving_the_figure_does_not_spoil_the_background(view):
    """savefig (the PNG stored with a widget) paints the moving artists too: the next blit must not show them
    twice, at their old and their new place."""
    explorer, moves = view
    control, values = moves[0]
    explorer.figure.savefig(io.BytesIO(), format="png")
    control.value = values[0]
    blitted = np.asarray(explorer.figure.canvas.buffer_rgba()).copy()
    assert np.array_equal(blitted, _full_draw(explorer.figure))


# --------------------------------------------------------------------------------------------------------------
# On ipympl: one thread draws at a time, and a blit sends a whole frame
# --------------------------------------------------------------------------------------------------------------
# ipympl 0.10's figure manager builds its Toolbar with an argument that traitlets deprecates (ipympl's, not ours).
IPYMPL_TOOLBAR = pytest.mark.filterwarnings("ignore:Passing unrecognized arguments to super\\(Toolbar\\)")


@IPYMPL_TOOLBAR
def test_the_data_editors_live_canvas_keeps_its_last_row_of_pixels():
    figure = new_figure((9.6, 4.6), canvas="live")
    assert int(figure.bbox.width) == 960 and int(figure.bbox.height) == 460  # what the browser's canvas gets


def _ipympl_view():
    figure = new_figure((3, 2), canvas="live")
    ax = figure.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    figure.canvas.draw()
    return figure, line, Blitter(figure, [line])


@IPYMPL_TOOLBAR
def test_an_ipympl_canvas_draws_one_thread_at_a_time():
    """JupyterLab sends a widget's messages to the main thread or to a kernel subshell (another thread): while one
    thread holds the canvas's drawing lock (as Blitter.update does), another thread's draw waits."""
    import threading

    figure, line, blitter = _ipympl_view()
    canvas = figure.canvas
    drawn = threading.Event()
    with _ipympl.drawing_lock(canvas):
        other = threading.Thread(target=lambda: (canvas.draw(), drawn.set()))
        other.start()
        assert not drawn.wait(0.3), "another thread drew while this one held the drawing lock"
    other.join(10)
    assert drawn.is_set(), "the other thread's draw never ran once the lock was free"


@IPYMPL_TOOLBAR
@pytest.mark.parametrize("redraw", ["blit", "full draw"])
def test_an_ipympl_canvas_sends_whole_frames(monkeypatch, redraw):
    """A dropped difference frame would leave stale pixels in the browser (matplotlib #19116); whole frames don't.
    A difference frame is transparent where nothing changed; a whole frame is opaque everywhere, and it is the
    frame ``last_frame`` returns."""
    figure, line, blitter = _ipympl_view()
    canvas = figure.canvas
    blitter.update()  # the background exists now
    sent = []
    monkeypatch.setattr(canvas, "send_binary", sent.append)  # what goes to the browser
    line.set_ydata([1, 0])
    if redraw == "blit":
        blitter.update()
    else:
        blitter.invalidate()
        blitter.update()  # a full draw, e.g. when axis limits change
    assert len(sent) == 1, "the move sent no frame, or more than one"
    frame = np.asarray(Image.open(io.BytesIO(sent[0])).convert("RGBA"))
    assert frame.shape[:2] == (figure.canvas.get_width_height()[1], figure.canvas.get_width_height()[0])
    assert np.all(frame[..., 3] == 255), "the move sent a difference frame, not the whole picture"
    assert np.array_equal(frame, _ipympl.last_frame(canvas))


@pytest.mark.parametrize("size", [(9.6, 4.6), (7.6, 4.0), (9.5, 4.2), (3.3, 0.7)])
def test_a_live_canvas_is_a_whole_number_of_pixels_not_a_hair_less(size):
    """A browser truncates the canvas's size in pixels: 4.6 in at 100 dpi (459.99999999999994 px) lost a row."""
    assert _ipympl.whole_pixel_size(size, 100) == pytest.approx(size, rel=1e-15)
    assert all(inches * 100 >= round(inches * 100) for inches in _ipympl.whole_pixel_size(size, 100))


@pytest.mark.parametrize("size, dpi", [((4.595, 3.0), 100), ((7.5, 3.7534722222222223), 144), ((1.006, 2.5), 100)])
def test_a_size_with_a_real_fraction_of_a_pixel_is_left_alone(size, dpi):
    """459.5 px is not a rounding error short of 460: nudging it by ulps would never end (it hung projector mode)."""
    import threading

    result = []
    worker = threading.Thread(target=lambda: result.append(_ipympl.whole_pixel_size(size, dpi)), daemon=True)
    worker.start()
    worker.join(10)
    assert result == [size], "whole_pixel_size did not return within 10 s, or changed a real fraction"
