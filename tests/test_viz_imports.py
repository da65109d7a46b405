"""Importing any module of logreg_viz changes no global matplotlib state: no rcParams, not pyplot's backend.

A notebook imports these modules at its top; a changed default would silently restyle every later figure of the
notebook, and a switched backend (importing ipympl does that) would turn its still figures into widgets. Each
module is imported in a fresh interpreter, started in an empty folder so that nothing can depend on the working
directory.
"""

import pkgutil
import subprocess
import sys

import pytest

import logreg_viz

MODULES = ["logreg_viz", *sorted(f"logreg_viz.{m.name}" for m in pkgutil.iter_modules(logreg_viz.__path__))]

CHECK = """
import matplotlib

matplotlib.use("agg")
before = dict(matplotlib.rcParams)
import {module}

changed = sorted(key for key, value in before.items() if matplotlib.rcParams[key] != value)
assert not changed, f"importing {module} changed rcParams {{changed}}"
backend = matplotlib.get_backend()
assert backend.lower() == "agg", f"importing {module} switched the backend to {{backend}}"
"""


def test_every_module_is_covered():
    assert {"logreg_viz.basics", "logreg_viz.descent", "logreg_viz.threshold", "logreg_viz.multiclass",
            "logreg_viz.training", "logreg_viz._display"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_importing_changes_no_matplotlib_setting(module, tmp_path):
    result = subprocess.run([sys.executable, "-c", CHECK.format(module=module)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
