"""Which files make up the knowledge base: the built-in data directory, then the user's
layers (``--kb`` / ``FOEDERIS_KB``). Light on purpose: no YAML or pydantic imports, so the
compiled-cache check in a fresh process stays cheap."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from foederis.errors import KBValidationError, Problem

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data"
ENV_VAR = "FOEDERIS_KB"


def user_dirs(extra: Sequence[Path] | None = None) -> list[Path]:
    dirs = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return dirs + list(extra or [])


def yaml_files(root: Path) -> list[Path]:
    """The YAML files of a KB directory (recursively) or the file itself, sorted."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def builtin_files() -> list[Path]:
    return yaml_files(BUILTIN_DIR / "areas") + yaml_files(BUILTIN_DIR / "treaties")


def layer_files(dirs: Sequence[Path]) -> list[list[Path]]:
    layers = [builtin_files()]
    for d in dirs:
        if not d.exists():
            raise KBValidationError(
                [
                    Problem(
                        str(d),
                        None,
                        "(kb)",
                        "no such file or directory",
                        "pass an existing directory with --kb or FOEDERIS_KB",
                    )
                ]
            )
        layers.append(yaml_files(d))
    return layers
