"""`foederis ingest / stories / claims / review` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_ingest_seeds_then_query(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.sqlite3")
    proc = run("ingest", str(seeds_dir), "--db", db, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["documents"]) == 5
    story = {Path(d["path"]).name[:3]: d["story"] for d in data["documents"]}
    assert story["000"] == story["001"] == story["002"]
    assert len({story["000"], story["003"], story["004"]}) == 3

    again = json.loads(run("ingest", str(seeds_dir), "--db", db, "--format", "json").stdout)
    assert not any(d["new"] for d in again["documents"]), "re-ingest must be a no-op"

    stale = json.loads(run("claims", "--status", "stale", "--db", db, "--format", "json").stdout)
    assert {c["relation"] for c in stale} >= {"membership_count", "aspirant"}
    stories = json.loads(run("stories", "--db", db, "--format", "json").stdout)
    assert len(stories) == 3


def test_review_bad_id_is_a_clear_error(tmp_path: Path) -> None:
    proc = run("review", "accept", "999", "--db", str(tmp_path / "n.sqlite3"))
    assert proc.returncode == 1
    assert "no proposal 999" in proc.stderr and "Traceback" not in proc.stderr


def test_ingest_missing_path(tmp_path: Path) -> None:
    proc = run("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "n.sqlite3"))
    assert proc.returncode == 1 and "no such file" in proc.stderr
