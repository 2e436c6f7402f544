# On a fresh machine: `make pdf`, `make print`, `make booklet` and `make test`.
# Each creates the virtual environment in .venv and installs the package first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROCHURE ?= data/shifeng
PDF      ?= build/shifeng.pdf
PRINT    ?= build/shifeng-print.pdf
BOOKLET  ?= build/shifeng-booklet.pdf

.PHONY: pdf print booklet editions preflight test check lint bench clean

pdf: $(STAMP)
	$(BIN)/report build $(BROCHURE) -o $(PDF) --edition email

print: $(STAMP)
	$(BIN)/report build $(BROCHURE) -o $(PRINT) --edition print

booklet: $(STAMP)
	$(BIN)/report build $(BROCHURE) -o $(BOOKLET) --edition booklet

editions: pdf print booklet

preflight: editions
	$(BIN)/report preflight $(PDF)
	$(BIN)/report preflight $(PRINT)
	$(BIN)/report preflight $(BOOKLET)

check: $(STAMP)
	$(BIN)/report check $(BROCHURE)

test: $(STAMP)
	$(BIN)/python -m pytest

# Whole builds (石峰 cold, warm, after an edit; a 300-page brochure): median, spread and peak
# memory → build/bench.json. Measured, never asserted. Runs the text engine's bench too if present.
bench: $(STAMP)
	test ! -f bench/bench_text.py || $(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_build.py

lint: $(STAMP)
	$(BIN)/ruff check report tests

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' \
	    --config-settings editable_mode=compat  # a path in a .pth: 20 ms less per `report` run
	touch $(STAMP)

clean:
	rm -rf build
