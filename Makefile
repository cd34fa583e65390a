# One entry point for every task. `make run` and `make test` install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
ASSETS_STAMP := rete/static/vendor/.installed

.PHONY: install run test bench lint security format lock clean

install: $(PY_STAMP) $(ASSETS_STAMP)

$(PY_STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(ASSETS_STAMP): package.json package-lock.json scripts/vendor_assets.sh
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	sh scripts/vendor_assets.sh
	touch $@

run: install
	$(BIN)/rete demo

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Static analysis of our code (bandit), and the locked dependencies checked against the
# public vulnerability databases (pip-audit: needs network access). See README, "Security checks".
security: install
	$(BIN)/bandit -q -r rete -c pyproject.toml
	sh scripts/audit_dependencies.sh

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve the Python lock file after changing pyproject.toml (needs network access to PyPI).
lock: $(PY_STAMP)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) node_modules rete/static/vendor staticfiles .pytest_cache .ruff_cache
