# Set-up and checks. `make demo` and `make test` work on a fresh machine with Python 3.10+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/pytorch-bridge demo

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check pytorch_bridge tests bench compat
	$(VENV)/bin/mypy
	@command -v luacheck >/dev/null || { echo "luacheck is missing: apt-get install lua-check"; exit 1; }
	luacheck --no-color -q lua tests/lua

bench: $(STAMP)
	$(PY) -m pip install --quiet '.[bench]'
	OMP_NUM_THREADS=1 $(PY) bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
