# Two commands for a fresh machine (Python >= 3.11, Node.js with npm, make):
#   make serve   build the site and serve it on http://localhost:8000
#   make test    run every test (engine, build, real Chromium, real Pyodide)
#   make test-rapide  the engine and build tests only, no browser, no Pyodide (38 to 42 s here)
# Each does its own set-up: a virtualenv with pinned packages, `npm ci`, a Chromium.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_DEPS := $(VENV)/.installed
NODE_DEPS := node_modules/.package-lock.json
# The pages name "this year and next": build them for the commit's date, so that two builds
# of one commit are byte-identical (build.py reads it; see docs/publishing.md).
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: serve test test-rapide test-navigateurs build setup system-packages system-packages-navigateurs bench bench-reseau bench-telephone bench-comparaison epingler clean

setup: $(PY_DEPS) $(NODE_DEPS)

$(PY_DEPS): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

# requirements.txt from requirements.in, with the sha256 of every file each pinned version has
# on the package indexes pip is configured with (pip-tools, in a throwaway virtualenv).
PIP_TOOLS := pip-tools==7.6.2
epingler:
	$(PYTHON) -m venv .venv-epingler
	.venv-epingler/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	.venv-epingler/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.txt requirements.in
	rm -rf .venv-epingler

$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Chromium for the browser tests, Java for the HTML checker; Firefox ESR, WebKitGTK's driver
# and Xvfb for test-navigateurs (apt-get, only when missing).
system-packages:
	@sh .ci/ensure-system-packages

system-packages-navigateurs:
	@sh .ci/ensure-system-packages navigateurs

build: setup
	$(PY) build.py --out dist

serve: build
	$(PY) serve.py --dir dist --port 8000

test: setup system-packages
	$(PY) -m pytest

# The lanes without a browser or Pyodide, on both cores (lanes: see tests/conftest.py): 38 to
# 42 s from a warm checkout on this 2-core machine when quiet (docs/testing.md).
test-rapide: setup system-packages
	$(PY) -m pytest -m "engine or build" -n 2

# /cal/ in Firefox ESR and WebKitGTK (Debian's packages, with Xvfb); .ci/run runs it too.
test-navigateurs: setup system-packages-navigateurs
	$(PY) -m pytest -m navigateurs

bench: setup system-packages
	$(PY) bench/run.py
	$(PY) bench/tables.py

# A prefilled link opened over a phone's network (see docs/performance.md).
bench-reseau: setup system-packages
	$(PY) bench/run.py --reseau 10,40 --runs 3
	$(PY) bench/run.py --reseau 1.6,150 --runs 2
	$(PY) bench/tables.py

# The same link on a low-end phone: the browser confined to one core (taskset).
bench-telephone: setup system-packages
	$(PY) bench/run.py --reseau 10,40 --coeurs 0 --runs 3
	$(PY) bench/tables.py

# /cal/ cold, and reached from /prestations/ after 5 s there (its prefetch), interleaved.
bench-comparaison: setup system-packages
	$(PY) bench/from_comparison.py
	$(PY) bench/from_comparison.py --reseau 10,40 --runs 3
	$(PY) bench/tables.py

clean:
	rm -rf dist build-cache .pytest_cache .hypothesis
