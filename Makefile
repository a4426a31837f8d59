# minutes: make help lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DB     ?= sqlite:///minutes.db

.PHONY: help run test test-postgres lint bench bench-instructions clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## set up, then ingest the bundled corpus/ into minutes.db and print a summary
	$(BIN)/minutes ingest corpus/ --db $(DB)
	$(BIN)/minutes stats --db $(DB)

test: $(STAMP)  ## run the whole test suite on every core (PostgreSQL tests skip locally when no server answers)
	$(BIN)/pytest -n auto

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)  ## ingest 2,000+ documents and PDFs; print documents/s and peak memory
	$(BIN)/python bench/run.py

bench-instructions: $(STAMP)  ## instructions per seed document for extract (valgrind): steady where times vary
	$(BIN)/python bench/instructions.py

clean:  ## remove the virtualenv, caches and the default database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache minutes.db build *.egg-info
