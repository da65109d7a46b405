"""``logreg_viz.link``: a presented lesson's link sets the starting values of its live views, or says why not."""

import ipywidgets as widgets
import numpy as np
import pytest

from logreg_data import SEPARABLE_CLUSTERS
from logreg_viz.link import apply_link, link_parameters
from logreg_viz.training import TrainingView


def test_link_parameters_come_from_voilas_query_string(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "learning_rate=10&n_iter=300&voila-token=x")
    assert link_parameters() == {"learning_rate": "10", "n_iter": "300", "voila-token": "x"}
    monkeypatch.delenv("QUERY_STRING")
    assert link_parameters() == {}
    assert link_parameters("?a=1&a=2") == {"a": "2"}


def _controls():
    return {"rate": widgets.FloatLogSlider(value=0.3, base=10, min=-3, max=2, step=0.05),
            "steps": widgets.IntSlider(value=750, min=10, max=3000, step=10),
            "kind": widgets.ToggleButtons(options=["line", "curve"], value="line")}


def test_a_good_link_sets_each_control_to_its_nearest_position_and_says_so():
    controls = _controls()
    note = apply_link(controls, {"rate": "10", "steps": "304", "kind": "curve", "other": "x"})
    assert controls["rate"].value == pytest.approx(10.0) and controls["steps"].value == 300
    assert controls["kind"].value == "curve"
    assert note == ("Opened from the link at rate = 10, steps = 300 (the slider's nearest step to 304), "
                    "kind = curve.")
    assert apply_link(_controls(), {"other": "x"}) == ""


@pytest.mark.parametrize(("parameters", "problem"), [
    ({"rate": "ten"}, "rate='ten' is not a number, so rate opens at its default, 0.3"),
    ({"rate": "inf"}, "rate='inf' is not a finite number"),
    ({"rate": "1e9"}, "rate='1e9' is outside the slider's range, 0.001 to 100"),
    ({"steps": "2.5"}, "steps='2.5' is not a whole number, so steps opens at its default, 750"),
    ({"steps": "-4"}, "steps='-4' is outside the slider's range, 10 to 3000"),
    ({"kind": "wavy"}, "kind='wavy' is not one of line, curve"),
])
def test_a_malformed_or_out_of_range_value_keeps_the_default_and_says_why(parameters, problem):
    controls = _controls()
    before = {name: control.value for name, control in controls.items()}
    note = apply_link(controls, parameters)
    assert {name: control.value for name, control in controls.items()} == before
    assert note.startswith("The link's ") and problem in note


def test_a_presented_training_view_opens_at_the_links_learning_rate(monkeypatch):
    X, y = SEPARABLE_CLUSTERS.sample()
    monkeypatch.setenv("QUERY_STRING", "learning_rate=10&n_iter=abc")
    view = TrainingView(X, y, np.zeros(3), learning_rate=0.2835, n_iter=750, interactive=False)
    assert view.controls["learning_rate"].value == pytest.approx(10.0, rel=0.07)  # the nearest slider position
    assert view.history.n_steps == 750
    assert view.status_text.startswith("Opened from the link at learning_rate = 10")
    assert "n_iter='abc' is not a whole number, so n_iter opens at its default, 750" in view.status_text
    view.set(n_iter=100)  # the next move says what the view shows, not the link any more
    assert "link" not in view.status_text
