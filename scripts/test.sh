#!/usr/bin/env bash
# The project's test command (README, second command; CI runs this file).
# Installs the package with its test tools and Chromium for the browser tests, then runs
# ruff, mypy and pytest. Fails on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  fi
fi
python -m pip install -q --disable-pip-version-check -e '.[dev,e2e]'
python -m ruff check src tests benchmarks
python -m mypy src
python -m pytest -q -n 2 "$@"
