"""Every figure of ``figures/`` and every image of the README and the notebooks' markdown has an alt text that says
what it shows.

The rule, strict but sensible:

- **One source.** Every file of ``figures/`` is made by ``scripts/make_figures.py``, which holds its description
  (``DESCRIPTIONS``) and stores it in the file (a PNG's ``Description`` chunk, a GIF's comment). Wherever such a file
  is shown, its alt text is that description, or begins with it (a page may add a few words of its own after it):
  the same figure says the same thing everywhere, and a figure changed in one place is re-described in one place.
- **Descriptive.** A description, and any alt text, is a phrase that says what a reader sees: at least 6 words and
  30 characters; not a file name or a file type; not "image of ..." or "figure ..." (a screen reader already says
  "image"); not a placeholder. Words cannot be checked for truth by a test; these rules catch the usual failures
  (no alt text, ``alt=""`` on a meaningful image, the file name, "image", "GIF"), and a reviewer reads the rest.
- **Everywhere.** Markdown images ``![alt](path)`` and HTML ``<img alt="...">`` in every notebook's markdown cells
  and in README.md. An image of ``figures/`` must exist.
"""

import html.parser
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "figures"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
IMAGE_FILE = re.compile(r"\.(png|gif|jpe?g|svg|webp)\b", re.IGNORECASE)
GENERIC_START = re.compile(r"^(an? )?(image|picture|photo|graphic|figure|screenshot|gif|png|animation)\b( of)?",
                           re.IGNORECASE)
PLACEHOLDERS = {"alt", "alt text", "image", "figure", "todo", "no description has been provided for this image"}


