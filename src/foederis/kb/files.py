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


YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(root: Path) -> list[Path]:
    """The YAML files of a KB directory (recursively) or the file itself, sorted."""
    return scan_yaml(root)[0]


def scan_yaml(root: Path) -> tuple[list[Path], list[Problem]]:
    """The YAML files under ``root`` (or ``root`` itself when it is not a directory), and a
    problem for every subdirectory that could not be listed. Suffixes match in any case
    (``.YAML``); entries that are not regular files (dangling links, FIFOs) are returned so
    that the reader reports them instead of skipping them silently."""
    if not root.is_dir():
        return [root], []
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else str(root)
        problems.append(
            Problem(where, None, "(path)", f"cannot list directory: {exc.strerror or exc}")
        )

    found: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable):
        dirs.sort()
        found += (Path(folder, n) for n in names if os.path.splitext(n)[1].lower() in YAML_SUFFIXES)
    return sorted(found), problems


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
        files, problems = scan_yaml(d)
        if problems:
            raise KBValidationError(problems)
        layers.append(files)
    return layers
