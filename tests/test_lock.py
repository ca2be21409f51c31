"""The dependency lock (requirements.txt, requirements-dev.txt) matches pyproject.toml and
satisfies its ranges."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = {"runtime": "requirements.txt", "dev": "requirements-dev.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def lockcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lockcheck", REPO / "scripts" / "lockcheck.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pins(lock: Path) -> dict[str, str]:
    out = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            out[canonicalize_name(m.group(1))] = m.group(3)
    return out


def declared() -> dict[str, list[Requirement]]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    build = [Requirement(r) for r in data["build-system"]["requires"]]
    extras = [Requirement(r) for rs in project["optional-dependencies"].values() for r in rs]
    return {"runtime": runtime + build, "dev": runtime + build + extras}


def test_lock_is_current() -> None:
    assert lockcheck().problems(REPO) == []


@pytest.mark.parametrize("name", ["runtime", "dev"])
def test_every_declared_dependency_is_pinned_within_its_range(name: str) -> None:
    locked = pins(REPO / LOCK[name])
    for req in declared()[name]:
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        key = canonicalize_name(req.name)
        assert key in locked, f"{req.name} is declared but not in {LOCK[name]}"
        assert req.specifier.contains(locked[key], prereleases=True), (
            f"{LOCK[name]} pins {req.name}=={locked[key]}, outside {req.specifier}"
        )


def test_runtime_and_dev_locks_agree() -> None:
    runtime = pins(REPO / LOCK["runtime"])
    dev = pins(REPO / LOCK["dev"])
    assert {k: v for k, v in runtime.items() if dev.get(k) != v} == {}


def test_changing_a_range_without_refreshing_the_lock_fails_with_the_refresh_command(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "scripts", tmp_path / "scripts")
    for lock in LOCK.values():
        shutil.copy(REPO / lock, tmp_path / lock)
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    changed = text.replace('"pyyaml>=6.0"', '"pyyaml>=6.0.1"')
    assert changed != text
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "lockcheck.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "does not match pyproject.toml" in run.stderr
    assert "bash scripts/lock.sh" in run.stderr
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    again = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "lockcheck.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
