"""Treaty mentions in news text, linked to knowledge-base treaty ids.

Three kinds of mention:

* **named** — "NATO", "the North Atlantic Treaty", "CSTO", "the Rio Treaty", "ANZUS", or
  any distinctive name, short name or alias of a KB treaty;
* **described** — a pact noun with its parties and/or year: "the 1961 treaty between
  China and North Korea", "China-North Korea Treaty (1961)", "the 1951 treaty with the
  Philippines", "comprehensive strategic partnership" (with Russia and the DPRK). These are
  resolved against the KB by parties and year (:func:`resolve`);
* **anaphor** — "the pact", "this agreement", "the signing": the pact last named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from foederis.kb import KnowledgeBase
from foederis.model.treaty import Treaty
from foederis.news.dates import find_dates
from foederis.news.mentions import StateMention
from foederis.news.succession import is_among, same_person
from foederis.news.textutil import Substrings

MentionKind = Literal["named", "described", "anaphor"]

# Our own names, used when the id is in the KB (all-capital names match case-sensitively).
BASE_NAMES: dict[str, list[str]] = {
    "nato": [
        "NATO",
        "North Atlantic Treaty",
        "North Atlantic Treaty Organization",
        "North Atlantic Treaty Organisation",
        "Washington Treaty",
        "Atlantic Alliance",
        "North Atlantic Alliance",
    ],
    "csto": [
        "CSTO",
        "Collective Security Treaty",
        "Collective Security Treaty Organization",
        "Collective Security Treaty Organisation",
        "Tashkent Treaty",
        "Tashkent Pact",
    ],
    "rio-treaty": [
        "Rio Treaty",
        "Rio Pact",
        "Inter-American Treaty of Reciprocal Assistance",
        "TIAR",
    ],
    "anzus": ["ANZUS", "ANZUS Treaty", "ANZUS Pact"],
    "manila-pact": [
        "Manila Pact",
        "Manila Treaty",
        "SEATO",
        "Southeast Asia Treaty Organization",
        "Southeast Asia Collective Defense Treaty",
        "Southeast Asian Collective Defense Treaty",
    ],
    "us-twn-tra-1979": ["Taiwan Relations Act"],
    "eu-art-42-7": ["Article 42(7)"],
}
_FIRST_WORD = re.compile(r"[\w(]+")
# Words that do not single out a treaty: an alias made only of these is not used.
_GENERIC = frozenset(
    [
        "treaty",
        "treaties",
        "of",
        "the",
        "on",
        "and",
        "between",
        "friendship",
        "cooperation",
        "co-operation",
        "mutual",
        "assistance",
        "aid",
        "security",
        "defense",
        "defence",
        "pact",
        "agreement",
        "partnership",
        "strategic",
        "comprehensive",
        "collective",
        "alliance",
        "organization",
        "organisation",
        "joint",
        "protocol",
        "non-aggression",
        "good-neighbourliness",
        "good-neighborliness",
        "neighbourliness",
        "relations",
        "friendly",
        "fundamental",
        "principles",
        "basic",
        "support",
        "charter",
        "union",
        "declaration",
        "good",
        "co",
        "operation",
        "non",
        "aggression",
    ]
)
PACT_NOUN = re.compile(
    r"(?i)\b(?:(?:mutual[- ]defen[cs]e|collective[- ]defen[cs]e|mutual[- ]assistance|mutual[- ]aid"
    r"|defen[cs]e|security|military|friendship(?: and mutual assistance)?)\s+)?"
    r"(?:pacts?|treat(?:y|ies)|agreements?|alliances?|accords?)\b"
    r"|\b(?:comprehensive )?strategic partnership(?: (?:treaty|pact|agreement))?\b"
)
_ANAPHOR = re.compile(
    r"(?i)\b(?:the|this|that|its|their)\s+(?:(?:new|same|latest|previous|original|landmark"
    r"|defen[cs]e|mutual[- ]defen[cs]e|bilateral)\s+)*(?:pact|treaty|agreement|accord|partnership"
    r"|deal|document|signing)\b(?:'s|’s)?|\bit (?:was|has been|had been) signed\b"
)
_NAME_WORD = re.compile(r"\b(?!(?:The|This|That|These|Those|Its|Their|A|An)\b)[A-Z][\w'’.]*")
_DETERMINER_BEFORE = re.compile(
    r"(?i)\b(?:the|this|its|their|such|these|those)\s+(?:(?!an?\s)[\w-]+\s+){0,2}$"
)
_LEFT = re.compile(r"(?:(?:[A-Z][\w'’.]*|\d{4})(?:\s+|\s*[-–]\s*))+$")
_RIGHT = re.compile(
    r"^(?:\s*\((?:\d{4}|[A-Z]{2,})\)"
    r"|\s+of\s+[A-Z][\w'’]*(?:(?:,\s*|\s+and\s+|\s+)[A-Z][\w'’]*)*"
    r"|\s+(?:from|of|in|dating back to|signed in)\s+\d{4}"
    r"|\s+between\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+and\s+(?:the\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
    r"|\s+with\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)+"
)
_PACT_STEMS = Substrings(
    "pact",
    "treat",
    "agreement",
    "allian",
    "accord",
    "partnership",
    "deal",
    "document",
    "signing",
    "signed",
)
_DEFENSE_WORDS = re.compile(r"(?i)defen[cs]e|mutual|alliance|military|security|assistance")


@dataclass(frozen=True, slots=True)
class PactMention:
    kind: MentionKind
    start: int
    end: int
    text: str
    treaty: str | None  # KB id when named or resolved
    states: tuple[str, ...] = ()  # parties named with it
    year: int | None = None  # year written with it ("the 1961 treaty")
    defense: bool = False  # the words say defense/mutual/alliance


class TreatyNames:
    """Finds treaty mentions in text and links them to a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._members = {tid: frozenset(t.states()) for tid, t in kb.treaties.items()}
        self._defense = {tid: t.is_defense() for tid, t in kb.treaties.items()}
        self._by_state: dict[str, frozenset[str]] | None = None
        table: dict[str, set[str]] = {}
        for tid, names in BASE_NAMES.items():
            if tid in kb.treaties:
                for name in names:
                    table.setdefault(name, set()).add(tid)
        for tid, t in kb.treaties.items():
            for name in _kb_names(t):
                table.setdefault(name, set()).add(tid)
        # a name shared by two treaties names neither; names are looked up by first word
        self._by_first: dict[str, list[tuple[str, bool, str]]] = {}
        for name, ids in table.items():
            if len(ids) != 1:
                continue
            low = name.lower()
            first = _FIRST_WORD.match(low)
            key = first.group() if first else low
            self._by_first.setdefault(key, []).append((low, name.isupper(), next(iter(ids))))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        words = sorted(self._by_first, key=len, reverse=True)
        names = [name for entries in self._by_first.values() for name, _, _ in entries]
        self._any_name = Substrings(*names) if names else None
        self._first_words = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"
        )

    def _named(self, text: str) -> list[PactMention]:
        low = text.lower()
        found: list[PactMention] = []
        end = 0
        for m in self._first_words.finditer(low):
            if m.start() < end:
                continue
            for name, exact, tid in self._by_first[m.group()]:
                stop = m.start() + len(name)
                if not low.startswith(name, m.start()):
                    continue
                if stop < len(low) and (low[stop].isalnum() or low[stop] in "-_"):
                    continue
                if exact and not text[m.start() : stop].isupper():
                    continue
                found.append(
                    PactMention(
                        "named",
                        m.start(),
                        stop,
                        text[m.start() : stop],
                        tid,
                        defense=True,
                        year=_year_after(text, stop),
                    )
                )
                end = stop
                break
        return found

    # ---- finding ------------------------------------------------------------------

    def may_mention(self, low: str) -> bool:
        """False only when ``find`` finds nothing in a sentence (given lower-cased): no
        name and no pact word starts a word in it (each is matched from a word's start).
        A fast test, so that the many sentences that mention no pact cost next to nothing."""
        return _PACT_STEMS.starts_a_word_in(low) or (
            self._any_name is not None and self._any_name.starts_a_word_in(low)
        )

    def find(self, text: str, state_mentions: Sequence[StateMention]) -> list[PactMention]:
        """Named, described and anaphoric pact mentions in a sentence, in order."""
        found = self._named(text)
        low = text.lower()
        if not _PACT_STEMS.starts_a_word_in(low):
            return found
        # characters already inside a mention: one pass over the text, not one per mention
        taken = bytearray(len(text))
        for f in found:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        described = []
        for m in PACT_NOUN.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            described.append(self._described(text, m, state_mentions))
        for f in described:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        found += described
        for m in _ANAPHOR.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            found.append(PactMention("anaphor", m.start(), m.end(), m.group(), None))
        found.sort(key=lambda f: f.start)
        return found

    def _described(
        self, text: str, m: re.Match[str], state_mentions: Sequence[StateMention]
    ) -> PactMention:
        """A pact noun with the capitalised words, years and parties around it; linked to
        the KB later (``resolve``), when the sentence's context is known."""
        start, end = m.start(), m.end()
        left = _LEFT.search(text, max(0, start - 80), start)
        if left and left.end() == start:
            start = left.start()
        right = _RIGHT.match(text[end : end + 120])
        if right:
            end = end + right.end()
        parties = tuple(
            dict.fromkeys(s.iso3 for s in state_mentions if start <= s.start and s.end <= end)
        )
        years = [
            d.value.year
            for d in find_dates(text[start:end])
            if d.precision == "year" or d.precision == "month" or d.precision == "day"
        ]
        year = years[0] if years else None
        defense = bool(_DEFENSE_WORDS.search(m.group()))
        specific = "strategic partnership" in m.group().lower()
        before = tail(text, m.start())
        # capitalised words before the noun name it ("the Kensington Treaty"); a capitalised
        # determiner alone ("The treaty voided") does not
        named = bool(_NAME_WORD.search(text[start : m.start()]))
        if (
            not parties
            and year is None
            and not specific
            and not named
            and _DETERMINER_BEFORE.search(before)
        ):
            if re.search(r"(?i)\bsuch\s+(?:\w+\s+){0,2}$", before):
                return PactMention("described", m.start(), m.end(), m.group(), None)
            return PactMention("anaphor", m.start(), m.end(), m.group(), None, defense=defense)
        return PactMention("described", start, end, text[start:end], None, parties, year, defense)

    # ---- resolving ----------------------------------------------------------------

    def resolve(
        self,
        states: Iterable[str],
        year: int | None,
        ref: date | None,
        defense: bool = False,
        ended: bool = False,
        words: str | None = None,
    ) -> str | None:
        """The KB treaty that best fits parties (RUS standing for SUN and back), a year
        of signature, the article's date and the words naming the pact; None when none
        fits or two fit equally well. Answers are kept (the same parties and years recur
        across articles); without an article date the answer is kept for today only."""
        today = date.today() if ref is None else None
        return self._resolve(tuple(states), year, ref, defense, ended, words, today)

    @lru_cache(maxsize=16_384)  # noqa: B019 - one TreatyNames per KB, kept for its life
    def _resolve(
        self,
        states: tuple[str, ...],
        year: int | None,
        ref: date | None,
        defense: bool,
        ended: bool,
        words: str | None,
        today: date | None,
    ) -> str | None:
        wanted = list(dict.fromkeys(same_person(s)[0] for s in states))
        said = _word_set(words or "") - _NOUNS
        scored: list[tuple[tuple[int, ...], str]] = []
        candidates = sorted({tid for s in wanted for tid in self._with(s)})
        for tid in candidates:
            t = self.kb.treaties[tid]
            if not self._defense[tid] and (defense or not said & _treaty_words(t)):
                # an instrument with no defense clause (a memorandum, a policy statute) is
                # never what a described defense pact refers to, nor a pact named only by
                # its parties: it must be described in words that fit it
                continue
            members = self._members[tid]
            matched = sum(1 for s in wanted if is_among(s, members))
            if matched == 0 or (matched < 2 and not (year and len(wanted) == 1)):
                continue
            if year is not None:
                if not _year_fits(t, year):
                    continue
            elif ref is not None and (t.signed or t.in_force or ref) > ref:
                continue
            day = ref or today or date.today()
            recent = (
                t.signed is not None
                and day - timedelta(days=366) <= t.signed <= day
                and t.ended is None
            )
            current = 2 if recent else int(t.is_in_force(day))
            key = (
                matched,
                int(defense and t.kind == "alliance"),
                int(ended and t.ended is not None and t.ended <= day) if ended else current,
                len(said & _treaty_words(t)),
                -len(members),
            )
            scored.append((key, tid))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None
        return scored[0][1]

    def _with(self, state: str) -> frozenset[str]:
        """The ids of the treaties ``state`` (or its legal person under another code) was
        ever a party to."""
        if self._by_state is None:
            index: dict[str, set[str]] = {}
            for tid, members in self._members.items():
                for m in members:
                    for code in same_person(m):
                        index.setdefault(code, set()).add(tid)
            self._by_state = {k: frozenset(v) for k, v in index.items()}
        return self._by_state.get(state, frozenset())

    def treaty(self, tid: str | None) -> Treaty | None:
        return self.kb.treaties.get(tid) if tid else None


