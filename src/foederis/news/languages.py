"""Languages other than English: identification, state and treaty names, dates, cues.

* **Which language** — lingua (its models ship in the wheel; no download), restricted to
  ``LANGUAGES`` and read on the first ``MODEL_CHARS`` characters of a text (after a
  fast path: English function words frequent in the first ``DETECT_CHARS``).
* **State names** — CLDR territory names for every ISO 3166 state in each language, read
  through Babel; capitals from CLDR's time-zone exemplar cities where the English city is
  the state's capital in ``states.yaml``; short forms CLDR lacks from
  ``data/news/names.yaml``.
* **Dates** — dateparser's ``search_dates`` in the sentence's language, with the precision
  it reports (day, month, year). Limits: it is slow (10–100 ms a sentence, so it runs only
  on sentences with a four-digit year and a cue), it reads a bare year as a day in the
  current month unless told otherwise, and its spans can take in a neighbouring word.
* **Cue words** per relation and language — ``data/news/cues.yaml``, reviewable data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from foederis import states
from foederis.news.dates import DateMention, Precision, find_dates
from foederis.news.mentions import StateMention
from foederis.news.textutil import Substrings

LANGUAGES = ("en", "es", "pt", "fr", "de", "ru", "ar", "zh", "ja", "ko", "id")
DETECT_CHARS = 600  # the English fast path reads this much
# lingua's time grows with the text (~0.6 µs a character). Measured on 116 real news
# excerpts in the 11 languages (30 Nov 2026; windows every 50 characters): no error at
# 120, 150, 200 or 300 characters, 3 in 1,082 windows at 80; 150 keeps a margin over 120
# and costs about half of 300.
MODEL_CHARS = 150
RELATIONS = (
    "signed",
    "ratified",
    "in_force",
    "invoked",
    "joined",
    "withdrew",
    "suspended",
    "covers",
)
_UNSPACED = frozenset({"zh", "ja"})  # no spaces between words
_LATIN_YEAR = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")


@cache
def _data(name: str) -> Any:
    text = resources.files("foederis").joinpath(f"data/news/{name}").read_text("utf-8")
    return yaml.safe_load(text)


# ---- which language ---------------------------------------------------------------------


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*langs)
        .with_low_accuracy_mode()
        .with_minimum_relative_distance(0.1)  # unsure: None, read as English
        .build()
    )


# English function words that are not words of the other languages read here: a text
# where they are frequent is English without asking the model (a fast path)
_ENGLISH = frozenset(
    {"the", "and", "of", "to", "is", "that", "for", "with", "said", "has", "have"}
    | {"which", "from", "this", "by", "were", "are", "its"}
)
_WORDS = re.compile(r"[^\W\d_]+")
ENGLISH_SHARE = 0.08


def detect(text: str) -> str:
    """The ISO 639-1 code of a text's language among ``LANGUAGES`` ("en" when unsure)."""
    return _detect_sample(text[:DETECT_CHARS])


@lru_cache(maxsize=4096)  # copies of a story open alike: one look at the model each
def _detect_sample(sample: str) -> str:
    words = _WORDS.findall(sample.lower())
    if not words:
        return "en"
    if sum(w in _ENGLISH for w in words) >= ENGLISH_SHARE * len(words):
        return "en"
    found = _detector().detect_language_of(sample[:MODEL_CHARS])
    return str(found.iso_code_639_1.name).lower() if found is not None else "en"


# ---- names ------------------------------------------------------------------------------


@cache
def state_names(lang: str) -> dict[str, str]:
    """Name (lower case) -> ISO3 of every state, in one language."""
    from babel import Locale
    from babel.core import get_global
    from babel.dates import get_timezone_location

    known = {s.iso3: s for s in states.all_states()}
    by_iso2 = {}
    for code in get_global("territory_zones"):
        iso3 = states.resolve(code) if len(code) == 2 and code.isupper() else None
        if iso3 in known:
            by_iso2[code] = known[iso3]
    locale = Locale.parse(lang)
    out: dict[str, str] = {}
    for code, name in locale.territories.items():
        state = by_iso2.get(code)
        if state is not None:
            out[name.lower()] = state.iso3
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    for code, state in by_iso2.items():
        capitals = {c.lower() for c in state.capitals}
        for tz in zones.get(code, []):
            english = get_timezone_location(tz, locale="en", return_city=True)
            if english.lower() in capitals:
                out.setdefault(
                    get_timezone_location(tz, locale=locale, return_city=True).lower(), state.iso3
                )
    for iso3, names in (_data("names.yaml")["states"].get(lang) or {}).items():
        for name in names:
            out[str(name).lower()] = str(iso3)
    return out


