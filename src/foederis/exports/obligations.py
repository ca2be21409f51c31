"""Directed obligations in force on a day, independent of any particular attack.

``directed_obligations(kb, day)`` lists every (obligated state, protected state, treaty,
clause, type, strength) with both states parties (or named) on that day and no suspension
between them; ``allies(kb, state, day)`` is the slice protecting one state. These are the
rows of ``foederis export obligations`` and of the dyad-year exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from foederis import states
from foederis.kb import KnowledgeBase
from foederis.model.enums import ClauseType, Strength
from foederis.model.treaty import Treaty


@dataclass(frozen=True, slots=True)
class DirectedObligation:
    obligated: str
    obligated_cow: int | None
    protected: str
    protected_cow: int | None
    treaty: str
    clause: str
    article: str
    type: ClauseType
    strength: Strength
    frozen: bool  # participation frozen on that day (e.g. Armenia in the CSTO)
    atop_id: int | None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["type"] = self.type.value
        out["strength"] = self.strength.value
        return out


def _resolve(value: list[str] | str, members: set[str]) -> set[str]:
    return set(members) if value == "all" else set(value)


def treaty_obligations(
    t: Treaty, day: date, types: set[ClauseType] | None = None
) -> Iterator[DirectedObligation]:
    if not t.is_in_force(day):
        return
    members = t.members_on(day)
    ever = t.states()
    for clause in t.clauses:
        if types is not None and clause.type not in types:
            continue
        ob = clause.obligation
        by = {s for s in _resolve(ob.owed_by, members) if s in members}
        to = {s for s in _resolve(ob.owed_to, members) if s in members or s not in ever}
        for a in sorted(by):
            for b in sorted(to):
                if a == b:
                    continue
                frozen = False
                suspended = False
                for sus in t.suspensions:
                    if sus.active_on(day) and sus.applies(a, b):
                        if sus.kind == "suspended":
                            suspended = True
                        else:
                            frozen = True
                if suspended:
                    continue
                yield DirectedObligation(
                    a,
                    states.cow_code(a, day),
                    b,
                    states.cow_code(b, day),
                    t.id,
                    t.ref(clause),
                    clause.label,
                    clause.type,
                    ob.strength,
                    frozen,
                    t.atop_id,
                )


def directed_obligations(
    kb: KnowledgeBase, day: date, types: set[ClauseType] | None = None
) -> list[DirectedObligation]:
    return [o for t in kb.treaties.values() for o in treaty_obligations(t, day, types)]


def allies(kb: KnowledgeBase, state: str, day: date) -> list[DirectedObligation]:
    """Who owes ``state`` a defense obligation on ``day``; NonexistentStateError when the
    state did not exist that day."""
    states.require_exists(state, day)
    rows = [
        o
        for t in kb.treaties.values()
        if state in t.states() or _names(t, state)
        for o in treaty_obligations(t, day, {ClauseType.defense})
        if o.protected == state
    ]
    return sorted(rows, key=lambda o: (o.strength != Strength.automatic, o.obligated, o.treaty))


def pending(kb: KnowledgeBase, state: str, day: date) -> list[Treaty]:
    """Defense treaties of ``state`` signed on or before ``day`` but not yet in force."""
    return [
        t
        for t in kb.treaties.values()
        if state in t.states()
        and t.is_defense()
        and t.signed is not None
        and t.signed <= day
        and (t.ended is None or day < t.ended)
        and (t.effective_from is None or day < t.effective_from)
    ]


def _names(t: Treaty, state: str) -> bool:
    return any(c.obligation.owed_to != "all" and state in c.obligation.owed_to for c in t.clauses)


def change_days(t: Treaty, start: date, end: date) -> set[date]:
    """The days in [start, end] on which ``t``'s obligations can change (entry into force,
    end, joins, departures, suspensions): evaluating on these days and on ``start`` sees
    every state of the treaty during the period."""
    days: set[date] = set()
    for d in (t.effective_from, t.ended):
        if d is not None:
            days.add(d)
    for p in t.parties:
        days.update(d for d in (p.joined, p.left) if d is not None)
    for s in t.suspensions:
        days.update(d for d in (s.since, s.until) if d is not None)
    return {d for d in days if start <= d <= end}