def _make_figures():
    spec = importlib.util.spec_from_file_location("make_figures", ROOT / "scripts" / "make_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_figures = _make_figures()
DESCRIPTIONS = make_figures.DESCRIPTIONS


def why_not_descriptive(text, path=""):
    """Why ``text`` is not an alt text that says what the image at ``path`` shows, or None if it is one."""
    text = " ".join(text.split())
    stem = Path(path).stem.lower()
    if text.lower().strip(" .") in PLACEHOLDERS:
        return "a placeholder"
    if len(text.split()) < 6 or len(text) < 30:
        return "too short to say what it shows (at least 6 words and 30 characters)"
    # a stem like "05_separable_training" is a file name; one plain word ("projector") may well be what it shows
    file_like = stem and re.search(r"[\d_-]", stem)
    if IMAGE_FILE.search(text) or (file_like and stem in text.lower().replace(" ", "_")):
        return "it names the file, not what it shows"
    if GENERIC_START.match(text):
        return 'it starts with a word for "image" (a screen reader says that already)'
    return None


class _ImageTags(html.parser.HTMLParser):
    """The attributes of every <img> tag of a text."""

    def __init__(self, text):
        super().__init__()
        self.images = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_of(markdown):
    """(alt text or None, link) of every image of a markdown text: ``![alt](link)`` and ``<img>``."""
    found = [(alt, link) for alt, link in MARKDOWN_IMAGE.findall(markdown)]
    found += [(attrs.get("alt"), attrs.get("src", "")) for attrs in _ImageTags(markdown).images]
    return found


def problems_of(markdown, folder):
    """What is wrong with the alt texts of the images of ``markdown``, whose links are relative to ``folder``."""
    problems = []
    for alt, link in images_of(markdown):
        if alt is None:
            problems.append(f"{link}: no alt text")
            continue
        reason = why_not_descriptive(alt, link)
        if reason:
            problems.append(f"{link}: {alt!r} is {reason}")
        if re.match(r"^[a-z]+:", link):  # a URL: only the rule above
            continue
        target = (folder / link).resolve()
        if target.parent == FIGURES.resolve():
            if not target.is_file():
                problems.append(f"{link}: no such file in figures/")
            elif target.name not in DESCRIPTIONS:
                problems.append(f"{link}: scripts/make_figures.py has no description of it")
            elif not " ".join(alt.split()).startswith(DESCRIPTIONS[target.name]):
                problems.append(f"{link}: the alt text {alt!r} is not (and does not begin with) the figure's "
                                f"description {DESCRIPTIONS[target.name]!r}")
    return problems


# ----------------------------------------------------------------------------------------------------------------
# figures/: one description each, descriptive, stored in the file
# ----------------------------------------------------------------------------------------------------------------
def test_every_file_of_figures_has_a_description_and_every_description_a_file():
    files = sorted(path.name for path in FIGURES.iterdir() if not path.name.startswith("."))
    assert sorted(DESCRIPTIONS) == files == sorted(make_figures.REGISTRY)


@pytest.mark.parametrize("name", sorted(DESCRIPTIONS))
def test_each_description_says_what_the_figure_shows(name):
    assert why_not_descriptive(DESCRIPTIONS[name], name) is None, \
        f"{name}: {DESCRIPTIONS[name]!r} is {why_not_descriptive(DESCRIPTIONS[name], name)}"


@pytest.mark.parametrize("name", sorted(DESCRIPTIONS))
def test_each_file_carries_its_description(name):
    assert make_figures.read_description(FIGURES / name) == DESCRIPTIONS[name], \
        f"figures/{name} does not carry its description: run `make figures`"


def test_storing_a_description_leaves_the_picture_untouched(tmp_path):
    import numpy as np
    from PIL import Image, ImageSequence

    def frames(path):
        with Image.open(path) as image:
            return [np.asarray(frame.convert("RGBA")) for frame in ImageSequence.Iterator(image)]

    for name in ("06_learned_vs_bayes.png", "06_overlapping_training.gif"):
        copy = tmp_path / name
        copy.write_bytes((FIGURES / name).read_bytes())
        description = "A test description, in ünïcode, longer than one GIF sub-block of 255 bytes. " * 5
        make_figures.store_description(copy, description)
        assert make_figures.read_description(copy) == description
        before, after = frames(FIGURES / name), frames(copy)
        assert len(after) == len(before) and all(np.array_equal(a, b) for a, b in zip(after, before, strict=True))


# ----------------------------------------------------------------------------------------------------------------
# Where images are shown: the notebooks' markdown, README.md
# ----------------------------------------------------------------------------------------------------------------
def test_the_rule_catches_what_it_should():
    assert why_not_descriptive("05_separable_training.gif", "figures/05_separable_training.gif")
    assert why_not_descriptive("Image of gradient descent moving the boundary of two clusters")
    assert why_not_descriptive("training animation")
    assert why_not_descriptive("No description has been provided for this image")
    assert why_not_descriptive(DESCRIPTIONS["06_learned_vs_bayes.png"], "06_learned_vs_bayes.png") is None
    shown = "![Gradient descent moving the decision boundary between two clusters](figures/04_separable_training.gif)"
    assert problems_of(shown, ROOT) == ["figures/04_separable_training.gif: no such file in figures/"]
    name = "05_separable_training.gif"
    assert problems_of(f'<img src="figures/{name}" alt="{DESCRIPTIONS[name]}, replayed">', ROOT) == []
    assert problems_of(f'<img src="figures/{name}">', ROOT) == [f"figures/{name}: no alt text"]
    assert len(problems_of(f"![The loss falls while the boundary swings into the gap](figures/{name})", ROOT)) == 1


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[notebook.stem[:2] for notebook in NOTEBOOKS])
def test_every_markdown_image_of_the_notebooks_has_a_descriptive_alt_text(notebook):
    markdown = "\n\n".join(cell.source for cell in nbformat.read(notebook, as_version=4).cells
                           if cell.cell_type == "markdown")
    assert problems_of(markdown, notebook.parent) == []


def test_every_image_of_the_readme_has_a_descriptive_alt_text():
    assert problems_of((ROOT / "README.md").read_text(encoding="utf-8"), ROOT) == []
