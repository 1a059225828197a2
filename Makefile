# Seloste: the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/seloste

# The Finnish catalog (locale/): `make messages` after changing a user-facing string;
# the compiled .mo files are a build product, made by every target that runs the app.
MESSAGES := locale/fi/LC_MESSAGES/django.mo locale/fi/LC_MESSAGES/djangojs.mo

.PHONY: install messages run test test-postgres e2e fuzz lint format migrations-check prod-smoke bench clean

# The venv is rebuilt when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed $(MESSAGES)

# Debian's gettext (msgfmt, xgettext) compiles and extracts the catalogs.
locale/%.mo: locale/%.po $(BIN)/.installed
	command -v msgfmt >/dev/null || (apt-get update && apt-get install -y gettext)
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0

# Extracts every marked string of the code and templates into django.po, keeping the
# translations already there (docs/translations.md). djangojs.po is written by hand.
messages: $(BIN)/.installed
	command -v xgettext >/dev/null || (apt-get update && apt-get install -y gettext)
	DEBUG=1 $(BIN)/python manage.py makemessages --locale fi --domain django \
		--add-location file --no-wrap --no-obsolete --ignore 'tests/*' --ignore 'bench/*' \
		--ignore 'staticfiles/*'
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py load_demo
	@echo ""
	@echo "Seloste: http://127.0.0.1:$(PORT)/"
	@echo "  Admin:  http://127.0.0.1:$(PORT)/admin/   (admin / seloste-demo)"
	@echo "  Editor logins: demo / seloste-demo (Smart Time Oy, Smartum Oy),"
	@echo "                 timmi / seloste-demo (Timmi Software Oy)"
	@echo "  Sign-up: http://127.0.0.1:$(PORT)/accounts/signup/ (SIGNUP_OPEN is on); the"
	@echo "           confirmation link is printed in this terminal (console e-mail)."
	@echo ""
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

# The same suite against a real PostgreSQL server (CI runs this too).
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

# Browser tests (tests/e2e) in Debian's Chromium; Playwright never downloads a browser.
# DJANGO_ALLOW_ASYNC_UNSAFE: Playwright's sync API runs an event loop, and the tests
# read the database between browser steps.
# axe-core for the accessibility audit (tests/e2e/test_accessibility.py) comes from the
# npm registry at the exact version in tests/e2e/axe/package-lock.json, never a CDN.
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js

$(AXE): tests/e2e/axe/package-lock.json
	command -v npm >/dev/null || (apt-get update && apt-get install -y npm)
	cd tests/e2e/axe && npm ci --no-audit --no-fund
	touch $@

e2e: install $(AXE)
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e tests/e2e

# The hostile-input suite and the import fuzz test, exploring far more examples than
# `make test` does (tests/conftest.py's "fuzz" profile; findings are kept in .hypothesis/).
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_hostile_input.py tests/privacy_notices/test_import_fuzz.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The production stack for real: PostgreSQL, gunicorn and nginx with production
# settings (deploy/smoke; nginx is installed with apt if missing).
prod-smoke: install
	deploy/smoke

# Benchmarks on the production stack (bench/run.py), written to docs/benchmarks.md.
bench: install
	$(BIN)/python bench/run.py

migrations-check: install
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
