"""Notebook 12's data editor (logreg_viz.draw.DataEditor) on Agg: clicks, what it trains and draws, and its points
in and out of CSV files (code, the upload control and the download link).

Clicks are simulated by calling the editor's handler with fake events (``xdata``, ``ydata``, ``button``,
``inaxes``, ``dblclick``), as matplotlib would; an upload by setting the upload widget's value as ipywidgets does
when a browser sends a file. What the figure shows is checked against the core: every change re-trains exactly as
``logreg_core.gradient_descent`` does, the probability image is the model on the grid, a straight boundary is
``boundary_segment``'s and a curved one runs through grid cells where the model's score changes sign.
"""

import base64
import datetime
import re
import warnings
from types import SimpleNamespace

import numpy as np
import pytest

import logreg_core
from logreg_data import PRESETS, make_dataset, polynomial_features
from logreg_viz.draw import HIT_RADIUS_POINTS, MAX_POINTS, DataEditor
from logreg_viz.geometry import boundary_segment
from logreg_viz.points_csv import points_to_csv
from test_viz_points_csv import BAD_FILES

N_ITER = 500


def _editor(**kwargs):
    return DataEditor(interactive=False, resolution=40, dpi=60, **kwargs)


def _click(editor, x1, x2, *, button=1, dblclick=False, inaxes="data"):
    axes = {"data": editor.training_figure.ax_data, "loss": editor.training_figure.ax_loss, None: None}[inaxes]
    editor.on_click(SimpleNamespace(inaxes=axes, xdata=x1, ydata=x2, button=button, dblclick=dblclick))


def _pixels(figure):
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def _gradient_descent(X, y, features=None, alpha=0.0, n_iter=N_ITER):
    X_b = logreg_core.add_intercept(X if features is None else features(X))
    learning_rate = logreg_core.safe_learning_rate(X_b, alpha)
    return logreg_core.gradient_descent(X_b, y, np.zeros(X_b.shape[1]), learning_rate, n_iter, alpha=alpha)


def _assert_boundary_is_the_zero_contour(panel, z_grid):
    """Every boundary point lies in a grid cell whose four corners do not all have the same sign of z."""
    bx, by = panel.boundary.get_data()
    bx, by = np.asarray(bx, dtype=float), np.asarray(by, dtype=float)
    assert bx.size > 0, "z changes sign on the grid, so there must be a boundary"
    keep = ~np.isnan(bx)
    xs, ys = panel.xs, panel.ys
    i = np.clip(np.searchsorted(xs, bx[keep]), 1, len(xs) - 1)
    j = np.clip(np.searchsorted(ys, by[keep]), 1, len(ys) - 1)
    corners = np.stack([z_grid[j - 1, i - 1], z_grid[j - 1, i], z_grid[j, i - 1], z_grid[j, i]])
    assert np.all(corners.min(axis=0) <= 0) and np.all(corners.max(axis=0) >= 0)


# ----------------------------------------------------------------------------------------------------------------
# The editor: clicks
# ----------------------------------------------------------------------------------------------------------------
def test_a_click_adds_a_point_of_the_chosen_class():
    editor = _editor()
    _click(editor, 0.5, 0.25)
    editor.label.value = 1
    _click(editor, -1.0, 1.5)
    X, y = editor.data()
    np.testing.assert_array_equal(X, [[0.5, 0.25], [-1.0, 1.5]])
    np.testing.assert_array_equal(y, [0, 1])
    assert X.dtype == np.float64 and y.dtype.kind == "i"


def test_a_click_on_a_point_removes_exactly_that_point():
    editor = _editor(preset="moons")
    X, y = editor.data()
    index = 17
    to_pixels = editor.training_figure.ax_data.transData
    near = to_pixels.inverted().transform(to_pixels.transform(X[index]) + [2.0, -2.0])  # 2.8 pixels away
    assert editor.point_at(*near) == index
    _click(editor, *near)
    np.testing.assert_array_equal(editor.X, np.delete(X, index, axis=0))
    np.testing.assert_array_equal(editor.y, np.delete(y, index))


def test_a_click_just_outside_a_point_adds_a_new_one():
    editor = _editor(X=[[0.0, 0.0], [1.0, 1.0]], y=[0, 1])
    to_pixels = editor.training_figure.ax_data.transData
    radius = HIT_RADIUS_POINTS * editor.figure.dpi / 72  # in pixels
    inside = to_pixels.inverted().transform(to_pixels.transform([0.0, 0.0]) + [0.0, radius - 0.5])
    outside = to_pixels.inverted().transform(to_pixels.transform([0.0, 0.0]) + [0.0, radius + 0.5])
    assert editor.point_at(*inside) == 0 and editor.point_at(*outside) is None
    _click(editor, *outside)
    assert len(editor.y) == 3 and editor.y[-1] == editor.label.value == 0


