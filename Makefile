# The two commands: `make run` (set up everything, load the sample corpus, serve
# http://127.0.0.1:5000) and `make test` (the whole suite against the real services).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup services run test stop status bench

setup:
	bash scripts/setup.sh

services: setup
	bash scripts/services.sh start

run: services
	bash scripts/run.sh

test: services
	$(PY) -m pytest

stop:
	bash scripts/services.sh stop

status:
	bash scripts/services.sh status

bench: services
	$(PY) bench/run_all.py
