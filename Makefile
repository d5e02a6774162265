# Two commands on a fresh Debian machine: `make run` and `make test`.
# Both install what they need (Debian packages, .venv, the package in editable mode) and
# are safe to run again.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.tifa-installed
SYSSTAMP := $(VENV)/.tifa-debian
PYTHON ?= python3
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint typecheck bench deps sysdeps package package-check clean

deps: $(SYSSTAMP) $(STAMP)

$(SYSSTAMP): packaging/bootstrap-debian.sh
	bash packaging/bootstrap-debian.sh
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml | $(SYSSTAMP)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

# The app on the sample reports: the GUI when there is a screen; headless, a window grab
# and the command-line comparison of the Beijing (000) and Chengdu (003) meetings.
run: deps
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  $(VENV)/bin/tifa; \
	else \
	  echo "No display: opening the app offscreen for a window grab, then the command line."; \
	  mkdir -p build; \
	  QT_QPA_PLATFORM=offscreen $(VENV)/bin/tifa gui --screenshot build/tifa.png \
	    seeds/000_9199964eb3750e0c.txt seeds/003_3eec6e6b6785901d.txt \
	    && echo "Screenshot of the window: $$(pwd)/build/tifa.png"; \
	  $(VENV)/bin/tifa compare seeds/000_9199964eb3750e0c.txt seeds/003_3eec6e6b6785901d.txt; \
	fi

lint: deps
	$(VENV)/bin/ruff check desktop tests bench
	$(VENV)/bin/lint-imports

typecheck: deps
	$(VENV)/bin/mypy

test: lint typecheck
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: deps
	$(PY) bench/run.py

# The one-folder bundle people run without Python (dist/tifa/), and its check: the bundled
# `tifa compare` and `tifa gui --screenshot` run from a copy, outside the source tree, with a
# scrubbed environment. package-check builds first only when the bundle is missing or older
# than the sources.
BUNDLE := dist/tifa/tifa
PKGSTAMP := $(VENV)/.tifa-package-tools
PACKAGE_INPUTS := pyproject.toml $(shell find desktop resources seeds packaging -type f \
	-not -path '*/__pycache__/*' -not -name check_bundle.py 2>/dev/null)
PYINSTALLER := $(PY) -m PyInstaller --noconfirm --log-level WARN \
	--distpath dist --workpath build/pyinstaller packaging/tifa.spec

$(PKGSTAMP): pyproject.toml | $(STAMP)
	$(PY) -m pip install -q -e '.[dev,package]'
	@touch $@

package: deps $(PKGSTAMP)
	@start=$$(date +%s); $(PYINSTALLER) && touch $(BUNDLE) && \
	  echo "package: dist/tifa/ built in $$(( $$(date +%s) - start )) s," \
	       "$$(du -sh dist/tifa | cut -f1)"

$(BUNDLE): $(PACKAGE_INPUTS) | $(SYSSTAMP) $(PKGSTAMP)
	$(MAKE) package

package-check: $(BUNDLE)
	$(PY) packaging/check_bundle.py dist/tifa

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache
