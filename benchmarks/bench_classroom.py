"""How many students can one machine serve? N students on one hub, each moving the training view's slider.

Run it with ``.venv/bin/python benchmarks/bench_classroom.py`` (about 10 minutes for N = 1, 5, 10, 20; ``--students
1 5`` and ``--seconds 20`` for a quick look). It prints a markdown table for the README's teacher's guide.

For each class size N it starts N real Jupyter kernels on this machine, as N students on one JupyterHub would have,
in parallel:

1. each student opens the training-view lesson (the first notebook that shows a ``TrainingView``) and runs it
   top to bottom, cell by cell, as Run All does;
2. then, for ``--seconds`` (a minute), moves the learning-rate slider every ``--interval`` seconds (2), each
   student at a random offset. A move is sent as a browser sends it: a widget ``update`` message on the slider's
   comm, with a value from the slider's own grid. Its time runs from sending the message to the kernel going
   idle after the re-training and the redraw (the new picture is on its way to the browser by then).

It reports, per N: the resident memory of each kernel (median and maximum, after the moves), the median and 95th
percentile time of a move, the moves that took longer than the interval (the student would see lag pile up),
and any error: an error or a message on stderr from a kernel, or a move that never finished.

Every kernel is stopped at the end, also after Ctrl+C or a failure: each runs in its own process group, which is
killed, so no process is left behind.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
from jupyter_client import KernelManager

ROOT = Path(__file__).resolve().parents[1]
SLIDER = "learning rate"  # the description of the training view's learning-rate slider
TIMEOUT = 120  # s for one cell or one move


def lesson_with_training_view():
    """The first notebook of the series whose code shows a ``TrainingView``."""
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        if any(cell.cell_type == "code" and "TrainingView(" in cell.source for cell in notebook.cells):
            return path, notebook
    raise SystemExit("no notebook in notebooks/ shows a TrainingView")


class Student:
    """One kernel, one client, and what the student saw."""

    def __init__(self, name, notebook_path):
        self.name = name
        self.notebook_path = notebook_path
        self.manager = KernelManager(kernel_name="python3")
        self.client = None
        self.errors = []
        self.move_times = []
        self.widgets = {}  # model id -> state, from the kernel's comm_open messages

    def start(self):
        # Its own process group: stop() kills the kernel and anything it started, whatever happens.
        self.manager.start_kernel(cwd=str(self.notebook_path.parent), start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = self.manager.blocking_client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=TIMEOUT)

    def stop(self):
        try:
            if self.client is not None:
                self.client.stop_channels()
            pid = self.manager.provisioner.pid if self.manager.has_kernel else None
            if pid:
                os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, AttributeError):
            pass
        finally:
            try:
                self.manager.cleanup_resources()
            except Exception:  # noqa: BLE001 - best effort: the process group is already gone
                pass

    def _until_idle(self, msg_id):
        """Read iopub until the kernel is idle after ``msg_id``; note comm_opens, errors and stderr."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                message = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            kind, content = message["msg_type"], message["content"]
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.widgets[content["comm_id"]] = content["data"]["state"]
            elif kind == "error":
                self.errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "stream" and content["name"] == "stderr" and "TCP without encryption" not in content["text"]:
                self.errors.append(f"stderr: {content['text'].strip()[:200]}")
            if (kind == "status" and content["execution_state"] == "idle"
                    and message["parent_header"].get("msg_id") == msg_id):
                return True
        self.errors.append(f"no answer within {TIMEOUT} s")
        return False

    def run_all(self):
        notebook = nbformat.read(self.notebook_path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                self._until_idle(self.client.execute(cell.source, store_history=True))

    def slider(self):
        """The comm id and state of the learning-rate slider, as the kernel announced it to the browser."""
        for model_id, state in self.widgets.items():
            if state.get("description") == SLIDER and state.get("_model_name") == "FloatLogSliderModel":
                return model_id, state
        raise RuntimeError(f"{self.name}: no slider described {SLIDER!r} among {len(self.widgets)} widgets")

    def move(self, model_id, value):
        """Send the slider's new value as the browser does; return the seconds until the kernel is idle again."""
        data = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        message = self.client.session.msg("comm_msg", {"comm_id": model_id, "data": data})
        start = time.perf_counter()
        self.client.shell_channel.send(message)
        finished = self._until_idle(message["header"]["msg_id"])
        return time.perf_counter() - start if finished else None


def slider_values(state):
    """Eight values on the log slider's own grid around where it starts (a browser only sends grid values)."""
    exponent = math.log(state["value"], state["base"])
    start = round((exponent - state["min"]) / state["step"])
    top = round((state["max"] - state["min"]) / state["step"])
    positions = [min(max(start + offset, 0), top) for offset in (-6, -3, 3, 6, 9, -9, 1, -1)]
    return [state["base"] ** (state["min"] + state["step"] * position) for position in positions]


def one_student(student, seconds, interval, start_barrier, rng):
    try:
        student.start()
        student.run_all()
        model_id, state = student.slider()
        values = slider_values(state)
    except Exception as error:  # noqa: BLE001 - reported in the table, the others go on
        student.errors.append(f"{type(error).__name__}: {error}")
        start_barrier.wait()
        return
    start_barrier.wait()  # every student has run the notebook: the moves start together
    time.sleep(rng.uniform(0, interval))
    end = time.monotonic() + seconds
    k = 0
    while time.monotonic() < end:
        tick = time.monotonic()
        elapsed = student.move(model_id, values[k % len(values)])
        if elapsed is None:
            student.errors.append("a move never finished")
        else:
            student.move_times.append(elapsed)
        k += 1
        time.sleep(max(0.0, interval - (time.monotonic() - tick)))


def measure(n_students, notebook_path, seconds, interval, seed=0):
    rng = random.Random(seed)
    students = [Student(f"student {i + 1}", notebook_path) for i in range(n_students)]
    barrier = threading.Barrier(n_students)
    threads = [threading.Thread(target=one_student, args=(s, seconds, interval, barrier, random.Random(rng.random())))
               for s in students]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        memory = []
        for student in students:
            try:
                memory.append(psutil.Process(student.manager.provisioner.pid).memory_info().rss / 2**20)
            except (psutil.Error, AttributeError):
                student.errors.append("the kernel was gone before its memory was read")
    finally:
        for student in students:
            student.stop()
    times = sorted(t for s in students for t in s.move_times)
    errors = [f"{s.name}: {e}" for s in students for e in s.errors]
    return {
        "students": n_students,
        "memory_median": statistics.median(memory) if memory else float("nan"),
        "memory_max": max(memory) if memory else float("nan"),
        "moves": len(times),
        "move_median": statistics.median(times) if times else float("nan"),
        "move_p95": times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan"),
        "late": sum(t > interval for t in times),
        "errors": errors,
    }


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each student moves the slider")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between one student's moves")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    notebook_path, _ = lesson_with_training_view()

    # Ctrl+C or a kill still stops every kernel: KeyboardInterrupt unwinds through measure()'s finally.
    signal.signal(signal.SIGTERM, _interrupt)
    cpu = psutil.cpu_count(logical=True)
    memory_total = psutil.virtual_memory().total / 2**30
    print(f"# Classroom benchmark: {notebook_path.name}, learning-rate slider moved every {args.interval:g} s "
          f"for {args.seconds:g} s by each student\n")
    print(f"Machine: {cpu} logical CPUs, {memory_total:.1f} GiB; Python {sys.version.split()[0]}\n")
    print("| students | memory per kernel, median | max | moves | time of a move, median | p95 | slower than "
          f"{args.interval:g} s | errors |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    results = []
    for n in args.students:
        result = measure(n, notebook_path, args.seconds, args.interval)
        results.append(result)
        print(f"| {n} | {result['memory_median']:.0f} MiB | {result['memory_max']:.0f} MiB | {result['moves']} | "
              f"{1000 * result['move_median']:.0f} ms | {1000 * result['move_p95']:.0f} ms | {result['late']} | "
              f"{len(result['errors']) or 'none'} |", flush=True)
    for result in results:
        for error in result["errors"][:5]:
            print(f"- N = {result['students']}: {error}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
