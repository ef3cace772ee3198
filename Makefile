# Linggong — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

# The server's tests run on SQLite and on the PostgreSQL at 127.0.0.1:5432 (each run makes its own
# database and drops it); without one they fail. REQUIRE_PG=0 lets them skip on a machine without it.
REQUIRE_PG ?= 1

.PHONY: run test test-moments bench soak lint i18n sysdeps testtools screenshots clean dist dist-check bench-startup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install when the project's dependencies change. The versions are those the frozen build
# ships (packaging/requirements-dist.txt), so the tests run what the counter PCs get.
PINS := packaging/requirements-dist.txt
$(VENV)/.installed: pyproject.toml $(PINS) | $(BIN)/python
	$(BIN)/pip install -q -e . -c $(PINS)
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(PINS) | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]' -c $(PINS)
	touch $@ $(VENV)/.installed

sysdeps:
	@sh packaging/qt-system-deps.sh

# poppler-utils and zbar-tools: the slip tests render PDFs and decode their QR codes.
testtools:
	@sh packaging/test-tools.sh

run: sysdeps $(VENV)/.installed
	$(BIN)/linggong $(ARGS)

test: sysdeps testtools $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen LINGGONG_REQUIRE_PG=$(REQUIRE_PG) $(BIN)/python -m pytest $(PYTEST_ARGS)
	$(MAKE) test-moments

# The tests that read "today" (marker `dates`) again at moments where dates go wrong: a month's last
# day late in the evening, New Year's Eve 23:30, a leap day, the eve of Spring Festival (春节 2027 is
# 6 February). Beijing time. tests/conftest.py sets the app's clock to LINGGONG_TEST_NOW and has
# time-machine move the process's own clock there too.
MOMENTS ?= 2027-01-31T23:40:00+08:00 2026-12-31T23:30:00+08:00 2028-02-29T09:00:00+08:00 2027-02-05T16:00:00+08:00
test-moments: $(VENV)/.installed-dev
	@set -e; for at in $(MOMENTS); do \
		echo "== tests at $$at"; \
		QT_QPA_PLATFORM=offscreen LINGGONG_REQUIRE_PG=$(REQUIRE_PG) LINGGONG_TEST_NOW=$$at \
			$(BIN)/python -m pytest -q -m dates -p no:cacheprovider; \
	done

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

# The installable build (issue 7): a one-folder PyInstaller build and its archive under dist/, made
# from build/dist-venv, which holds only the pinned dependencies. dist-check unpacks the archive and
# runs the frozen program's self-test, tools and server where no font and no Python are visible.
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
ARCHIVE = dist/linggong-$(VERSION)-linux-$(shell uname -m).tar.gz

dist: sysdeps
	@sh packaging/build-tools.sh
	$(PYTHON) packaging/build.py

dist-check: dist
	$(PYTHON) packaging/smoke.py $(ARCHIVE)

# Benchmarks (targets from the issues). Builds a 1,000,000-person database once under build/bench.
bench: sysdeps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/linggong bench --json build/bench/results.json $(ARGS)
	$(MAKE) bench-startup

# The counter's start-up, frozen against from source (builds the bundle first if needed).
bench-startup: dist $(VENV)/.installed
	$(PYTHON) packaging/startup_bench.py --json build/bench/startup.json

# The hall board for 30 minutes (MINUTES=…) while the data changes every 3 s; its memory must stay flat.
MINUTES ?= 30
soak: sysdeps $(VENV)/.installed-dev
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.soak.board --minutes $(MINUTES) --json build/soak/board.json

# Refresh the translation sources from the code, then compile them.
i18n: $(VENV)/.installed-dev
	$(BIN)/python -m app.i18n_build

# Screenshots for the README, taken offscreen with the bundled font only.
screenshots: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py docs

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
