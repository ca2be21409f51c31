#!/usr/bin/env bash
# Refresh the dependency lock on purpose, after changing a range in pyproject.toml:
#   bash scripts/lock.sh            # newest versions the ranges allow
#   bash scripts/lock.sh --upgrade-package NAME   (any extra uv pip compile flags pass through)
# Writes requirements-dev.txt (runtime + dev + e2e + build backend) and requirements.txt
# (runtime + build backend, pinned to the same versions), with hashes, for CPython 3.11 on any
# platform; then stamps both with the pyproject digest that scripts/lockcheck.py checks.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=(python -m uv)
"${UV[@]}" --version >/dev/null 2>&1 || { echo "error: uv is not installed; pip install -r requirements-dev.txt first" >&2; exit 1; }
build_in="$(mktemp --suffix=.in)"
trap 'rm -f "$build_in"' EXIT
python - "$build_in" <<'PY'
import sys, tomllib
reqs = tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]
open(sys.argv[1], "w").write("\n".join(reqs) + "\n")
PY
common=(--python-version 3.11 --universal --generate-hashes --quiet --no-header)
"${UV[@]}" pip compile pyproject.toml "$build_in" --extra dev --extra e2e "${common[@]}" "$@" \
  -o requirements-dev.txt
"${UV[@]}" pip compile pyproject.toml "$build_in" -c requirements-dev.txt "${common[@]}" \
  -o requirements.txt
python scripts/lockcheck.py --stamp
echo "lock refreshed: requirements-dev.txt, requirements.txt"