def _alternation(names: list[str], lang: str, stem: bool = False) -> str:
    parts = []
    for n in sorted(set(names), key=len, reverse=True):
        p = re.escape(n)
        if stem and lang == "ru" and len(n) > 4 and n[-1] in "аяоеьйи":
            p = re.escape(n[:-1]) + r"\w{1,3}"  # Россия, России, Россией
        parts.append(p)
    body = "|".join(parts)
    if lang in _UNSPACED:
        return f"(?:{body})"
    if lang == "ar":
        return rf"(?<!\w)(?:[وبلف])?(?:{body})"  # و "and", ب "with", ل "to", ف "so"
    if lang == "ko":
        return rf"(?<!\w)(?:{body})"  # particles follow: 러시아와, 한국은
    return rf"(?<!\w)(?:{body})(?!\w)"


@cache
def _state_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    names = state_names(lang)
    return re.compile(_alternation(list(names), lang, stem=True), re.IGNORECASE), names


def find_states(text: str, lang: str) -> list[StateMention]:
    """State mentions in a sentence of a language other than English."""
    pattern, names = _state_pattern(lang)
    out = []
    for m in pattern.finditer(text):
        word = m.group().lower()
        iso = names.get(word) or names.get(word[1:])  # Arabic prefix
        if iso is None and lang == "ru":
            iso = next(
                (v for k, v in names.items() if len(k) > 4 and word.startswith(k[:-1])), None
            )
        if iso is not None:
            out.append(StateMention(iso, m.start(), m.end(), m.group()))
    return out


@cache
def _treaty_pattern(
    lang: str,
) -> tuple[re.Pattern[str] | None, dict[str, str], Substrings | None]:
    """The names of treaties in a language: one pattern, name -> treaty id, and the
    names as ``Substrings`` (a sentence holding none of them, lower-cased, names no
    treaty: the fast test before the pattern)."""
    table: dict[str, str] = {}
    for tid, by_lang in _data("names.yaml")["treaties"].items():
        for name in by_lang.get(lang) or []:
            table[str(name).lower()] = str(tid)
    if not table:
        return None, table, None
    # case-insensitive in every language: Chinese and Japanese text writes "NATO" or
    # "ANZUS" in Latin letters too
    pattern = re.compile(_alternation(list(table), lang), re.IGNORECASE)
    return pattern, table, Substrings(*table)


@dataclass(frozen=True, slots=True)
class NameMention:
    treaty: str
    start: int
    end: int
    text: str


def find_treaties(text: str, lang: str) -> list[NameMention]:
    pattern, table, names = _treaty_pattern(lang)
    if pattern is None or names is None or not names.found_in(text.lower()):
        return []
    out = []
    for m in pattern.finditer(text):
        key = m.group().lower()
        tid = table.get(key) or table.get(key[1:])
        if tid:
            out.append(NameMention(tid, m.start(), m.end(), m.group()))
    return out


# ---- cues -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cues:
    pact_nouns: re.Pattern[str]
    relations: tuple[tuple[str, re.Pattern[str]], ...]
    # every relation cue in one pattern: a sentence it does not match states no relation,
    # so the per-relation patterns, states and dates are not looked at
    any_relation: re.Pattern[str]
    # the literal word starts every cue begins with (None: some cue has none); a text in
    # which none occurs (lower-cased) has no cue, which plain substring tests tell far
    # faster than the patterns
    prefixes: Substrings | None

    def may_relate(self, text: str) -> bool:
        """False only when no relation cue can match anywhere in ``text``."""
        return self.prefixes is None or self.prefixes.found_in(gate_text(text))


_META = frozenset("\\()[]{}?*+|.^$")


