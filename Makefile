# Two commands do all the set-up on a fresh machine (Python >= 3.11 with venv):
#   make lab    opens the series in JupyterLab (make lab PROJECTOR=1: for a projector, see below)
#   make test   runs the whole test suite: unit tests and every notebook, re-executed by nbval
# Both create the virtual environment .venv first if it is missing or requirements.txt changed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_FLAGS ?= -n 2 --dist loadscope -rsx
# Voila inlines markdown images; this renderer finds ../figures/ the way JupyterLab does (logreg_viz/presentation.py)
VOILA_FLAGS := --VoilaExporter.markdown_renderer_class=logreg_viz.presentation.RelativeImageRenderer

.PHONY: lab test student present figures book benchmark notebooks clean-venv

$(BIN)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# The server's root is this folder, not notebooks/: the notebooks show animations from ../figures, which a server
# rooted at notebooks/ refuses to serve. It opens on notebooks/. JupyterLab refuses to start as root unless told
# to; in a container (Docker, a lab machine's sandbox) root is the usual user, so say it there and nowhere else.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# No first-run prompt in front of the class: lab-settings/overrides.json makes "never fetch the news" and "never
# check for updates" JupyterLab's defaults here (its question "Would you like to get notified about official
# Jupyter news?" is asked while that setting is unset; a user may still change it), and the server fetches neither.
LAB_FLAGS := --LabApp.default_url=/lab/tree/notebooks "--LabApp.app_settings_dir=$(CURDIR)/lab-settings" \
	--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
# PROJECTOR=1 (make lab PROJECTOR=1, make present NB=05 PROJECTOR=1): every figure and live view readable from
# the back of a room on a 1280 x 720 projector (logreg_viz/display.py); kernels inherit the server's environment.
PROJECTOR_ENV := $(if $(filter-out 0,$(PROJECTOR)),LOGREG_PROJECTOR=1)
lab: $(BIN)/.installed
	$(PROJECTOR_ENV) $(BIN)/jupyter lab $(LAB_FLAGS) $(ALLOW_ROOT)

test: $(BIN)/.installed
	$(BIN)/python -m pytest $(PYTEST_FLAGS) \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		tests notebooks

# Student copies in student/: every solution replaced by a stub. Never overwrites a copy unless FORCE=1.
student: $(BIN)/.installed
	$(BIN)/python scripts/make_student_copies.py $(if $(FORCE),--force)

# One notebook as an app with the code hidden (Voila), for projecting in class: make present NB=04 [PROJECTOR=1]
present: $(BIN)/.installed
	@nb=$$(ls notebooks/$(NB)_*.ipynb 2>/dev/null | head -n 1); \
	if [ -z "$(NB)" ] || [ -z "$$nb" ]; then \
		echo "usage: make present NB=04   (NB is the number of a notebook in notebooks/)" >&2; exit 2; \
	fi; \
	$(PROJECTOR_ENV) $(BIN)/voila $(VOILA_FLAGS) "$$nb"

# Re-execute every notebook top to bottom in a fresh kernel and store it (counts 1..N; live views stored as their
# pictures, which every static reader shows: see scripts/execute_notebooks.py). NB=04 runs only notebook 04.
notebooks: $(BIN)/.installed
	$(BIN)/python scripts/execute_notebooks.py $(if $(NB),$(wildcard notebooks/$(NB)_*.ipynb))

figures: $(BIN)/.installed
	$(BIN)/python scripts/make_figures.py

# The series as a static website in site/ (index.html and one page per notebook), from the notebooks as stored
# (no re-execution). It needs no network, to build or to read: open site/index.html, or copy site/ to a web host.
book: $(BIN)/.installed
	$(BIN)/python scripts/build_site.py

# Every benchmark that needs no browser and takes a minute or less (bench_classroom.py takes ten); each prints a
# markdown table (figures quoted in the README).
BENCHMARKS := $(filter-out benchmarks/bench_browser% benchmarks/bench_classroom%,$(wildcard benchmarks/bench_*.py))
benchmark: $(BIN)/.installed
	for b in $(BENCHMARKS); do echo "### $$b"; $(BIN)/python $$b || exit 1; done

clean-venv:
	rm -rf $(VENV)