@pytest.mark.parametrize(
    "event",
    [
        {"inaxes": "loss"},  # a click on the loss panel
        {"inaxes": None},  # outside every panel
        {"button": 3},  # the right button
        {"button": 2},
        {"dblclick": True},  # the second press of a double click
    ],
)
def test_other_clicks_are_ignored(event):
    editor = _editor(preset="XOR")
    before, history = editor.data(), editor.history
    _click(editor, 0.1, 0.2, **event)
    np.testing.assert_array_equal(editor.X, before[0])
    assert editor.history is history  # not even re-trained


def test_a_click_without_coordinates_is_ignored():
    editor = _editor()
    _click(editor, None, None)
    assert len(editor.y) == 0


def test_clear_and_the_preset_buttons():
    editor = _editor()
    for name, button in editor.preset_buttons.items():
        button.click()
        X, y = make_dataset(name, 60)
        np.testing.assert_array_equal(editor.X, X)
        np.testing.assert_array_equal(editor.y, y)
        assert editor.history is not None
    editor.clear_button.click()
    assert editor.X.shape == (0, 2) and editor.y.shape == (0,)
    assert editor.history is None and "No points yet" in editor.message


def test_the_export_is_a_copy_and_the_input_is_checked():
    editor = _editor(preset="circles")
    X, y = editor.data()
    X[:] = 0.0
    y[:] = 1
    assert not np.all(editor.X == 0.0) and not np.all(editor.y == 1)
    other = _editor(X=editor.X[:5], y=editor.y[:5])
    np.testing.assert_array_equal(other.X, editor.X[:5])
    with pytest.raises(ValueError, match="shape"):
        editor.set_points(np.zeros((3, 3)), [0, 1, 0])
    with pytest.raises(ValueError, match="one label per point"):
        editor.set_points(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        editor.set_points(np.zeros((2, 2)), [0, 2])
    with pytest.raises(ValueError, match="alpha"):
        _editor(alpha=-1.0)
    with pytest.raises(ValueError, match="outside the editor's window"):
        editor.set_points([[0.0, 0.0], [2.5, 0.0]], [0, 1])
    with pytest.raises(ValueError, match="outside the editor's window"):
        editor.set_points([[0.0, np.nan]], [0])
    with pytest.raises(ValueError, match=f"at most {MAX_POINTS} points"):
        editor.set_points(np.zeros((MAX_POINTS + 1, 2)), np.zeros(MAX_POINTS + 1, dtype=int))
    np.testing.assert_array_equal(editor.X, make_dataset("circles", 60)[0])  # each refusal changed nothing


# ----------------------------------------------------------------------------------------------------------------
# The editor: edge cases say so on the figure
# ----------------------------------------------------------------------------------------------------------------
EDGE_CASES = {
    "no points": ([], [], "No points yet"),
    "a single point": ([[0.3, -0.2]], [1], "One point is not enough"),
    "one class only": ([[0.3, -0.2], [1.0, 1.0], [-1.0, 0.5]], [0, 0, 0], "Only class 0 (blue ●) so far (3 points)"),
    "one class only, class 1": ([[0.3, -0.2], [1.0, 1.0]], [1, 1], "Add a point of class 0 (blue ●)"),
}


@pytest.mark.parametrize("case", EDGE_CASES)
def test_what_cannot_be_trained_shows_a_message_and_no_model(case):
    X, y, expected = EDGE_CASES[case]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning (e.g. a mean of nothing), no other warning
        editor = _editor(X=np.reshape(X, (-1, 2)), y=y)
        editor.figure.canvas.draw()
    figure = editor.training_figure
    assert editor.history is None and editor.accuracy is None
    assert figure.message.get_visible() and expected in figure.message.get_text()
    assert expected in editor.message and "no model yet" in editor.status.value
    np.testing.assert_array_equal(figure.panel.image.get_array(), 0.5)  # a blank surface
    assert len(figure.panel.boundary.get_xdata()) == 0 and len(figure.loss_line.get_xdata()) == 0
    for k, collection in enumerate(figure.panel.points):  # the points that are there are shown
        np.testing.assert_array_equal(collection.get_offsets(), np.reshape(X, (-1, 2))[np.asarray(y) == k])


def test_the_edge_cases_in_the_order_a_student_meets_them():
    editor = _editor()
    assert "No points yet" in editor.message
    _click(editor, 0.5, 0.5)
    assert "One point" in editor.message and "class 1" in editor.message
    _click(editor, -0.5, -0.5)
    assert "Only class 0" in editor.message
    editor.label.value = 1
    _click(editor, 1.0, -1.0)
    assert editor.message is None and not editor.training_figure.message.get_visible()
    assert editor.history is not None and editor.accuracy == 1.0
    _click(editor, 1.0, -1.0)  # a click on the class-1 point removes it again
    assert "Only class 0" in editor.message and editor.history is None


def test_identical_points_with_different_labels_train_with_a_warning():
    X = np.array([[0.5, 0.5], [0.5, 0.5], [-1.0, 0.0], [1.0, 0.2]])
    y = np.array([0, 1, 0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        editor = _editor(X=X, y=y)
    assert editor.history is not None
    assert "one place holds points of both classes" in editor.message
    assert editor.training_figure.message.get_visible()
    editor.set_points(X[:2], y[:2])  # nothing but the conflict: the model can only say p = 1/2
    np.testing.assert_allclose(editor.history.final_weights, 0.0, atol=1e-12)
    assert editor.accuracy == 0.5 and len(editor.training_figure.panel.boundary.get_xdata()) == 0
    editor.set_points(np.vstack([X, X]), np.r_[y, y])
    assert "one place" in editor.message  # still one place (with four points)
    editor.set_points(np.vstack([X, X + 0.1]), np.r_[y, y])
    assert "2 places hold" in editor.message


def test_a_training_failure_is_said_on_the_figure(monkeypatch):
    editor = _editor(preset="two blobs")

    def overflow(*args, **kwargs):
        raise FloatingPointError("The loss became inf at iteration 3")

    monkeypatch.setattr(logreg_core, "gradient_descent", overflow)
    _click(editor, 1.9, -1.9)
    assert editor.history is None and editor.message.startswith("Training failed:\nThe loss became inf")
    assert editor.training_figure.message.get_visible()


def test_random_clicking_never_raises_and_the_state_stays_consistent():
    rng = np.random.default_rng(0)
    editor = _editor()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for step in range(120):
            action = rng.random()
            if action < 0.03:
                editor.load_preset(PRESETS[rng.integers(len(PRESETS))])
            elif action < 0.05:
                editor.clear()
            elif action < 0.08:
                editor.degree.value = int(rng.integers(1, 5))
            elif action < 0.3 and len(editor.y):  # a click on an existing point
                _click(editor, *editor.X[rng.integers(len(editor.y))])
            else:
                editor.label.value = int(rng.integers(2))
                _click(editor, *rng.uniform(-2.2, 2.2, size=2), button=int(rng.choice([1, 1, 1, 3])),
                       dblclick=bool(rng.random() < 0.05), inaxes=str(rng.choice(["data"] * 9 + ["loss"])))
            X, y = editor.data()
            assert X.shape == (len(y), 2)
            trainable = len(y) >= 2 and len(set(y.tolist())) == 2
            assert (editor.history is not None) == trainable, f"step {step}"
            assert editor.training_figure.message.get_visible() == (editor.message is not None)


# ----------------------------------------------------------------------------------------------------------------
# The editor: re-training, and what is drawn
# ----------------------------------------------------------------------------------------------------------------
def test_every_change_retrains_with_gradient_descent_and_redraws():
    editor = _editor(preset="two blobs")
    editor.label.value = 1
    _click(editor, -0.8, -0.6)
    editor.label.value = 0
    _click(editor, 1.5, 1.8)
    X, y = editor.data()
    expected = _gradient_descent(X, y)
    np.testing.assert_array_equal(editor.history.weights, expected.weights)
    np.testing.assert_array_equal(editor.history.losses, expected.losses)
    figure, w = editor.training_figure, expected.final_weights
    image = logreg_core.predict_proba(figure.panel.grid_b, w).reshape(figure.panel.image.get_array().shape)
    np.testing.assert_array_equal(figure.panel.image.get_array(), image)
    np.testing.assert_array_equal(figure.panel.boundary.get_data(),
                                  boundary_segment(w, figure.panel.xlim, figure.panel.ylim))
    np.testing.assert_array_equal(figure.loss_line.get_ydata(), expected.losses)
    np.testing.assert_array_equal(figure.marker.get_data(), ([N_ITER], [expected.losses[-1]]))
    accuracy = np.mean(logreg_core.predict(logreg_core.add_intercept(X), w) == y)
    assert editor.accuracy == accuracy
    assert figure.ax_data.get_title().startswith(f"training accuracy {accuracy:.1%}")
    assert f"training accuracy {accuracy:.1%}" in editor.status.value
    for k in (0, 1):
        np.testing.assert_array_equal(figure.panel.points[k].get_offsets(), X[y == k])


def test_a_higher_degree_trains_on_scaled_polynomial_features():
    editor = _editor(preset="circles")
    assert editor.accuracy < 0.7  # a line fails on circles
    editor.degree.value = 2
    X, y = editor.data()
    features = polynomial_features(2).fit(X).transform
    expected = _gradient_descent(X, y, features)
    np.testing.assert_array_equal(editor.history.weights, expected.weights)
    assert editor.accuracy == 1.0 and "degree-2 polynomial features" in editor.status.value
    panel, w = editor.training_figure.panel, expected.final_weights
    z_grid = (logreg_core.add_intercept(features(panel.grid)) @ w).reshape(panel.shape)
    np.testing.assert_allclose(panel.image.get_array(), logreg_core.sigmoid(z_grid))
    _assert_boundary_is_the_zero_contour(panel, z_grid)
    editor.degree.value = 1
    np.testing.assert_array_equal(editor.history.weights, _gradient_descent(X, y).weights)


def test_alpha_is_passed_to_gradient_descent():
    editor = _editor(preset="moons", alpha=0.05)
    X, y = editor.data()
    np.testing.assert_array_equal(editor.history.weights, _gradient_descent(X, y, alpha=0.05).weights)


def test_updates_run_with_one_blas_thread_and_restore_the_setting(monkeypatch):
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]

    before = blas_threads()
    editor = _editor(preset="two blobs")
    seen = []
    descend = logreg_core.gradient_descent
    monkeypatch.setattr(logreg_core, "gradient_descent",
                        lambda *args, **kwargs: (seen.append(blas_threads()), descend(*args, **kwargs))[1])
    _click(editor, 1.9, -1.9)
    assert seen and all(threads == 1 for threads in seen[0]) and blas_threads() == before


def test_a_blitted_editor_frame_equals_a_full_redraw():
    editor = _editor(preset="two blobs")
    for action in [lambda: _click(editor, 0.2, 1.9), lambda: editor.clear(), lambda: _click(editor, 0.0, 0.0),
                   lambda: editor.load_preset("circles"), lambda: setattr(editor.degree, "value", 3)]:
        action()
        blitted = _pixels(editor.figure)
        editor.figure.canvas.draw()
        np.testing.assert_array_equal(blitted, _pixels(editor.figure))


def test_the_editor_says_what_it_shows_in_words():
    editor = _editor(preset="XOR")
    bundle = editor._repr_mimebundle_()
    assert bundle["image/png"]
    assert bundle["text/plain"].startswith("<DataEditor: 60 points (30 of class 0, 30 of class 1) · a straight")
    assert editor.status.value.startswith('<div role="status" aria-live="polite"><b>60 points</b>')


# ----------------------------------------------------------------------------------------------------------------
# Points in and out: save_csv and load_csv, the upload control, the download link
# ----------------------------------------------------------------------------------------------------------------
def _upload(editor, content, name="points.csv"):
    """What ipywidgets does when the browser sends a file through the FileUpload widget."""
    editor.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)},)


