"""Shared set-up of the test suite: matplotlib's Agg backend, no figure left open after a test, and the course's
grading pipeline (``tests/grading.py``) started in the background as soon as a run that includes it begins.

The backend is chosen here, before any test module imports pyplot: the figures of the series are then drawn on
Agg (no window, no widget), and a live view made in a test draws on Agg too (``LiveView``'s rule: ipympl only
inside an IPython kernel).
"""

import os

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure a test made (live views and still figures are not pyplot's: they need no close)."""
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------------------------
# The course's grading pipeline, started at once in the background (see tests/grading.py)
# --------------------------------------------------------------------------------------------------------------
_grading = {}


def _will_grade(config):
    """Whether this run includes the pipeline test: no paths given (the configured testpaths), or a given path
    that holds tests/test_nbgrader_pipeline.py."""
    import importlib.util
    from pathlib import Path

    from grading import GRADING_COURSE

    if importlib.util.find_spec("nbgrader") is None or os.environ.get(GRADING_COURSE):
        return False
    tests = Path(__file__).resolve().parent
    module = tests / "test_nbgrader_pipeline.py"
    arguments = [Path(argument.split("::")[0]).resolve() for argument in config.args]
    return any(argument == module or argument in module.parents for argument in arguments)


#: How much less the test workers (and the kernels, servers and browsers they start) ask of the CPU than the
#: grading pipeline while it runs: it is the run's longest job, and the pipeline's tests wait for it at the end.
#: (The pipeline runs in a process group of its own, to be stopped with its kernels, but in the run's session:
#: Linux shares the CPU equally between sessions before niceness counts.)
WORKER_NICENESS = 5


def pytest_configure(config):
    """In the main process (not in an xdist worker), start the grading pipeline in the background; in a worker of
    a run that grades, step back for it (``WORKER_NICENESS``)."""
    from grading import GRADING_COURSE

    if hasattr(config, "workerinput"):
        if os.environ.get(GRADING_COURSE) and hasattr(os, "nice"):
            os.nice(WORKER_NICENESS)
        return
    if not _will_grade(config):
        return
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    course = Path(tempfile.mkdtemp(prefix="logreg-course-"))
    log = open(course / "pipeline.log", "w")  # noqa: SIM115 - closed in pytest_unconfigure
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("grading.py")), str(course)],
                               stdout=log, stderr=subprocess.STDOUT, process_group=0)
    os.environ[GRADING_COURSE] = str(course)
    _grading.update(process=process, log=log, course=course)


def pytest_unconfigure(config):
    """Stop the pipeline if it is still running (an interrupted run), and remove its course folder."""
    if not _grading:
        return
    import shutil
    import signal

    process = _grading["process"]
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)  # it and the kernels it started
        process.wait()
    _grading["log"].close()
    shutil.rmtree(_grading["course"], ignore_errors=True)
    os.environ.pop("LOGREG_GRADING_COURSE", None)


def pytest_collection_modifyitems(config, items):
    """The pipeline's tests run last: they wait for the background pipeline, and a worker that reached them first
    would sit idle while the other worker ran everything else (xdist hands out tests in this order)."""
    items.sort(key=lambda item: item.path.name == "test_nbgrader_pipeline.py")  # a stable sort: order kept
