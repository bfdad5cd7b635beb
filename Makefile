# `make` sets up .venv and builds the sample edition into output/;
# `make test` sets up the same way and runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all edition check test clean

all: edition

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

edition: $(STAMP)
	$(BIN)/edition build

check: $(STAMP)
	$(BIN)/edition check

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf output
