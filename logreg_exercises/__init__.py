"""Check functions for the exercises of the series.

Each notebook's exercises have a module here (``logreg_exercises.nb01`` for notebook 01, ...). A check takes the
student's function, tries it on cases whose answers come from ``logreg_core``, and prints one friendly line:
what is right, or the first thing that is wrong (wrong shape, wrong value at z = 0, overflow at large z, ...).
It also returns a ``CheckResult``, true when the answer is right, so the tests can prove that reference solutions
pass and typical mistakes fail; in a notebook it displays nothing beyond its one line (no stray ``True``).
A stub that still raises NotImplementedError is reported as "not done yet", not as a crash.
"""

import warnings


class CheckResult:
    """The outcome of a check: truthy when the answer is right; ``message`` is the line that was printed."""

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return f"CheckResult(passed={self.passed}, message={self.message!r})"

    def _ipython_display_(self):
        """Show nothing: the check already printed its line, and a notebook should not add ``Out: True``."""


def run_check(exercise, student_function, cases):
    """Run ``cases`` (a list of ``(description, test)``, each test returning None if fine or a problem
    string) against ``student_function``; print one line and return a ``CheckResult``."""
    for description, test in cases:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an overflow warning is a failure, not noise
                problem = test(student_function)
        except NotImplementedError:
            return _report(False, f"⏳ {exercise}: not done yet. Replace `raise NotImplementedError` with your code.")
        except Exception as error:  # noqa: BLE001 - any crash of the student's code is reported, not raised
            problem = f"{type(error).__name__}: {error}"
        if problem:
            return _report(False, f"❌ {exercise}: {description}: {problem}")
    return _report(True, f"✅ {exercise}: correct. Well done!")


def _report(passed, message):
    print(message)
    return CheckResult(passed, message)
