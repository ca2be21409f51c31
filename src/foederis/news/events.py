"""Events and facts: what happened, reported by whom, in any language.

A document belongs to a **story** (a copy-group: the same text, see dedupe.py) and to an
**event**: the same happening reported by different outlets — the same treaty (or the same
parties when the KB lacks the pact), the same relation (signed, ratified, entered into
force, invoked, joined, withdrew, suspended, a statement on coverage) and dates that agree
with the article's date. Claims are language-independent records, so a Spanish and an
Arabic report of one signing get the same event key.

A **fact** is one claim however many documents state it: the claims of every document
with the same treaty, relation, states, date, article and value, listing every supporting
document and sentence (three copies of one story give one fact with three supports).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from foederis.kb import KnowledgeBase
from foederis.news.dates import parse_iso
from foederis.news.extract import Claim, Relation
from foederis.news.store import Store

WINDOW_DAYS = 60  # an event this close to the article's date is its news
LEDE_SENTENCES = 4  # events are read from the first sentences that state claims
HAPPENINGS = (
    Relation.SIGNED,
    Relation.RATIFIED,
    Relation.IN_FORCE,
    Relation.INVOKED,
    Relation.MEMBER,
    Relation.WITHDREW,
    Relation.SUSPENDED,
    Relation.ENDED,
)
_KB_DATED = {
    Relation.SIGNED: "signed",
    Relation.RATIFIED: "in_force",
    Relation.IN_FORCE: "in_force",
    Relation.ENDED: "ended",
}


def _when(c: Claim, kb: KnowledgeBase, ref: date | None) -> tuple[date | None, bool]:
    """The day a claim's happening took place (and whether the article wrote it)."""
    written = parse_iso(c.date) if c.date and len(c.date) >= 7 else None
    if written is not None:
        return written, True
    t = kb.treaties.get(c.treaty) if c.treaty else None
    if t is not None and c.relation in _KB_DATED:
        day = getattr(t, _KB_DATED[c.relation])
        if day is not None and (not c.date or day.isoformat().startswith(c.date)):
            return day, False
    if t is not None and c.relation == Relation.MEMBER:
        joined = [
            p.joined
            for s in c.states
            for p in t.spells(s)
            if p.joined and p.joined <= (ref or p.joined)
        ]
        if joined:
            return max(joined), False
    if c.date:  # a year alone: the happening is in that year
        return (ref if ref and c.date == f"{ref.year:04d}" else None), True
    return None, False


def event_keys(claims: Sequence[Claim], ref: date | None, kb: KnowledgeBase) -> list[str]:
    """The events an article reports, closest to its date first: happenings stated in
    its first claim sentences whose date agrees with the article's date (a pact "signed in
    1961" in a 2024 article is background, not news). With no date at all, a happening is
    taken as the article's news."""
    lede: list[int] = []
    scored: list[tuple[int, str]] = []
    for c in claims:
        if c.start not in lede:
            lede.append(c.start)
        if len(lede) > LEDE_SENTENCES:
            break
        if c.relation not in HAPPENINGS:
            continue
        if c.relation == Relation.MEMBER and (not c.date or c.value == "original"):
            continue  # "members include ...": a state of affairs, not a happening
        when, _written = _when(c, kb, ref)
        if when is not None and ref is not None:
            distance = abs((when - ref).days)
            if distance > WINDOW_DAYS:
                continue
        elif c.date and ref is not None and not c.date.startswith(f"{ref.year:04d}"):
            continue
        else:
            distance = WINDOW_DAYS
        day = when or ref
        month = day.isoformat()[:7] if day else ""
        rel = "joined" if c.relation == Relation.MEMBER else c.relation.value
        states = "+".join(sorted(c.states))
        if c.treaty and c.treaty in kb.treaties:
            if c.relation in _KB_DATED:
                key = f"{c.treaty}:{rel}"
            elif c.relation in (Relation.MEMBER, Relation.WITHDREW, Relation.SUSPENDED):
                key = f"{c.treaty}:{rel}:{states}:{month}"
            else:
                key = f"{c.treaty}:{rel}:{month}"
        elif len(c.states) >= 2:
            key = f"{states}:{rel}:{month}"
        else:
            continue
        scored.append((distance, key))
    scored.sort(key=lambda x: x[0])
    return list(dict.fromkeys(k for _, k in scored))


# ---- records ----------------------------------------------------------------------------


class Support(BaseModel):
    claim: int
    document: int
    language: str | None
    sentence: str
    span: tuple[int, int]


class FactOut(BaseModel):
    """One fact, however many documents state it."""

    treaty: str | None
    relation: Relation
    states: list[str]
    date: str | None
    article: str | None
    value: str | None
    status: str
    kb_value: str | None
    kb_source: str | None
    as_of: str | None
    supports: list[Support]