TAIL = 80  # characters: every look-behind pattern here spans fewer


def tail(text: str, end: int, size: int = TAIL) -> str:
    """The last ``size`` characters before ``end``, starting at a word: patterns anchored
    at the end ("the ... pact") are searched in this window, not in the whole prefix."""
    start = max(0, end - size)
    if start > 0 and text[start - 1].isalnum():
        while start < end and text[start].isalnum():
            start += 1
    return text[start:end]


def _year_fits(t: Treaty, year: int) -> bool:
    return any(d is not None and d.year == year for d in (t.signed, t.in_force))


def _year_after(text: str, end: int) -> int | None:
    """A year written right after a name: "the Rio Treaty (1947)"; or right before it,
    which the caller checks separately."""
    m = re.match(r"\s*\((\d{4})\)", text[end : end + 8])
    return int(m.group(1)) if m else None


def year_before(text: str, start: int) -> int | None:
    m = re.search(r"\b(\d{4})\s+$", text[max(0, start - 6) : start])
    return int(m.group(1)) if m else None


_NOUNS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "treaty",
        "treaties",
        "pact",
        "pacts",
        "agreement",
        "agreements",
        "accord",
    ]
)


@lru_cache(maxsize=1 << 14)  # bounded: the words come from the articles
def _word_set(text: str) -> frozenset[str]:
    return frozenset(w.replace("defence", "defense") for w in re.findall(r"\w+", text.lower()))


def _treaty_words(t: Treaty) -> frozenset[str]:
    return _word_set(" ".join([t.name, t.short_name, *t.aliases]))


def _kb_names(t: Treaty) -> list[str]:
    """Distinctive names of a KB treaty: its name, short name (and the acronym in its
    parentheses) and aliases, leaving out any made only of generic words."""
    out = []
    for raw in [t.name, t.short_name, *t.aliases]:
        for text in _name_variants(raw):
            words = _word_set(text)
            if len(text) < 3 or words <= _GENERIC:
                continue
            out.append(text)
    return out


def _name_variants(raw: str) -> list[str]:
    text = raw.strip()
    variants = [text]
    m = re.match(r"^(?P<base>.+?)\s*\((?P<inner>[^)]+)\)$", text)
    if m:
        variants = [m.group("base").strip()]
        inner = m.group("inner").strip()
        if inner.isupper() or re.fullmatch(r"[A-Z][\w.-]+", inner):
            variants.append(inner)
    # "US–Japan Security Treaty" is also written "US-Japan Security Treaty"
    return [v for base in variants for v in dict.fromkeys([base, base.replace("–", "-")])]
