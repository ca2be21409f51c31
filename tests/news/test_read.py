"""Stage 1: reading files, and bad input reported per file and skipped."""

from __future__ import annotations

from pathlib import Path

from foederis.news.read import MAX_BYTES, RawDocument, ReadError, read_file, read_paths


def _by_name(results: list[RawDocument | ReadError]) -> dict[str, RawDocument | ReadError]:
    return {r.path.name: r for r in results}


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ")
    (tmp_path / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait and a treaty.".encode("latin-1"))
    with (tmp_path / "huge.txt").open("wb") as f:  # 50 MiB of text: over the 50 MB limit
        f.write(b"word " * (50 * 1024 * 1024 // 5))
    (tmp_path / "good.txt").write_text(
        "A headline about a pact\n\nRussia and North Korea signed a pact.\n"
    )
    results = _by_name(list(read_paths([tmp_path])))
    assert set(results) == {
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "latin1.txt",
        "huge.txt",
        "good.txt",
    }
    reasons = {n: r.reason for n, r in results.items() if isinstance(r, ReadError)}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert reasons["latin1.txt"].startswith("invalid UTF-8 at byte 3")
    assert "too large" in reasons["huge.txt"] and f"{MAX_BYTES:,}" in reasons["huge.txt"]
    assert isinstance(results["good.txt"], RawDocument)


def test_html_scripts_are_dropped_and_noted(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Pact signed | Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2024-06-20T06:02:00Z">'
        "<script>var secret = 'SCRIPT-TEXT';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Pact signed</h1><p>Russia and North Korea signed a mutual defense treaty"
        " in Pyongyang on Wednesday, officials said in a statement.</p>"
        "<script>document.write('MORE-SCRIPT')</script><p>The agreement commits each side to"
        " help the other if attacked, according to the text released by state media.</p>"
        "</article></body></html>"
    )
    doc = read_file(page)
    assert isinstance(doc, RawDocument)
    assert "SCRIPT-TEXT" not in doc.text and "MORE-SCRIPT" not in doc.text
    assert "signed a mutual defense treaty" in doc.text
    assert doc.notes == ["dropped 2 <script> element(s)"]
    assert (doc.title, doc.outlet, doc.byline, str(doc.published)) == (
        "Pact signed",
        "Example News",
        "Jane Roe",
        "2024-06-20",
    )


def test_html_with_only_scripts_is_skipped(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"
    )
    result = read_file(page)
    assert isinstance(result, ReadError)
    assert "no article text" in result.reason and "script" in result.reason


def test_markdown_front_matter_and_text(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text(
        "---\ntitle: Pact signed\nauthor: Jane Roe\ndate: 2024-06-20\noutlet: Example\n---\n"
        "# Pact signed\n\nRussia and **North Korea** signed a [pact](http://x).\n"
    )
    doc = read_file(md)
    assert isinstance(doc, RawDocument)
    assert doc.format == "markdown"
    assert "Russia and North Korea signed a pact." in doc.text
    assert (doc.title, doc.byline, doc.outlet, str(doc.published)) == (
        "Pact signed",
        "Jane Roe",
        "Example",
        "2024-06-20",
    )


def test_plain_text_header_of_seeds(seeds_dir: Path) -> None:
    docs = {r.path.name[:3]: r for r in read_paths([seeds_dir])}
    assert all(isinstance(d, RawDocument) for d in docs.values())
    ap = docs["000"]
    assert isinstance(ap, RawDocument)
    assert ap.outlet == "Associated Press" and ap.byline and str(ap.published) == "2024-06-20"
    explainer = docs["003"]
    assert isinstance(explainer, RawDocument) and str(explainer.published) == "2024-06-27"
    for d in docs.values():
        assert isinstance(d, RawDocument) and d.title
