"""Small text helpers shared by the stages: comparison keys, sentences with spans,
word shingles with stable hashes."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^[\s•·▪◦●○■□\-–—*>]+")
# A sentence ends at . ! or ? (with closing quotes/brackets), before a capital, digit or
# opening quote. Abbreviations are checked separately.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "maj",
        "capt",
        "adm",
        "prof",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "art",
        "arts",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "inc",
        "co",
        "corp",
        "ltd",
        "a.m",
        "p.m",
        "approx",
        "dept",
        "est",
        "fig",
        "vol",
        "op",
    ]
)


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A comparison key: lower-case words joined by single spaces (quotes, dashes and
    punctuation ignored)."""
    return " ".join(_WORD.findall(text.lower()))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 16)
def word_count(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    line_no: int
    bullet: bool


MAX_SENTENCE = 1000  # characters: a longer run is cut at a clause or word boundary


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a cleaned text (one paragraph per line) with character spans:
    ``text[s.start:s.end] == s.text``. A leading bullet mark is left outside the span.
    No sentence is longer than ``MAX_SENTENCE``: a run without a boundary (a one-line
    page, a list) is cut at the last "; ", ", " or space before the limit, so that the
    work done per sentence is bounded and extraction stays linear in the text's length."""
    return [piece for s in _sentences(text) for piece in _cut(s)]


def _cut(s: Sentence) -> list[Sentence]:
    if len(s.text) <= MAX_SENTENCE:
        return [s]
    out: list[Sentence] = []
    text, start = s.text, 0
    while len(text) - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "))
        if cut < MAX_SENTENCE // 2:
            cut = window.rfind(" ")
        end = start + (cut + 1 if cut > 0 else MAX_SENTENCE)
        piece = text[start:end].rstrip()
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(
                Sentence(
                    s.start + start + lead,
                    s.start + start + len(piece),
                    piece.lstrip(),
                    s.line_no,
                    s.bullet,
                )
            )
        start = end
    piece = text[start:]
    lead = len(piece) - len(piece.lstrip())
    if piece.strip():
        out.append(Sentence(s.start + start + lead, s.end, piece.lstrip(), s.line_no, s.bullet))
    return out


def _sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        bullet_match = _BULLET.match(line)
        lead = bullet_match.end() if bullet_match else 0
        bullet = lead > 0 and bool(bullet_match and bullet_match.group().strip())
        start = lead
        for m in _BOUNDARY.finditer(line, lead):
            before = line[start : m.start()].rsplit(None, 1)
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            end = m.end()
            piece = line[start:end].rstrip()
            if piece.strip():
                out.append(
                    Sentence(offset + start, offset + start + len(piece), piece, line_no, bullet)
                )
            start = end
        piece = line[start:].rstrip()
        if piece.strip():
            out.append(
                Sentence(offset + start, offset + start + len(piece), piece, line_no, bullet)
            )
        offset += len(line) + 1
    return out


SHINGLE_SIZE = 3


def shingles(text: str, k: int = SHINGLE_SIZE) -> set[int]:
    """Hashes of the word k-grams of a text (CRC-32: stable across processes, so that
    stored MinHash signatures stay comparable)."""
    toks = _WORD.findall(text.lower())
    if len(toks) < k:
        return {zlib.crc32(" ".join(toks).encode())} if toks else set()
    return {zlib.crc32(" ".join(toks[i : i + k]).encode()) for i in range(len(toks) - k + 1)}
