# The two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench bench-load eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## start the local chat (no Slack or Teams account needed)
	$(PY) -m bot chat

test: $(STAMP)  ## run the whole test suite
	$(PY) -m pytest

lint: $(STAMP)  ## ruff, formatting, mypy strict and the import layers
	$(VENV)/bin/ruff check bot tests
	$(VENV)/bin/ruff format --check bot tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(STAMP)  ## matcher cost per question and start-up time
	$(PY) tests/bench.py

bench-load: $(STAMP)  ## the real server under 2,000 signed /kodeks requests at concurrency 32, and a bare Bolt app
	$(PY) tests/bench_load.py

eval: $(STAMP)  ## matcher scores, lexical and hybrid side by side, on every question set (held-out last)
	$(PY) -m bot eval --matcher both tests/data/dev-questions.yaml
	$(PY) -m bot eval --matcher both tests/data/staff_questions.yaml
	$(PY) -m bot eval --matcher both tests/data/tuning_questions.yaml
	$(PY) -m bot eval --matcher both tests/data/validation_questions.yaml
	$(PY) -m bot eval --matcher both tests/data/validation2_questions.yaml
	$(PY) -m bot eval --matcher both tests/data/heldout_questions.yaml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