def _state(editor):
    return editor.X.tobytes(), editor.y.tobytes(), editor.history


@pytest.fixture(scope="module")
def xor_editor():
    """One editor for every bad file: none of them may change it."""
    return _editor(preset="XOR")


def test_save_then_load_gives_the_very_same_points_and_retrains(tmp_path):
    rng = np.random.default_rng(3)
    X = rng.uniform(-2, 2, size=(45, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    source = _editor(X=X, y=y)
    source.save_csv(tmp_path / "mine.csv")
    assert (tmp_path / "mine.csv").read_text(encoding="utf-8") == points_to_csv(X, y)
    target = _editor(preset="moons", degree=2)
    target.load_csv(tmp_path / "mine.csv")
    assert target.X.tobytes() == X.tobytes()  # exactly, to the last bit
    np.testing.assert_array_equal(target.y, y)
    expected = _gradient_descent(X, y, polynomial_features(2).fit(X).transform)
    np.testing.assert_array_equal(target.history.weights, expected.weights)
    assert target.status_text.startswith("loaded 45 points from mine.csv<br><b>45 points</b>")


def test_saving_no_points_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no points to save"):
        _editor().save_csv(tmp_path / "empty.csv")
    assert not (tmp_path / "empty.csv").exists()


@pytest.mark.parametrize("case", BAD_FILES)
def test_load_csv_refuses_a_bad_file_and_keeps_the_points(case, tmp_path, xor_editor):
    content, line, fragments = BAD_FILES[case]
    (tmp_path / "bad.csv").write_bytes(content)
    editor = xor_editor
    before, status = _state(editor), editor.status_text
    with pytest.raises(ValueError) as caught:
        editor.load_csv(tmp_path / "bad.csv")
    message = str(caught.value)
    assert message.startswith("bad.csv" + ("" if line is None else f", line {line}") + ": ")
    assert all(fragment in message for fragment in fragments), message
    assert _state(editor) == before and editor.status_text == status  # nothing changed, not even re-trained


def test_an_upload_replaces_the_points_and_the_control_is_ready_for_the_next_file():
    editor = _editor(preset="two blobs")
    X, y = make_dataset("circles", 40)
    content = points_to_csv(X, y).encode()
    _upload(editor, content, "rings.csv")
    assert editor.X.tobytes() == X.tobytes() and np.array_equal(editor.y, y)
    assert editor.status_text.startswith("loaded 40 points from rings.csv<br><b>40 points</b>")
    assert editor.upload.value == ()  # cleared: the same file can be chosen again
    editor.clear()
    _upload(editor, content, "rings.csv")
    assert len(editor.y) == 40
    editor.clear()
    assert not editor.status_text.startswith("loaded")  # the note leads the status line once


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_upload_is_said_in_the_status_line_and_changes_no_point(case, xor_editor):
    content, line, fragments = BAD_FILES[case]
    editor = xor_editor
    before = _state(editor)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _upload(editor, content, "upload.csv")  # never raises
    note, rest = editor.status_text.split("<br>", 1)
    assert note.startswith("⚠ <b>not loaded</b>, the points are unchanged: upload.csv")
    if line is not None:
        assert f"line {line}: " in note
    assert rest.startswith("<b>60 points</b> (30 of class 0, 30 of class 1)")
    assert all(fragment in note for fragment in fragments), note
    assert editor.X.tobytes() == before[0] and editor.y.tobytes() == before[1]
    assert editor.upload.value == ()


def test_an_upload_s_file_name_cannot_inject_html():
    editor = _editor()
    _upload(editor, b"x1,x2,label\n5,5,1\n", "<img src=x onerror=alert(1)>.csv")
    assert "<img" not in editor.status_text and "&lt;img" in editor.status_text


def test_the_download_link_holds_the_points_and_follows_every_change():
    editor = _editor(preset="moons")

    def downloaded():
        payload = re.search(r"base64,([A-Za-z0-9+/=]+)", editor.download.value).group(1)
        return base64.b64decode(payload).decode()

    assert downloaded() == points_to_csv(editor.X, editor.y)
    assert 'download="my_points.csv"' in editor.download.value and "60 points" in editor.download.value
    _click(editor, 1.9, 1.9)
    assert downloaded() == points_to_csv(editor.X, editor.y) and "61 points" in editor.download.value
    editor.clear()
    assert "nothing to download yet" in editor.download.value


def test_a_click_beyond_max_points_adds_nothing_and_says_why():
    X = np.random.default_rng(0).uniform(-1.9, 1.9, size=(MAX_POINTS, 2))
    editor = _editor(X=X, y=(X[:, 0] > 0).astype(int))
    before = _state(editor)[:2]
    _click(editor, -1.95, 1.95)
    assert _state(editor)[:2] == before
    assert editor.status_text.startswith(f"⚠ no point added: the editor holds at most {MAX_POINTS} points")
    _click(editor, *X[0])  # removing still works
    assert len(editor.y) == MAX_POINTS - 1


# ----------------------------------------------------------------------------------------------------------------
# The keyboard's way: the fields x1 and x2, "add point" and "remove last"
# ----------------------------------------------------------------------------------------------------------------
def _type_and_add(editor, x1, x2, label):
    """What the widgets do when a student types x1 and x2, chooses a class and presses "add point"."""
    editor.x1_field.value, editor.x2_field.value, editor.label.value = x1, x2, label
    editor.add_button.click()


def test_add_point_adds_the_typed_point_of_the_chosen_class_and_says_so():
    editor = _editor()
    _type_and_add(editor, 0.5, -1.25, 0)
    assert editor.status_text.startswith("added a point of class 0 (blue ●) at (0.5, -1.25)<br><b>1 point</b> "
                                         "(1 of class 0, 0 of class 1) · no model yet")
    _type_and_add(editor, -1.0, 1.5, 1)
    X, y = editor.data()
    np.testing.assert_array_equal(X, [[0.5, -1.25], [-1.0, 1.5]])
    np.testing.assert_array_equal(y, [0, 1])
    assert editor.status_text.startswith("added a point of class 1 (orange ■) at (-1, 1.5)<br><b>2 points</b> "
                                         "(1 of class 0, 1 of class 1)")
    assert "training accuracy" in editor.status_text
    np.testing.assert_array_equal(editor.history.weights, _gradient_descent(X, y).weights)  # re-trained, as a click
    editor.refresh()
    assert not editor.status_text.startswith("added")  # the note leads the status line once


def test_typed_points_are_the_points_the_same_clicks_would_add():
    typed, clicked = _editor(), _editor()
    for x1, x2, label in [(-1.2, 0.3, 0), (1.1, -0.4, 1), (0.2, 1.7, 1)]:
        _type_and_add(typed, x1, x2, label)
        clicked.label.value = label
        _click(clicked, x1, x2)
    assert typed.X.tobytes() == clicked.X.tobytes() and np.array_equal(typed.y, clicked.y)
    assert typed.history.weights.tobytes() == clicked.history.weights.tobytes()


def test_the_fields_stay_inside_the_window_and_start_at_its_centre():
    editor = _editor()
    (x_low, x_high), (y_low, y_high) = editor.window
    assert (editor.x1_field.min, editor.x1_field.max, editor.x2_field.min, editor.x2_field.max) == \
           (x_low, x_high, y_low, y_high)
    assert (editor.x1_field.value, editor.x2_field.value) == ((x_low + x_high) / 2, (y_low + y_high) / 2)
    editor.x1_field.value, editor.x2_field.value = x_high + 5, y_low - 5  # clamped, as the browser's field is
    editor.add_button.click()
    np.testing.assert_array_equal(editor.X, [[x_high, y_low]])


def test_remove_last_removes_the_point_added_last_and_says_which():
    editor = _editor(preset="moons")
    X, y = editor.data()
    editor.undo_button.click()
    assert editor.X.tobytes() == X[:-1].tobytes() and np.array_equal(editor.y, y[:-1])
    assert editor.status_text.startswith(f"removed the last point, of class {y[-1]} (")
    assert f"at ({X[-1, 0]:g}, {X[-1, 1]:g})<br><b>59 points</b>" in editor.status_text
    _type_and_add(editor, 1.5, 1.5, 0)
    editor.undo_button.click()  # undoes exactly the point just added
    assert editor.X.tobytes() == X[:-1].tobytes()
    assert editor.status_text.startswith("removed the last point, of class 0 (blue ●) at (1.5, 1.5)<br>")


def test_remove_last_with_no_points_changes_nothing_and_says_why():
    editor = _editor()
    editor.undo_button.click()
    assert len(editor.y) == 0 and editor.status_text.startswith("⚠ no point to remove<br><b>0 points</b>")


def test_add_point_beyond_max_points_adds_nothing_and_says_why():
    X = np.random.default_rng(0).uniform(-1.9, 1.9, size=(MAX_POINTS, 2))
    editor = _editor(X=X, y=(X[:, 0] > 0).astype(int))
    before = _state(editor)[:2]
    _type_and_add(editor, -1.95, 1.95, 1)
    assert _state(editor)[:2] == before
    assert editor.status_text.startswith(f"⚠ no point added: the editor holds at most {MAX_POINTS} points")


def test_the_keyboard_controls_sit_in_a_row_of_their_own_below_the_class_toggle():
    editor = _editor()
    rows = [list(box.children) for box in editor.widget.children[:-1]]  # the rows of controls (Agg: no canvas)
    (classes,) = [row for row in rows if editor.label in row]
    (typed,) = [row for row in rows if editor.add_button in row]
    assert rows.index(typed) == rows.index(classes) + 1
    assert typed[1:] == [editor.x1_field, editor.x2_field, editor.add_button, editor.undo_button]
    assert [editor.x1_field.description, editor.x2_field.description] == ["x1", "x2"]
    assert editor.widget.children[-1] is editor.status
