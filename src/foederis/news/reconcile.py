"""Stage 5 — compare a claim with the knowledge base as of the article's date.

* ``confirmed`` — the KB says the same;
* ``conflict`` — the KB says otherwise (its value and source are given);
* ``stale`` — true once, no longer true on the article's date ("30 member states" of NATO
  in June 2024; Finland and Sweden "interested in joining" after they joined);
* ``new`` — a pact or fact the KB lacks (a proposal for the curator comes with it);
* ``unverifiable`` — the KB has nothing to compare with.

Dates in claims are compared at the precision they were written ("1961" with the year).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from foederis.kb import KnowledgeBase
from foederis.model.treaty import Clause, Invocation, Party, Treaty
from foederis.news.extract import Claim
from foederis.news.mentions import article_key
from foederis.news.succession import is_among, same_person

Status = Literal["confirmed", "conflict", "stale", "new", "unverifiable"]
_SEVERITY: dict[str, int] = {"conflict": 4, "new": 3, "stale": 2, "unverifiable": 1, "confirmed": 0}


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change for the curator: ``new_treaty``, ``new_party`` or ``new_invocation``."""

    kind: str
    treaty: str | None
    value: dict[str, object]


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    kb_value: str | None = None
    kb_source: str | None = None
    proposals: list[Proposal] = field(default_factory=list)


def reconcile(claim: Claim, kb: KnowledgeBase, as_of: date) -> Verdict:
    if claim.relation == "no_pact":
        return _no_pact(claim, kb, as_of)
    t = kb.treaties.get(claim.treaty) if claim.treaty else None
    if t is None:
        return _unknown_pact(claim, as_of)
    check = _CHECKS.get(claim.relation)
    if check is None:
        return Verdict("unverifiable")
    return check(claim, t, as_of)


# ---- helpers --------------------------------------------------------------------------


def _same(kb_date: date | None, written: str | None) -> bool:
    """Whether a KB date agrees with a claim's date at the claim's precision."""
    if kb_date is None or not written:
        return False
    return kb_date.isoformat()[: len(written)] == written


def _source(t: Treaty, ids: Iterable[str] = ()) -> str | None:
    for sid in ids:
        if sid in t.sources_by_id:
            return t.sources_by_id[sid].url
    return t.sources[0].url if t.sources else None


def _spells(t: Treaty, state: str) -> list[Party]:
    return [p for code in same_person(state) for p in t.spells(code)]


def _is_member(t: Treaty, state: str, day: date) -> bool:
    members = t.members_on(day)
    return is_among(state, members)


def _behind(t: Treaty, as_of: date) -> bool:
    """The article is newer than the KB's last check of this treaty."""
    return t.last_verified is None or as_of > t.last_verified


def _suspended_between(
    t: Treaty, states: Iterable[str], day: date, status: Status = "conflict"
) -> Verdict | None:
    """``status`` (a claim of a duty: ``conflict``; of an alliance: ``stale``) when the
    KB records that one of the states named no longer owes (or is no longer owed) the
    treaty's obligations toward another on ``day``: a suspension or a frozen
    participation, per direction (the US toward New Zealand under ANZUS since 1986, not
    New Zealand toward Australia)."""
    named = list(dict.fromkeys(states))
    hits = []
    for sp in t.suspensions:
        if not sp.active_on(day):
            continue
        for a in named:
            for b in named:
                if a == b:
                    continue
                if any(sp.applies(x, y) for x in same_person(a) for y in same_person(b)):
                    hits.append((sp, a, b))
    if not hits:
        return None
    sp = hits[0][0]
    pairs = ", ".join(dict.fromkeys(f"{a}→{b}" for _, a, b in hits))
    until = f" until {sp.until.isoformat()}" if sp.until else ""
    text = f"{sp.kind} {pairs} since {sp.since.isoformat()}{until}"
    if sp.summary:
        text += f": {' '.join(sp.summary.split())}"
    return Verdict(status, text, _source(t, sp.sources))


