PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

## make run: set up, code the bundled example articles into steppe.duckdb, print the events
run: setup
	rm -f steppe.duckdb
	$(BIN)/steppe code examples/ --db steppe.duckdb
	$(BIN)/steppe events --db steppe.duckdb --format table

## make test: set up and run the test suite
test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) steppe.duckdb .pytest_cache
