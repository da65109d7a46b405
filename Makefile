# Two commands do all the set-up on a fresh machine (Python >= 3.10 with venv):
#   make lab    opens the series in JupyterLab
#   make test   runs the whole test suite: unit tests and every notebook, re-executed by nbval
# Both create the virtual environment .venv first if it is missing or requirements.txt changed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_FLAGS ?= -n 2 --dist loadscope

.PHONY: lab test figures benchmark notebooks clean-venv

$(BIN)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

test: $(BIN)/.installed
	$(BIN)/python -m pytest $(PYTEST_FLAGS) \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		tests notebooks

# Re-execute every notebook top to bottom in a fresh kernel and store it (counts 1..N, widget state kept).
notebooks: $(BIN)/.installed
	for nb in notebooks/[0-9]*.ipynb; do \
		$(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; \
	done

figures: $(BIN)/.installed
	$(BIN)/python scripts/make_figures.py

# Every benchmark that needs no browser; each prints a markdown table (figures quoted in the README).
BENCHMARKS := $(filter-out benchmarks/bench_browser%,$(wildcard benchmarks/bench_*.py))
benchmark: $(BIN)/.installed
	for b in $(BENCHMARKS); do echo "### $$b"; $(BIN)/python $$b || exit 1; done

clean-venv:
	rm -rf $(VENV)
