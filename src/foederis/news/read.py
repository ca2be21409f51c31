"""Stage 1 — read articles: plain text, HTML (main text by trafilatura) and Markdown
(text via markdown-it, YAML front matter for metadata); single files or directories.

Each file gives a :class:`RawDocument` or a :class:`ReadError` with the reason it was
skipped (empty, binary, too large, not UTF-8, no text); one bad file never stops a batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from markdown_it import MarkdownIt

from foederis.kb.yamlfile import parse_yaml
from foederis.news import boilerplate as bp
from foederis.news.dates import date_line, parse_iso

Format = Literal["text", "html", "markdown"]

MAX_BYTES = 50_000_000  # 50 MB: larger files are skipped
MAX_META_CHARS = 500  # a title, outlet or byline from front matter is cut to this
HEADER_LINES = 40  # metadata (byline, dateline, outlet) is looked for in the first lines
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
                 ".xhtml": "html", ".md": "markdown", ".markdown": "markdown"}  # fmt: skip
_SNIFF_HTML = re.compile(rb"(?is)^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[ >])")
_SCRIPT = re.compile(r"(?is)<script\b")
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<yaml>.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class RawDocument:
    path: Path
    format: Format
    text: str
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: date | None = None
    notes: list[str] = field(default_factory=list)
    url: str | None = None  # the article's address (http or https only), when given


@dataclass(frozen=True, slots=True)
class ReadError:
    path: Path
    reason: str


ReadResult = RawDocument | ReadError


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files with a known suffix under directories named (sorted)."""
    for path, _root in iter_entries(paths):
        yield path


