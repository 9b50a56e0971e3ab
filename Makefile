PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# World boundaries for the dashboard map: Natural Earth 1:110m countries (public domain) as TopoJSON,
# from the npm package world-atlas (ISC), pinned in package.json / package-lock.json.
WEB_VENDOR := steppe/web/static/vendor
WORLD := $(WEB_VENDOR)/countries-110m.json

.PHONY: setup run test bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

$(WORLD): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(WEB_VENDOR)
	cp node_modules/world-atlas/countries-110m.json $(WORLD)
	cp node_modules/world-atlas/LICENSE $(WEB_VENDOR)/world-atlas.LICENSE

setup: $(STAMP) $(WORLD)

## make run: set up, code the bundled example articles into steppe.duckdb, print the events
run: setup
	rm -f steppe.duckdb
	$(BIN)/steppe code examples/ --db steppe.duckdb
	$(BIN)/steppe events --db steppe.duckdb --format table

## make test: set up and run the test suite
test: setup
	$(BIN)/python -m pytest -q

## make bench: throughput (parse alone vs steppe code, --workers 1 and 2) and dictionary load/speed
bench: setup
	$(BIN)/python bench/throughput.py --articles 1000 --workers 1,2
	$(BIN)/python bench/dictionaries.py

clean:
	rm -rf $(VENV) steppe.duckdb .pytest_cache node_modules $(WEB_VENDOR)
