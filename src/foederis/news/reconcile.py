"""Stage 5 — compare a claim with the knowledge base as of the article's date.

* ``confirmed`` — the KB says the same;
* ``conflict`` — the KB says otherwise (its value and source are given);
* ``stale`` — true once, no longer true on the article's date ("30 member states" of NATO
  in June 2024; Finland and Sweden "interested in joining" after they joined);
* ``new`` — a pact or fact the KB lacks (a proposal for the curator comes with it);
* ``disputed`` — sources disagree on this fact and the KB records both readings: the claim
  agrees with one of them only (Greece's NATO accession on 15 or 18 February 1952);
* ``unverifiable`` — the KB has nothing to compare with.

Dates in claims are compared at the precision they were written ("1961" with the year).
Who owes whom on a day — membership, entry into force, suspensions, frozen and dormant
duties per direction, the wording of a clause on a day — is asked of the engine
(``foederis.engine.bindings``), never recomputed here. A date that the KB records
differently (at the day) comes with a ``changed_date`` proposal carrying the KB's value
and source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from foederis.engine import bindings
from foederis.engine.bindings import Standing
from foederis.kb import KnowledgeBase
from foederis.model.enums import ClauseType
from foederis.model.treaty import Clause, Disputed, Invocation, Party, Suspension, Treaty
from foederis.news.extract import Claim
from foederis.news.mentions import article_key
from foederis.news.succession import same_person

Status = Literal["confirmed", "conflict", "stale", "new", "disputed", "unverifiable"]
_SEVERITY: dict[str, int] = {
    "conflict": 5,
    "new": 4,
    "stale": 3,
    "disputed": 2,
    "unverifiable": 1,
    "confirmed": 0,
}


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change for the curator: ``new_treaty``, ``new_party``, ``new_invocation`` or
    ``changed_date`` (a date the KB records otherwise: ``field``, ``state`` for a
    party's date, ``kb_value`` and ``kb_source``, and the ``reported`` day)."""

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


def _source(t: Treaty, ids: Iterable[str] = ()) -> str | None:
    for sid in ids:
        if sid in t.sources_by_id:
            return t.sources_by_id[sid].url
    return t.sources[0].url if t.sources else None


def _spells(t: Treaty, state: str) -> list[Party]:
    return [p for code in same_person(state) for p in t.spells(code)]


def _is_member(t: Treaty, state: str, day: date) -> bool:
    """A party bound on ``day`` (the engine's membership: in force, spell active, and the
    state existed that day), under any of its names (``RUS`` for ``SUN``)."""
    return any(
        code in bindings.members(t, day) and bindings.exists(code, day)
        for code in same_person(state)
    )


def _behind(t: Treaty, as_of: date) -> bool:
    """The article is newer than the KB's last check of this treaty."""
    return t.last_verified is None or as_of > t.last_verified


_STANDING_ORDER = list(Standing)  # bound < frozen < dormant < suspended, as the engine ranks


def _standings(
    t: Treaty, states: Iterable[str], day: date
) -> list[tuple[str, str, Standing, tuple[Suspension, ...]]]:
    """Each ordered pair of the states named whose duty under ``t`` does not run normally
    on ``day`` (the engine's ``bindings.standing``, per direction, under every name)."""
    named = list(dict.fromkeys(states))
    out: list[tuple[str, str, Standing, tuple[Suspension, ...]]] = []
    for a in named:
        for b in named:
            if a == b:
                continue
            worst: tuple[Standing, tuple[Suspension, ...]] = (Standing.bound, ())
            for x in same_person(a):
                for y in same_person(b):
                    level, found = bindings.standing(t, x, y, day)
                    if _STANDING_ORDER.index(level) > _STANDING_ORDER.index(worst[0]):
                        worst = (level, found)
            if worst[0] is not Standing.bound:
                out.append((a, b, worst[0], worst[1]))
    return out


