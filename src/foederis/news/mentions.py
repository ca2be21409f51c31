"""State and treaty-article mentions in a sentence.

States are found by looking up word n-grams in ``foederis.states.name_index()`` (names,
aliases, demonyms, capitals, leaders), keyed the way ``states.normalize`` keys them. A
match must start with a capital letter ("Turkey", not "turkey"; "US", not "us"), and a
few phrases that contain a state's name but do not mean the state ("South China Sea",
"post-Soviet", "South American") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from foederis import states
from foederis.news.textutil import Substrings

MAX_NGRAM = 6
_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?")
# Phrases that contain a state name but do not refer to the state.
_NOT_A_STATE = re.compile(
    r"(?i)\b(?:South|East) China Sea\b|\bpost-Soviet\b|\bSoviet[- ]era\b"
    r"|\bKorean (?:War|Peninsula)\b"
    r"|\b(?:Central|South|North|Latin|Pan)[- ]American\b|\bCold War\b|\bWest(?:ern)? European\b"
    r"|\bPeople'?s Daily\b|\bKim Il Sung Square\b"
    r"|^[A-Z][A-Z .,'-]+\s(?:--|—|–)\s"  # a dateline: "BANGKOK -- "
)
# Prefixes used in compound adjectives ("Russo-North Korea Treaty", "Sino-American").
_PREFIXES = {"russo": "RUS", "sino": "CHN", "soviet": "SUN"}
# Words one of which is in every phrase of _NOT_A_STATE (a fast test before the regex).
_MASK_HINTS = Substrings(
    "Sea",
    "SEA",
    "Soviet",
    "SOVIET",
    "soviet",
    "Korean",
    "KOREAN",
    "merican",
    "MERICAN",
    "War",
    "WAR",
    "uropean",
    "UROPEAN",
    "People",
    "PEOPLE",
    "Kim Il",
    "--",
    "—",
    "–",
)
# A capital not preceded by a word character, apostrophe or full stop; the look-behind
# comes after the letter so that ``re`` scans for capitals first (twice as fast).
_CAPITAL = re.compile(r"[A-Z](?<![\w'’.][A-Z])")
_ARTICLE = re.compile(
    r"\b(?:Article|Art\.)\s*(?P<n>\d{1,3}|[IVXLC]{1,7})(?P<sub>\s*\(\d+\))?(?![\w])"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True, slots=True)
class StateMention:
    iso3: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ArticleMention:
    number: str  # as written: "4", "V", "42(7)"
    start: int
    end: int


@cache
def _index() -> tuple[dict[str, str], int, frozenset[str]]:
    index = dict(states.name_index())
    index.update({k: v for k, v in _PREFIXES.items() if k not in index})
    longest = max((len(k.split()) for k in index), default=1)
    firsts = frozenset(k.split()[0] for k in index if k)
    return index, min(longest, MAX_NGRAM), firsts


@lru_cache(maxsize=1 << 16)  # bounded: capitalised words of a large corpus are many
def _norm(token: str) -> str:
    """``states.normalize`` of one token (cached: the same words recur)."""
    return states.normalize(token)


@lru_cache(maxsize=1 << 16)
def _may_start(token: str) -> bool:
    """Whether a state's name can start with this token (normalised)."""
    return _norm(token).split(" ", 1)[0] in _index()[2]


def find_states(text: str) -> list[StateMention]:
    """State mentions in order, longest match first (no overlaps). Only capitalised
    words can start a mention, so only they are looked at."""
    index, longest, _ = _index()
    masked = (
        [(m.start(), m.end()) for m in _NOT_A_STATE.finditer(text)]
        if _MASK_HINTS.found_in(text)
        else []
    )
    out: list[StateMention] = []
    done = 0
    for cap in _CAPITAL.finditer(text):
        pos = cap.start()
        if pos < done or (masked and any(s <= pos < e for s, e in masked)):
            continue
        first = _TOKEN.match(text, pos)
        if first is None or not _may_start(first.group()):
            continue
        span = [first]
        while len(span) < longest:
            nxt = _TOKEN.search(text, span[-1].end())
            if nxt is None or not _joined(text, span[-1].end(), nxt.start()):
                break
            if masked and any(s <= nxt.start() < e for s, e in masked):
                break
            span.append(nxt)
        for n in range(len(span), 0, -1):
            iso = index.get(" ".join(x for x in (_norm(t.group()) for t in span[:n]) if x))
            if iso is not None:
                start, end = pos, span[n - 1].end()
                if text[end - 1] == "." and not _is_abbreviation(text[start:end]):
                    end -= 1
                out.append(StateMention(iso, start, end, text[start:end]))
                done = end
                break
    return out


def _joined(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return gap in (" ", "-", "–") or (gap.isspace() and len(gap) <= 2)


def _is_abbreviation(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}", token))


def find_articles(text: str) -> list[ArticleMention]:
    return [
        ArticleMention(m.group("n") + (m.group("sub") or "").replace(" ", ""), m.start(), m.end())
        for m in _ARTICLE.finditer(text)
    ]


def article_key(number: str) -> str:
    """A comparison key for article numbers: "IV" and "4" both give "4"; "3(1)" gives
    "3(1)"; words such as "unknown" stay as they are (lower-cased)."""
    head, _, rest = number.strip().partition("(")
    head = head.strip().upper()
    if head and all(c in _ROMAN for c in head):
        total = 0
        for c, nxt in zip(head, [*head[1:], ""], strict=True):
            v = _ROMAN[c]
            total += -v if nxt and _ROMAN[nxt] > v else v
        head = str(total)
    key = head.lower()
    return f"{key}({rest}" if rest else key
