# Two commands on a fresh machine: `make pdf` and `make test`.
# Each creates the virtual environment in .venv and installs the package first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROCHURE ?= data/shifeng
PDF      ?= build/shifeng.pdf

.PHONY: pdf test fuzz check lint bench clean

pdf: $(STAMP)
	$(BIN)/report build $(BROCHURE) -o $(PDF)

check: $(STAMP)
	$(BIN)/report check $(BROCHURE)

test: $(STAMP)
	$(BIN)/python -m pytest

# The property tests of tests/props with 2,000 random examples each (about 8 minutes).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/props -p no:cacheprovider --hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff check report tests

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build
