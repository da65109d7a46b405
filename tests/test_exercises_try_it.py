"""``logreg_exercises.try_it``, the guard of the "Try it" cells: a stub says "not done yet" instead of failing;
a finished exercise runs as if the guard were not there; any other error is raised."""

import doctest

import pytest

import logreg_exercises
from logreg_exercises import try_it


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