def _lapsed(t: Treaty, states: Iterable[str], day: date, duty: bool) -> Verdict | None:
    """A claim naming states whose duties under ``t`` lapsed, froze or went dormant by
    ``day``, in one direction or both (the US toward New Zealand under ANZUS since 1986;
    the Manila Pact dormant since 1977 except between the US and Thailand; Armenia's
    CSTO participation frozen). A claimed *duty* that lapsed is a ``conflict``; a duty
    frozen or dormant, or an alliance that lapsed, is ``stale`` (true once, not now).
    The KB's value names every direction and record; the source is the first record's."""
    hits = _standings(t, states, day)
    if not hits:
        return None
    worst = max((h[2] for h in hits), key=_STANDING_ORDER.index)
    status: Status = "conflict" if duty and worst is Standing.suspended else "stale"
    by_record: dict[int, tuple[Suspension, list[str]]] = {}
    for a, b, _level, records in hits:
        for sp in records:
            by_record.setdefault(id(sp), (sp, []))[1].append(f"{a}→{b}")
    parts = []
    for sp, pairs in by_record.values():
        until = f" until {sp.until.isoformat()}" if sp.until else ""
        text = f"{sp.kind} {', '.join(dict.fromkeys(pairs))} since {sp.since.isoformat()}{until}"
        if sp.summary:
            text += f": {' '.join(sp.summary.split())}"
        parts.append(text)
    first = next(iter(by_record.values()))[0]
    return Verdict(status, "; ".join(parts), _source(t, first.sources))


# ---- disputed facts -------------------------------------------------------------------