def _worst(verdicts: list[Verdict]) -> Verdict:
    worst = max(verdicts, key=lambda v: _SEVERITY[v.status])
    values = "; ".join(dict.fromkeys(v.kb_value for v in verdicts if v.kb_value))
    return Verdict(
        worst.status, values or None, worst.kb_source, [p for v in verdicts for p in v.proposals]
    )


# ---- the checks -----------------------------------------------------------------------


def _unknown_pact(claim: Claim, as_of: date) -> Verdict:
    if (
        claim.relation in ("signed", "ratified", "in_force", "member", "covers")
        and len(claim.states) >= 2
    ):
        return Verdict(
            "new",
            "no such pact in the KB",
            None,
            [
                Proposal(
                    "new_treaty",
                    None,
                    {
                        "parties": sorted(claim.states),
                        "signed": claim.date if claim.relation == "signed" else None,
                        "described_as": claim.pact,
                        "reported_on": as_of.isoformat(),
                    },
                )
            ],
        )
    return Verdict("unverifiable")


def _signed(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    src = _source(t)
    if t.signed is None:
        return Verdict("unverifiable", "signature date unknown in the KB", src)
    value = f"signed {t.signed.isoformat()}"
    if claim.date:
        return Verdict("confirmed" if _same(t.signed, claim.date) else "conflict", value, src)
    return Verdict("confirmed" if t.signed <= as_of else "conflict", value, src)


def _in_force(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    src = _source(t)
    value = _force_text(t)
    if claim.date and claim.relation in ("ratified", "in_force"):
        return Verdict("confirmed" if _same(t.in_force, claim.date) else "conflict", value, src)
    if t.is_in_force(as_of):
        missing = [s for s in claim.states if not _is_member(t, s, as_of)]
        if not missing:
            suspended = _suspended_between(t, claim.states, as_of, "stale")
            return suspended or Verdict("confirmed", value, src)
        return _worst([_membership(t, s, as_of) for s in missing])
    if t.ended is not None and t.ended <= as_of:
        return Verdict("stale", value, src)
    if claim.relation == "ratified" and t.signed and t.signed <= as_of:
        return Verdict("unverifiable", value, src)
    return Verdict("conflict", value, src)


def _force_text(t: Treaty) -> str:
    parts = []
    if t.signed:
        parts.append(f"signed {t.signed.isoformat()}")
    if t.in_force:
        parts.append(f"in force {t.in_force.isoformat()}")
    else:
        parts.append("in force: date unknown" if t.ended else "not in force")
    if t.ended:
        parts.append(f"ended {t.ended.isoformat()}")
    return ", ".join(parts)


def _ended(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    src = _source(t)
    value = _force_text(t)
    if t.ended is None or t.ended > as_of:
        return Verdict("conflict", value, src)
    if claim.date:
        return Verdict("confirmed" if _same(t.ended, claim.date) else "conflict", value, src)
    return Verdict("confirmed", value, src)


def _invocations(t: Treaty, claim: Claim, as_of: date) -> tuple[Clause | None, list[Invocation]]:
    clause = _clause(t, claim.article)
    invs = [
        i
        for i in t.invocations
        if (clause is None or i.clause == clause.id)
        and (i.date is None or i.date <= as_of)
        and i.outcome != "not_invoked"
    ]
    return clause, invs


def _clause(t: Treaty, article: str | None) -> Clause | None:
    if not article:
        return None
    want = article_key(article)
    for c in t.clauses:
        if article_key(c.article) == want or article_key(c.article).split("(")[0] == want:
            return c
    return None


def _inv_text(t: Treaty, invs: list[Invocation]) -> str:
    if not invs:
        return "no invocation recorded"
    dates = ", ".join(f"{i.date.isoformat() if i.date else '?'} by {i.by or '?'}" for i in invs)
    return f"{len(invs)} invocation(s): {dates}"


def _invoked(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    clause, invs = _invocations(t, claim, as_of)
    if claim.article and clause is None:
        return Verdict("unverifiable", f"the KB has no Article {claim.article} of {t.id}")
    value = _inv_text(t, invs)
    src = _source(t, invs[0].sources if invs else ())
    if claim.value and invs and len(invs) != int(claim.value):
        return Verdict("conflict", value, src)
    if claim.date:
        year = claim.date[:4]
        if any(i.date and i.date.isoformat()[:4] == year for i in invs):
            return Verdict("confirmed", value, src)
    elif invs:
        return Verdict("confirmed", value, src)
    status: Status = "new" if _behind(t, as_of) else "conflict"
    proposal = Proposal(
        "new_invocation",
        t.id,
        {
            "clause": clause.id if clause else None,
            "date": claim.date,
            "by": claim.states[0] if claim.states else None,
            "event": claim.sentence,
            "outcome": "pending",
        },
    )
    return Verdict(status, value, src, [proposal] if status == "new" else [])


def _never_invoked(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    _, invs = _invocations(t, claim, as_of)
    if invs:
        return Verdict("conflict", _inv_text(t, invs), _source(t, invs[0].sources))
    return Verdict("confirmed", "no invocation recorded", _source(t))


def _membership(t: Treaty, state: str, as_of: date, year: str | None = None) -> Verdict:
    spells = _spells(t, state)
    src = _source(t, spells[0].sources) if spells else _source(t)
    value = _spell_text(state, spells)
    if year:
        ok = any(_same(p.joined, year) for p in spells)
        return Verdict("confirmed" if ok else "conflict", value, src)
    if _is_member(t, state, as_of):
        return Verdict("confirmed", value, src)
    if any(p.left is not None and p.left <= as_of for p in spells):
        return Verdict("stale", value, src)
    if spells and t.signed and t.signed <= as_of:
        return Verdict("confirmed", value + f" (signatory; {_force_text(t)})", src)
    if spells:
        return Verdict("conflict", value, src)
    if _behind(t, as_of):
        return Verdict(
            "new",
            value,
            src,
            [
                Proposal(
                    "new_party",
                    t.id,
                    {"state": state, "joined": None, "reported_on": as_of.isoformat()},
                )
            ],
        )
    return Verdict("conflict", value, src)


def _spell_text(state: str, spells: list[Party]) -> str:
    if not spells:
        return f"{state} not a party"
    parts = [
        f"{state} joined {p.joined.isoformat() if p.joined else '(date unknown)'}"
        + (f", left {p.left.isoformat()}" if p.left else "")
        for p in spells
    ]
    return "; ".join(parts)


def _member(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    if not claim.states:
        return Verdict("unverifiable")
    day = t.in_force if claim.value == "original" and t.in_force else as_of
    return _worst([_membership(t, s, day, claim.date) for s in claim.states])


def _count_history(t: Treaty, as_of: date) -> list[tuple[date, int]]:
    """(date, number of members) at each change up to ``as_of``."""
    days = sorted(
        {d for p in t.parties for d in (p.joined, p.left) if d and d <= as_of}
        | ({t.in_force} if t.in_force and t.in_force <= as_of else set())
    )
    return [(d, len(t.members_on(d))) for d in days]


def _membership_count(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    if not claim.value:
        return Verdict("unverifiable")
    want = int(claim.value)
    now = len(t.members_on(as_of))
    value = f"{now} members on {as_of.isoformat()}"
    src = _source(t)
    if now == want:
        return Verdict("confirmed", value, src)
    history = _count_history(t, as_of)
    spans = [
        (d, history[i + 1][0] if i + 1 < len(history) else None)
        for i, (d, n) in enumerate(history)
        if n == want
    ]
    if spans:
        first, last = spans[0][0], spans[-1][1]
        until = f" until {last.isoformat()}" if last else ""
        return Verdict("stale", f"{value} ({want} from {first.isoformat()}{until})", src)
    return Verdict("conflict", value, src)


def _aspirant(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    verdicts = []
    for s in claim.states:
        spells = _spells(t, s)
        if _is_member(t, s, as_of):
            verdicts.append(
                Verdict(
                    "stale", _spell_text(s, spells), _source(t, spells[0].sources if spells else ())
                )
            )
        else:
            verdicts.append(Verdict("unverifiable", "the KB records members, not applicants"))
    return _worst(verdicts) if verdicts else Verdict("unverifiable")


def _withdrew(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    verdicts = []
    for s in claim.states:
        spells = _spells(t, s)
        left = [p for p in spells if p.left is not None and p.left <= as_of]
        src = _source(t, spells[0].sources) if spells else _source(t)
        if left and (not claim.date or any(_same(p.left, claim.date) for p in left)):
            verdicts.append(Verdict("confirmed", _spell_text(s, spells), src))
        elif spells:
            verdicts.append(Verdict("conflict", _spell_text(s, spells), src))
        else:
            verdicts.append(Verdict("unverifiable", _spell_text(s, spells), src))
    return _worst(verdicts) if verdicts else Verdict("unverifiable")


def _suspended(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    hits = [
        s
        for s in t.suspensions
        if s.since <= as_of and any(x == "all" or x in claim.states for x in [*s.by, *s.toward])
    ]
    if hits:
        return Verdict(
            "confirmed", "; ".join(s.summary or s.kind for s in hits), _source(t, hits[0].sources)
        )
    return Verdict("unverifiable", "no suspension recorded")


def _covers(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    suspended = _suspended_between(t, claim.states, as_of) if len(claim.states) >= 2 else None
    if suspended is not None:
        return suspended
    if claim.article:
        clause = _clause(t, claim.article)
        if clause is None:
            return Verdict(
                "unverifiable", f"the KB has no Article {claim.article} of {t.id}", _source(t)
            )
        return Verdict(
            "confirmed",
            f"{t.id}#{clause.id}: Art. {clause.article} ({clause.type})",
            _source(t, clause.sources),
        )
    defense = [c for c in t.clauses if c.type == "defense"]
    if defense:
        c = defense[0]
        return Verdict(
            "confirmed", f"{t.id}#{c.id}: Art. {c.article} (defense)", _source(t, c.sources)
        )
    kinds = ", ".join(sorted({str(c.type) for c in t.clauses})) or "no clauses"
    return Verdict("conflict", f"{t.id} has no defense clause ({kinds})", _source(t))


def _no_pact(claim: Claim, kb: KnowledgeBase, as_of: date) -> Verdict:
    if len(claim.states) < 2:
        return Verdict("unverifiable")
    a, b = claim.states[:2]
    binding = [
        t
        for t in kb.treaties.values()
        if t.kind in ("alliance", "organization")
        and t.is_defense()
        and _is_member(t, a, as_of)
        and _is_member(t, b, as_of)
    ]
    if binding:
        t = binding[0]
        return Verdict("conflict", f"{t.id} in force ({_force_text(t)})", _source(t))
    past = [t for t in kb.treaties.values() if t.is_defense() and {a, b} <= t.states()]
    value = "no defense pact in force"
    if past:
        value += "; earlier: " + ", ".join(f"{t.id} ({_force_text(t)})" for t in past)
    return Verdict("confirmed", value, _source(past[0]) if past else None)


_CHECKS: dict[str, Callable[[Claim, Treaty, date], Verdict]] = {
    "signed": _signed,
    "ratified": _in_force,
    "in_force": _in_force,
    "ended": _ended,
    "invoked": _invoked,
    "never_invoked": _never_invoked,
    "member": _member,
    "membership_count": _membership_count,
    "aspirant": _aspirant,
    "withdrew": _withdrew,
    "suspended": _suspended,
    "covers": _covers,
}
