# The two commands: `make run` (set up everything, load the sample corpus, serve
# http://127.0.0.1:5000) and `make test` (lint, types and the whole suite against the real
# services). `make check` is the fast tier: lint, types and the tests that need no service.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
LINT_DIRS := remissvar remissvar_cli search_api ingest web bench tests

.PHONY: setup services run test check lint stop status bench bench-quality bench-scale

setup:
	bash scripts/setup.sh

services: setup
	bash scripts/services.sh start

run: services
	bash scripts/run.sh

# lint: ruff; compile-time warnings as errors (SyntaxWarning: a string called as a function, `is`
# with a literal; DeprecationWarning: an invalid escape, a SyntaxWarning from Python 3.12 on); mypy
# (the packages strict, bench/ and tests/ checked). `make test` and `make check` both run it first.
lint:
	$(VENV)/bin/ruff check .
	$(PY) -W error::SyntaxWarning -W error::DeprecationWarning -m compileall -f -q $(LINT_DIRS)
	$(VENV)/bin/mypy

check: setup lint
	$(PY) -m pytest -m "not services and not fuzz and not slow" -q -p no:cacheprovider

test: services lint
	$(PY) -m pytest

stop:
	bash scripts/services.sh stop

status:
	bash scripts/services.sh status

bench: services
	$(PY) bench/run_all.py

bench-quality: services
	$(PY) bench/check_quality.py

# the keyword result page at a million passages (bench/scale_keyword.py): about 15 minutes
# here, at the lowest priority; in the background:
#   nohup make bench-scale > var/log/bench-scale.log 2>&1 &
bench-scale: services
	nice -n 19 $(PY) bench/scale_keyword.py