def iter_entries(paths: Iterable[Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, corpus root) for the files named (root None) and the entries with a known
    suffix under the directories named (sorted; symlinked subdirectories are not entered,
    hidden files are left out). Entries that are not regular files are included so that
    :func:`read_file` reports them."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[Path] = []
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                found += (
                    Path(folder, n)
                    for n in names
                    if Path(n).suffix.lower() in TEXT_SUFFIXES and not n.startswith(".")
                )
            for f in sorted(found):
                yield f, path
        else:
            yield path, None


def read_paths(paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    for path, root in iter_entries(paths):
        yield read_file(path, max_bytes=max_bytes, root=root)


def read_file(path: Path, max_bytes: int = MAX_BYTES, *, root: Path | None = None) -> ReadResult:
    """One document, or a ReadError saying why the file was skipped. With ``root`` (the
    directory the file was found in), a symbolic link leading outside it is refused.
    Only regular files are read (a FIFO would block, ``/dev/zero`` never ends), and never
    more than ``max_bytes``."""
    if root is not None and path.is_symlink():
        try:
            inside = path.resolve(strict=True).is_relative_to(root.resolve())
        except (OSError, RuntimeError):
            return ReadError(path, "broken symbolic link")
        if not inside:
            return ReadError(path, "symbolic link to a file outside the corpus; not read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return ReadError(path, f"cannot read: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return ReadError(path, "not a regular file (a FIFO, socket or device); not read")
        if info.st_size > max_bytes:
            return ReadError(path, f"too large: {info.st_size:,} bytes (limit {max_bytes:,})")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return ReadError(path, f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return ReadError(path, f"too large: over {max_bytes:,} bytes")
    try:
        return read_bytes(path, data)
    except Exception as exc:  # one bad file never stops a batch: report it, go on
        return ReadError(path, f"could not be read ({type(exc).__name__}: {str(exc)[:200]})")


def read_bytes(path: Path, data: bytes) -> ReadResult:
    """One document from a file's bytes (``path`` names it and picks the format)."""
    if not data.strip():
        return ReadError(path, "empty file")
    if _looks_binary(data):
        return ReadError(path, "binary content (NUL or control bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(path, f"invalid UTF-8 at byte {exc.start}")
    digest = hashlib.sha256(data).hexdigest()
    fmt = _format_of(path, data)
    if fmt == "html":
        return _bounded(_read_html(path, text, digest))
    if fmt == "markdown":
        return _bounded(_read_markdown(path, text, digest))
    return _bounded(_read_text(path, text, digest))


def _bounded(result: ReadResult) -> ReadResult:
    """Title, outlet and byline cut to MAX_META_CHARS, whatever the format (a page's
    <title> or first line may be megabytes long)."""
    if isinstance(result, ReadError):
        return result

    def cut(value: str | None) -> str | None:
        if value is None or len(value) <= MAX_META_CHARS:
            return value
        return " ".join(value.split())[:MAX_META_CHARS] or None

    if all(len(v or "") <= MAX_META_CHARS for v in (result.title, result.outlet, result.byline)):
        return result  # nothing to cut (the common case): no copy
    return dataclasses.replace(
        result, title=cut(result.title), outlet=cut(result.outlet), byline=cut(result.byline)
    )


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = len(head) - len(head.translate(None, _CONTROL))  # counted in C, not a loop
    return control > len(head) * 0.05


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _format_of(path: Path, data: bytes) -> Format:
    known = TEXT_SUFFIXES.get(path.suffix.lower())
    if known == "html" or (known is None and _SNIFF_HTML.match(data[:1024])):
        return "html"
    if known == "markdown":
        return "markdown"
    return "text"


# ---- HTML --------------------------------------------------------------------------


def _read_html(path: Path, html: str, digest: str) -> ReadResult:
    import trafilatura  # imported on first use: it is slow to import

    notes = []
    scripts = len(_SCRIPT.findall(html))
    if scripts:
        notes.append(f"dropped {scripts} <script> element(s)")
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        reason = "no article text found in HTML"
        if scripts:
            reason += f" ({scripts} <script> element(s) dropped)"
        return ReadError(path, reason)
    title = getattr(doc, "title", None)
    return RawDocument(
        path=path,
        format="html",
        text=text,
        content_hash=digest,
        title=title or None,
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        byline=getattr(doc, "author", None) or None,
        published=parse_iso(getattr(doc, "date", None)),
        notes=notes,
        url=_web_url(getattr(doc, "url", None)),
    )


# ---- Markdown ----------------------------------------------------------------------

_md = MarkdownIt("commonmark")


def _read_markdown(path: Path, source: str, digest: str) -> ReadResult:
    meta: dict[str, Any] = {}
    notes: list[str] = []
    m = _FRONT_MATTER.match(source)
    if m:
        # the bounded reader: no aliases (a 350-byte bomb expands to gigabytes), no tags;
        # dates stay text, so `date: 2024-02-30` is simply not a date
        front = parse_yaml(m.group("yaml"), str(path))
        if front.problems:
            first = front.problems[0]
            notes.append(f"front matter ignored: line {first.line}: {first.message}")
        elif isinstance(front.data, dict):
            meta = {str(k).lower(): v for k, v in front.data.items()}
        source = source[m.end() :]
    text, first_heading = _markdown_to_text(source)
    if not text.strip():
        return ReadError(path, "no text in Markdown file")
    published = _meta_date(meta.get("date") or meta.get("published"))
    header = _text_header(text)
    return RawDocument(
        path=path,
        format="markdown",
        text=text,
        content_hash=digest,
        title=_meta_str(meta.get("title")) or first_heading or header.title,
        outlet=_meta_str(meta.get("outlet") or meta.get("source") or meta.get("site"))
        or header.outlet,
        byline=_meta_str(meta.get("author") or meta.get("byline")) or header.byline,
        published=published or header.published,
        notes=notes,
        url=_web_url(meta.get("url") or meta.get("link")),
    )


def _web_url(value: object) -> str | None:
    """An http(s) address of at most 2,000 characters, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    ok = re.fullmatch(r"https?://[^\s<>\"']{1,2000}", text, flags=re.IGNORECASE)
    return text if ok else None


def _markdown_to_text(source: str) -> tuple[str, str | None]:
    """Plain text, one block per line, and the first heading."""
    blocks: list[str] = []
    first_heading: str | None = None
    in_heading = False
    for tok in _md.parse(source):
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline":
            parts = [
                c.content if c.type in ("text", "code_inline") else " "
                for c in (tok.children or [])
                if c.type in ("text", "code_inline", "softbreak", "hardbreak")
            ]
            line = " ".join("".join(parts).split())
            if not line:
                continue
            if in_heading and first_heading is None:
                first_heading = line
            blocks.append(line)
        elif tok.type in ("code_block", "fence"):
            blocks.extend(ln for ln in tok.content.splitlines() if ln.strip())
    return "\n".join(blocks), first_heading


def _meta_str(value: object) -> str | None:
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value if not isinstance(v, (list, dict)))
    else:
        text = str(value)
    text = " ".join(text.split())[:MAX_META_CHARS]
    return text or None


def _meta_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return parse_iso(str(value)) if value else None


# ---- plain text --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    title: str | None
    outlet: str | None
    byline: str | None
    published: date | None


def _read_text(path: Path, text: str, digest: str) -> ReadResult:
    header = _text_header(text)
    return RawDocument(
        path=path,
        format="text",
        text=text,
        content_hash=digest,
        title=header.title,
        outlet=header.outlet,
        byline=header.byline,
        published=header.published,
    )


def _text_header(text: str) -> _Header:
    """Title, outlet, byline and date as a page's text shows them near its top."""
    lines = [ln.strip() for ln in text.splitlines()[: HEADER_LINES * 3] if ln.strip()]
    head = lines[:HEADER_LINES]
    title = next((ln for ln in head if bp.looks_like_headline(ln)), None)
    byline = outlet = None
    published = None
    for ln in head:
        if byline is None and (m := bp.BYLINE.match(ln)) and len(ln.split()) <= 8:
            byline = " ".join(m.group("name").split()) or None
            outlet = outlet or (m.group("outlet") or None)
        if published is None:
            published = date_line(ln)
        if outlet is None:
            outlet = _outlet_of(ln)
    return _Header(title, outlet, byline, published)


_WELCOME = re.compile(r"(?i)^welcome to\s+(?P<o>.+?)(?:\s+[-–|:]\s+.*)?$")
_SELF = re.compile(
    r"(?i)^(?P<o>[\w-]+\.(?:com|net|org|co\.uk|news|info|io|tv))\b[^.]{0,40}\bis an?\b"
)
_SOURCE = re.compile(r"(?i)^source\s*:\s*(?P<o>[^|]{2,60})$")


def _outlet_of(line: str) -> str | None:
    for pattern in (_WELCOME, _SELF, _SOURCE):
        m = pattern.match(line)
        if m:
            return m.group("o").strip().rstrip(".") or None
    return None
