# Planning Workbench — the two commands a user needs are `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLAN ?= templates/plans/crm-migration.yaml
PORT ?= 5006

.PHONY: install serve test lint bench clean

install: $(STAMP)

# Rebuild the environment only when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,solver,mpxj,distributed]'
	touch $(STAMP)

serve: $(STAMP)
	TZ=UTC $(BIN)/workbench serve $(PLAN) --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	TZ=UTC $(BIN)/python -m pytest -n auto --dist loadfile --nbval-lax --nbval-current-env -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
