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
# Punctuation warnings (GB/T 15834) are errors for a brochure going to print;
# `make pdf STRICT=` builds a draft that still has some.
STRICT   ?= --strict

.PHONY: pdf print booklet editions preflight test fuzz check lint bench clean

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
	$(BIN)/report build $(STRICT) $(BROCHURE) -o $(PDF)

check: $(STAMP)
	$(BIN)/report check $(STRICT) $(BROCHURE)

test: $(STAMP)
	$(BIN)/python -m pytest

# Whole builds (石峰 cold, warm, after an edit; a 300-page brochure): median, spread and peak
# memory → build/bench.json. Measured, never asserted. Runs the text engine's bench too if present.
bench: $(STAMP)
	test ! -f bench/bench_text.py || $(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_build.py

# The property tests of tests/props with 2,000 random examples each (about 8 minutes).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/props -p no:cacheprovider --hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff check report tests bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' \
	    --config-settings editable_mode=compat  # a path in a .pth: 20 ms less per `report` run
	touch $(STAMP)

clean:
	rm -rf build
