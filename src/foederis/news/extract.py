"""Stage 4 — alliance claims: sentences that state an alliance fact, as records.

A claim is a relation (signed, ratified, in_force, invoked, never_invoked, member,
membership_count, withdrew, suspended, ended, covers, no_pact, aspirant) between states
(ISO3) under a pact (a KB treaty id when it is one), with the date or year, the article
number and the supporting sentence with its character span in the cleaned text.

Sentences are read in order, keeping a little context: the pact last named (for "the
pact", "this agreement"), and, for bulleted lists, the heading above the bullets ("China-
North Korea Treaty (1961):" followed by "Never invoked despite regional tensions").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from foederis.engine import bindings
from foederis.kb import KnowledgeBase
from foederis.news import languages
from foederis.news.dates import DateMention, find_dates, parse_iso
from foederis.news.mentions import StateMention, find_articles, find_states
from foederis.news.succession import as_of, is_among
from foederis.news.textutil import MAX_SENTENCE, Sentence, Substrings, split_sentences
from foederis.news.treaty_names import PactMention, TreatyNames, tail, year_before


class Relation(StrEnum):
    """What a claim says: the relation between its states and its pact."""

    SIGNED = "signed"
    RATIFIED = "ratified"
    IN_FORCE = "in_force"
    INVOKED = "invoked"
    NEVER_INVOKED = "never_invoked"
    MEMBER = "member"  # with a date: joined then
    MEMBERSHIP_COUNT = "membership_count"
    WITHDREW = "withdrew"
    SUSPENDED = "suspended"
    ENDED = "ended"
    COVERS = "covers"
    NO_PACT = "no_pact"
    ASPIRANT = "aspirant"


_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER = (
    r"\d{1,3}|(?:twenty|thirty|forty|fifty)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|" + "|".join(_NUMBERS)
)

_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "never_invoked",
        re.compile(
            r"(?i)\b(?:never|not)\s+(?:once\s+)?(?:been\s+)?(?:invoked|activated|triggered|used"
            r"|put to the test|tested)\b"
        ),
    ),
    (
        "no_pact",
        re.compile(
            r"(?i)\b(?:(?:does|do|did|has|have)\s*n[o']t|no)\s+(?:(?:have|formali[sz]ed|signed?)\s+)?"
            r"(?:a\s+|any\s+)?(?:formal\s+)?(?:mutual[- ]defen[cs]e\s+|defen[cs]e\s+|security\s+)?"
            r"(?:pact|treaty|alliance|agreement)\b"
        ),
    ),
    (
        "aspirant",
        re.compile(
            r"(?i)\b(?:shown|expressed|showed|show)\s+interest\s+(?:to|in)\s+join(?:ing)?\b"
            r"|\bappl(?:ied|ies|y|ying)\s+(?:to join|for membership)\b"
            r"|\bseek(?:s|ing)?\s+(?:to join|membership)\b|\bbid to join\b|\baspir\w*\s+to\s+join\b"
        ),
    ),
    (
        "membership_count",
        re.compile(
            rf"(?i)\b(?P<n>{_NUMBER})(?:\s+|-)(?:member(?:s)?\b(?:\s+(?:states|countries|nations))?)"
        ),
    ),
    (
        "covers",
        re.compile(
            r"(?i)\b(?P<w>attack|aggression) (?:on|against) (?:one|a member|any)\b[^.]{0,90}?"
            r"\b(?P=w) (?:on|against) (?:all|them all|every)\b[^.]{0,20}"
            r"|\bcome to (?:the other'?s?|the other’s|each other'?s?|each other’s|its|their)"
            r" (?:aid|defen[cs]e)\b"
            r"|\b(?:provide|render|deploy)\b[^.]{0,60}\bassistance\b|\bmutual (?:aid|assistance)\b"
            r"|\bpledges? immediate military assistance\b"
            r"|\boblig(?:ated|ates|ation|ations|ed|es)\b[^.]{0,40}\bdefend\b|\bcommit(?:ment|s|ted)?\s+to\s+defend\b"
            r"|\bextends to armed attacks\b|\bdefen[cs]e clause\b|\bcalled for assistance\b"
            r"|\bassistance\s+(?:if|in the event)\b|\bmilitary assistance if\b"
        ),
    ),
    ("invoked", re.compile(r"(?i)\b(?:invoked|invoking|invocation of|activated|triggered)\b")),
    ("withdrew", re.compile(r"(?i)\b(?:withdr(?:ew|awn|aws|awal)|pulled out of|left the)\b")),
    ("suspended", re.compile(r"(?i)\bsuspend(?:ed|s|ing)?\b|\bfroze\b|\bfrozen\b")),
    (
        "ended",
        re.compile(
            r"(?i)\b(?:terminated|abolished|voided|annulled|expired|lapsed|scrapped|ceased to"
            r"|no longer in force|was ended|dissolved)\b"
        ),
    ),
    ("ratified", re.compile(r"(?i)\bratif(?:ied|ication|ies|y)\b")),
    (
        "in_force",
        re.compile(
            r"(?i)\b(?:enter(?:ed|s)?|came|come|comes)\s+into\s+force\b|\btook effect\b"
            r"|\bin force\b"
        ),
    ),
    (
        "signed",
        re.compile(
            r"(?i)\bsign(?:ed|ing)\b(?!\s+up)|\binked\b|\bput pen to paper\b|\bestablished by\b"
            r"|\bpledge[ds]?\b[^.]{0,40}\b(?:alliance|mutual defen[cs]e)\b"
            r"|\bresulted in a\b[^.]{0,20}\bpact\b"
        ),
    ),
    (
        "member",
        re.compile(
            r"(?i)\bmembers?\s+(?:were|are|include[sd]?)\b|\b(?:is|was|remained|became|becomes)\s+a\s+member"
            r"|\bjoined\b|\bjoining\b|\bacce(?:ssion|ded)\b|\bsignatories\b|\bthrough its\b"
        ),
    ),
]
_POSSESSION = re.compile(
    r"(?i)^(?:collective|mutual)[- ]defen[cs]e\s+(?:pacts|treaties|agreements)\s+with\b"
    r"|\b(?:has|have|had)\s+(?:also\s+)?(?:(?:a|an|many|several|only|one|two|three)\s+){0,2}"
    r"(?:similar\s+)?(?:mutual[- ]defen[cs]e|collective[- ]defen[cs]e|defen[cs]e|security)\s+"
    r"(?:pacts?|treat(?:y|ies)|agreements?|alliances?)\b"
)
_NOT_BEFORE = {
    "invoked": re.compile(
        r"(?i)\b(?:never|not|rarely|seldom|unlikely|if|whether|would|could|might"
        r"|be)\b[^.]{0,25}$"
    ),
    "covers": re.compile(r"(?i)\b(?:not|no longer|never)\b[^.]{0,20}$"),
    "signed": re.compile(r"(?i)\b(?:any new treaty|would be|will be|to be)\s*$"),
}
_WITHDREW_OBJECT = re.compile(
    r"(?i)^[^.]{0,50}\b(?:command|structure|operations|mission|talks|troops)\b"
)
_ONCE = re.compile(r"(?i)\bonly (?:time|once)\b|\bonce\b")
_TWICE = re.compile(r"(?i)\btwice\b|\b(?P<n>\d+|two|three|four|five) times\b")
_ORIGINAL = re.compile(
    r"(?i)\b(?:original|founding) (?:members|signatories|parties)\s+(?:were|are|include)"
)
_JOINING = re.compile(r"(?i)\bjoin(?:ing|ed)\b[^.]{0,20}$")


def _is_original(s: str) -> bool:
    """ "The original members were ..." — but not "Joining the original signatories were
    Greece and Turkey": those joined later."""
    m = _ORIGINAL.search(s)
    return m is not None and not _JOINING.search(tail(s, m.start()))


