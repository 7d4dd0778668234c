# Two entry points for a fresh machine: `make run` and `make test`.
# Both install what they need (Debian packages, then a virtualenv) first.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed
APP_STAMP := $(VENV)/.installed-app

.PHONY: run test check install clean benchmark screenshot install-desktop app smoke app-archive

run: $(STAMP)
	$(VENV)/bin/tahoegui $(ARGS)

test: check
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest $(PYTEST_ARGS)

# lint, format and types, as configured in pyproject.toml (plain `ruff check`, `mypy` work too)
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

install: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	# compat editable mode: a plain path entry instead of setuptools' import hook, which
	# cost every program ~0.15 s of start-up; plain -e where a setuptools lacks it
	$(VENV)/bin/pip install --quiet -e '.[test]' --config-settings editable_mode=compat \
	  || $(VENV)/bin/pip install --quiet -e '.[test]'
	# an editable install compiles nothing: byte-compile now, as pip does for a normal
	# install, so that each `tahoegui-cp` does not compile the package again on start
	$(VENV)/bin/python -m compileall -q tahoegui
	touch $(STAMP)

# the .desktop file, metainfo and icons into ${XDG_DATA_HOME:-~/.local/share}: tahoegui in the
# desktop's application menu, running this checkout's $(VENV)/bin/tahoegui (no PATH needed)
install-desktop: $(STAMP)
	bash scripts/install-desktop.sh "$(abspath $(VENV))/bin/tahoegui"

# the standalone app (PyInstaller, one folder): dist/tahoegui/ with tahoegui, tahoe, tahoegui-grid
# and tahoegui-cp; installer/tahoegui.spec says what goes in
app: $(APP_STAMP)
	$(VENV)/bin/python installer/build.py

# the built app, offscreen, on a private grid of its own in a temporary folder: lists an alias,
# copies a file both ways, and fails on any traceback or Qt warning (too slow for `make test`)
smoke: app
	$(VENV)/bin/python installer/smoke.py

# dist/tahoegui-VERSION-linux-ARCH.tar.gz: the app with its .desktop file and icons
app-archive: app
	$(VENV)/bin/python installer/archive.py

$(APP_STAMP): $(STAMP)
	$(VENV)/bin/pip install --quiet -e '.[app]' --config-settings editable_mode=compat \
	  || $(VENV)/bin/pip install --quiet -e '.[app]'
	touch $(APP_STAMP)

screenshot: $(STAMP)
	$(VENV)/bin/python scripts/screenshot.py docs/screenshot.png

clean:
	rm -rf $(VENV) build dist *.egg-info
