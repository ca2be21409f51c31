"""Hostile news input (issue 9, items 2, 5 and 9): front matter is read by the bounded
YAML reader, one bad file never stops a batch, ingest stays inside the corpus and never
blocks on a FIFO or reads a device without end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from foederis.news import ingest
from foederis.news.read import RawDocument, ReadError, read_file, read_paths

GOOD = (
    "---\ntitle: Good article {n}\ndate: 2024-06-20\n---\n"
    "# Good article {n}\n\nThe two states signed a mutual defence treaty on June 20, 2024, "
    "in a ceremony number {n} that officials called historic for the region.\n"
)
BOMB_FRONT = "\n".join(
    ["---", 'a0: &a0 ["xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx"]']
    + [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    + ["title: *a7", "---", "", "# Bomb", "", "Body text of the bomb article.", ""]
)


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "1000"},
    )


def _good(corpus: Path, n: int) -> Path:
    f = corpus / f"good-{n}.md"
    f.write_text(GOOD.format(n=n))
    return f


def test_front_matter_bomb_is_refused_and_noted(tmp_path: Path) -> None:
    f = tmp_path / "bomb.md"
    f.write_text(BOMB_FRONT)
    doc = read_file(f)
    assert isinstance(doc, RawDocument)
    assert doc.title == "Bomb"  # the heading, not a 226-million-character alias expansion
    assert any("front matter ignored" in n and "anchors" in n for n in doc.notes), doc.notes


@pytest.mark.parametrize(
    "front",
    [
        "date: 2024-02-30",
        "date: !!int abc",
        "title: !foo bar",
        "title: [unclosed",
        "title: *nothing",
        "title: {a: {b: {c: 1}}}",
        "date: [2024-01-01]",
        "title: " + "9" * 5000,
    ],
)
def test_bad_front_matter_never_stops_the_batch(tmp_path: Path, front: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    goods = [_good(corpus, n) for n in (1, 2)]
    (corpus / "bad.md").write_text(f"---\n{front}\n---\n# Bad one\n\nSome other body text here.\n")
    result = ingest([corpus], db_path=tmp_path / "news.sqlite3")
    stored = {Path(d.path).name for d in result.documents}
    assert {g.name for g in goods} <= stored, result.skipped
    assert "bad.md" in stored or any(s.path.endswith("bad.md") for s in result.skipped)


def test_long_front_matter_title_is_cut(tmp_path: Path) -> None:
    f = tmp_path / "long.md"
    f.write_text("---\ntitle: " + "word " * 10_000 + "\n---\n\nBody.\n")
    doc = read_file(f)
    assert isinstance(doc, RawDocument) and doc.title is not None
    assert len(doc.title) <= 500


def test_symlinks_out_of_the_corpus_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash - the password line\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus, 1)
    (corpus / "passwd.txt").symlink_to(outside)
    (corpus / "etc.txt").symlink_to("/etc/passwd")
    (corpus / "inside.md").symlink_to(corpus / "good-1.md")
    results = {r.path.name: r for r in read_paths([corpus])}
    for name in ("passwd.txt", "etc.txt"):
        r = results[name]
        assert isinstance(r, ReadError) and "outside the corpus" in r.reason, r
    assert isinstance(results["inside.md"], RawDocument)

    result = ingest([corpus], db_path=tmp_path / "news.sqlite3")
    titles = " ".join(str(d.title) for d in result.documents)
    assert "root:" not in titles
    assert {Path(s.path).name for s in result.skipped} >= {"passwd.txt", "etc.txt"}


def test_symlinked_directory_is_not_entered(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text("Outside text that must not be read.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus, 1)
    (corpus / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert [r.path.name for r in read_paths([corpus])] == ["good-1.md"]


def test_fifo_and_devices_are_skipped_without_blocking(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus, 1)
    os.mkfifo(corpus / "pipe.txt")
    fifo2 = tmp_path / "direct.txt"
    os.mkfifo(fifo2)
    db = tmp_path / "news.sqlite3"
    proc = _cli("ingest", str(corpus), str(fifo2), "/dev/zero", "--db", str(db), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    for name in ("pipe.txt", "direct.txt", "zero"):
        assert "not a regular file" in reasons[name], reasons
    assert [Path(d["path"]).name for d in data["documents"]] == ["good-1.md"]


def test_reads_are_bounded(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("word " * 1000)
    r = read_file(f, max_bytes=100)
    assert isinstance(r, ReadError) and "too large" in r.reason


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "long.html",
            "<html><head><title>" + "t " * 200_000 + "</title></head><body>"
            "<article><p>" + "Body text of the page. " * 30 + "</p></article></body></html>",
        ),
        ("long.txt", "x" * 300_000 + "\n\nBody text.\n"),
    ],
)
def test_long_titles_are_cut_in_every_format(tmp_path: Path, name: str, text: str) -> None:
    f = tmp_path / name
    f.write_text(text)
    doc = read_file(f)
    assert isinstance(doc, RawDocument), doc
    for value in (doc.title, doc.outlet, doc.byline):
        assert value is None or len(value) <= 500
