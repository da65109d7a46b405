"""Check functions for the exercises of the series.

Each notebook's exercises have a module here (``logreg_exercises.nb01`` for notebook 01, ...). A check takes the
student's function, tries it on cases whose answers come from ``logreg_core``, and prints one friendly line:
what is right, or the first thing that is wrong (wrong shape, wrong value at z = 0, overflow at large z, ...).
It also returns True or False, so the tests can prove that reference solutions pass and typical mistakes fail.
A stub that still raises NotImplementedError is reported as "not done yet", not as a crash.
"""

import warnings


def run_check(exercise, student_function, cases):
    """Run ``cases`` (a list of ``(description, test)``, each test returning None if fine or a problem
    string) against ``student_function``; print one line and return whether all passed."""
    for description, test in cases:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an overflow warning is a failure, not noise
                problem = test(student_function)
        except NotImplementedError:
            print(f"⏳ {exercise}: not done yet. Replace `raise NotImplementedError` with your code.")
            return False
        except Exception as error:  # noqa: BLE001 - any crash of the student's code is reported, not raised
            problem = f"{type(error).__name__}: {error}"
        if problem:
            print(f"❌ {exercise}: {description}: {problem}")
            return False
    print(f"✅ {exercise}: correct. Well done!")
    return True