class EventDocument(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    story: int | None


class EventOut(BaseModel):
    event: str
    what: str
    treaty: str | None
    relation: str
    states: list[str]
    date: str | None
    languages: list[str]
    documents: list[EventDocument]
    facts: list[FactOut]


_SEVERITY = {"conflict": 0, "stale": 1, "new": 2, "disputed": 3, "unverifiable": 4, "confirmed": 5}


def facts_of(rows: Sequence[sqlite3.Row], languages: dict[int, str | None]) -> list[FactOut]:
    """Claims (store rows) consolidated into facts, most in need of a decision first."""
    groups: dict[tuple[Any, ...], list[sqlite3.Row]] = {}
    for r in rows:
        states = tuple(sorted(json.loads(r["states"])))
        key = (
            r["treaty"],
            r["relation"],
            states,
            r["date"],
            r["article"],
            r["value"],
        )
        groups.setdefault(key, []).append(r)
    out = []
    for (treaty, relation, states, day, article, value), members in groups.items():
        worst = min(members, key=lambda r: _SEVERITY.get(r["status"], 9))
        out.append(
            FactOut(
                treaty=treaty,
                relation=Relation(str(relation)),
                states=list(states),
                date=day,
                article=article,
                value=value,
                status=worst["status"],
                kb_value=worst["kb_value"],
                kb_source=worst["kb_source"],
                as_of=worst["as_of"],
                supports=[
                    Support(
                        claim=r["id"],
                        document=r["document"],
                        language=languages.get(int(r["document"])),
                        sentence=r["sentence"],
                        span=(r["span_start"], r["span_end"]),
                    )
                    for r in members
                ],
            )
        )
    out.sort(key=lambda f: (_SEVERITY.get(f.status, 9), -len(f.supports), f.treaty or ""))
    return out


def list_facts(status: str | None = None, db_path: Path | str | None = None) -> list[FactOut]:
    with Store(db_path) as store:
        langs = {int(r["id"]): r["language"] for r in store.documents()}
        facts = facts_of(store.claims(), langs)
    return [f for f in facts if status is None or f.status == status]


def _describe(key: str) -> tuple[str | None, str, list[str], str | None]:
    """(treaty, relation, states, month) of an event key."""
    parts = key.split(":")
    subject, rel = parts[0], parts[1] if len(parts) > 1 else ""
    rest = parts[2:]
    month = next((p for p in rest if len(p) == 7 and p[4] == "-"), None)
    names = next((p for p in rest if p and p != month), "")
    if "+" in subject or (subject.isupper() and len(subject) == 3):
        return None, rel, subject.split("+"), month
    return subject, rel, [s for s in names.split("+") if s], month


_VERB = {
    "signed": "signed",
    "ratified": "ratified",
    "in_force": "entered into force",
    "invoked": "invoked",
    "joined": "joined",
    "withdrew": "withdrawal",
    "suspended": "suspended or frozen",
    "ended": "ended",
}


def list_events(db_path: Path | str | None = None) -> list[EventOut]:
    """Every event with its documents (in every language) and its facts."""
    with Store(db_path) as store:
        docs = store.documents()
        by_event: dict[str, list[sqlite3.Row]] = {}
        for r in docs:
            if r["event"]:
                by_event.setdefault(str(r["event"]), []).append(r)
        langs = {int(r["id"]): r["language"] for r in docs}
        out = []
        for key, members in sorted(by_event.items()):
            ids = [int(r["id"]) for r in members]
            treaty, rel, states, month = _describe(key)
            claims = [
                c
                for c in store.claims(documents=ids)
                if (treaty is None or c["treaty"] == treaty)
                and c["relation"] == ("member" if rel == "joined" else rel)
            ]
            facts = facts_of(claims, langs)
            dates = sorted(
                {f.date for f in facts if f.date and (month is None or f.date[:7] == month)},
                key=lambda d: (-len(d), d),
            )
            published = sorted(str(r["published"]) for r in members if r["published"])
            day = dates[0] if dates else (month or (published[0] if published else None))
            who = " and ".join(states) if states else ""
            what = " ".join(x for x in [treaty or "a pact between", who, _VERB.get(rel, rel)] if x)
            out.append(
                EventOut(
                    event=key,
                    what=what,
                    treaty=treaty,
                    relation=rel,
                    states=states,
                    date=day,
                    languages=sorted({str(r["language"] or "en") for r in members}),
                    documents=[
                        EventDocument(
                            id=r["id"],
                            title=r["title"],
                            outlet=r["outlet"],
                            published=r["published"],
                            language=r["language"],
                            story=r["story"],
                        )
                        for r in members
                    ],
                    facts=facts,
                )
            )
    return out
