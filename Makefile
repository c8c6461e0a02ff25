# Two commands for a fresh Debian machine with Python 3.11 and make:
#   make run    install, migrate, load the demo data, serve at http://127.0.0.1:$(PORT)
#   make test   install, then the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install run test bench load lint browser-deps clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python venv is missing; installing python3-venv with apt-get"; \
	  apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's chromium; install it (and CJK fonts) when running as root.
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi microhei; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update && apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei; \
	  else echo "chromium not found: browser tests will be skipped (install the chromium and fonts-noto-cjk packages)"; fi; }

# One pytest worker per core (pytest-xdist), tests handed out one by one in pytest-django's order:
# database tests, then transactional ones (their flush empties the migrated regions and policies),
# then the rest. Not --dist loadfile/loadgroup: they key tests by node id, and schemathesis gives
# all of a function's tests one id. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
test: install browser-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load

# Every benchmark at a fifth of full size: under 10 minutes on the 2-core machine. Full size:
# BENCH_SCALE=1 make bench; the 100k-employer audit: BENCH_SCALE=10 .venv/bin/python -m bench quota_audit
# (on the PostgreSQL of DATABASE_URL, with Celery workers it starts itself).
BENCH_SCALE ?= 0.2
bench: install
	BENCH_SCALE=$(BENCH_SCALE) $(BIN)/python -m bench

# The API under load (README "Load test"): gunicorn + a Celery worker on a PostgreSQL database of
# its own, 100 locust users on 127.0.0.1 for a fixed time; needs PostgreSQL and Redis on loopback.
load: install
	$(BIN)/python -m bench.load

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles
