"""cascade: follow an attack round by round as bound allies join and are drawn in.

Round 0 is the attacker(s) against the target. Each later round looks at the states that
joined in the round before, asks which obligations their being at war triggers, and adds
the states so bound to the side they are bound to. It stops at a fixed point (a round adds
no one) or after ``rounds`` rounds.

Who started it (docs/semantics.md, "Who started it"). The victim's self-defence, and third
states' collective self-defence on its behalf, are not an armed attack on the side that
started the fighting (``initiator``). So, in **both** modes, when the initiator is known
its side is never treated as attacked: no state joins it through a defence clause that
only the other side's response would trigger. With ``initiator: unknown`` both sides are
in doubt: every check runs with the initiator unknown, the ``provocation`` condition is
then unknown, the duties come out ``uncertain`` (listed in ``uncertain``) and draft nobody.

A state bound to both sides (a defence or consultation duty toward a belligerent on each)
is a conflict of obligations and is reported in ``conflicts`` with its duties to each
side: if duties that draft pull it both ways it joins neither; if only one side's duty
drafts it, it joins that side and the conflict is still reported, never silent.

Two modes (docs/semantics.md has worked examples):

``legal``
    The treaties' defensive logic. A state that joins is treated as attacked where it
    fights: an armed attack on its armed forces at the place of the original attack, by the
    other side (its allies are bound only if their treaty covers its forces there).

``escalation``
    The chain-ganging view: a state that joins the protected side is treated as attacked
    on its home territory by the other side (an armed attack), so its allies join unless a
    clause or a recorded interpretation says otherwise. The original belligerents are
    attacked as in legal mode.

In both modes only a ``triggered`` defense duty that makes its state a co-belligerent
brings a state in (``drafts``): consultation duties, uncertain, frozen, dormant or
disputed duties, and aid-only duties (EU Art. 42(7)'s neutrality proviso) never do.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from foederis.kb import KnowledgeBase
from foederis.model.enums import Asset, ClauseType, Initiator, Severity, Status, Strength
from foederis.model.record import record
from foederis.model.scenario import Scenario

from . import bindings
from .bindings import Binding, Standing
from .check import Engine, engine_for
from .results import Obligation, scenario_json


class Mode(StrEnum):
    legal = "legal"
    escalation = "escalation"


ATTACKER, TARGET = "attacker", "target"


@record(frozen=True, slots=True)
class Entry:
    """A state in the war: its side, the round it joined and the obligation that brought it in."""

    state: str
    side: str
    round: int
    obligation: Obligation | None = None  # what brought it in (None for round 0)
    also: tuple[Obligation, ...] = ()  # every other clause that binds it to the same side

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"state": self.state, "side": self.side}
        if self.obligation is not None:
            o = self.obligation
            out.update(
                treaty=o.treaty,
                clause=o.clause,
                article=o.article,
                protects=o.protects,
                status=o.status.value,
                strength=o.strength.value,
            )
            out["also"] = [_duty_json(a) for a in self.also]
        return out


def _duty_json(o: Obligation) -> dict[str, Any]:
    return {
        "treaty": o.treaty,
        "clause": o.clause,
        "article": o.article,
        "protects": o.protects,
        "status": o.status.value,
        "strength": o.strength.value,
    }


def _bindings_json(found: list[Binding]) -> list[dict[str, Any]]:
    """One entry per clause and standing, with the belligerents it protects."""
    grouped: dict[tuple[str, str, str], tuple[Binding, list[str]]] = {}
    for b in found:
        key = (b.treaty.id, b.clause.id, b.standing.value)
        group = grouped.get(key)
        if group is None:
            grouped[key] = (b, [b.protected])
        elif b.protected not in group[1]:
            group[1].append(b.protected)
    return [
        {
            "treaty": b.treaty.id,
            "clause": b.treaty.ref(b.clause),
            "article": b.clause.label,
            "type": b.clause.type.value,
            "standing": b.standing.value,
            "protects": sorted(protects),
        }
        for _, (b, protects) in sorted(grouped.items())
    ]


@record(frozen=True, slots=True)
class Doubt:
    """A duty that would draft ``state`` onto ``side`` if it were certain (``uncertain``)."""

    state: str
    side: str
    round: int
    obligation: Obligation

    def to_json(self) -> dict[str, Any]:
        o = self.obligation
        return {
            "state": self.state,
            "side": self.side,
            "round": self.round,
            **_duty_json(o),
            "unknown": sorted({r.condition for r in o.failing()}),
        }


@record
class CascadeResult:
    """The war round by round, with the conflicts of duty found and why it stopped."""

    scenario: Scenario
    mode: Mode
    rounds: list[list[Entry]]
    # states bound to both sides: {"state", "round", "bound_to": {side: clause}, "duties":
    # {side: [{treaty, clause, article, type, standing, protects: [...]}]}, "joined": side}
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    stopped: str = "fixed_point"
    uncertain: list[Doubt] = field(default_factory=list)

    @property
    def sides(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {ATTACKER: [], TARGET: []}
        for entries in self.rounds:
            for e in entries:
                out[e.side].append(e.state)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": scenario_json(self.scenario),
            "mode": self.mode.value,
            "rounds": [
                {"round": i, "joined": [e.to_json() for e in entries]}
                for i, entries in enumerate(self.rounds)
            ],
            "sides": self.sides,
            "conflicts": self.conflicts,
            "uncertain": [d.to_json() for d in self.uncertain],
            "stopped": self.stopped,
        }


def cascade(
    scenario: Scenario,
    kb: KnowledgeBase | None = None,
    *,
    mode: Mode | str = Mode.legal,
    rounds: int | None = None,
) -> CascadeResult:
    """Follow the war that ``scenario`` starts, round by round (Python API)."""
    return _Cascade(engine_for(kb), scenario, Mode(mode)).run(rounds)


class _Cascade:
    def __init__(self, engine: Engine, scenario: Scenario, mode: Mode) -> None:
        self.engine = engine
        self.s = scenario
        self.mode = mode
        self.side: dict[str, str] = {a: ATTACKER for a in scenario.attacker_states}
        self.side[scenario.target] = TARGET
        # the side that started the fighting, or None when unknown
        self.started: str | None = {
            Initiator.attacker: ATTACKER,
            Initiator.target: TARGET,
            Initiator.unknown: None,
        }[scenario.initiator]

    def run(self, limit: int | None) -> CascadeResult:
        first = [Entry(a, ATTACKER, 0) for a in self.s.attacker_states]
        first.append(Entry(self.s.target, TARGET, 0))
        result = CascadeResult(self.s, self.mode, [first])
        max_rounds = limit if limit is not None else len(self.engine.kb.treaties) + 250
        newly = first
        conflicted: set[str] = set()
        doubts: dict[tuple[str, str, str, str], Doubt] = {}
        while True:
            if len(result.rounds) > max_rounds:
                result.stopped = "round_limit"
                break
            n = len(result.rounds)
            bound, doubtful = self._bound_by(newly, first_round=n == 1)
            for side, o in doubtful:
                doubts.setdefault((o.state, side, o.clause, o.protects), Doubt(o.state, side, n, o))
            joined: list[Entry] = []
            claims: dict[str, dict[str, list[Obligation]]] = {}
            for side, obligation in bound:
                if obligation.state in self.side or obligation.state in conflicted:
                    continue
                found = claims.setdefault(obligation.state, {}).setdefault(side, [])
                if all(
                    (o.clause, o.protects) != (obligation.clause, obligation.protects)
                    for o in found
                ):
                    found.append(obligation)
            for state in sorted(claims):
                by_side = claims[state]
                if len(by_side) > 1:  # duties that draft pull it both ways: joins neither
                    conflicted.add(state)
                    continue
                side, found = next(iter(by_side.items()))
                self.side[state] = side
                joined.append(Entry(state, side, n, found[0], also=tuple(found[1:])))
            if not joined:
                break
            result.rounds.append(joined)
            newly = joined
        result.conflicts = self._conflicts(result, conflicted)
        settled = set(self.side) | conflicted
        result.uncertain = sorted(
            (d for d in doubts.values() if d.state not in settled),
            key=lambda d: (d.round, d.side, d.state, d.obligation.clause, d.obligation.protects),
        )
        return result

    def _conflicts(self, result: CascadeResult, drafted_both: set[str]) -> list[dict[str, Any]]:
        """Every state bound (``bindings``: a defence or consultation duty, not suspended)
        toward a belligerent on each side, outside round 0. ``joined`` is the side it joined,
        or None."""
        joined_in = {e.state: i for i, entries in enumerate(result.rounds) for e in entries}
        owed = {b: _owed_to(self.engine, b, self.s.date) for b in self.side}
        bound: dict[str, set[str]] = {ATTACKER: set(), TARGET: set()}
        for belligerent, side in self.side.items():
            bound[side].update(owed[belligerent])
        candidates = (bound[ATTACKER] & bound[TARGET]) | drafted_both
        out: list[dict[str, Any]] = []
        for state in sorted(candidates):
            if joined_in.get(state) == 0:
                continue
            per_side: dict[str, list[Binding]] = {}
            first: dict[str, int] = {}
            for belligerent, side in self.side.items():
                found = owed[belligerent].get(state)
                if found:
                    per_side.setdefault(side, []).extend(found)
                    r = joined_in[belligerent]
                    first[side] = min(first.get(side, r), r)
            duties = {side: _bindings_json(per_side[side]) for side in sorted(per_side)}
            out.append(
                {
                    "state": state,
                    "round": max(first.values(), default=0) + 1,
                    "bound_to": {side: rows[0]["clause"] for side, rows in duties.items()},
                    "duties": duties,
                    "joined": self.side.get(state),
                }
            )
        return out

    def _bound_by(
        self, newly: list[Entry], *, first_round: bool
    ) -> tuple[list[tuple[str, Obligation]], list[tuple[str, Obligation]]]:
        """(side, obligation) for every obligation that the newly joined states' being at
        war triggers and that makes the obligated state a co-belligerent; and, apart, those
        that would if they were certain (``uncertain``)."""
        out: list[tuple[str, Obligation]] = []
        doubtful: list[tuple[str, Obligation]] = []
        for entry in newly:
            victim_side = entry.side
            if self.started == victim_side:
                # the side that started the war, hit back: self-defence and collective
                # self-defence are not an armed attack on it, in either mode
                continue
            scenario: Scenario | None = self.s  # the attack as given
            if not (first_round and entry.state == self.s.target):
                scenario = self._attack_on(entry.state, victim_side)
            if scenario is None:
                continue
            for o in self.engine.check(scenario).obligations:
                if o.state in self.side:
                    continue
                if drafts(o):
                    out.append((victim_side, o))
                elif would_draft(o):
                    doubtful.append((victim_side, o))
        return out, doubtful

    def _attack_on(self, state: str, side: str) -> Scenario | None:
        """The attack a state at war on the protected side (either side when the initiator
        is unknown) is assumed to suffer from the other side.

        Nobody is assumed to be attacked at home unless the scenario says so: the target
        is attacked as given; the attacker(s), when hit back with the initiator unknown,
        are attacked where they fight (their armed forces at the place of the original
        attack). A state that joined later is, in legal mode, attacked where it fights too
        (its allies are bound only if their treaty covers forces there); in escalation mode,
        on its own home territory (the chain-ganging view)."""
        enemies = sorted(s for s, sd in self.side.items() if sd != side)
        if not enemies:
            return None
        initiator = Initiator.unknown if self.started is None else Initiator.attacker
        original = state in self.s.attacker or state == self.s.target
        if self.mode is Mode.escalation and not original:
            return Scenario(
                attacker=tuple(enemies),
                target=state,
                date=self.s.date,
                asset=Asset.territory,
                severity=Severity.armed_attack,
                initiator=initiator,
            )
        if state == self.s.target:  # the target, attacked again by new enemies
            return Scenario(
                attacker=tuple(enemies),
                target=state,
                date=self.s.date,
                where=self.s.where,
                asset=self.s.asset,
                severity=self.s.severity,
                initiator=initiator,
            )
        return Scenario(
            attacker=tuple(enemies),
            target=state,
            date=self.s.date,
            where=self.s.where or self.s.target,
            asset=Asset.armed_forces,
            severity=Severity.armed_attack,
            initiator=initiator,
        )


# duties that bring a state into the war: a duty to consult, to stay neutral or none at all
# never does, in any mode
DRAFTING = frozenset(
    {Strength.automatic, Strength.all_means, Strength.deems_necessary, Strength.constitutional}
)


def would_draft(o: Obligation) -> bool:
    """An ``uncertain`` duty that would make its state a co-belligerent if it were
    certain (reported in ``CascadeResult.uncertain``; it drafts nobody)."""
    return (
        o.type is ClauseType.defense
        and o.status is Status.uncertain
        and o.strength in DRAFTING
        and o.belligerent
    )


TIES = frozenset({ClauseType.defense, ClauseType.consultation})


@lru_cache(maxsize=16_384)
def _owed_to(engine: Engine, state: str, day: date) -> dict[str, tuple[Binding, ...]]:
    """obligated state -> its defence and consultation duties toward ``state`` on the day
    (``bindings``: treaties in force, both taking part, suspended directions left out)."""
    out: dict[str, list[Binding]] = {}
    for t, c in engine.protectors(state):
        if c.type not in TIES or not t.is_in_force(day):
            continue
        if state in t.states() and state not in bindings.parties_on(t, day):
            continue
        for b in bindings.toward(t, bindings.clause_on(c, day), state, day):
            if b.member is True and b.standing is not Standing.suspended:
                out.setdefault(b.obligated, []).append(b)
    return {k: tuple(v) for k, v in out.items()}


def drafts(o: Obligation) -> bool:
    """Does this obligation make its state a co-belligerent? Only a ``triggered`` defense
    duty of a drafting strength, owed as a belligerent (not aid only, as under EU Art.
    42(7)'s neutrality proviso). Uncertain, frozen, dormant or disputed duties are
    ``uncertain`` and do not draft in either mode."""
    return (
        o.type is ClauseType.defense
        and o.status is Status.triggered
        and o.strength in DRAFTING
        and o.belligerent
    )
