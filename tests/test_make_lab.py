"""``make lab`` serves the folder that holds both ``notebooks/`` and ``figures/``.

Notebooks 04 and 05 show their animations with ``../figures/...`` links. A Jupyter server rooted at ``notebooks/``
refuses to serve anything outside its root, so the animations would be broken images in the very command the
README gives first. The browser tests (tests/browser) serve the same layout, a folder with both inside.
"""

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
