"""Shared fixtures: the ATOP reference files in ../shared/data (skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ATOP_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "atop"


@pytest.fixture(scope="session")
def atop_dir() -> Path:
    if not (ATOP_DIR / "atop4_01_member.csv").is_file():
        pytest.skip(f"ATOP reference data not found in {ATOP_DIR} (../shared/data is absent)")
    return ATOP_DIR


@pytest.fixture(scope="session")
def atop_layer(atop_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The coded layer built from the reference files, once per session."""
    from foederis.atop.layer import import_atop, write_layer

    path = tmp_path_factory.mktemp("atop") / "atop-layer.json"
    write_layer(import_atop(atop_dir), path)
    return path