_NEWS_ANAPHOR = re.compile(r"(?i)\b(?:signing|new|latest)\b")
_PAREN_YEAR = re.compile(r"\((?P<y>\d{4})\b")
CONTEXT_SENTENCES = 6  # "the pact" refers to a pact named at most this many sentences back
FALLBACK_SENTENCES = 2  # a sentence naming no pact may continue the last one this close
DATE_DISTANCE = 70  # a date farther than this from the cue is about something else

_NEEDS_PACT = {
    "signed",
    "ratified",
    "in_force",
    "invoked",
    "never_invoked",
    "withdrew",
    "suspended",
    "ended",
    "covers",
    "member",
    "membership_count",
    "aspirant",
}
_CONTEXT_OK = {"never_invoked", "invoked", "covers", "membership_count"}


@dataclass(frozen=True, slots=True)
class Claim:
    sentence: str
    start: int
    end: int
    states: tuple[str, ...]
    treaty: str | None
    relation: Relation
    date: str | None = None  # ISO at the precision written: 2001-09-11, 2024-06, 1961
    article: str | None = None
    # a count ("30", "1"), "original"; for ``covers``, the clause's wording if quoted
    value: str | None = None
    pact: str | None = None  # the words that name the pact
    language: str = "en"

    def __post_init__(self) -> None:
        object.__setattr__(self, "relation", Relation(self.relation))


