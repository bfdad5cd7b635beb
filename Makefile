# `make` sets up .venv and builds the sample edition into output/;
# `make test` sets up the same way and runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# HarfBuzz's subsetter embeds font subsets (WeasyPrint falls back to fontTools
# with a warning without it); poppler's tools inspect PDFs in the tests.
SYSTEM_PACKAGES := libharfbuzz-subset0 poppler-utils
# The tests also run EPUBCheck (Java) and Ace by DAISY (Node, driving Chromium).
TEST_PACKAGES := chromium $(if $(shell command -v java),,default-jre-headless) $(if $(shell command -v npm),,nodejs npm)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ACE_VERSION := 1.4.6
ACE := $(VENV)/node/node_modules/.bin/ace-cli

.PHONY: all edition check test clean system test-system

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

test-system:
	@dpkg -s $(TEST_PACKAGES) >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(TEST_PACKAGES) >/dev/null; }

# Ace's browser is Debian's Chromium, so Puppeteer downloads none.
$(ACE): $(STAMP)
	PUPPETEER_SKIP_DOWNLOAD=true npm install --silent --no-audit --no-fund --prefix $(VENV)/node @daisy/ace-cli@$(ACE_VERSION)

test: system test-system $(STAMP) $(ACE)
	PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium ACE=$(ACE) $(BIN)/python -m pytest

clean:
	rm -rf output
