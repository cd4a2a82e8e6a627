# Two commands do all the set-up on a fresh machine:
#   make run    install into .venv and open the app on the demo agency
#   make test   install into .venv (with test tools) and run lint, types, contracts and tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

run: install
	$(BIN)/rekanan demo

lint: install-test
	$(BIN)/ruff check --no-cache rekanan tests bench
	$(BIN)/ruff format --no-cache --check rekanan tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python bench/run.py --size S

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
