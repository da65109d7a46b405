"""Importing any module of logreg_viz changes no global matplotlib state, a live view does not either, and the
exercise checks import neither matplotlib nor ipywidgets.

A notebook imports these modules at its top; a changed default would silently restyle every later figure of the
notebook, and a switched backend (importing ipympl does that) would turn its still figures into widgets. Each
module is imported in one fresh interpreter, started in an empty folder so that nothing can depend on the working
directory, one after the other, with the settings compared after each import: a change is caught at the first
module whose import makes it (one interpreter instead of one per module saves a minute of CPU).
"""

import json
import pkgutil
import subprocess
import sys

import pytest

import logreg_exercises
import logreg_viz

MODULES = ["logreg_viz", *sorted(f"logreg_viz.{m.name}" for m in pkgutil.iter_modules(logreg_viz.__path__))]
EXERCISES = ["logreg_exercises",
             *sorted(f"logreg_exercises.{m.name}" for m in pkgutil.iter_modules(logreg_exercises.__path__))]

CHECK = """
import importlib, json, sys
import matplotlib

matplotlib.use("agg")
before = dict(matplotlib.rcParams)
problems = {{}}
for module in {modules!r}:
    importlib.import_module(module)
    changed = sorted(key for key, value in before.items() if matplotlib.rcParams[key] != value)
    backend = matplotlib.get_backend()
    problems[module] = ([f"importing {{module}} changed rcParams {{changed}}"] if changed else []) + (
        [f"importing {{module}} switched the backend to {{backend}}"] if backend.lower() != "agg" else [])
    matplotlib.rcParams.update(before)  # what the next module finds is the untouched state
    matplotlib.use("agg")
json.dump(problems, sys.stdout)
"""


def _run(code, cwd):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def import_problems(tmp_path_factory):
    """What importing each module of logreg_viz changed, from one fresh interpreter."""
    return json.loads(_run(CHECK.format(modules=MODULES), tmp_path_factory.mktemp("imports")))


def test_every_module_is_covered():
    assert {"logreg_viz.sigmoid", "logreg_viz.cross_entropy", "logreg_viz.descent", "logreg_viz.threshold",
            "logreg_viz.multiclass", "logreg_viz.training", "logreg_viz.live", "logreg_viz._ipympl"} <= set(MODULES)
    assert {"logreg_exercises.sigmoid", "logreg_exercises.overfitting"} <= set(EXERCISES)


@pytest.mark.parametrize("module", MODULES)
def test_importing_changes_no_matplotlib_setting(module, import_problems):
    assert import_problems[module] == []


# ipympl 0.10's figure manager builds its Toolbar with an argument that traitlets deprecates (ipympl's, not ours).
LIVE_VIEW = """
import warnings
warnings.filterwarnings("ignore", "Passing unrecognized arguments to super")
import matplotlib; matplotlib.use("agg"); before = dict(matplotlib.rcParams)
import matplotlib.pyplot as plt
import numpy as np
from types import SimpleNamespace
from logreg_data import SEPARABLE_CLUSTERS
from logreg_viz.draw import DataEditor
from logreg_viz.training import TrainingView

X, y = SEPARABLE_CLUSTERS.sample()
view = TrainingView(X, y, np.zeros(3), 0.1, 20, interactive=True)
editor = DataEditor(preset="XOR", interactive=True)
for live in (view, editor):
    assert type(live.figure.canvas).__name__ == "Canvas", type(live.figure.canvas)
    assert live.figure.canvas in live.widget.children
editor.on_click(SimpleNamespace(inaxes=editor.training_figure.ax_data, xdata=0.0, ydata=1.9, button=1))
assert len(editor.y) == 61
assert matplotlib.get_backend().lower() == "agg", matplotlib.get_backend()
assert dict(matplotlib.rcParams) == before
assert type(plt.figure().canvas).__name__ == "FigureCanvasAgg"
assert plt.get_fignums() == [1], "a live view is not a pyplot figure"
"""


def test_a_live_view_keeps_the_backend_and_is_no_pyplot_figure(tmp_path):
    """Importing ipympl switches pyplot's backend; a live view must not (a notebook's still figures stay PNGs)."""
    _run(LIVE_VIEW, tmp_path)


EXERCISES_ALONE = """
import importlib, sys
for module in {modules!r}:
    importlib.import_module(module)
loaded = sorted(name for name in ("matplotlib", "ipywidgets", "ipympl", "logreg_viz") if name in sys.modules)
assert not loaded, f"importing the exercise checks imported {{loaded}}"
"""


def test_the_exercise_checks_import_neither_matplotlib_nor_ipywidgets(tmp_path):
    """A student's check runs without the figure layer: data and models come from logreg_data, never logreg_viz."""
    _run(EXERCISES_ALONE.format(modules=EXERCISES), tmp_path)
