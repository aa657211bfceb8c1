# AWS analytics study notes: build, serve, test.
# Everything installs itself: Python packages into .venv, Debian packages with apt-get (as root).
# Run `make help` for the list of targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MKDOCS := $(BIN)/mkdocs
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: WeasyPrint (the PDF books) needs Pango and a monospace font for code;
# the tests also need a browser and poppler's pdftotext/pdftoppm.
PDF_DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEB_PACKAGES := chromium poppler-utils
CHROMIUM ?= /usr/bin/chromium

# Material 9.8 prints an end-of-life banner on every build; it is known (see README).
export NO_MKDOCS_2_WARNING := 1
export CHROMIUM

.PHONY: help serve build pdf offline offline-zip check test lint format bench clean distclean system-deps pdf-deps

help: ## Show this help
	@echo "Usage: make TARGET"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-12s %s\n", $$1, $$2}'

# --- Python environment --------------------------------------------------------------------
# Stamp files record that the pinned requirements are installed; they are redone when the
# requirements change.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: Python >= 3.11 is needed (Material for MkDocs 9.8); found $$($(PYTHON) --version)" >&2; exit 1; }
	@echo "==> Creating virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	@echo "==> Installing pinned runtime requirements"
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test: requirements-test.txt requirements.txt | $(BIN)/python
	@echo "==> Installing pinned test requirements"
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@ $(VENV)/.runtime

# --- Debian packages -----------------------------------------------------------------------
# install-debs PACKAGES: apt-get them when running as root, otherwise stop and name them.
define install-debs
	if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
		echo "==> Installing Debian packages: $(1)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "error: missing Debian package(s): $(1)" >&2; \
		echo "       install them with: sudo apt-get install $(1)" >&2; \
		exit 1; \
	fi
endef

pdf-deps: $(VENV)/.runtime ## Install the Debian packages the PDF export needs, as root
	@if $(BIN)/python -c 'import weasyprint' 2>/dev/null && fc-list | grep -q DejaVuSansMono; then exit 0; fi; \
	$(call install-debs,$(PDF_DEB_PACKAGES))

system-deps: pdf-deps ## Install the Debian packages the tests need (chromium, poppler-utils), as root
	@if [ -x "$(CHROMIUM)" ] && command -v pdftotext >/dev/null; then exit 0; fi; \
	$(call install-debs,$(TEST_DEB_PACKAGES))

# --- Site ----------------------------------------------------------------------------------
serve: $(VENV)/.runtime ## Serve the site on http://127.0.0.1:8000 with live reload
	$(MKDOCS) serve --livereload --dev-addr $(HOST):$(PORT)

OFFLINE_DIR := .cache/offline-site
OFFLINE_ZIP := site/download/aws-analytics-notes-offline.zip

build: $(VENV)/.runtime pdf-deps ## Build the site, its PDF books and the offline zip into site/ (strict)
	$(MKDOCS) build --strict
	$(BIN)/python scripts/build_pdf.py
	$(MAKE) --no-print-directory offline-zip

pdf: build ## Write the PDF books: site/pdf/aws-analytics-notes.{ko,en}.pdf

offline: build ## Build the copy that works from disk (file://) and zip it into site/download/

# The offline copy: Material's offline plugin (OFFLINE=true), then the zip.
offline-zip: $(VENV)/.runtime
	@echo "==> Building the offline copy (file://) in $(OFFLINE_DIR)"
	rm -rf $(OFFLINE_DIR)
	OFFLINE=true $(MKDOCS) build --strict --quiet --site-dir $(OFFLINE_DIR)
	$(BIN)/python scripts/package_offline.py $(OFFLINE_DIR) $(OFFLINE_ZIP)

# --- Quality -------------------------------------------------------------------------------
check: $(VENV)/.runtime ## Check image links, headings and translations (also runs on every build)
	$(BIN)/python scripts/check_docs.py

lint: $(VENV)/.test ## Lint and check formatting (ruff)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(VENV)/.test ## Format the Python code (ruff)
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests

test: $(VENV)/.test system-deps lint ## Install what the tests need and run them
	$(BIN)/python -m pytest

bench: $(VENV)/.test system-deps ## Print build/PDF times, page weights, search recall, checker vs build
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py
	$(BIN)/python scripts/bench_checker.py --sizes 1000 2000

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .cache .pytest_cache .ruff_cache
	find scripts tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV)
