# `make` sets up .venv and builds the sample edition into output/;
# `make test` sets up the same way and runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# HarfBuzz's subsetter embeds font subsets (WeasyPrint falls back to fontTools
# with a warning without it); poppler's tools inspect PDFs in the tests.
SYSTEM_PACKAGES := libharfbuzz-subset0 poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all edition check test clean system

all: edition

system:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

edition: system $(STAMP)
	$(BIN)/edition build

check: system $(STAMP)
	$(BIN)/edition check

test: system $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf output
