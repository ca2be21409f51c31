"""Small text helpers shared by the stages: comparison keys, sentences with spans,
word shingles with stable hashes."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import Any, NamedTuple

import ahocorasick_rs
import numpy as np

_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")
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


class Substrings:
    """A fixed set of substrings, each looked for in a text at once: one Aho–Corasick
    pass (ahocorasick-rs, in Rust) instead of one ``in`` test per word, which made the
    cheap "can this sentence matter at all?" gates a tenth of the extraction time."""

    __slots__ = ("_automaton", "words")

    def __init__(self, *words: str) -> None:
        self.words = tuple(dict.fromkeys(words))
        if not self.words or not all(self.words):
            raise ValueError("Substrings needs at least one word and no empty word")
        self._automaton = ahocorasick_rs.AhoCorasick(list(self.words))

    def found_in(self, text: str) -> bool:
        """Whether any of the words occurs in ``text`` (case-sensitive, as ``in``)."""
        return bool(self._automaton.find_matches_as_indexes(text))

    def starts_a_word_in(self, text: str) -> bool:
        """Whether any of the words occurs in ``text`` where a word starts (after no
        letter, digit or underscore: where ``\\b`` is before a word character): "aid"
        in "come to its aid", not in "said"."""
        for _, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True):
            if start == 0:
                return True
            before = text[start - 1]
            if not (before.isalnum() or before == "_"):
                return True
        return False


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A comparison key: lower-case words joined by single spaces (quotes, dashes and
    punctuation ignored): the runs of non-word characters made one space, in one pass."""
    return _NON_WORD.sub(" ", text.lower()).strip(" ")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 16)
def word_count(text: str) -> int:
    return len(_WORD.findall(text))


class Sentence(NamedTuple):
    """A sentence and its span in the text (a named tuple: an article has dozens, and a
    frozen dataclass costs three times as much to make)."""

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
SHINGLE_SCHEME = 2  # bumped when the hashes change: stored signatures are then re-made
# odd 32-bit multipliers mixing the three words' hashes (order matters: "a b c" != "c b a")
_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D], dtype=np.uint64)


def shingle_hashes(text: str) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """Sorted distinct 32-bit hashes of the word 3-grams of a text. Each word is hashed
    once (CRC-32: stable across processes, so stored signatures stay comparable) and
    the three hashes of a 3-gram are mixed with numpy — no string per 3-gram. A text of
    fewer than three words has one hash, of its words."""
    toks = _WORD.findall(text.lower())
    if len(toks) < SHINGLE_SIZE:
        if not toks:
            return np.empty(0, dtype=np.uint32)
        return np.array([zlib.crc32(" ".join(toks).encode())], dtype=np.uint32)
    h = np.fromiter(map(zlib.crc32, map(str.encode, toks)), dtype=np.uint64, count=len(toks))
    g = (h[:-2] * _MIX[0]) ^ (h[1:-1] * _MIX[1]) ^ (h[2:] * _MIX[2])
    g ^= g >> np.uint64(29)
    out: np.ndarray[Any, np.dtype[np.uint32]] = np.sort(
        (g & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    )
    # distinct values of the sorted array (``np.unique`` does the same with ~40 µs more
    # overhead a call, a sixth of the whole signing step)
    first = np.empty(len(out), dtype=bool)
    first[0] = True
    np.not_equal(out[1:], out[:-1], out=first[1:])
    return out[first]


def shingles(text: str) -> set[int]:
    """The word 3-gram hashes of a text as a set (see ``shingle_hashes``)."""
    return set(shingle_hashes(text).tolist())
