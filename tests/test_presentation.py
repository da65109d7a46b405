"""Presentation mode (logreg_viz.presentation): Voilà's markdown renderer, with images found like JupyterLab does.

The renderer is driven the way Voilà's exporter drives it (same arguments, same markdown parser), on a small
repository made here: ``notebooks/`` (the root of Voilà's contents manager) and ``figures/`` side by side. The
browser tests (tests/browser) show the real pages of notebooks 04 and 05 with their animations.
"""

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from jupyter_server.services.contents.largefilemanager import LargeFileManager
from nbconvert.filters.markdown_mistune import MarkdownWithMath
from PIL import Image
from tornado.web import HTTPError
from voila.exporter import VoilaMarkdownRenderer

from logreg_viz.presentation import VOILA_OPTION, RelativeImageRenderer, image_data_url

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def repository(tmp_path):
    """notebooks/ and figures/ side by side, a GIF and a PNG in figures/, a PNG next to the notebooks, a text file,
    and a GIF outside the repository."""
    repository = tmp_path / "repository"
    for folder in ("notebooks", "figures"):
        (repository / folder).mkdir(parents=True)
    Image.new("RGB", (6, 4), "orange").save(repository / "figures" / "run.gif")
    Image.new("RGB", (3, 2), "blue").save(repository / "figures" / "still image.png")
    Image.new("RGB", (2, 2), "black").save(repository / "notebooks" / "local.png")
    (repository / "notes.txt").write_text("not a picture")
    shutil.copy(repository / "figures" / "run.gif", tmp_path / "outside.gif")
    return repository


def render(markdown, repository, renderer_class=RelativeImageRenderer, attachments=None):
    """A markdown cell as Voilà's exporter renders it, with the contents manager rooted at notebooks/."""
    contents_manager = LargeFileManager(root_dir=str(repository / "notebooks"))
    renderer = renderer_class(escape=False, attachments=attachments or {}, contents_manager=contents_manager,
                              anchor_link_text="¶")
    return MarkdownWithMath(renderer=renderer).render(markdown)


def data_url(path, mime_type):
    return f"data:{mime_type};base64,{base64.b64encode(Path(path).read_bytes()).decode('ascii')}"


def test_voila_alone_cannot_show_an_image_outside_the_notebook_folder(repository):
    """Why the renderer exists: Voilà's own raises, and the page it was rendering never finishes."""
    with pytest.raises(HTTPError, match="outside root contents directory"):
        render("![a run](../figures/run.gif)", repository, renderer_class=VoilaMarkdownRenderer)


def test_an_image_beside_the_notebook_folder_is_inlined(repository):
    html = render("Look:\n\n![a run](../figures/run.gif)", repository)
    assert f'<img src="{data_url(repository / "figures" / "run.gif", "image/gif")}" alt="a run"' in html
    assert "Look:" in html


@pytest.mark.parametrize("link", ["local.png", "./local.png", "../notebooks/local.png"])
def test_an_image_in_the_notebook_folder_is_inlined(repository, link):
    assert data_url(repository / "notebooks" / "local.png", "image/png") in render(f"![x]({link})", repository)


def test_a_link_with_spaces_written_as_percent_escapes_is_inlined(repository):
    html = render("![still](../figures/still%20image.png)", repository)
    assert data_url(repository / "figures" / "still image.png", "image/png") in html


@pytest.mark.parametrize(
    "link",
    ["../figures/missing.gif", "../notes.txt", "../../outside.gif", "../figures"],
    ids=["missing", "not-an-image", "outside-the-repository", "a-folder"],
)
def test_what_it_does_not_inline_keeps_its_link_and_the_page_renders(repository, link):
    html = render(f"![x]({link})", repository)
    assert f'<img src="{link}" alt="x"' in html and "data:" not in html
    assert image_data_url(link, repository / "notebooks") is None


def test_urls_and_attachments_are_left_to_voila(repository):
    assert '<img src="https://example.org/a.png"' in render("![x](https://example.org/a.png)", repository)
    attachments = {"dot.png": {"image/png": "iVBORw0KGgo="}}
    html = render("![x](attachment:dot.png)", repository, attachments=attachments)
    assert '<img src="data:image/png;base64,iVBORw0KGgo="' in html


def test_make_present_starts_voila_with_the_option():
    """``make present`` and the browser tests (tests/browser/conftest.py) start Voilà with the same option."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    commands = subprocess.run(["make", "--dry-run", "present", "NB=04"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    voila = [line for line in commands.splitlines() if "/voila " in line]
    assert voila and VOILA_OPTION in voila[-1], commands
