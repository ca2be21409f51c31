"""The compiled-copy cache: keyed by its inputs, and bounded on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from foederis import cache


def test_key_changes_when_an_input_changes(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    before = cache.key([f])
    f.write_text("a: 12\n", encoding="utf-8")
    assert cache.key([f]) != before


def test_only_the_newest_copies_of_a_kind_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOEDERIS_CACHE_DIR", str(tmp_path))
    other = tmp_path / "states-0.pickle"
    cache.dump_pickle(other, {"other": "kind"})
    written = []
    for i in range(cache.KEEP + 5):
        p = tmp_path / f"kb-{i:04d}.pickle"
        cache.dump_pickle(p, {"i": i})
        os.utime(p, ns=(i * 10**9, i * 10**9))
        written.append(p)
    cache.dump_pickle(written[-1], {"i": "last"})
    left = sorted(p.name for p in tmp_path.glob("kb-*.pickle"))
    assert len(left) == cache.KEEP
    assert written[-1].name in left
    assert written[0].name not in left
    assert other.exists(), "another kind's copy is never pruned"
    assert cache.load_pickle(written[-1]) == {"i": "last"}
