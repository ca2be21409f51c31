from __future__ import annotations

import pytest

from foederis.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The built-in knowledge base (facts themselves are in tests/facts/*.yaml)."""
    return load_kb()