@dataclass
class _Heading:
    states: tuple[str, ...]
    treaty: str | None
    year: str | None


@dataclass
class _Context:
    treaty: str | None = None
    age: int = 99
    heading: _Heading | None = None
    topic: Counter[str] = field(default_factory=Counter)  # pacts of the claims so far
    # the states of the last sentence that named any: sentences that can hold no claim
    # are kept unread (``unread``, oldest first) until a later sentence asks for them
    known_states: tuple[str, ...] = ()
    unread: list[str] = field(default_factory=list)

    @property
    def states(self) -> tuple[str, ...]:
        while self.unread:
            found = find_states(self.unread.pop())  # newest first: the first that names any
            if found:
                self.known_states = tuple(dict.fromkeys(m.iso3 for m in found))
                self.unread.clear()
        return self.known_states

    def read(self, sm: Sequence[StateMention]) -> None:
        """A sentence was read: its states (if any) are now the last ones named."""
        if sm:
            self.known_states = tuple(dict.fromkeys(m.iso3 for m in sm))
            self.unread.clear()


@dataclass(frozen=True, slots=True)
class _Cue:
    relation: str
    start: int
    end: int
    value: str | None = None


class Extractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = TreatyNames(kb)

    def extract(self, text: str, ref: date | None = None, lang: str = "en") -> list[Claim]:
        """Claims of a cleaned text; ``ref`` (the article's date) picks among pacts that
        fit the same parties ("a new pact" in 2024 is the 2024 one). ``lang`` is the
        text's language (ISO 639-1): English has its own rules, other languages the cue
        words of data/news/cues.yaml."""
        if lang != "en" and languages.cues(lang) is not None:
            return _dedupe(self._other(text, ref, lang))
        ctx = _Context()
        claims: list[Claim] = []
        for sent in split_sentences(text):
            claims.extend(self._sentence(sent, ref, ctx))
        return _dedupe(claims)

    # ---- languages other than English ------------------------------------------------

    def _other(self, text: str, ref: date | None, lang: str) -> list[Claim]:
        """One claim per relation cue in a sentence that names a pact (or uses a pact
        noun, or follows one within ``FALLBACK_SENTENCES``): the pact is the one named,
        else the KB treaty that fits the states, the year and the article's date."""
        table = languages.cues(lang)
        assert table is not None
        out: list[Claim] = []
        if not table.may_relate(text):
            return out  # no relation cue anywhere: nothing to claim (the common case)
        last: str | None = None
        age = 99
        for a, b in languages.split(text):
            s = text[a:b]
            age += 1
            if len(s) > MAX_SENTENCE:
                continue
            named = languages.find_treaties(s, lang)
            cue = table.may_relate(s) and table.any_relation.search(s)
            noun = table.pact_nouns.search(s) if cue else None
            found = [(rel, m) for rel, p in table.relations if (m := p.search(s))] if cue else []
            if not found or not (named or noun or (last and age <= FALLBACK_SENTENCES)):
                if named:
                    last, age = named[0].treaty, 0
                continue
            inside = [(n.start, n.end) for n in named]
            sm = [
                m
                for m in languages.find_states(s, lang)
                if not any(x <= m.start < y for x, y in inside)
            ]
            states = list(dict.fromkeys(m.iso3 for m in sm))
            dm = languages.find_dates_in(s, lang, ref)
            before = len(out)
            for rel, m in found:
                when = min(dm, key=lambda d: abs(d.start - m.start())) if dm else None
                tid: str | None = None
                if named:
                    tid = min(named, key=lambda n: abs(n.start - m.start())).treaty
                elif noun:
                    year = when.value.year if when is not None and rel == "signed" else None
                    tid = self.names.resolve(states, year, ref, defense=True)
                elif last and age <= FALLBACK_SENTENCES:
                    tid = last
                relation = Relation.MEMBER if rel == "joined" else Relation(rel)
                day = _day(when.iso if when else None, ref)
                parties = _parties(self.names.treaty(tid), states, None, day)
                if relation == Relation.MEMBER:
                    parties = [p for p in parties if p in states] or states
                    if not parties:
                        continue
                if tid is None and len(parties) < 2:
                    continue
                pact = named[0].text if named else (noun.group() if noun else None)
                out.append(
                    Claim(
                        s,
                        a,
                        b,
                        tuple(parties),
                        tid,
                        relation,
                        when.iso if when else None,
                        _article_near(s, m.start()),
                        quoted(s) if relation == Relation.COVERS else None,
                        pact,
                        lang,
                    )
                )
            resolved = [c.treaty for c in out[before:] if c.treaty]
            if resolved:
                last, age = resolved[0], 0
        return out

    # ---- one sentence -----------------------------------------------------------------

    def _sentence(self, sent: Sentence, ref: date | None, ctx: _Context) -> list[Claim]:
        s = sent.text
        is_heading = s.rstrip().endswith(":")
        heading = ctx.heading if sent.bullet and not is_heading else None
        if not sent.bullet and not is_heading:
            ctx.heading = None
        if not is_heading:
            low = s.lower()
            if not _CUE_STEMS.starts_a_word_in(low) and not self.names.may_mention(low):
                # no cue, no pact (named, described or anaphoric), hence no claim: all a
                # later sentence may want of it is its states, read only if it asks
                ctx.age += 1
                ctx.unread.append(s)
                return []
        sm = find_states(s)
        dm = find_dates(s)
        pacts = self._pacts(s, sm, dm, ref, ctx, heading)
        cues = _cues(s)
        out: list[Claim] = []
        if cues or _POSSESSION.search(s) or any(p.year for p in pacts):
            out = self._claims(sent, sm, dm, pacts, cues, ref, ctx, heading)
        self._remember(s, sm, dm, pacts, out, ctx)
        return out

    def _pacts(
        self,
        s: str,
        sm: Sequence[StateMention],
        dm: Sequence[DateMention],
        ref: date | None,
        ctx: _Context,
        heading: _Heading | None,
    ) -> list[PactMention]:
        found = self.names.find(s, sm)
        out = []
        sentence_states = [m.iso3 for m in sm] + list(heading.states if heading else ())
        for p in found:
            if p.kind == "anaphor":
                tid = ctx.treaty if ctx.age <= CONTEXT_SENTENCES else None
                if _NEWS_ANAPHOR.search(p.text) and ctx.topic:
                    tid = ctx.topic.most_common(1)[0][0]  # "the signing": the news of the day
                if heading and heading.treaty:
                    tid = heading.treaty
                p = replace(p, treaty=tid)
            elif p.kind == "described":
                p = self._resolve_described(s, p, dm, sentence_states, ref, ctx, heading)
            if p.kind != "described" and p.year is None:
                y = year_before(s, p.start)
                if y:
                    p = replace(p, year=y)
            out.append(p)
        return out

    def _resolve_described(
        self,
        s: str,
        p: PactMention,
        dm: Sequence[DateMention],
        sentence_states: list[str],
        ref: date | None,
        ctx: _Context,
        heading: _Heading | None,
    ) -> PactMention:
        """A pact described without enough words to name it ("a mutual defense pact"):
        its year is the one written with it, under the heading, or the only one in the
        sentence; its parties those named with it, in the sentence, or just before."""
        years = {
            d.value.year
            for d in dm
            if d.end >= p.start - DATE_DISTANCE and d.start <= p.end + DATE_DISTANCE
        }
        year = (
            p.year
            or year_before(s, p.start)
            or (int(heading.year[:4]) if heading and heading.year else None)
            or (next(iter(years)) if len(years) == 1 else None)
        )
        written = p.year or year_before(s, p.start)
        tries = [list(p.states)] if len(p.states) >= 2 or (p.states and year) else []
        tries.append([*p.states, *sentence_states])
        if ctx.age <= CONTEXT_SENTENCES and (len(p.text.split()) > 1 or year):
            tries.append([*p.states, *sentence_states, *ctx.states])
        for states in tries:
            if not states:
                continue
            tid = self.names.resolve(states, year, ref, defense=p.defense, words=p.text)
            if tid:
                return replace(p, treaty=tid, states=tuple(dict.fromkeys(states)), year=written)
        both = tuple(dict.fromkeys([*p.states, *sentence_states]))
        return replace(p, states=both, year=written)

    def _claims(
        self,
        sent: Sentence,
        sm: Sequence[StateMention],
        dm: Sequence[DateMention],
        pacts: list[PactMention],
        cues: list[_Cue],
        ref: date | None,
        ctx: _Context,
        heading: _Heading | None,
    ) -> list[Claim]:
        s = sent.text
        out: list[Claim] = []
        heading_states = heading.states if heading else ()
        all_states = tuple(dict.fromkeys([*heading_states, *(m.iso3 for m in sm)]))
        named = [p for p in pacts if p.kind == "named"]

        def make(
            rel: str,
            states: Sequence[str],
            pact: PactMention | None,
            when: str | None = None,
            value: str | None = None,
            treaty: str | None = None,
        ) -> Claim:
            tid = treaty if treaty is not None else (pact.treaty if pact else None)
            article = _article_near(s, pact.start if pact else 0)
            if rel == "covers" and value is None:
                value = quoted(s)
            return Claim(
                s,
                sent.start,
                sent.end,
                tuple(dict.fromkeys(states)),
                tid,
                Relation(rel),
                when,
                article,
                value,
                pact.text if pact else None,
            )

        # "X has (mutual) defense pacts with A, B and C"
        poss = _POSSESSION.search(s)
        if poss and not any(
            c.relation == "no_pact" and c.start <= poss.end() and poss.start() <= c.end
            for c in cues
        ):
            before = [m.iso3 for m in sm if m.end <= poss.start()] or list(heading_states)
            after = [m.iso3 for m in sm if m.start >= poss.end()]
            participants = list(dict.fromkeys(before + after))
            target = _nearest_named(named, poss.end())
            if target is not None:
                out.append(make("member", participants, target))
            elif len(participants) == 2:
                tid = self.names.resolve(participants, None, ref, defense=True)
                out.append(
                    make("in_force", participants, _nearest(pacts, poss.start()), treaty=tid or "")
                )
            elif before and len(after) >= 2:
                subject = before[0]
                for partner in dict.fromkeys(after):
                    if partner == subject:
                        continue
                    tid = self.names.resolve([subject, partner], None, ref, defense=True)
                    out.append(make("in_force", [subject, partner], None, treaty=tid or ""))

        for cue in cues:
            if cue.relation == "no_pact":
                subjects = [m.iso3 for m in sm if m.end <= cue.start][-1:] or list(
                    heading_states[:1]
                )
                partners = [m.iso3 for m in sm if m.start >= cue.end][:1] or list(
                    heading_states[1:2]
                )
                if subjects and partners:
                    out.append(make("no_pact", [*subjects, *partners], None, treaty=""))
                continue
            pact = self._pact_for(cue, pacts, ctx, heading, bool(sm))
            if pact is None and cue.relation in _NEEDS_PACT:
                continue
            tid = pact.treaty if pact else None
            if cue.relation == "ended" and pact is not None and pact.kind == "described":
                tid = (
                    self.names.resolve(
                        pact.states or all_states,
                        pact.year,
                        ref,
                        defense=pact.defense,
                        ended=True,
                        words=pact.text,
                    )
                    or tid
                )
            treaty = self.names.treaty(tid)
            when = _date_for(cue, dm, heading)
            day = _day(when, None)
            if day is None and treaty is not None and cue.relation in ("signed", "ratified"):
                day = treaty.signed
            parties = _parties(treaty, all_states, pact, day or ref)
            if cue.relation in ("member", "aspirant"):
                joined = when if re.match(r"(?i)join|acce", s[cue.start : cue.end]) else None
                for year, group in _member_groups(s, sm, cue.relation).items():
                    value = "original" if _is_original(s) else None
                    out.append(
                        make(cue.relation, group, pact, year or joined, value, treaty=tid or "")
                    )
                continue
            if cue.relation == "membership_count":
                out.append(make(cue.relation, (), pact, None, cue.value, treaty=tid or ""))
                continue
            if tid is None and len(parties) < 2:
                continue
            out.append(make(cue.relation, parties, pact, when, cue.value, treaty=tid or ""))

        # "the 1951 treaty with the Philippines", "Rio Treaty (1947)": signed that year
        signed = {c.treaty for c in out if c.relation == "signed"}
        for p in pacts:
            if p.year and p.kind in ("named", "described") and (p.treaty or p.states):
                if p.treaty in signed:
                    continue
                treaty = self.names.treaty(p.treaty)
                parties = _parties(treaty, all_states, p, _day(str(p.year), None))
                out.append(make("signed", parties, p, str(p.year)))
        return [replace(c, treaty=c.treaty or None) for c in out]

    def _pact_for(
        self,
        cue: _Cue,
        pacts: list[PactMention],
        ctx: _Context,
        heading: _Heading | None,
        has_states: bool,
    ) -> PactMention | None:
        usable = [p for p in pacts if p.treaty or (p.kind == "described" and p.states)]
        explicit = [p for p in usable if p.kind != "anaphor"]
        if explicit or usable:
            return _nearest(explicit or usable, cue.start)
        if heading and heading.treaty:
            return PactMention("anaphor", cue.start, cue.start, "", heading.treaty)
        if not ctx.treaty or ctx.age > FALLBACK_SENTENCES:
            return None
        if (cue.relation in _CONTEXT_OK and not pacts and not has_states) or cue.relation in (
            "member",
            "membership_count",
        ):
            return PactMention("anaphor", cue.start, cue.start, "", ctx.treaty)
        return None

    def _remember(
        self,
        s: str,
        sm: Sequence[StateMention],
        dm: Sequence[DateMention],
        pacts: list[PactMention],
        claims: list[Claim],
        ctx: _Context,
    ) -> None:
        ctx.age += 1
        resolved = [p.treaty for p in pacts if p.treaty and p.kind != "anaphor"]
        resolved += [c.treaty for c in claims if c.treaty and c.relation not in ("no_pact",)]
        if resolved:
            ctx.treaty, ctx.age = Counter(resolved).most_common(1)[0][0], 0
        elif any(p.kind == "anaphor" and p.treaty for p in pacts):
            ctx.age = 0
        ctx.topic.update(
            c.treaty for c in claims if c.treaty and c.relation == "signed" and c.date is None
        )
        ctx.read(sm)
        if s.rstrip().endswith(":"):
            year = next((d.iso for d in dm), None)
            treaty = next((p.treaty for p in pacts if p.treaty), None)
            ctx.heading = _Heading(tuple(dict.fromkeys(m.iso3 for m in sm)), treaty, year)


