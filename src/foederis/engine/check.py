"""check: which treaty obligations does one attack trigger, for whom, how strongly, and why.

For every clause that can protect the target (a defense, consultation, neutrality or policy
clause of a treaty the target was ever a party to, or that names it in ``owed_to``), the
engine takes the clause as in force on the day (its dated versions), runs the conditions of
``conditions.CONDITIONS`` — each ``met``, ``failed`` or ``unknown`` — and derives one
status per obligated state (``bindings.toward``: membership, direction, suspension):

* ``not_triggered`` if any condition failed (or the clause is a policy with no duty);
* ``consultation`` if only a duty to consult applies;
* ``uncertain`` if a condition is unknown or contested;
* ``triggered`` otherwise.

Each result carries the clause's recorded invocations (``precedents``). Speed comes from
``functools.lru_cache`` on pure functions (here, in ``conditions`` and in ``bindings``):
a cache key is the argument list, so it cannot drift from what the answer depends on.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from foederis import states
from foederis.errors import ScenarioError, UnknownAreaError
from foederis.kb import KnowledgeBase, load_kb
from foederis.model.enums import Asset, ClauseType
from foederis.model.scenario import Scenario
from foederis.model.treaty import Clause, Treaty

from . import bindings
from . import conditions as law
from .noduty import NoDuty, closest_instruments
from .places import Footprint, Places
from .results import (
    STATUS_RANK,
    CheckResult,
    ClauseGroup,
    Finding,
    Obligation,
    Precedent,
    Reason,
    SourceRef,
    scenario_json,
)
from .wording import name as _name

__all__ = [
    "STATUS_RANK",
    "CheckResult",
    "ClauseGroup",
    "Engine",
    "Finding",
    "Obligation",
    "Precedent",
    "Reason",
    "SourceRef",
    "check",
    "engine_for",
    "scenario_json",
]

PROTECTING_TYPES = frozenset(
    {ClauseType.defense, ClauseType.consultation, ClauseType.neutrality, ClauseType.policy}
)


class Engine:
    """The engine over one KB: an index from protected state to candidate clauses and the
    gazetteer. Build once, check many. Hashable by identity (it is part of cache keys)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.places = Places(kb.areas)
        # instruments without a defense clause (for "no duty" answers)
        self.instruments = tuple(t for t in kb.treaties.values() if not t.is_defense())
        self._index: dict[str, list[tuple[Treaty, Clause]]] = {}
        for treaty in kb.treaties.values():
            for clause in treaty.clauses:
                if clause.type not in PROTECTING_TYPES:
                    continue
                for code in bindings.protects(treaty, clause):
                    self._index.setdefault(code, []).append((treaty, clause))

    # ---- public ---------------------------------------------------------------------
    def check(self, scenario: Scenario) -> CheckResult:
        place, groups = _check(self, scenario)
        return CheckResult(scenario, groups, self.places.name(place), _engine=self)

    def no_duty(self, s: Scenario) -> list[NoDuty]:
        return list(_no_duty(self, s.target, s.date, tuple(s.attacker)))

    def clear_caches(self) -> None:
        _no_duty.cache_clear()
        _check.cache_clear()
        _group.cache_clear()
        _rows.cache_clear()
        law.clear()
        bindings.clear()

    def protectors(self, target: str) -> list[tuple[Treaty, Clause]]:
        return list(self._index.get(target, ()))

    def members(self, treaty: Treaty, day: date) -> frozenset[str]:
        return bindings.members(treaty, day)

    # ---- scenario place ---------------------------------------------------------------
    def place(self, s: Scenario) -> str:
        if s.where is None:
            return s.target
        area = self.kb.find_area(s.where)
        if area is None:
            if states.is_known(s.where.upper()):
                return s.where.upper()
            raise ScenarioError(
                "where",
                f"unknown place '{s.where}'",
                UnknownAreaError(s.where, self.kb.suggest_area(s.where)).hint,
            )
        if s.asset is Asset.territory and area.kind == "territory":
            held = area.holding_on(s.date)
            if held.state not in (None, s.target) and s.target not in held.disputed_by:
                raise ScenarioError(
                    "where",
                    f"{area.name} is held by {_name(held.state)} on {s.date}, not by "
                    f"{_name(s.target)}, so it is not {_name(s.target)}'s territory",
                    f"for an attack on {_name(s.target)}'s forces there, use asset armed_forces",
                )
        return area.id


