# Two commands. Each creates .venv and installs the project when needed (again
# only when pyproject.toml changes).
#   make run   loads the demo county into liudong.db if it is empty, then serves
#   make test  checks the layers' import contracts (pyproject.toml), then runs
#              every test on SQLite and PostgreSQL
#   make bench measures the service against raw baselines and its HTTP stack's
#              ceiling, both stores (goal: under 20 minutes; bench/README.md)
#   make bench-growth  the growth rows (the demo county at a tenth and in full)
#   make bench-counties  twenty counties at a fifth of the demo in one PostgreSQL, per county
#              against one county alone
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Test processes: one per core of the 2-core CI machine; each test has its own SQLite file,
# PostgreSQL schema and ports, so they do not meet.
TEST_WORKERS ?= 2

.PHONY: run test bench bench-growth bench-counties clean

# No byte-compiling of every installed module: Python compiles the ones `liudong run`
# imports as it first imports them, a fraction of the whole.
$(VENV)/.run-stamp: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --no-compile -e .
	@touch $@

$(VENV)/.test-stamp: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e '.[test]'
	@touch $@ $(VENV)/.run-stamp

PORT ?= 8000
run: $(VENV)/.run-stamp
	$(BIN)/liudong run --port $(PORT)

test: $(VENV)/.test-stamp
	@.ci/debian-tools
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/python -m tests.support.postgres
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

$(VENV)/.bench-stamp: pyproject.toml $(VENV)/.test-stamp
	$(PIP) -e '.[test,bench]'
	@touch $@

bench: $(VENV)/.bench-stamp
	@bench/install-wrk
	$(BIN)/python -m bench.run

bench-growth: $(VENV)/.bench-stamp
	$(BIN)/python -m bench.growth

bench-counties: $(VENV)/.bench-stamp
	@bench/install-wrk
	$(BIN)/python -m bench.counties

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
