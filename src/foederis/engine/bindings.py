"""bindings: who is bound to whom, under which clause, on a day. The one implementation.

A clause binds each of its obligated states (``owed_by``: the parties, or the states the text
names) toward each protected state (``owed_to``) while both take part. Each direction
then has a *standing* on the day, from the treaty's ``suspensions`` records:

* ``bound`` — the duty runs normally;
* ``frozen`` — participation is frozen (Armenia in the CSTO since 2024): at most uncertain;
* ``dormant`` — formally in force but unused in practice, with evidence (the Manila Pact
  except between the US and Thailand): at most uncertain;
* ``suspended`` — the duty has lapsed in that direction (ANZUS between the US and New
  Zealand since 1986): not bound.

``check`` (the obligated states' own conditions), ``allies``, the exports, the network
graph and the news reconciliation all read these functions, so "who owes whom" is computed
in one place. They are pure functions of (treaty, day, ...) cached with ``lru_cache``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import lru_cache

from foederis import states
from foederis.model.enums import ClauseType
from foederis.model.record import record
from foederis.model.treaty import Clause, Suspension, Treaty


class Standing(StrEnum):
    bound = "bound"
    frozen = "frozen"
    dormant = "dormant"
    suspended = "suspended"


# suspended beats dormant beats frozen beats bound when several records apply
_RANK = {Standing.bound: 0, Standing.frozen: 1, Standing.dormant: 2, Standing.suspended: 3}


@record(frozen=True, slots=True, eq=False)
class Binding:
    """One directed duty: ``obligated`` owes ``protected`` under ``clause`` of ``treaty``.

    ``member``: True if the obligated state is a party that day, False if it is a party on
    other days only, None if it is not a party at all but named in the text as the
    obligated state. ``suspensions``: the records that apply on the day (their kinds give
    the standing). Compared and hashed by identity: ``toward`` and ``directed`` are cached,
    so the same duty on the same day is the same object."""

    treaty: Treaty
    clause: Clause
    obligated: str
    protected: str
    member: bool | None
    standing: Standing
    suspensions: tuple[Suspension, ...] = ()

    @property
    def frozen(self) -> bool:
        return self.standing is Standing.frozen

    @property
    def dormant(self) -> bool:
        return self.standing is Standing.dormant


@lru_cache(maxsize=65_536)
def parties_on(t: Treaty, day: date) -> frozenset[str]:
    """States whose membership spell covers ``day`` (whether or not the treaty is known to
    be in force that day: that is its own question, see ``in_force``)."""
    return frozenset(p.state for p in t.parties if p.active_on(day))


@lru_cache(maxsize=65_536)
def members(t: Treaty, day: date) -> frozenset[str]:
    """The parties on ``day`` of a treaty known to be in force that day."""
    return parties_on(t, day) if t.is_in_force(day) else frozenset()


@lru_cache(maxsize=65_536)
def members_on(t: Treaty, day: date) -> frozenset[str]:
    """``Treaty.members_on``, cached: the parties on ``day`` of a treaty in force that
    day, among the states that existed that day."""
    return frozenset(s for s in members(t, day) if exists(s, day))


def in_force(t: Treaty, day: date) -> bool | None:
    """True / False, or None when the records cannot tell (signed, and in force by a
    later day, but the day of entry into force is unknown)."""
    if t.ended is not None and day >= t.ended:
        return False
    if t.in_force is not None:
        return day >= t.in_force
    if t.in_force_by is not None:
        if day >= t.in_force_by:
            return True
        if t.signed is None or day >= t.signed:
            return None
    return False


_BOUND: tuple[Standing, tuple[Suspension, ...]] = (Standing.bound, ())


def standing(
    t: Treaty, obligated: str, protected: str, day: date
) -> tuple[Standing, tuple[Suspension, ...]]:
    """The standing of ``obligated``'s duty toward ``protected`` on ``day`` under any clause
    of ``t``, and the suspension records that decide it."""
    if not t.suspensions:
        return _BOUND
    return _standing(t, obligated, protected, day)


@lru_cache(maxsize=262_144)
def _standing(
    t: Treaty, obligated: str, protected: str, day: date
) -> tuple[Standing, tuple[Suspension, ...]]:
    found = tuple(s for s in t.suspensions if s.active_on(day) and s.applies(obligated, protected))
    level = Standing.bound
    for s in found:
        kind = Standing(s.kind)
        if _RANK[kind] > _RANK[level]:
            level = kind
    return level, found


def _ever(t: Treaty) -> frozenset[str]:
    return _ever_cached(t)


@lru_cache(maxsize=4_096)
def _ever_cached(t: Treaty) -> frozenset[str]:
    return frozenset(t.states())


@lru_cache(maxsize=262_144)
def toward(t: Treaty, clause: Clause, protected: str, day: date) -> tuple[Binding, ...]:
    """Every state the clause can oblige toward ``protected`` on ``day``, parties or not,
    with its membership and standing (``check`` decides which rows to show)."""
    ever = _ever(t)
    owed_by = clause.obligation.owed_by
    candidates = (ever if owed_by == "all" else frozenset(owed_by)) - {protected}
    active = parties_on(t, day)
    out = []
    for state in sorted(candidates):
        if not exists(state, day):
            continue  # a state never appears on a day it did not exist
        member = None if state not in ever else state in active
        level, found = standing(t, state, protected, day)
        out.append(Binding(t, clause, state, protected, member, level, found))
    return tuple(out)


def protects(t: Treaty, clause: Clause) -> frozenset[str]:
    """The states a clause can ever protect (its parties, or those it names)."""
    owed_to = clause.obligation.owed_to
    return _ever(t) if owed_to == "all" else frozenset(owed_to)


@lru_cache(maxsize=65_536)
def _directed(t: Treaty, day: date) -> tuple[Binding, ...]:
    if not t.is_in_force(day):
        return ()
    active = members_on(t, day)
    ever = _ever(t)
    out: list[Binding] = []
    for clause in t.clauses:
        ob = clause.obligation
        by = active if ob.owed_by == "all" else frozenset(ob.owed_by) & active
        to = (
            active
            if ob.owed_to == "all"
            else frozenset(
                s for s in ob.owed_to if s in active or (s not in ever and exists(s, day))
            )
        )
        for a in sorted(by):
            for b in sorted(to):
                if a == b:
                    continue
                level, found = standing(t, a, b, day)
                if level is Standing.suspended:
                    continue
                out.append(Binding(t, clause, a, b, True, level, found))
    return tuple(out)


def directed(
    t: Treaty, day: date, types: Iterable[ClauseType] | None = None
) -> tuple[Binding, ...]:
    """Every duty of a treaty known to be in force on ``day`` between two states taking
    part that day (or toward a state the text names), suspended directions left out;
    frozen and dormant ones kept and marked."""
    rows = _directed(t, day)
    if types is None:
        return rows
    keep = frozenset(types)
    return tuple(b for b in rows if b.clause.type in keep)


def owes(
    t: Treaty, obligated: str, protected: str, day: date, types: Iterable[ClauseType]
) -> tuple[Binding, ...]:
    """The duties of ``obligated`` toward ``protected`` under ``t`` on ``day``."""
    return tuple(
        b for b in directed(t, day, types) if b.obligated == obligated and b.protected == protected
    )


@lru_cache(maxsize=262_144)
def exists(code: str, day: date) -> bool:
    """The state existed on ``day`` (the states registry's lifetimes): no state is bound,
    or protected, on a day it did not exist."""
    return states.exists(code, day)


def clause_on(c: Clause, day: date) -> Clause:
    """The clause as in force on ``day`` (its latest dated version), one object per
    version so that caches keyed on the clause hit."""
    if not c.versions:
        return c
    since = max((v.since for v in c.versions if v.since <= day), default=None)
    return _version(c, since)


@lru_cache(maxsize=4_096)
def _version(c: Clause, since: date | None) -> Clause:
    return c if since is None else c.on(since)


def clear() -> None:
    """Empty every cache (tests, or after a KB reload in a long-running process)."""
    for f in (parties_on, members, _standing, _ever_cached, toward, _directed, _version, exists):
        f.cache_clear()
