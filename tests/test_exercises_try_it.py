"""The helpers that let a notebook run on the student's own code: ``try_it`` (a "Try it" cell: a stub says "not
done yet" instead of failing), ``yours_or`` (later cells use the student's function, or the core's while it is a
stub), and checks that raise under nbgrader's autograder instead of printing."""

import doctest

import numpy as np
import pytest

import logreg_core
import logreg_exercises
from logreg_exercises import run_check, try_it, yours_or


def stub(x):
    raise NotImplementedError("stub: replace this line with your code")


def finished(x):
    return 2 * x


def test_a_stub_prints_one_not_done_yet_line_and_the_cell_goes_on(capsys):
    reached = []
    with try_it(stub):
        print("before")
        reached.append(stub(1))
        print("after")  # never reached: the rest of the body is skipped
    assert reached == []
    assert capsys.readouterr().out.splitlines() == [
        "before", "⏳ stub: not done yet, so there is nothing to try. Finish it above, then run this cell again."]


def test_a_finished_exercise_runs_unchanged(capsys):
    with try_it(finished):
        result = finished(21)
        print(f"result {result}")
    assert result == 42
    assert capsys.readouterr().out == "result 42\n"


def test_a_name_can_stand_for_the_function(capsys):
    with try_it("Exercise 2, gradient descent"):
        stub(0)
    assert capsys.readouterr().out.startswith("⏳ Exercise 2, gradient descent: not done yet")


@pytest.mark.parametrize("error", [ValueError("a bug in the student's code"), ZeroDivisionError("division by 0")])
def test_other_errors_are_raised(error, capsys):
    def buggy(x):
        raise error

    with pytest.raises(type(error), match=str(error)), try_it(buggy):
        buggy(1)
    assert capsys.readouterr().out == ""


def test_docstring_example():
    result = doctest.testmod(logreg_exercises, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_yours_or_uses_the_students_function_once_it_is_written(capsys):
    def my_sigmoid(z):
        return 1 / (1 + np.exp(-z))

    sigmoid = yours_or(my_sigmoid, logreg_core.sigmoid)
    assert sigmoid.__name__ == "my_sigmoid"
    assert sigmoid(0.0) == 0.5 and capsys.readouterr().out == ""


def test_yours_or_falls_back_to_the_core_while_it_is_a_stub_and_says_so_once(capsys):
    def my_sigmoid(z):
        raise NotImplementedError("my_sigmoid: replace this line with your code")

    sigmoid = yours_or(my_sigmoid, logreg_core.sigmoid)
    assert [sigmoid(z) for z in (0.0, 1.0, -2.0)] == [logreg_core.sigmoid(z) for z in (0.0, 1.0, -2.0)]
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["⏳ my_sigmoid is not written yet, so this cell uses core.sigmoid instead. Finish it above, "
                     "then run this cell again."]


def test_yours_or_lets_any_other_error_of_the_student_through():
    def my_sigmoid(z):
        return z / 0

    with pytest.raises(ZeroDivisionError):
        yours_or(my_sigmoid, logreg_core.sigmoid)(1.0)


def test_under_nbgrader_a_failed_check_raises_with_its_line_and_a_passed_one_prints(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match=r"^❌ demo: the case: it is wrong$"):
        run_check("demo", lambda: None, [("the case", lambda f: "it is wrong")])
    with pytest.raises(AssertionError, match=r"^⏳ demo: not done yet"):
        run_check("demo", _stub, [("the case", lambda f: f())])
    assert run_check("demo", lambda: None, [("the case", lambda f: None)])
    assert capsys.readouterr().out == "✅ demo: correct. Well done!\n"


def _stub():
    raise NotImplementedError
