# newswire: make demo | make test | make eval | make lint | make bench | make lock
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
DB     ?= newswire.db

.PHONY: install demo test eval lint bench lock schema docs clean fuzz fuzz-long stress

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

demo: install
	$(BIN)/newswire ingest examples/articles --db $(DB)
	$(BIN)/newswire show --db $(DB)
	$(BIN)/newswire events --db $(DB) --limit 30

test: install
	$(BIN)/python -m pytest -q

eval: install
	@test -d $(SHARED)/data || { echo "no $(SHARED)/data: nothing to evaluate"; exit 0; }
	$(BIN)/newswire eval all $(SHARED)/data --out $$(mktemp -d)

lint: install
	$(BIN)/ruff check src tests fuzz stress
	$(BIN)/mypy

FUZZ_RUNS ?= 20000
FUZZ_DIR  ?= $(or $(TMPDIR),/tmp)/newswire-fuzz

fuzz: install
	mkdir -p $(FUZZ_DIR)/readers $(FUZZ_DIR)/timex
	$(BIN)/python fuzz/fuzz_readers.py -atheris_runs=$(FUZZ_RUNS) -max_len=16384 -dict=fuzz/readers.dict -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/readers fuzz/seeds/readers
	$(BIN)/python fuzz/fuzz_timex.py -atheris_runs=$(FUZZ_RUNS) -dict=fuzz/timex.dict -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/timex fuzz/seeds/timex

fuzz-long: install
	NEWSWIRE_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz.py

# Kill loops (3 runs) and a 20 s load test on SQLite and PostgreSQL (when configured); about 2 min.
# Longer: .venv/bin/python -m stress kill --runs 20 --db both; .venv/bin/python -m stress load --seconds 120 --clients 8
stress: install
	$(BIN)/python -m stress all

bench: install
	$(BIN)/python benchmarks/throughput.py

schema: install
	$(BIN)/newswire schema > docs/record.schema.json

docs: schema
	$(BIN)/newswire cli-reference > docs/cli.md

lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