# ---- helpers --------------------------------------------------------------------------


# Stems of every cue, each where a word starts in its pattern (every alternative begins at
# ``\b`` or after a space or hyphen): a sentence where none of them starts a word states no
# relation (a fast test; "said" does not pass for "aid").
_CUE_STEMS = Substrings(
    "invo",
    "activat",
    "trigger",
    "test",
    "pact",
    "treat",
    "allian",
    "agreement",
    "interest",
    "appl",
    "seek",
    "bid to",
    "aspir",
    "member",
    "attack",
    "aid",
    "assist",
    "defen",
    "commit",
    "obligat",
    "withdr",
    "pulled",
    "left the",
    "suspend",
    "froz",
    "terminat",
    "abolish",
    "void",
    "annul",
    "expir",
    "laps",
    "scrap",
    "ceas",
    "dissolv",
    "ratif",
    "force",
    "effect",
    "sign",
    "inked",
    "pen to paper",
    "establish",
    "pledge",
    "resulted",
    "join",
    "acce",
    "through its",
)


def _cues(s: str) -> list[_Cue]:
    cues: list[_Cue] = []
    low = s.lower()
    if not _CUE_STEMS.starts_a_word_in(low):
        return cues
    for rel, pattern in _CUES:
        for m in pattern.finditer(s):
            if any(c.start <= m.start() < c.end for c in cues):
                continue  # inside a cue already found ("an attack on a member ... all")
            guard = _NOT_BEFORE.get(rel)
            if guard and guard.search(tail(s, m.start())):
                continue
            if rel == "withdrew" and _WITHDREW_OBJECT.search(s[m.end() :]):
                continue
            value = None
            if rel == "membership_count":
                if _to_int(m.group("n")) < 3:
                    continue
                value = str(_to_int(m.group("n")))
            elif rel == "invoked":
                if _ONCE.search(s):
                    value = "1"
                elif t := _TWICE.search(s):
                    value = str(_to_int(t.group("n") or "two"))
            cues.append(_Cue(rel, m.start(), m.end(), value))
    # one cue per relation and sentence is enough, except where states differ by clause
    seen: set[str] = set()
    out = []
    for c in sorted(cues, key=lambda c: c.start):
        if c.relation in seen:
            continue
        seen.add(c.relation)
        out.append(c)
    return out


