"""Presentation mode: the notebooks as Voilà apps (``make present NB=04``), with the figures their text shows.

Notebooks 04 and 05 show an animated GIF with a markdown image, ``![...](../figures/04_separable_training.gif)``:
the figures live at the top of the repository (the README shows them too), and a path relative to the notebook
is what a repository page and JupyterLab resolve. Voilà (0.5) does not serve the notebook's folder; it inlines
markdown images instead, looking each one up in its contents manager, whose root is the notebook's folder. A
path that leaves that folder makes the contents manager raise "404: ... is outside root contents directory",
nothing catches it, and the page never finishes. No option of Voilà changes that (with ``--Voila.root_dir`` set
to the repository, the link is still resolved against the root, not against the notebook's folder), but Voilà
lets a markdown renderer be configured, which is what this module provides: ``RelativeImageRenderer`` resolves a
relative image path against the notebook's folder, as JupyterLab does, and inlines the image as a ``data:`` URL;
everything else is left to Voilà's renderer.

It only inlines *image* files (by their type), and only from the folder that holds the notebook's folder (the
repository: ``notebooks/`` and ``figures/`` side by side), so that a notebook's markdown cannot pull other files
of the machine into the page. An image it cannot inline keeps its link (a missing picture, not a broken page).

``VOILA_OPTION`` is the command-line option that installs it; ``make present`` and the browser tests
(``tests/browser``) start Voilà with it.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from nbconvert.filters.markdown_mistune import IPythonRenderer
from voila.exporter import VoilaMarkdownRenderer

__all__ = ["RelativeImageRenderer", "VOILA_OPTION", "image_data_url"]


def image_data_url(src, notebook_folder):
    """The image a relative markdown link points to, as a ``data:`` URL; None if it is not such an image.

    Parameters
    ----------
    src : str
        The image's link as written in the markdown, e.g. ``"../figures/04_separable_training.gif"``.
    notebook_folder : str or path-like
        The folder of the notebook, against which a relative link is resolved.

    Returns
    -------
    str or None
        ``"data:image/gif;base64,..."``, or None when ``src`` is not a relative path (a URL, an absolute path,
        an attachment), is not an image type, does not name an existing file, or lies outside the folder that
        holds ``notebook_folder``.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    mime_type, _ = mimetypes.guess_type(parts.path)
    if mime_type is None or not mime_type.startswith("image/"):
        return None
    folder = Path(notebook_folder).resolve()
    path = (folder / unquote(parts.path)).resolve()
    if not path.is_relative_to(folder.parent) or not path.is_file():
        return None
    return f"data:{mime_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


class RelativeImageRenderer(VoilaMarkdownRenderer):
    """Voilà's markdown renderer, with images found relative to the notebook's folder (see the module).

    Voilà serves one notebook with its contents manager rooted at the notebook's folder, so that root is the
    folder relative links start from. A relative link to an image is inlined here; any other image (a URL, an
    attachment) goes to Voilà's renderer unchanged, and so does all other markdown.
    """

    def image(self, text, url, title=None):
        if urlsplit(url).scheme or url.startswith("/"):  # a URL, an attachment, a data: URL: Voilà's business
            return super().image(text, url, title)
        data_url = image_data_url(url, self.contents_manager.root_dir)
        # Inlined, or (not an image we may inline) the link as written; never Voilà's lookup, which raises for
        # a path outside its root.
        return IPythonRenderer.image(self, text, data_url or url, title)


#: The option of ``voila`` that installs the renderer (``make present`` and the browser tests use it).
VOILA_OPTION = f"--VoilaExporter.markdown_renderer_class={__name__}.{RelativeImageRenderer.__name__}"
