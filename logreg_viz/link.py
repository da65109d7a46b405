"""A lesson's starting settings in the link: ``http://localhost:8866/?learning_rate=10&n_iter=300``.

In presentation mode (``make present NB=05``, Voilà) the page's query string reaches the kernel as the
environment variable ``QUERY_STRING``. Every live view (``LiveView.start``) reads it: a parameter named as one of
its controls sets that control's starting value, so a teacher can send "open the training view at learning rate 10"
as one link. A value that is not a number, or lies outside the control's range, is not used: the control keeps its
default, and the view's status line says what was wrong. Parameters that name no control of a view are left to
the lesson's other views. Outside Voilà there is no query string, and nothing changes.

``link_parameters``  the query string's parameters, a dict of {name: text}
``apply_link``       set a view's controls from them; returns the sentence for the status line ("" if none)
"""

from __future__ import annotations

import math
import os
from urllib.parse import parse_qsl

__all__ = ["link_parameters", "apply_link"]


def link_parameters(query_string=None):
    """The parameters of the page's link: ``{name: text}`` (the last one wins if a name repeats).

    Parameters
    ----------
    query_string : str or None
        By default Voilà's, from the environment (``QUERY_STRING``); empty outside Voilà.
    """
    query_string = os.environ.get("QUERY_STRING", "") if query_string is None else query_string
    return dict(parse_qsl(query_string.lstrip("?"), keep_blank_values=True))


def _range(control):
    """The values a numeric slider can take, (low, high); a log slider's ``min``/``max`` are exponents."""
    if getattr(control, "base", None) is not None and type(control).__name__ == "FloatLogSlider":
        return control.base ** control.min, control.base ** control.max
    return control.min, control.max


def _parse(control, text):
    """The value ``text`` asks ``control`` for, or a ValueError that says why it cannot be used."""
    import ipywidgets as widgets

    if isinstance(control, (widgets.IntSlider, widgets.IntText, widgets.BoundedIntText)):
        try:
            value = int(text)
        except ValueError:
            raise ValueError("is not a whole number") from None
    elif isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider, widgets.FloatText,
                              widgets.BoundedFloatText)):
        try:
            value = float(text)
        except ValueError:
            raise ValueError("is not a number") from None
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
    elif hasattr(control, "options"):
        labels = [option[0] if isinstance(option, tuple) else str(option) for option in control.options]
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        if text not in labels:
            raise ValueError(f"is not one of {', '.join(labels)}")
        return values[labels.index(text)]
    else:
        raise ValueError("cannot be set from a link")
    if hasattr(control, "min") and hasattr(control, "max"):
        low, high = _range(control)
        if not low <= value <= high:
            raise ValueError(f"is outside the slider's range, {low:.4g} to {high:.4g}")
    return _on_the_grid(control, value)


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _on_the_grid(control, value):
    """The slider position nearest to ``value``: a browser would move the slider there, and send it back."""
    step = getattr(control, "step", None)
    if not step:
        return value
    if type(control).__name__ == "FloatLogSlider":
        exponent = control.min + step * round((math.log(value, control.base) - control.min) / step)
        return control.base ** min(max(exponent, control.min), control.max)
    snapped = control.min + step * round((value - control.min) / step)
    return type(value)(min(max(snapped, control.min), control.max))


def apply_link(controls, parameters=None):
    """Set the starting values of ``controls`` from the link's parameters named as them.

    Parameters
    ----------
    controls : dict of {str: ipywidgets widget}, a view's named controls
    parameters : dict of {str: str} or None, by default ``link_parameters()``

    Returns
    -------
    note : str
        What the link changed or could not change, in words, for the status line; "" when the link names none of
        these controls.
    """
    parameters = link_parameters() if parameters is None else parameters
    used, refused = [], []
    for name, text in parameters.items():
        if name not in controls:
            continue
        control = controls[name]
        try:
            control.value = _parse(control, text)
            shown = f"{control.value:.4g}" if isinstance(control.value, float) else f"{control.value}"
            asked = _number(text)
            snapped = hasattr(control, "step") and asked is not None and not math.isclose(asked, control.value)
            used.append(f"{name} = {shown}" + (f" (the slider's nearest step to {text})" if snapped else ""))
        except ValueError as error:
            refused.append(f"{name}={text!r} {error}, so {name} opens at its default, {control.value:.4g}"
                           if isinstance(control.value, float) else
                           f"{name}={text!r} {error}, so {name} opens at its default, {control.value}")
    sentences = []
    if used:
        sentences.append(f"Opened from the link at {', '.join(used)}.")
    if refused:
        sentences.append(f"The link's {'; '.join(refused)}.")
    return " ".join(sentences)
