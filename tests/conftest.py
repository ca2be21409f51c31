from __future__ import annotations

from pathlib import Path

import pytest

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
