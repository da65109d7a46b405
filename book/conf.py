"""Sphinx configuration of the series' static website (``make book``, ``scripts/build_site.py``).

The site is built from the stored, executed notebooks, with no re-execution, by Sphinx with MyST-NB (notebooks
and MyST markdown) and the Sphinx Book Theme (the stack of Jupyter Book 1, without its command line). It must
work opened from disk with no network, so nothing on a page comes from elsewhere:

- math is typeset by MathJax 2.7 from ``_static/mathjax`` (the copy that the PyPI package
  ``jupyter-server-mathjax`` ships, put there by ``scripts/build_site.py``), not from a CDN;
- a live view shows the picture of its figure stored with it (``image/png``), never a widget placeholder, and the
  page loads no widget JavaScript; controls stored with no picture show their text ("[sliders for w and b: run
  the notebook to move them]");
- each lesson page says, under its title, where to download its notebook and how to run it live.

The build script copies this folder and the notebooks (``notebooks/[0-9]*.ipynb``) into a fresh source folder, with
``figures/`` beside it, so that the notebooks' links to ``../figures/`` resolve as they do in JupyterLab.
"""

from docutils import nodes

project = "Logistic regression from scratch"
author = "the logistic-regression-from-scratch authors"
copyright = "the logistic-regression-from-scratch authors, MIT licence"  # noqa: A001 - Sphinx's name

# sphinx.ext.githubpages writes .nojekyll: GitHub Pages would otherwise drop _static/ and _images/ (Jekyll ignores
# folders whose names start with "_")
extensions = ["myst_nb", "sphinx.ext.githubpages"]
root_doc = "index"
exclude_patterns = ["**.ipynb_checkpoints"]

# --------------------------------------------------------------------------------------------------------------
# Notebooks: as stored, never executed; the picture of a live view, not the widget
# --------------------------------------------------------------------------------------------------------------
nb_execution_mode = "off"
# A static page has no kernel, so a widget view could only be an empty box (or "Error displaying widget"): drop
# the widget-view entry of every output, which leaves the stored picture (image/png) or, for controls stored with
# no picture, their text/plain.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
# ... and load no widget manager (MyST-NB's default fetches require.js and the html-manager from a CDN).
nb_ipywidgets_js = {}
# Markdown cells: $...$ and $$...$$ math, LaTeX environments (cases, bmatrix) inside it.
myst_enable_extensions = ["dollarmath", "amsmath"]
smartquotes = False  # a page shows the notebook's own characters: its title is the notebook's first heading
# MyST-Parser would write a MathJax 3 configuration; the bundled MathJax is version 2 (below).
myst_update_mathjax = False

# --------------------------------------------------------------------------------------------------------------
# Math: MathJax 2.7 from the site itself (_static/mathjax), never from a CDN
# --------------------------------------------------------------------------------------------------------------
# jupyter-server-mathjax ships the combined TeX-AMS-MML_HTMLorMML-full configuration and the STIX-Web fonts only
# (not MathJax's own TeX fonts), so the HTML-CSS output is told to use those and to look for nothing else.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"  # relative to _static
mathjax2_config = {
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]], "processEscapes": False},
    "HTML-CSS": {
        "availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None,
        # MathJax measures text against a font that never loads, declared as url('about:blank'): a request that
        # every browser refuses (an error in the console). A local font that does not exist never loads either.
        "styles": {"@font-face": {"font-family": "MathJax_Blank", "src": "local('MathJax_Blank_none')"}},
    },
    "messageStyle": "none",  # no "Loading [MathJax]..." box in the corner
    # No quick preview before the real typesetting: it would draw every formula twice, with fonts not shipped here
    "fast-preview": {"disabled": True},
    "menuSettings": {"CHTMLpreview": False},
}

# --------------------------------------------------------------------------------------------------------------
# The pages
# --------------------------------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_copy_source = False  # each lesson links to its notebook as stored (below), not to a copy in _sources/
html_show_sourcelink = False
html_extra_path = ["_downloads"]  # NN_*.ipynb as stored, next to their pages (scripts/build_site.py)
html_context = {"default_mode": "light"}  # figures are drawn on white; a reader can still switch to dark
html_theme_options = {
    "home_page_in_toc": True,  # the index heads the list of lessons in the side bar
    "show_navbar_depth": 1,
    "navbar_persistent": [],  # the side bar has the search field; no bar across the top for it alone
    "show_toc_level": 2,
    "use_download_button": False,  # our own link to the stored notebook replaces it (see _add_notebook_note)
    "use_fullscreen_button": True,
    "navigation_with_keys": True,  # ← and → turn the page: handy on a projector
}

# Under each lesson's title: its notebook, for download, and how to run it live.
NOTEBOOK_NOTE = (
    '<p><a class="reference download" href="{name}" download="{name}"><code>{name}</code></a>: this lesson as a '
    "Jupyter notebook, for download. Here each live view is a picture; to move its sliders, run the lesson live: "
    "get the series' repository and type <code>make lab</code> in its folder (it installs everything into "
    "<code>.venv</code>, about a minute the first time, and opens the lessons in JupyterLab).</p>"
)


def _add_notebook_note(app, doctree):
    """Put a note under the title of every page made from a notebook: its download link, how to run it live."""
    docname = app.env.docname
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    section = doctree.next_node(nodes.section)
    if section is None or not isinstance(section[0], nodes.title):
        return  # a notebook with no heading: Sphinx already warns that the page has no title
    name = docname.rsplit("/", 1)[-1] + ".ipynb"  # beside the page (html_extra_path)
    note = nodes.admonition("", nodes.title("", "This lesson as a notebook"),
                            nodes.raw("", NOTEBOOK_NOTE.format(name=name), format="html"),
                            classes=["note", "notebook-note"])
    section.insert(1, note)


def setup(app):
    app.connect("doctree-read", _add_notebook_note)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
