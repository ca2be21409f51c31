"""cascade: follow an attack round by round as bound allies join and are drawn in.

Round 0 is the attacker(s) against the target. Each later round looks at the states that
joined in the round before, asks which obligations their being at war triggers, and adds
the states so bound to the side they are bound to. It stops at a fixed point (a round adds
no one) or after ``rounds`` rounds. A state bound to both sides is reported as a conflict
and joins neither.

Two modes (docs/semantics.md has worked examples):

``legal``
    The treaties' defensive logic. Only the victim side is protected: the side that did
    not start the fighting (``initiator``). Allies of the side that started the war are not
    bound when it is hit back. A state that joins is treated as attacked where it fights:
    an armed attack on its armed forces at the place of the original attack, by the other
    side; only ``triggered`` defense obligations bring a state in. With ``initiator: unknown``
    both sides are checked with the initiator unknown, so clauses that lapse when the
    protected party started it come out ``uncertain`` and do not bring anyone in.

``escalation``
    The chain-ganging view. Both sides are protected whoever started it, and every state
    that joins is treated as attacked on its home territory by the other side (an armed
    attack), so its allies join unless a clause or a recorded interpretation says
    otherwise. The original belligerents are attacked as in legal mode.

In both modes only a ``triggered`` defense duty that makes its state a co-belligerent
brings a state in (``drafts``): consultation duties, uncertain, frozen, dormant or
disputed duties, and aid-only duties (EU Art. 42(7)'s neutrality proviso) never do.
"""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from typing import Any

from foederis.kb import KnowledgeBase
from foederis.model.enums import Asset, ClauseType, Initiator, Severity, Status, Strength
from foederis.model.record import record
from foederis.model.scenario import Scenario

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
            out["also"] = [
                {
                    "treaty": a.treaty,
                    "clause": a.clause,
                    "article": a.article,
                    "protects": a.protects,
                    "status": a.status.value,
                    "strength": a.strength.value,
                }
                for a in self.also
            ]
        return out


@record
class CascadeResult:
    """The war round by round, with the conflicts of duty found and why it stopped."""

    scenario: Scenario
    mode: Mode
    rounds: list[list[Entry]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    stopped: str = "fixed_point"

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
        while True:
            if len(result.rounds) > max_rounds:
                result.stopped = "round_limit"
                break
            bound = self._bound_by(newly, first_round=len(result.rounds) == 1)
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
                if len(by_side) > 1:
                    conflicted.add(state)
                    result.conflicts.append(
                        {
                            "state": state,
                            "round": len(result.rounds),
                            "bound_to": {side: o[0].clause for side, o in sorted(by_side.items())},
                        }
                    )
                    continue
                side, found = next(iter(by_side.items()))
                self.side[state] = side
                joined.append(
                    Entry(state, side, len(result.rounds), found[0], also=tuple(found[1:]))
                )
            if not joined:
                break
            result.rounds.append(joined)
            newly = joined
        return result

    def _bound_by(self, newly: list[Entry], *, first_round: bool) -> list[tuple[str, Obligation]]:
        """(side, obligation) for every obligation that the newly joined states' being at
        war triggers and that makes the obligated state a co-belligerent."""
        out: list[tuple[str, Obligation]] = []
        for entry in newly:
            victim_side = entry.side
            if self.mode is Mode.legal and self.started == victim_side:
                continue  # the side that started the war is not protected in legal mode
            scenario: Scenario | None = self.s  # the attack as given
            if not (first_round and entry.state == self.s.target):
                scenario = self._attack_on(entry.state, victim_side, first_round)
            if scenario is None:
                continue
            for o in self.engine.check(scenario).obligations:
                if drafts(o):
                    out.append((victim_side, o))
        return out

    def _attack_on(self, state: str, side: str, first_round: bool) -> Scenario | None:
        """The attack a state at war is assumed to suffer from the other side.

        Nobody is assumed to be attacked at home unless the scenario says so: the target
        is attacked as given; the attacker(s), when hit back, are attacked where they fight
        (their armed forces at the place of the original attack), whoever started it. A
        state that joined later is, in legal mode, attacked where it fights too (its allies
        are bound only if their treaty covers forces there); in escalation mode, on its
        own home territory (the chain-ganging view)."""
        enemies = sorted(s for s, sd in self.side.items() if sd != side)
        if not enemies:
            return None
        if self.started is None:
            initiator = Initiator.unknown
        elif self.started == side:
            initiator = Initiator.target
        else:
            initiator = Initiator.attacker
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
