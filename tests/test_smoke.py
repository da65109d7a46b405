import numpy as np

import logreg_core


def test_core_imports_without_matplotlib():
    import subprocess
    import sys

    code = "import sys, logreg_core; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_sigmoid_at_zero_is_one_half():
    assert logreg_core.sigmoid(0.0) == 0.5
    assert np.all(logreg_core.sigmoid(np.array([-1e308, 1e308])) == [0.0, 1.0])
