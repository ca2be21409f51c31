"""conditions: the law, as one pure function per legal condition.

Each function takes the treaty, the clause (as in force on the day) and the facts of the
scenario it needs, and returns a ``Finding``: ``met``, ``failed`` or ``unknown``, with the
structured facts it rests on and its sources. ``CONDITIONS`` lists them in the order they
are reported (docs/semantics.md describes each). They are cached with ``lru_cache``, so a
cache key is always exactly the argument list.

Two rules run through all of them:

* unknown is not false: a fact the records do not settle gives ``unknown``, never
  ``failed``;
* certainty follows the sources: a reading that rests on a provisional coding, a reported
  statement or a disputed one can make a verdict ``unknown``, never ``met`` or ``failed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from foederis.model.enums import (
    SEVERITY_RANK,
    ClauseType,
    Initiator,
    Severity,
    SourceKind,
    StatementStatus,
    TextStatus,
    Verdict,
)
from foederis.model.treaty import Clause, Interpretation, Scope, Treaty
from foederis.sources.grade import RANK, badge, ordered

from . import bindings
from .bindings import Binding, Standing
from .places import Footprint, Places
from .results import Finding, Precedent, SourceRef

CONDITIONS = (
    "in_force",  # the treaty is in force on the day
    "protected",  # the attacked state is a party that day
    "membership",  # the obligated state is a party that day (or named in the text)
    "suspension",  # the duty is not suspended, frozen or dormant in that direction
    "obligation",  # the clause states a duty, not a policy
    "certainty",  # the clause's coding rests on published text
    "event",  # the attack meets the clause's threshold
    "scope",  # the place and the asset hit are covered (+ dated interpretations)
    "request",  # the attacked party asked, where the clause requires it
    "adversary",  # the attacker is one the clause names
    "co_party",  # the clause covers an attack by another party
    "non_state",  # the clause covers a non-state attacker
    "provocation",  # who started the fighting does not void the duty
)

WEAK = (StatementStatus.reported, StatementStatus.disputed)


# ---- sources -------------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def refs(t: Treaty, ids: tuple[str, ...]) -> tuple[SourceRef, ...]:
    """The sources with these ids, best graded first."""
    by_id = t.sources_by_id
    return tuple(
        SourceRef(f"{t.id}/{s.id}", s.url, s.label, s.kind.value, badge(s), s.publisher)
        for s in ordered(by_id[i] for i in ids if i in by_id)
    )


def clause_refs(t: Treaty, c: Clause) -> tuple[SourceRef, ...]:
    return refs(t, tuple(c.sources))


def treaty_refs(t: Treaty) -> tuple[SourceRef, ...]:
    return refs(t, (ordered(t.sources)[0].id,)) if t.sources else ()


@lru_cache(maxsize=65_536)
def party_refs(t: Treaty, state: str) -> tuple[SourceRef, ...]:
    return refs(t, tuple(sid for p in t.spells(state) for sid in p.sources))


@lru_cache(maxsize=65_536)
def _spells(t: Treaty, state: str) -> tuple[tuple[date | None, date | None], ...]:
    return tuple(
        (p.joined, p.left) for p in sorted(t.spells(state), key=lambda p: p.joined or date.min)
    )


# ---- the treaty and its parties ---------------------------------------------------------


@lru_cache(maxsize=65_536)
def in_force(t: Treaty, day: date) -> Finding:
    src = treaty_refs(t)
    base = (("treaty", t.short_name), ("day", day))
    if t.ended is not None and day >= t.ended:
        return Finding(
            "in_force",
            Verdict.failed,
            "ended",
            (*base, ("ended", t.ended), ("end_reason", t.end_reason)),
            src,
        )
    known = bindings.in_force(t, day)
    if t.in_force is not None:
        if known:
            return Finding("in_force", Verdict.met, "in_force", (*base, ("since", t.in_force)), src)
        signed = t.signed if t.signed and t.signed <= day else None
        return Finding(
            "in_force",
            Verdict.failed,
            "not_yet",
            (*base, ("signed", signed), ("since", t.in_force)),
            src,
        )
    if t.in_force_by is not None:
        facts = (*base, ("signed", t.signed), ("in_force_by", t.in_force_by))
        if known:
            return Finding("in_force", Verdict.met, "in_force_by", facts, src)
        if known is None:
            return Finding("in_force", Verdict.unknown, "in_force_unknown", facts, src)
    return Finding("in_force", Verdict.failed, "never", (*base, ("signed", t.signed)), src)


@lru_cache(maxsize=65_536)
def protected(t: Treaty, target: str, day: date) -> Finding | None:
    """The attacked state is a party on the day (None: the clause names it instead)."""
    if target not in t.states():
        return None
    src = party_refs(t, target)
    if target in bindings.parties_on(t, day):
        disputed = _disputed_spell(t, target, day)
        if disputed:
            return Finding(
                "protected",
                Verdict.unknown,
                "party_disputed",
                (("state", target), ("day", day), ("note", disputed)),
                src,
            )
        return Finding("protected", Verdict.met, "party", (("state", target), ("day", day)), src)
    if bindings.in_force(t, day) is False:
        return None  # the treaty is not in force: that is the finding
    return _not_party("protected", t, target, day, src)


def _not_party(
    condition: str, t: Treaty, state: str, day: date, src: tuple[SourceRef, ...]
) -> Finding:
    """``state`` is not a party on ``day``: unknown where a recorded spell of it is
    disputed, failed otherwise (with its spells, for the wording)."""
    disputed = _disputed_spell(t, state, day)
    if disputed:
        return Finding(
            condition,
            Verdict.unknown,
            "not_party_disputed",
            (("state", state), ("day", day), ("note", disputed)),
            src,
        )
    return Finding(
        condition,
        Verdict.failed,
        "not_party",
        (("state", state), ("day", day), ("spells", _spells(t, state))),
        src,
    )


@lru_cache(maxsize=4_096)
def _disputed_states(t: Treaty) -> frozenset[str]:
    return frozenset(p.state for p in t.parties if p.disputed)


def _disputed_spell(t: Treaty, state: str, day: date) -> str | None:
    """The note of a recorded dispute over the ``state``'s joining or leaving date whose
    two readings disagree about ``day`` (None: the records agree about that day)."""
    if state not in _disputed_states(t):
        return None
    for p in t.spells(state):
        for d in p.disputed:
            if d.field not in ("joined", "left"):
                continue
            mine = p.joined if d.field == "joined" else p.left
            alt = _as_date(d.value)
            if d.field == "joined" and alt is None:
                lo, hi = p.joined, p.left  # the other reading: this spell never began
            elif mine is None or alt is None:
                lo, hi = (mine or alt), None
            else:
                lo, hi = min(mine, alt), max(mine, alt)
            if (lo is None or lo <= day) and (hi is None or day < hi):
                return d.note or f"its {d.field} date is disputed"
    return None


def _as_date(v: object) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=262_144)
def membership(b: Binding, day: date) -> Finding:
    t, state = b.treaty, b.obligated
    src = party_refs(t, state)
    if b.member is None:
        return Finding("membership", Verdict.met, "named", (("state", state),), src)
    if b.member:
        disputed = _disputed_spell(t, state, day)
        if disputed:
            return Finding(
                "membership",
                Verdict.unknown,
                "party_disputed",
                (("state", state), ("day", day), ("note", disputed)),
                src,
            )
        return Finding("membership", Verdict.met, "party", (("state", state), ("day", day)), src)
    return _not_party("membership", t, state, day, src)


@lru_cache(maxsize=262_144)
def suspension(b: Binding) -> tuple[Finding, ...]:
    """One finding per suspension record in force for this direction."""
    out = []
    for sus in b.suspensions:
        kind = Standing(sus.kind)
        verdict = Verdict.failed if kind is Standing.suspended else Verdict.unknown
        out.append(
            Finding(
                "suspension",
                verdict,
                kind.value,
                (
                    ("state", b.obligated),
                    ("toward", b.protected),
                    ("since", sus.since),
                    ("summary", sus.summary),
                ),
                refs(b.treaty, tuple(sus.sources)),
            )
        )
    return tuple(out)


# ---- the clause ----------------------------------------------------------------------------


def obligation(t: Treaty, c: Clause, target: str) -> Finding | None:
    if c.type is not ClauseType.policy:
        return None
    return Finding(
        "obligation",
        Verdict.failed,
        "policy",
        (("clause", c.label), ("state", target)),
        clause_refs(t, c),
    )


def certainty(t: Treaty, c: Clause) -> Finding | None:
    """A clause whose text was never published, or whose coding is marked provisional,
    gives at most unknown."""
    if c.certainty == "text" and c.text_status is TextStatus.published:
        return None
    return Finding(
        "certainty",
        Verdict.unknown,
        "provisional",
        (("clause", c.label), ("text_published", c.text_status is TextStatus.published)),
        clause_refs(t, c),
    )


@lru_cache(maxsize=65_536)
def event(t: Treaty, c: Clause, severity: Severity) -> Finding:
    need = c.trigger.event
    gap = SEVERITY_RANK[need] - SEVERITY_RANK[severity]
    facts = (("clause", c.label), ("severity", severity.value), ("threshold", need.value))
    verdict = Verdict.met if gap <= 0 else Verdict.unknown if gap == 1 else Verdict.failed
    key = {Verdict.met: "meets", Verdict.unknown: "contested", Verdict.failed: "short"}[verdict]
    return Finding("event", verdict, key, facts, clause_refs(t, c))


def _interpretations(t: Treaty, c: Clause, day: date) -> tuple[Interpretation, ...]:
    return tuple(
        sorted(
            (i for i in t.interpretations if i.clause == c.id and i.date <= day),
            key=lambda i: i.date,
        )
    )


@lru_cache(maxsize=262_144)
def scope(
    places: Places,
    t: Treaty,
    c: Clause,
    target: str,
    day: date,
    fp: Footprint,
    asset: str,
) -> Finding:
    """Is an attack on ``asset`` at the place covered? Alternatives: the clause's own scope,
    areas added by dated interpretations (reported or disputed ones give at most unknown),
    minus areas an official narrowing interpretation removed."""
    csrc = clause_refs(t, c)
    interps = _interpretations(t, c, day)
    removed: set[tuple[str, str]] = set()
    weak_removed: dict[tuple[str, str], Interpretation] = {}
    for i in interps:
        for sc in i.remove_scope:
            for a in sc.assets:
                for ref in sc.areas:
                    if i.status in WEAK:
                        weak_removed[(a.value, ref)] = i
                    else:
                        removed.add((a.value, ref))
    alternatives: list[tuple[Scope, tuple[SourceRef, ...], Interpretation | None]] = [
        (sc, csrc, None) for sc in c.trigger.scope
    ]
    for i in interps:
        alternatives += [(sc, refs(t, tuple(i.sources)), i) for sc in i.add_scope]
    place = places.name(fp.place)
    # territory the protected party claims but does not hold on the day (the Spratlys,
    # Crimea for Ukraine after 2014): whether it is that party's territory turns on a
    # disputed claim, so an area match gives at most unknown
    claim: tuple[str | None, tuple[str, ...]] | None = None
    if asset == "territory" and fp.home_of is None:
        holder_now, disputing = places.holding(fp, day)
        if holder_now != target and target in disputing:
            claim = (holder_now, disputing)
    best: Finding | None = None
    asset_seen = False
    for sc, src, via in alternatives:
        if asset not in sc.assets:
            continue
        for ref in sc.areas:
            if (asset, ref) in removed:
                continue
            asset_seen = True
            verdict, holder, disputed_by = places.match_on(fp, ref, target, day)
            if verdict is Verdict.failed:
                continue
            facts: list[tuple[str, object]] = [
                ("asset", asset),
                ("place", fp.place),
                ("place_name", place),
                ("area", ref),
                ("area_name", places.area_text(ref)),
            ]
            key = "covered" if verdict is Verdict.met else "partly"
            if not sc.settled and verdict is Verdict.met:
                verdict, key = Verdict.unknown, "covered_unsettled"
                facts += [("clause", c.label)]
            if via is not None:
                facts += [
                    ("via_by", via.by),
                    ("via_date", via.date),
                    ("via_status", via.status.value),
                ]
                if via.status in WEAK and verdict is Verdict.met:
                    verdict, key = Verdict.unknown, "covered_weak"
            if disputed_by and verdict is Verdict.met:
                verdict, key = Verdict.unknown, "disputed_holder"
                facts += [("holder", holder), ("disputed_by", disputed_by)]
            if claim is not None and verdict is Verdict.met:
                verdict, key = Verdict.unknown, "claimed_not_held"
                facts += [("holder", claim[0]), ("claimant", target), ("disputed_by", claim[1])]
            weak = weak_removed.get((asset, ref))
            if weak is not None and verdict is Verdict.met:
                verdict, key = Verdict.unknown, "narrowed_weak"
                facts += [("via_by", weak.by), ("via_date", weak.date)]
                src = src + refs(t, tuple(weak.sources))
            cand = Finding("scope", verdict, key, tuple(facts), src)
            if best is None or _better(cand, best):
                best = cand
    if best is not None:
        return best
    if not asset_seen:
        return Finding(
            "scope",
            Verdict.failed,
            "asset_not_covered",
            (("clause", c.label), ("asset", asset)),
            csrc,
        )
    areas = tuple(
        sorted(
            {
                places.area_text(r)
                for sc, _, _ in alternatives
                if asset in sc.assets
                for r in sc.areas
                if (asset, r) not in removed
            }
        )
    )
    return Finding(
        "scope",
        Verdict.failed,
        "outside",
        (("clause", c.label), ("place", fp.place), ("place_name", place), ("areas", areas)),
        csrc,
    )


def _better(a: Finding, b: Finding) -> bool:
    order = {Verdict.met: 0, Verdict.unknown: 1, Verdict.failed: 2}
    return order[a.verdict] < order[b.verdict]


def request(t: Treaty, c: Clause, target: str, day: date) -> Finding | None:
    """Where the clause's duty arises only at the attacked party's request: was one
    recorded (an invocation by the target of this clause on or before the day, not
    ended)? None recorded is unknown, not failed: the scenario does not say."""
    if not c.trigger.on_request:
        return None
    made = [
        i
        for i in t.invocations
        if i.clause == c.id
        and i.by == target
        and i.date is not None
        and i.date <= day
        and (i.ended is None or day <= i.ended)
    ]
    if made:
        inv = max(made, key=lambda i: i.date or date.min)
        return Finding(
            "request",
            Verdict.met,
            "requested",
            (("clause", c.label), ("state", target), ("date", inv.date), ("invocation", inv.id)),
            refs(t, tuple(inv.sources)),
        )
    return Finding(
        "request",
        Verdict.unknown,
        "no_request",
        (("clause", c.label), ("state", target), ("day", day)),
        clause_refs(t, c),
    )


@lru_cache(maxsize=65_536)
def adversary(t: Treaty, c: Clause, attackers: tuple[str, ...]) -> Finding | None:
    adv = c.trigger.adversaries
    if adv is None or not attackers:
        return None
    hit = tuple(a for a in attackers if a in adv)
    if hit:
        return Finding("adversary", Verdict.met, "named", (("states", hit),), clause_refs(t, c))
    return Finding(
        "adversary", Verdict.failed, "others_only", (("states", tuple(adv)),), clause_refs(t, c)
    )


@lru_cache(maxsize=65_536)
def co_party(t: Treaty, c: Clause, attackers: tuple[str, ...], day: date) -> Finding | None:
    """The attacker is itself a party: does the clause cover attacks between members?
    Per clause, with its sources (Rio Art. 3(1): "an armed attack by any State")."""
    co = tuple(a for a in attackers if a in bindings.parties_on(t, day))
    if not co:
        return None
    rule = c.trigger.co_party
    verdict = {True: Verdict.met, False: Verdict.failed, None: Verdict.unknown}[rule]
    key = {True: "covered", False: "excluded", None: "silent"}[rule]
    src = clause_refs(t, c) if rule is not None else ()
    return Finding("co_party", verdict, key, (("states", co), ("clause", c.label)), src)


def non_state(t: Treaty, c: Clause, actor: str | None) -> Finding | None:
    if actor is None:
        return None
    rule = c.trigger.non_state
    verdict = {True: Verdict.met, False: Verdict.failed, None: Verdict.unknown}[rule]
    key = {True: "covered", False: "states_only", None: "untested"}[rule]
    return Finding(
        "non_state", verdict, key, (("actor", actor), ("clause", c.label)), clause_refs(t, c)
    )


@lru_cache(maxsize=65_536)
def provocation(t: Treaty, c: Clause, target: str, day: date, initiator: Initiator) -> Finding:
    """Does the duty lapse if the protected party started the fighting? The clause's own
    rule, replaced by the latest dated interpretation that states one; a reported or
    disputed interpretation can only make the answer unknown. With the initiator unknown
    the answer is unknown unless the clause applies whoever started it: if the protected
    party started the fighting, the attack may be the other side's self-defence, which is
    not an armed attack."""
    voids = c.trigger.provocation_voids
    src = clause_refs(t, c)
    via: Interpretation | None = None
    for i in _interpretations(t, c, day):
        if i.provocation_voids is not None:
            via = i
    weak = via is not None and via.status in WEAK
    if via is not None and not weak:
        voids, src = via.provocation_voids, refs(t, tuple(via.sources))
    facts: tuple[tuple[str, object], ...] = (("state", target), ("clause", c.label))
    if via is not None:
        facts += (("via_by", via.by), ("via_date", via.date), ("via_status", via.status.value))
    if initiator is Initiator.attacker:
        return Finding("provocation", Verdict.met, "attacker_started", facts, src)
    if weak and via is not None and via.provocation_voids != voids:
        # a reported or disputed reading that would change the answer: unknown
        wsrc = src + refs(t, tuple(via.sources))
        key = "target_started_weak" if initiator is Initiator.target else "unknown_weak"
        return Finding("provocation", Verdict.unknown, key, facts, wsrc)
    if voids is False:
        return Finding("provocation", Verdict.met, "applies_anyway", facts, src)
    if initiator is Initiator.target:
        if voids is True:
            return Finding("provocation", Verdict.failed, "target_started_voids", facts, src)
        return Finding("provocation", Verdict.unknown, "target_started_silent", facts, src)
    if voids is True:
        return Finding("provocation", Verdict.unknown, "unknown_voids", facts, src)
    # Who started it is unknown, so the protected party may have: then this attack is the
    # other side's self-defence, which is not an armed attack under any clause (docs/
    # semantics.md, "Who started it"). Unknown, never met.
    return Finding("provocation", Verdict.unknown, "unknown_started", facts, src)


def unmodelled(t: Treaty, c: Clause) -> tuple[Finding, ...]:
    """Conditions the trigger model cannot evaluate (e.g. ATOP codes): each is unknown."""
    src = clause_refs(t, c)
    return tuple(
        Finding(f"unmodelled:{u.code}", Verdict.unknown, "unmodelled", (("text", u.text),), src)
        for u in c.trigger.unmodelled
    )


@lru_cache(maxsize=65_536)
def provenance(t: Treaty, day: date) -> Finding | None:
    """A treaty coded from a data set (the ATOP layer), not curated: say so; past the end
    of its data nothing is known."""
    if t.coded_by is None:
        return None
    facts = (("treaty", t.short_name), ("coded_by", t.coded_by), ("day", day))
    if t.coverage_end is not None and day > t.coverage_end:
        return Finding(
            "provenance",
            Verdict.unknown,
            "coded_past_data",
            (*facts, ("coverage_end", t.coverage_end)),
            treaty_refs(t),
        )
    return Finding("provenance", Verdict.met, "coded", facts, treaty_refs(t))


# ---- precedent -----------------------------------------------------------------------------


@lru_cache(maxsize=16_384)
def precedents(t: Treaty, c: Clause, day: date) -> tuple[Precedent, ...]:
    """The clause's recorded invocations up to the day (the engine shows them beside the
    verdict: what the parties did the last times it was invoked)."""
    out = [
        Precedent(
            i.id,
            i.date,
            i.by,
            i.event,
            i.outcome,
            i.summary,
            refs(t, tuple(i.sources)),
        )
        for i in t.invocations
        if i.clause == c.id and (i.date is None or i.date <= day)
    ]
    out.sort(key=lambda p: p.date or date.min)
    return tuple(out)


def dedupe(refs_: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    """Each source once, best graded first."""
    seen: set[str] = set()
    out: list[SourceRef] = []
    for r in refs_:
        if r.key not in seen:
            seen.add(r.key)
            out.append(r)
    out.sort(key=lambda r: RANK[SourceKind(r.kind)])
    return tuple(out)


def clear() -> None:
    for f in (
        _disputed_states,
        _spells,
        party_refs,
        refs,
        in_force,
        protected,
        membership,
        suspension,
        event,
        scope,
        adversary,
        co_party,
        provocation,
        precedents,
        provenance,
    ):
        f.cache_clear()
