#!/usr/bin/env bash
# The project's test command (README, second command; CI runs this file through .ci/run).
# 1. checks that the dependency lock matches pyproject.toml (refresh: bash scripts/lock.sh);
# 2. installs Debian's Chromium for the browser tests, waiting for the dpkg lock;
# 3. installs exactly the locked versions (hash-checked), then foederis itself without deps;
# 4. runs ruff (lint and format check), mypy --strict and pytest. Fails on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1

python scripts/lockcheck.py

chromium_bin="${FOEDERIS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (waits up to 10 min for the dpkg lock)..."
  apt_opts=(-o DPkg::Lock::Timeout=600 -qq)
  if ! { apt-get "${apt_opts[@]}" update \
      && DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y chromium >/dev/null; }; then
    echo "warning: could not install chromium (see apt's message above)" >&2
  fi
fi
if [ ! -x "$chromium_bin" ]; then
  echo "WARNING: no Chromium at $chromium_bin: the browser tests (tests/web/test_e2e.py) will be SKIPPED" >&2
fi

python -m pip install -q --require-hashes -r requirements-dev.txt
python -m pip install -q --no-deps --no-build-isolation -e .

python -m ruff check src tests benchmarks scripts
python -m ruff format --check src tests benchmarks scripts
python -m mypy src
set +e
python -m pytest -q -n 2 "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
fi
exit "$rc"
