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
