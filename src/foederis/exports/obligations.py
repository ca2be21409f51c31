"""Directed obligations in force on a day, independent of any particular attack, as rows.

Who is bound to whom is decided in ``engine/bindings.py``; this module turns those
bindings into export rows with COW codes. ``directed_obligations(kb, day)`` lists every
(obligated state, protected state, treaty, clause, type, strength) with both states parties
(or named) on that day and the direction not suspended (frozen and dormant ones flagged);
``allies(kb, state, day)`` is the slice protecting one state. These are the
rows of ``foederis export obligations`` and of the dyad-year exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from functools import lru_cache
from typing import Any

from foederis import states
from foederis.engine import bindings
from foederis.engine.bindings import Binding
from foederis.kb import KnowledgeBase
from foederis.model.enums import ClauseType, Strength
from foederis.model.record import record
from foederis.model.treaty import Treaty


@record(frozen=True, slots=True)
class DirectedObligation:
    """One directed defense obligation on a day: ``obligated`` owes ``protected`` a duty
    under one clause."""

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
    dormant: bool  # the treaty is dormant in this direction (e.g. the Manila Pact)
    atop_id: int | None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["type"] = self.type.value
        out["strength"] = self.strength.value
        return out


def treaty_obligations(
    t: Treaty, day: date, types: set[ClauseType] | None = None
) -> Iterator[DirectedObligation]:
    for b in bindings.directed(t, day, types):
        yield _row(b, day)


@lru_cache(maxsize=262_144)
def _row(b: Binding, day: date) -> DirectedObligation:
    t = b.treaty
    return DirectedObligation(
        b.obligated,
        states.cow_code(b.obligated, day),
        b.protected,
        states.cow_code(b.protected, day),
        t.id,
        t.ref(b.clause),
        b.clause.label,
        b.clause.type,
        b.clause.obligation.strength,
        b.frozen,
        b.dormant,
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