def literal_prefix(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with (after a leading ``\\b``),
    lower-cased; "" when it starts with a class, a group or an alternation."""
    depth = 0
    for ch in pattern.replace("\\\\", "").replace("\\(", "").replace("\\)", ""):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            return ""  # an alternation at the top: each branch starts its own way
    body = pattern[2:] if pattern.startswith("\\b") else pattern
    out: list[str] = []
    i = 0
    while i < len(body):
        if body.startswith("\\s", i) and body[i + 2 : i + 3] not in ("?", "*", "{"):
            # white space (one or more, \s+): one space in ``gate_text``
            out.append(" ")
            i += 3 if body[i + 2 : i + 3] == "+" else 2
            continue
        ch = body[i]
        if ch in _META:
            if ch in "?*{" and out:
                out.pop()  # the last character is optional or repeated
            break
        if i + 1 < len(body) and body[i + 1] in "?*{":
            break
        out.append(ch)
        i += 1
    return "".join(out).lower()


def gate_text(text: str) -> str:
    """A text as the literal prefixes are looked for in it: lower-cased, each run of
    white space one space (``\\s+`` in a pattern is a space in its prefix)."""
    return " ".join(text.lower().split())


@cache
def cues(lang: str) -> Cues | None:
    table = _data("cues.yaml").get(lang)
    if not table:
        return None
    nouns = re.compile("|".join(f"(?:{p})" for p in table["pact_nouns"]), re.IGNORECASE)
    rels = tuple(
        (rel, re.compile("|".join(f"(?:{p})" for p in table[rel]), re.IGNORECASE))
        for rel in RELATIONS
        if table.get(rel)
    )
    every = re.compile("|".join(f"(?:{p.pattern})" for _, p in rels), re.IGNORECASE)
    starts = [literal_prefix(str(p)) for rel in RELATIONS for p in table.get(rel) or []]
    prefixes = None if not all(starts) else Substrings(*sorted(set(starts)))
    return Cues(nouns, rels, every, prefixes)


# ---- sentences and dates ----------------------------------------------------------------

# a sentence ends at . ! ? ؟ and the full-width marks, but not after a one- or two-digit
# number ("am 4. April 2023" is a German date)
# (the lookahead first: the lookbehinds are then tried only where a mark stands, which
# makes the scan several times faster; the matches are the same)
_END = re.compile(
    r"(?=[.!?؟。！？])"
    r"(?:(?<!(?<!\d)\d)(?<!(?<!\d)\d\d)[.!?؟]+[\"'”’»)\]]*\s+|[。！？]+[」』”’)]*\s*)"
)


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text in any language (ends: . ! ? ؟ 。！？ and line ends)."""
    out = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for m in _END.finditer(line):
            if line[start : m.end()].strip():
                out.append((offset + start, offset + m.end()))
            start = m.end()
        if line[start:].strip():
            out.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    return [(a + _lead(text[a:b]), a + len(text[a:b].rstrip())) for a, b in out]


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


def find_dates_in(text: str, lang: str, ref: date | None = None) -> list[DateMention]:
    """Dates written in a sentence: ISO dates and years by the English patterns, then for
    each four-digit year the longest run of words around it that dateparser reads in the
    sentence's language with that same year (its ``search_dates`` misreads "2024 года"
    as the year 2), at the precision dateparser reports."""
    found = find_dates(text)
    if lang == "en" or not _LATIN_YEAR.search(text):
        return found
    parser = _parser(lang)
    for m in _LATIN_YEAR.finditer(text):
        year = int(m.group())
        best: tuple[int, int, int, date, Precision] | None = None
        for start, end in _windows(text, m.start(), m.end(), lang):
            data = parser.get_date_data(text[start:end])
            when = data.date_obj if data else None
            if when is None or when.year != year or data.period not in _RANK:
                continue
            rank = (_RANK[data.period], end - start)
            if best is None or rank > (best[0], best[2] - best[1]):
                best = (_RANK[data.period], start, end, when.date(), data.period)
        if best is None:
            continue
        _, start, end, day, precision = best
        found = [d for d in found if not (d.start < end and start < d.end)]
        found.append(DateMention(start, end, day, precision))
    found.sort(key=lambda d: d.start)
    return found


_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}
_TOKEN_BEFORE = re.compile(r"\S+\s+$")


@cache
def _parser(lang: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[lang],
        settings={
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"],
        },
    )


def _windows(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Candidate date spans around a year: in Chinese, Japanese and Korean the month and
    day follow it (2024年6月19日); elsewhere up to four words before it (19 de junio de)."""
    if lang in ("zh", "ja", "ko"):
        tail = re.match(r"[年년]\s*(?:\d{1,2}\s*[月월]\s*(?:\d{1,2}\s*[日일])?)?", text[end:])
        stop = end + (tail.end() if tail else 0)
        return [(start, stop), (start, end)]
    out = [(start, end)]
    left = start
    for _ in range(4):
        m = _TOKEN_BEFORE.search(text, 0, left)
        if m is None:
            break
        left = m.start()
        out.append((left, end))
    return out
