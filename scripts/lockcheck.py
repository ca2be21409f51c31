"""Guard that the dependency lock matches pyproject.toml.

The lock files ``requirements.txt`` and ``requirements-dev.txt`` are made by
``bash scripts/lock.sh`` (uv pip compile, with hashes). Each starts with a line
``# pyproject-digest: <sha256>``: the digest of everything in pyproject.toml that decides
what gets installed (requires-python, the runtime dependencies, every optional-dependency set
and the build-system requirements). ``python scripts/lockcheck.py`` recomputes it and fails,
naming the command that refreshes the lock, when a dependency range changed but the lock did
not; ``--stamp`` (used by lock.sh) writes the line.

Standard library only: it runs before anything is installed on a fresh machine.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ("requirements.txt", "requirements-dev.txt")
PREFIX = "# pyproject-digest: "
REFRESH = "bash scripts/lock.sh"


def inputs(pyproject: Path) -> dict[str, object]:
    """The parts of pyproject.toml that decide what is installed."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    return {
        "requires-python": project.get("requires-python"),
        "dependencies": sorted(project.get("dependencies", [])),
        "optional-dependencies": {
            k: sorted(v) for k, v in sorted(project.get("optional-dependencies", {}).items())
        },
        "build-system": sorted(data.get("build-system", {}).get("requires", [])),
    }


def digest(pyproject: Path) -> str:
    canon = json.dumps(inputs(pyproject), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()


def recorded(lock: Path) -> str | None:
    with lock.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(PREFIX):
                return line[len(PREFIX) :].strip()
            if not line.startswith("#"):
                break
    return None


def problems(root: Path = ROOT) -> list[str]:
    want = digest(root / "pyproject.toml")
    out = []
    for name in LOCKS:
        lock = root / name
        if not lock.is_file():
            out.append(f"{name} is missing; make it with: {REFRESH}")
            continue
        have = recorded(lock)
        if have != want:
            out.append(
                f"{name} does not match pyproject.toml (the dependencies changed after the lock "
                f"was made). Refresh the lock on purpose with: {REFRESH}"
            )
    return out


def stamp(root: Path = ROOT) -> None:
    want = digest(root / "pyproject.toml")
    for name in LOCKS:
        lock = root / name
        lines = [
            ln for ln in lock.read_text(encoding="utf-8").splitlines() if not ln.startswith(PREFIX)
        ]
        lock.write_text("\n".join([PREFIX + want, *lines]) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[1:] == ["--stamp"]:
        stamp()
        return 0
    found = problems()
    for p in found:
        print(f"error: {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
