# Lägesbild: `make demo` serves the demo on SQLite; `make test` passes the suite on SQLite and PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: install demo serve test test-sqlite test-postgres check lint typecheck migrations-check messages clean

$(BIN)/lagesbild: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e ".[dev,embeddings]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(BIN)/lagesbild node_modules/.package-lock.json

demo: install
	$(BIN)/lagesbild demo

serve: install
	$(BIN)/lagesbild serve

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

# PostgreSQL must be reachable: the suite refuses to run (and fails) rather than skip.
test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

test: test-sqlite test-postgres

lint: install
	$(BIN)/ruff check lagesbild benchmarks
	$(BIN)/ruff format --check lagesbild benchmarks
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy lagesbild

migrations-check: install
	env -u DATABASE_URL LAGESBILD_DATA_DIR=$$(mktemp -d) $(BIN)/lagesbild makemigrations --check --dry-run

check: lint typecheck migrations-check test

# The English catalogue: collects new Swedish strings into lagesbild/locale/en/LC_MESSAGES/django.po
# and compiles django.mo. Needs GNU gettext (Debian: apt-get install gettext); CI does not, so
# translate the new msgids (no empty msgstr, no fuzzy) and commit both files.
messages: install
	cd lagesbild && env -u DATABASE_URL LAGESBILD_DATA_DIR=$$(mktemp -d) ../$(BIN)/lagesbild makemessages -l en --no-obsolete --ignore '*/tests/*' --ignore '*/migrations/*'
	cd lagesbild && env -u DATABASE_URL LAGESBILD_DATA_DIR=$$(mktemp -d) ../$(BIN)/lagesbild compilemessages -l en
	for po in lagesbild/locale/en/LC_MESSAGES/django.po lagesbild/*/locale/en/LC_MESSAGES/django.po; do msgfmt --check --statistics -o /dev/null $$po; done

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
