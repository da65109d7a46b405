"""``make lab`` serves the folder that holds both ``notebooks/`` and ``figures/``, asks no first-run question, and
``PROJECTOR=1`` turns projector mode on (for ``make present`` too).

Notebooks 04 and 05 show their animations with ``../figures/...`` links. A Jupyter server rooted at ``notebooks/``
refuses to serve anything outside its root, so the animations would be broken images in the very command the
README gives first. The browser tests (tests/browser) serve the same layout, a folder with both inside.
"""

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_make_lab_serves_this_folder_and_opens_on_the_notebooks():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    commands = subprocess.run(["make", "--dry-run", "lab"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout
    lab = [shlex.split(line) for line in commands.splitlines() if "jupyter lab" in line]
    assert lab, commands
    arguments = lab[-1][lab[-1].index("lab") + 1:]
    positional = [argument for argument in arguments if not argument.startswith("-")]
    assert positional == [], f"a folder given to jupyter lab becomes the server's root: {positional}"
    assert "--LabApp.default_url=/lab/tree/notebooks" in arguments
    assert (ROOT / "figures").is_dir() and (ROOT / "notebooks").is_dir()


def _lab_arguments(*make_arguments):
    commands = subprocess.run(["make", "--dry-run", "lab", *make_arguments], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout
    return shlex.split([line for line in commands.splitlines() if "jupyter lab" in line][-1])


def test_make_lab_opens_without_a_first_run_prompt():
    """No question about JupyterLab's news in front of the class: the settings folder ``make lab`` gives JupyterLab
    makes "never" the default of both notification settings, and the server fetches neither news nor updates. (The
    browser test ``test_projector_and_dark.py`` opens JupyterLab with this command and finds no pop-up.)"""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    arguments = _lab_arguments()
    assert "--LabApp.news_url=None" in arguments
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in arguments
    settings = [argument.split("=", 1)[1] for argument in arguments
                if argument.startswith("--LabApp.app_settings_dir=")]
    assert settings == [str(ROOT / "lab-settings")], arguments
    overrides = json.loads((ROOT / "lab-settings" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                         "checkForUpdates": False}


@pytest.mark.parametrize(("flag", "projector"), [((), False), (("PROJECTOR=1",), True), (("PROJECTOR=0",), False)])
def test_make_lab_and_present_turn_projector_mode_on_with_projector_1(flag, projector):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    assert ("LOGREG_PROJECTOR=1" in _lab_arguments(*flag)) == projector
    present = subprocess.run(["make", "--dry-run", "present", "NB=05", *flag], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert ("LOGREG_PROJECTOR=1 " in present) == projector
