from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def kb():  # type: ignore[no-untyped-def]
    from foederis.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def seed_result(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory, kb):  # type: ignore[no-untyped-def]
    from foederis.news import ingest

    db = tmp_path_factory.mktemp("seeds") / "news.sqlite3"
    return ingest([seeds_dir], db_path=db, kb=kb), db


def load_corpus_module() -> ModuleType:
    """benchmarks/news_corpus.py (the synthetic corpus generator), loaded by path."""
    spec = importlib.util.spec_from_file_location(
        "news_corpus", REPO / "benchmarks" / "news_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["news_corpus"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
