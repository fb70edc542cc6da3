# geomap: the two commands of the README, and a few for development.
#   make demo   create .venv, install geomap, map the bundled example article
#   make test   install the test dependencies, then run the test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/harbour_attack.txt
EXAMPLE_DATE := 2024-05-14

.PHONY: demo test lint format bench bench-map eval eval-held-out clean

demo: $(VENV)/.installed
	$(BIN)/geomap map $(EXAMPLE) --published $(EXAMPLE_DATE) --out maps

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: $(VENV)/.installed
	$(BIN)/python benchmarks/evaluate.py
	$(BIN)/python benchmarks/evaluate_incidents.py

# Each corpus scored by a ranker fitted on the other three (about 15 min).
eval-held-out: $(VENV)/.installed
	$(BIN)/python benchmarks/fit_resolver.py --held-out build/held-out
	$(BIN)/python benchmarks/evaluate.py --held-out build/held-out

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/speed.py

bench-map: $(VENV)/.installed-test
	$(BIN)/python benchmarks/map_scale.py --runs 3

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
