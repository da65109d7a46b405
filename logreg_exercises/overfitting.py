"""Checks for the exercise of notebook 13 (overfitting, and the L2 cure).

``check_choose_alpha(choose_alpha)``  3 points: the L2 strength chosen on validation data

The check takes ``hidden=False``; ``hidden=True`` (the autograder's hidden tests) runs other samples, another degree
and another list of alphas, and prints nothing when they pass. The right answer comes from fitting
``logreg_data.polynomial_model``, the model of the notebook. A wrong answer is compared with the usual mistakes
(choosing by training accuracy, returning an accuracy or a position, changing the list, ...) and the check names
the one it recognises.

``reference_choose_alpha`` is what the notebook's later cells use while the exercise is still a stub
(``logreg_exercises.yours_or``).
"""

import functools
import numbers

import numpy as np

from logreg_data import make_dataset, polynomial_model
from logreg_exercises._hidden import check

__all__ = ["check_choose_alpha", "reference_choose_alpha"]

ALPHAS_TO_TRY = (0.0, 0.001, 0.01, 0.1, 1.0)


def reference_choose_alpha(X_train, y_train, X_val, y_val, degree, alphas):
    """The alpha of ``alphas`` whose ``polynomial_model(degree, alpha)``, fitted on the training points, is most
    accurate on the validation points (the first of them if several tie)."""
    accuracies = [polynomial_model(degree, alpha).fit(X_train, y_train).score(X_val, y_val) for alpha in alphas]
    return alphas[int(np.argmax(accuracies))]


def _sample(train_seed, validation_seed):
    return (*make_dataset("circles", 30, noise=0.25, random_state=train_seed),
            *make_dataset("circles", 200, noise=0.25, random_state=validation_seed))


@functools.cache  # the check's own fits, once per case (the student's function fits its own)
def _accuracies(train_seed, validation_seed, degree, alphas):
    """Training and validation accuracy of ``polynomial_model(degree, alpha)`` for each alpha: two tuples."""
    X_train, y_train, X_val, y_val = _sample(train_seed, validation_seed)
    models = [polynomial_model(degree, alpha).fit(X_train, y_train) for alpha in alphas]
    return (tuple(model.score(X_train, y_train) for model in models),
            tuple(model.score(X_val, y_val) for model in models))


def _choose_alpha_case(train_seed, validation_seed, degree, alphas_to_try=ALPHAS_TO_TRY):
    X_train, y_train, X_val, y_val = _sample(train_seed, validation_seed)
    where = f"degree {degree}, 30 training points (seed {train_seed}), 200 validation points"

    def test(student_choose_alpha):
        alphas = list(alphas_to_try)
        got = student_choose_alpha(X_train.copy(), y_train.copy(), X_val.copy(), y_val.copy(), degree, alphas)
        if alphas != list(alphas_to_try):
            return "it changed the list alphas; leave the inputs as they are"
        training, validation = _accuracies(train_seed, validation_seed, degree, tuple(alphas_to_try))
        expected = alphas_to_try[int(np.argmax(validation))]
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            return f"return one of the alphas (a number), not {got!r} ({where})"
        if got == expected:
            return None
        if got == alphas_to_try[int(np.argmax(training))]:
            return (f"it chose α = {got}, the best on the training points; choose by validation accuracy, which "
                    f"gives α = {expected} ({where})")
        if got not in alphas_to_try and (got in validation or got in training):
            return f"it returns an accuracy ({got}); return the α that reaches the best one ({where})"
        if isinstance(got, numbers.Integral) and got not in alphas_to_try and 0 < got < len(alphas_to_try):
            return f"it returns the position {got} in alphas; return the value alphas[{got}] itself ({where})"
        scores = ", ".join(f"α = {a:g}: {v:.1%}" for a, v in zip(alphas_to_try, validation))
        return f"expected α = {expected}, got {got!r} ({where}); validation accuracies {scores}"

    return test


def check_choose_alpha(student_choose_alpha, hidden=False):
    """``student_choose_alpha(X_train, y_train, X_val, y_val, degree, alphas)`` fits ``polynomial_model(degree,
    alpha)`` on the training points for each alpha and returns the alpha with the best accuracy on the validation
    points (the first of them, if several tie).

    Prints one line (✅, ❌ with what is wrong, or ⏳ not done yet) and returns a truthy result if every case passed;
    ``hidden=True`` runs other cases, silently when they pass.
    """
    if hidden:
        cases = [("a third sample, degree 6", _choose_alpha_case(13, 14, 6, (0.3, 0.0, 0.03, 3.0))),
                 ("a fourth sample, degree 8", _choose_alpha_case(21, 22, 8, (0.0, 0.003, 0.1)))]
    else:
        cases = [("the notebook's 30 noisy points", _choose_alpha_case(8, 5, 10)),
                 ("another sample", _choose_alpha_case(3, 9, 10))]
    return check("choose_alpha", student_choose_alpha, cases, hidden, needs_return=True)
