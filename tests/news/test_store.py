"""Storage: migrations, no-op re-ingest, and a killed ingest (kill -9) that a re-run completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, load_corpus_module
from foederis.news import ingest, list_claims, list_stories
from foederis.news.store import ENV_VAR, MIGRATIONS, SCHEMA_VERSION, Store, default_db_path


def _dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_schema_is_migrated_not_recreated(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    with Store(db, upto=1) as store:
        assert store.version() == 1
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO documents (content_hash, path, format, text, kept_chars,"
                " removed_chars, shingle_count, minhash, claim_count, ingested_at)"
                " VALUES ('h', 'p', 'text', 't', 1, 0, 0, x'00', 0, 'now')"
            )
    with Store(db) as store:
        assert store.version() == SCHEMA_VERSION == MIGRATIONS[-1][0]
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_version")]
        assert versions == [n for n, _ in MIGRATIONS]
        assert [tuple(r) for r in store.conn.execute("SELECT path, story FROM documents")] == [
            ("p", None)
        ]
        assert store.migrate() == []  # nothing left to apply
        assert store.check() == []


def test_default_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "foederis" / "news.sqlite3"


def test_reingest_is_a_noop(seeds_dir: Path, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "news.sqlite3"
    first = ingest([seeds_dir], db_path=db, kb=kb)
    before = _dump(db)
    again = ingest([seeds_dir], db_path=db, kb=kb)
    assert _dump(db) == before
    assert [d.new for d in again.documents] == [False] * 5
    assert again.claims == first.claims
    # the same bytes under another name are the same document
    copy = tmp_path / "copy.txt"
    copy.write_bytes(next(seeds_dir.glob("000_*")).read_bytes())
    third = ingest([copy], db_path=db, kb=kb)
    assert _dump(db) == before and [d.id for d in third.documents] == [first.documents[0].id]


def test_listing_functions(seed_result, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    result, db = seed_result
    monkeypatch.setenv(ENV_VAR, str(db))
    stories = list_stories()
    assert len(stories) == 3 and len(stories[0].documents) == 3
    stale = list_claims("stale")
    # and the US-New Zealand alliance (ANZUS), suspended by the US since 1986
    assert {c.relation for c in stale} == {"membership_count", "aspirant", "in_force"}
    assert len(list_claims()) == len(result.claims)


def _state(db: Path) -> tuple[set[str], int, list[list[str]]]:
    with Store(db) as store:
        assert store.check() == []
        rows = store.documents()
        hashes = {r["content_hash"] for r in rows}
        claims = len(store.claims())
        by_story: dict[int, list[str]] = {}
        for r in rows:
            by_story.setdefault(r["story"], []).append(r["content_hash"])
        return hashes, claims, sorted(sorted(g) for g in by_story.values())


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_killed_ingest_leaves_a_consistent_db_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    load_corpus_module().generate(corpus, 600, seed=7)
    db = tmp_path / "killed.sqlite3"
    code = (
        "import sys; from pathlib import Path; from foederis.news import ingest; "
        f"ingest([Path({str(corpus)!r})], db_path=Path({str(db)!r}), commit_every=5)"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    conn = sqlite3.connect(db, timeout=0.1)
                    n = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                    conn.close()
                except sqlite3.OperationalError:
                    n = 0
                if n >= 20:
                    break
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    hashes, _, _ = _state(db)  # consistent: integrity, foreign keys, claim counts
    assert 20 <= len(hashes) < 600
    ingest([corpus], db_path=db)  # the re-run completes the work
    reference = tmp_path / "clean.sqlite3"
    ingest([corpus], db_path=reference)
    done = _state(db)
    assert done == _state(reference)
    assert len(done[0]) == 600


def test_claims_of_more_documents_than_sqlite_has_variables(
    seeds_dir: Path, tmp_path: Path, kb
) -> None:  # type: ignore[no-untyped-def]
    """The end of an ingest asks for the claims of every document it read: a 1M-article
    run asked with one SQL variable per id and failed after storing everything."""
    db = tmp_path / "news.sqlite3"
    ingest([seeds_dir], db_path=db, kb=kb)
    with Store(db) as store:
        ids = [int(r["id"]) for r in store.documents()]
        want = [int(r["id"]) for r in store.claims()]
        many = [*range(10**6, 10**6 + 300_000), *ids]  # past SQLite's 250,000 (and 32,766)
        assert [int(r["id"]) for r in store.claims(documents=many)] == want
        assert [int(r["id"]) for r in store.claims(documents=ids[:1])] == [
            int(r["id"]) for r in store.claims() if r["document"] == ids[0]
        ]


def test_stored_hashes_are_found_across_read_ahead_blocks(
    seeds_dir: Path, tmp_path: Path, kb, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Stored documents are looked up a block at a time: with blocks of two, a re-run
    still finds every seed article stored, and a file read twice in one run is one."""
    from foederis.news import pipeline

    db = tmp_path / "news.sqlite3"
    first = ingest([seeds_dir], db_path=db, kb=kb)
    monkeypatch.setattr(pipeline, "READ_AHEAD", 2)
    again = ingest([seeds_dir, seeds_dir], db_path=db, kb=kb)
    assert [d.new for d in again.documents] == [False] * len(first.documents)
    assert [d.id for d in again.documents] == [d.id for d in first.documents]
