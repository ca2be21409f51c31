from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never pick up a coded ATOP layer the user imported into ~/.local/share/foederis:
# the tests that use one pass it explicitly (tests/atop).
os.environ["FOEDERIS_ATOP"] = "off"

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"the shared research data is not at {path} (it sits beside the checkout)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip(f"the seed articles are not at {path}")
    return path