def _to_int(word: str) -> int:
    w = word.lower().replace("-", " ")
    if w.isdigit():
        return int(w)
    tens = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
    parts = w.split()
    total = tens.get(parts[0], _NUMBERS.get(parts[0], 0))
    if len(parts) > 1:
        total += _NUMBERS.get(parts[1], 0)
    return total


def _nearest(pacts: Sequence[PactMention], pos: int) -> PactMention | None:
    if not pacts:
        return None
    return min(
        pacts, key=lambda p: (min(abs(p.start - pos), abs(p.end - pos)), p.kind == "anaphor")
    )


def _nearest_named(named: Sequence[PactMention], pos: int) -> PactMention | None:
    after = [p for p in named if p.start >= pos]
    if after:
        return after[0]
    return named[-1] if named else None


def _parties(
    treaty: object, states: Sequence[str], pact: PactMention | None, day: date | None = None
) -> list[str]:
    """The states a claim is about: those named that are parties of the pact (all named
    when the pact is not in the KB); the pact's parties when none is named. Each is named
    by its code on ``day`` (the claim's date): Russia in a 1961 treaty is the USSR."""
    from foederis.model.treaty import Treaty

    named = list(pact.states) if pact and pact.states else list(states)
    if not isinstance(treaty, Treaty):
        return named
    members = treaty.states()
    on_day = bindings.members_on(treaty, day) if day is not None else frozenset()
    kept = [as_of(s, day, on_day or members) for s in named if is_among(s, members)]
    kept = list(dict.fromkeys(kept))
    if len(kept) >= 2 or (kept and len(members) > 3):
        return kept
    if len(members) <= 3:
        return sorted(on_day) if len(on_day) >= 2 else sorted(members)
    return kept