def _iso(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _agrees(reading: str | None, written: str) -> bool:
    """A date reading agrees with a claim's date at the less precise of the two."""
    if not reading:
        return False
    n = min(len(reading), len(written))
    return reading[:n] == written[:n]


def _dated(
    t: Treaty,
    field_name: str,
    kb_value: date | None,
    written: str,
    disputed: list[Disputed],
    value: str,
    src: str | None,
) -> Verdict:
    """A claim's date for a KB date that sources may dispute: ``confirmed`` when it agrees
    with the KB's reading and with every other recorded reading at the claim's
    precision; ``disputed`` when it agrees with one reading only (the KB's or the
    other); ``conflict`` when it agrees with none."""
    others = [d for d in disputed if d.field == field_name]
    kb_ok = kb_value is not None and _agrees(kb_value.isoformat(), written)
    alt_ok = [d for d in others if _agrees(_iso(d.value), written)]
    if others and (kb_ok != bool(alt_ok) or (kb_ok and len(alt_ok) < len(others))):
        readings = "; ".join(
            f"{_iso(d.value) or 'none'} ({_source(t, d.sources) or 'no source'})"
            + (f": {' '.join(d.note.split())}" if d.note else "")
            for d in others
        )
        return Verdict("disputed", f"{value}; disputed {field_name}: {readings}", src)
    return Verdict("confirmed" if kb_ok else "conflict", value, src)


def _changed_date(
    t: Treaty,
    field_name: str,
    kb_value: date | None,
    claim: Claim,
    as_of: date,
    src: str | None,
    state: str | None = None,
) -> list[Proposal]:
    """A proposal to change a date the KB records otherwise, when the claim gives a day."""
    if kb_value is None or not claim.date or len(claim.date) != 10:
        return []
    value: dict[str, object] = {
        "field": field_name,
        "kb_value": kb_value.isoformat(),
        "kb_source": src,
        "reported": claim.date,
        "reported_on": as_of.isoformat(),
    }
    if state is not None:
        value["state"] = state
    return [Proposal("changed_date", t.id, value)]


def _with_proposals(v: Verdict, proposals: list[Proposal]) -> Verdict:
    if v.status != "conflict" or not proposals:
        return v
    return Verdict(v.status, v.kb_value, v.kb_source, [*v.proposals, *proposals])


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
        v = _dated(t, "signed", t.signed, claim.date, t.disputed, value, src)
        return _with_proposals(v, _changed_date(t, "signed", t.signed, claim, as_of, src))
    return Verdict("confirmed" if t.signed <= as_of else "conflict", value, src)


def _in_force(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    src = _source(t)
    value = _force_text(t)
    if claim.date and claim.relation in ("ratified", "in_force"):
        v = _dated(t, "in_force", t.in_force, claim.date, t.disputed, value, src)
        if claim.relation == "ratified":
            return v  # a party's ratification is not the treaty's entry into force
        return _with_proposals(v, _changed_date(t, "in_force", t.in_force, claim, as_of, src))
    if bindings.in_force(t, as_of):
        missing = [s for s in claim.states if not _is_member(t, s, as_of)]
        if not missing:
            return _lapsed(t, claim.states, as_of, duty=False) or Verdict("confirmed", value, src)
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
        v = _dated(t, "ended", t.ended, claim.date, t.disputed, value, src)
        return _with_proposals(v, _changed_date(t, "ended", t.ended, claim, as_of, src))
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


def _membership(
    t: Treaty, state: str, as_of: date, year: str | None = None, claim: Claim | None = None
) -> Verdict:
    spells = _spells(t, state)
    src = _source(t, spells[0].sources) if spells else _source(t)
    value = _spell_text(state, spells)
    if year:
        verdicts = [
            _dated(t, "joined", p.joined, year, p.disputed, value, _source(t, p.sources) or src)
            for p in spells
        ]
        best = min(verdicts, key=lambda v: _SEVERITY[v.status], default=None)
        if best is None or best.status != "conflict" or len(spells) != 1 or claim is None:
            return best or Verdict("conflict", value, src)
        p = spells[0]
        return _with_proposals(
            best, _changed_date(t, "joined", p.joined, claim, as_of, best.kb_source, state)
        )
    if _is_member(t, state, as_of):
        return Verdict("confirmed", value, src)
    left = [p for p in spells if p.left is not None and p.left <= as_of]
    if left:
        # a departure some sources deny (a denunciation held void): not simply stale
        doubted = [d for p in left for d in p.disputed if d.field == "left"]
        if any(d.value is None or str(_iso(d.value)) > as_of.isoformat() for d in doubted):
            readings = "; ".join(
                f"{_iso(d.value) or 'not left'} ({_source(t, d.sources) or 'no source'})"
                for d in doubted
            )
            return Verdict("disputed", f"{value}; disputed left: {readings}", src)
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
    return _worst([_membership(t, s, day, claim.date, claim) for s in claim.states])


def _count_history(t: Treaty, as_of: date) -> list[tuple[date, int]]:
    """(date, number of members) at each change up to ``as_of``."""
    days = sorted(
        {d for p in t.parties for d in (p.joined, p.left) if d and d <= as_of}
        | ({t.in_force} if t.in_force and t.in_force <= as_of else set())
    )
    return [(d, len(bindings.members_on(t, d))) for d in days]


def _membership_count(claim: Claim, t: Treaty, as_of: date) -> Verdict:
    if not claim.value:
        return Verdict("unverifiable")
    want = int(claim.value)
    now = len(bindings.members_on(t, as_of))
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
        if left and claim.date:
            text = _spell_text(s, spells)
            dated = [_dated(t, "left", p.left, claim.date, p.disputed, text, src) for p in left]
            best = min(dated, key=lambda v: _SEVERITY[v.status])
            if best.status == "conflict" and len(left) == 1:
                p = left[0]
                best = _with_proposals(best, _changed_date(t, "left", p.left, claim, as_of, src, s))
            verdicts.append(best)
        elif left:
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
    """A claimed duty (to defend, to assist) under a treaty: lapsed, frozen or dormant
    between the states named (the engine's standing per direction); an article the KB
    lacks; or a clause cited in a wording that is no longer the one in force
    (``_wording``). (Duties described in the past tense of a treaty that has ended are
    not flagged: the claim's tense is not read.)"""
    lapsed = _lapsed(t, claim.states, as_of, duty=True) if len(claim.states) >= 2 else None
    if lapsed is not None:
        return lapsed
    if claim.article:
        clause = _clause(t, claim.article)
        if clause is None:
            return Verdict(
                "unverifiable", f"the KB has no Article {claim.article} of {t.id}", _source(t)
            )
    else:
        clause = next((c for c in t.clauses if c.type == "defense"), None)
        if clause is None:
            kinds = ", ".join(sorted({str(c.type) for c in t.clauses})) or "no clauses"
            return Verdict("conflict", f"{t.id} has no defense clause ({kinds})", _source(t))
    return _wording(claim, t, clause, as_of)


def _wording(claim: Claim, t: Treaty, clause: Clause, as_of: date) -> Verdict:
    """The clause as in force on the article's date (``bindings.clause_on``). A claim
    that cites it in an older wording — dated before the latest amendment in force
    ("Article 4 of the 1992 treaty" after the 2010 protocol), or quoting the text of an
    earlier version — is ``stale``, with the version in force and its source."""
    current = bindings.clause_on(clause, as_of)
    amended = sorted((v for v in clause.versions if v.since <= as_of), key=lambda v: v.since)
    label = f"{t.id}#{clause.id}: Art. {clause.article} ({clause.type})"
    if not amended:
        return Verdict("confirmed", label, _source(t, clause.sources))
    latest = amended[-1]
    value = f"{label}, as amended from {latest.since.isoformat()}"
    if latest.note:
        value += f": {_first_sentence(latest.note)}"
    src = _source(t, current.sources)
    dated = claim.article is not None and claim.date is not None and claim.date[:4].isdigit()
    year = claim.date[:4] if dated and claim.date else None
    quoted = claim.value if claim.relation == "covers" else None
    older = (year is not None and int(year) < latest.since.year) or (
        quoted is not None and _quotes_older(quoted, clause, latest.since)
    )
    return Verdict("stale" if older else "confirmed", value, src)


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]


def _quotes_older(quote: str, clause: Clause, since: date) -> bool:
    """The quoted words are (mostly) those of a wording in force before ``since``: the
    original text or an earlier version's, compared on word 3-grams in any language."""
    grams = _grams(quote)
    if len(grams) < 3:
        return False
    earlier = [clause.text] + [v.text for v in clause.versions if v.since < since]
    return any(text and len(grams & _grams(text)) >= 0.6 * len(grams) for text in earlier)


def _grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _no_pact(claim: Claim, kb: KnowledgeBase, as_of: date) -> Verdict:
    """ "A has no defense pact with B": a ``conflict`` when the engine finds a defense
    duty between them (either way) running on the day; when the only duties are frozen
    or dormant the KB cannot settle it (``unverifiable``, with the record); a pact whose
    duties between them lapsed (ANZUS between the US and New Zealand) confirms it."""
    if len(claim.states) < 2:
        return Verdict("unverifiable")
    a, b = claim.states[:2]
    running: list[bindings.Binding] = []
    a_codes, b_codes = same_person(a), same_person(b)
    for t in kb.treaties.values():
        parties = bindings.parties_on(t, as_of)  # first: most treaties have neither
        if parties.isdisjoint(a_codes) or parties.isdisjoint(b_codes):
            continue
        if t.kind not in ("alliance", "organization") or not t.is_defense():
            continue
        for x in a_codes:
            for y in b_codes:
                running += bindings.owes(t, x, y, as_of, _DEFENSE)
                running += bindings.owes(t, y, x, as_of, _DEFENSE)
    bound = [d for d in running if d.standing is Standing.bound]
    if bound:
        t = bound[0].treaty
        return Verdict("conflict", f"{t.id} in force ({_force_text(t)})", _source(t))
    if running:
        d = running[0]
        sp = d.suspensions[0] if d.suspensions else None
        value = f"{d.treaty.id} in force, {d.standing} {d.obligated}→{d.protected}"
        if sp is not None:
            value += f" since {sp.since.isoformat()}"
        return Verdict(
            "unverifiable", value, _source(d.treaty, sp.sources if sp is not None else ())
        )
    past = [t for t in kb.treaties.values() if t.is_defense() and {a, b} <= t.states()]
    value = "no defense pact in force"
    if past:
        value += "; earlier: " + ", ".join(f"{t.id} ({_force_text(t)})" for t in past)
    return Verdict("confirmed", value, _source(past[0]) if past else None)


_DEFENSE = (ClauseType.defense,)


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
