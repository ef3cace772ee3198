# Linggong — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

# The server's tests run on SQLite and on the PostgreSQL at 127.0.0.1:5432 (each run makes its own
# database and drops it); without one they fail. REQUIRE_PG=0 lets them skip on a machine without it.
REQUIRE_PG ?= 1

.PHONY: run test bench soak lint i18n sysdeps testtools screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
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

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

# Benchmarks (targets from the issues). Builds a 1,000,000-person database once under build/bench.
bench: sysdeps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/linggong bench --json build/bench/results.json $(ARGS)

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