def _day(written: str | None, ref: date | None) -> date | None:
    """A day for a date written at any precision (the middle of a year or month)."""
    if written and len(written) == 4:
        return date(int(written), 7, 1)
    if written and len(written) == 7:
        return date(int(written[:4]), int(written[5:7]), 15)
    return parse_iso(written) if written else ref


def _date_for(cue: _Cue, dm: Sequence[DateMention], heading: _Heading | None) -> str | None:
    after = [d for d in dm if d.start >= cue.end and d.start - cue.end <= DATE_DISTANCE]
    before = [d for d in dm if d.end <= cue.start and cue.start - d.end <= DATE_DISTANCE]
    if after and (not before or after[0].start - cue.end <= cue.start - before[-1].end + 10):
        return after[0].iso
    if before:
        return before[-1].iso
    return heading.year if heading else None


def _article_near(s: str, pos: int) -> str | None:
    articles = find_articles(s)
    if not articles:
        return None
    return min(articles, key=lambda a: abs(a.start - pos)).number


def _member_groups(
    s: str, sm: Sequence[StateMention], relation: str
) -> dict[str | None, list[str]]:
    """States of a membership sentence, grouped by the year written after them:
    "Greece and Turkey (1952), West Germany (1955) ..." gives {1952: [GRC, TUR], ...}."""
    groups: dict[str | None, list[str]] = {}
    years = list(_PAREN_YEAR.finditer(s)) if relation == "member" else []
    seen: set[str] = set()
    for m in sm:
        if m.iso3 in seen:
            continue
        seen.add(m.iso3)
        year = next((y.group("y") for y in years if y.start() >= m.end), None)
        groups.setdefault(year, []).append(m.iso3)
    return groups


_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|„([^“”]+)[“”]|「([^」]+)」")
QUOTE_MIN_WORDS = 5


def quoted(s: str) -> str | None:
    """The longest passage of at least ``QUOTE_MIN_WORDS`` words between quotation marks
    in a sentence (a clause quoted in its wording), else None."""
    passages = [next(g for g in m.groups() if g is not None) for m in _QUOTE.finditer(s)]
    long = [p.strip() for p in passages if len(p.split()) >= QUOTE_MIN_WORDS]
    return max(long, key=len) if long else None


def _dedupe(claims: list[Claim]) -> list[Claim]:
    out: dict[tuple[object, ...], Claim] = {}
    for c in claims:
        k = (c.start, c.treaty, c.relation, c.states, c.date)
        if k not in out or (c.article and not out[k].article):
            out[k] = c
    return list(out.values())