@lru_cache(maxsize=16_384)
def _no_duty(
    engine: Engine, target: str, day: date, attackers: tuple[str, ...]
) -> tuple[NoDuty, ...]:
    return tuple(
        closest_instruments(
            engine.kb, target, day, exclude=attackers, candidates=engine.instruments
        )
    )


@lru_cache(maxsize=16_384)
def _check(engine: Engine, s: Scenario) -> tuple[str, tuple[ClauseGroup, ...]]:
    place = engine.place(s)
    fp = engine.places.footprint(place)
    groups = []
    for treaty, clause in engine._index.get(s.target, ()):
        group = _group(engine.places, treaty, bindings.clause_on(clause, s.date), s, fp)
        if group is not None:
            groups.append(group)
    return place, tuple(groups)


@lru_cache(maxsize=131_072)
def _group(places: Places, t: Treaty, c: Clause, s: Scenario, fp: Footprint) -> ClauseGroup | None:
    rows = _rows(t, c, s.target, s.date)
    if rows and not {r[0] for r in rows}.isdisjoint(s.attacker):
        rows = tuple(r for r in rows if r[0] not in s.attacker)
    if not rows:
        return None
    shared = _shared(places, t, c, s, fp)
    sources = law.dedupe(
        [*law.clause_refs(t, c), *law.treaty_refs(t), *(x for r in shared for x in r.sources)]
    )
    return ClauseGroup(
        treaty=t.id,
        clause=t.ref(c),
        article=c.label,
        type=c.type,
        strength=c.obligation.strength,
        protects=s.target,
        shared=shared,
        rows=rows,
        sources=sources,
        precedents=law.precedents(t, c, s.date),
    )


def _shared(
    places: Places, t: Treaty, c: Clause, s: Scenario, fp: Footprint
) -> tuple[Finding, ...]:
    """The findings that do not depend on which state is obligated, in CONDITIONS order
    (in_force first: the obligated state's own findings go right after it)."""
    found = (
        law.in_force(t, s.date),
        law.protected(t, s.target, s.date),
        law.obligation(t, c, s.target),
        law.certainty(t, c),
        law.event(t, c, s.severity),
        law.scope(places, t, c, s.target, s.date, fp, s.asset.value),
        law.request(t, c, s.target, s.date),
        law.adversary(t, c, s.attacker_states),
        law.co_party(t, c, s.attacker_states, s.date),
        law.non_state(t, c, s.non_state if not s.attacker_states else None),
        law.provocation(t, c, s.target, s.date, s.initiator),
        *law.unmodelled(t, c),
        law.provenance(t, s.date),
    )
    return tuple(f for f in found if f is not None)


@lru_cache(maxsize=131_072)
def _rows(
    t: Treaty, c: Clause, target: str, day: date
) -> tuple[tuple[str, tuple[Finding, ...], bool], ...]:
    """(obligated state, its own findings, whether it would become a co-belligerent) for
    every state bound by ``c`` toward the target on the day. For large treaties in force,
    states that are not parties that day are left out."""
    small = len(t.states()) <= 2 or not t.is_in_force(day)
    aid_only = c.obligation.aid_only
    out = []
    for b in bindings.toward(t, c, target, day):
        if b.member is False and not small:
            continue
        own = (law.membership(b, day), *law.suspension(b))
        out.append((b.obligated, own, b.obligated not in aid_only))
    return tuple(out)


_ENGINES: dict[int, Engine] = {}


def engine_for(kb: KnowledgeBase | None = None) -> Engine:
    kb = kb if kb is not None else load_kb()
    eng = _ENGINES.get(id(kb))
    if eng is None or eng.kb is not kb:
        eng = Engine(kb)
        _ENGINES[id(kb)] = eng
    return eng


def check(scenario: Scenario, kb: KnowledgeBase | None = None) -> CheckResult:
    """Which obligations does ``scenario`` trigger? (Python API)"""
    return engine_for(kb).check(scenario)
