"""check: which treaty obligations does one attack trigger, for whom, how strongly, and why.

For every clause that can protect the target (a defense, consultation, neutrality or policy
clause of a treaty the target was ever a party to, or that names it in ``owed_to``), the
engine evaluates the clause's conditions in plain words — in force, membership,
suspension, severity, place and asset, adversary, non-state attacker, provocation — each
``met``, ``failed`` or ``unknown``, then derives one status per obligated state:

* ``not_triggered`` if any condition failed (or the clause is a policy with no duty);
* ``consultation`` if only a duty to consult applies;
* ``uncertain`` if a condition is unknown or contested;
* ``triggered`` otherwise.

Conditions that do not depend on who the obligated state is are evaluated once per
(clause, scenario) and cached; membership and suspension are added per state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from foederis import states
from foederis.errors import ScenarioError, UnknownAreaError
from foederis.kb import KnowledgeBase, load_kb
from foederis.model.enums import (
    SEVERITY_RANK,
    SEVERITY_TEXT,
    STRENGTH_RANK,
    ClauseType,
    Initiator,
    Severity,
    SourceKind,
    Status,
    Strength,
    Verdict,
)
from foederis.model.scenario import Scenario
from foederis.model.treaty import Clause, Scope, Treaty
from foederis.sources.grade import RANK, badge, ordered

from .noduty import NoDuty, closest_instruments
from .places import Footprint, Places

if TYPE_CHECKING:
    from .summary import Summary

STATUS_RANK = {
    Status.triggered: 0,
    Status.uncertain: 1,
    Status.consultation: 2,
    Status.not_triggered: 3,
}
PROTECTING_TYPES = frozenset(
    {ClauseType.defense, ClauseType.consultation, ClauseType.neutrality, ClauseType.policy}
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as the engine cites it: ``title`` is the title or the cited printed work;
    ``kind`` and ``badge`` grade it (foederis.sources.grade)."""

    id: str
    url: str | None
    title: str | None
    kind: str = "other"
    badge: str = "other"
    publisher: str | None = None

    @property
    def key(self) -> str:
        return self.url or self.id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "kind": self.kind,
            "badge": self.badge,
            "publisher": self.publisher,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    condition: str
    verdict: Verdict
    text: str
    sources: tuple[SourceRef, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "condition": self.condition,
            "verdict": self.verdict.value,
            "text": self.text,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Obligation:
    state: str
    protects: str
    treaty: str
    clause: str  # "nato#art-5"
    article: str  # "Art. 5"
    type: ClauseType
    status: Status
    strength: Strength
    reasons: tuple[Reason, ...]
    sources: tuple[SourceRef, ...]

    def failing(self) -> list[Reason]:
        return [r for r in self.reasons if r.verdict is not Verdict.met]

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "protects": self.protects,
            "treaty": self.treaty,
            "clause": self.clause,
            "article": self.article,
            "type": self.type.value,
            "status": self.status.value,
            "strength": self.strength.value,
            "reasons": [r.to_json() for r in self.reasons],
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class _ClauseVerdict:
    """What one clause says about one scenario, before looking at the obligated state."""

    treaty: Treaty
    clause: Clause
    reasons: tuple[Reason, ...]
    sources: tuple[SourceRef, ...]


class ClauseGroup:
    """Obligations of all states bound by one clause toward the target in one scenario.
    Expanded into Obligation rows on demand (``CheckResult.obligations``) and memoized: the
    engine hands out the same group for the same (clause, scenario)."""

    __slots__ = ("_expanded", "_json", "protects", "rows", "verdict")

    def __init__(
        self,
        verdict: _ClauseVerdict,
        protects: str,
        rows: tuple[tuple[str, tuple[Reason, ...]], ...],  # (obligated state, own reasons)
    ) -> None:
        self.verdict = verdict
        self.protects = protects
        self.rows = rows
        self._expanded: tuple[Obligation, ...] | None = None
        self._json: dict[int, dict[str, Any]] | None = None

    def expand(self) -> tuple[Obligation, ...]:
        if self._expanded is None:
            v = self.verdict
            out = []
            for state, own in self.rows:
                reasons = v.reasons[:1] + own + v.reasons[1:]
                out.append(
                    Obligation(
                        state=state,
                        protects=self.protects,
                        treaty=v.treaty.id,
                        clause=v.treaty.ref(v.clause),
                        article=v.clause.label,
                        type=v.clause.type,
                        status=_status(v.clause, reasons),
                        strength=v.clause.obligation.strength,
                        reasons=reasons,
                        sources=v.sources,
                    )
                )
            self._expanded = tuple(out)
        return self._expanded

    def json_of(self, o: Obligation) -> dict[str, Any]:
        """``o.to_json()`` for one of this group's obligations, built once per group: the
        reasons and sources the rows share are converted once and shared (read-only)."""
        if self._json is None:
            v = self.verdict
            common = [r.to_json() for r in v.reasons]
            sources = [src.to_json() for src in v.sources]
            built: dict[int, dict[str, Any]] = {}
            for ob, (_, own) in zip(self.expand(), self.rows, strict=True):
                built[id(ob)] = {
                    "state": ob.state,
                    "protects": ob.protects,
                    "treaty": ob.treaty,
                    "clause": ob.clause,
                    "article": ob.article,
                    "type": ob.type.value,
                    "status": ob.status.value,
                    "strength": ob.strength.value,
                    "reasons": [*common[:1], *(r.to_json() for r in own), *common[1:]],
                    "sources": sources,
                }
            self._json = built
        return self._json[id(o)]


@dataclass
class CheckResult:
    scenario: Scenario
    groups: list[ClauseGroup]
    place_name: str
    _rows: list[Obligation] | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def no_duty(self) -> list[NoDuty]:
        """Instruments without a defense clause linking the target to states that no
        defense obligation binds to it that day (attackers left out): "no treaty obliges X;
        the closest instrument is Y" (engine/noduty.py)."""
        if self._engine is None:
            return []
        return self._engine.no_duty(self.scenario)

    @property
    def obligations(self) -> list[Obligation]:
        if self._rows is None:
            rows = [o for g in self.groups for o in g.expand()]
            rows.sort(
                key=lambda o: (STATUS_RANK[o.status], STRENGTH_RANK[o.strength], o.treaty, o.state)
            )
            self._rows = rows
        return self._rows

    def bound(self, *, include_uncertain: bool = False) -> list[Obligation]:
        """Defense obligations that bring the obligated state in."""
        ok = {Status.triggered} | ({Status.uncertain} if include_uncertain else set())
        return [o for o in self.obligations if o.status in ok and o.type in (ClauseType.defense,)]

    def summary(self, kb: KnowledgeBase | None = None) -> Summary:
        """The answer at a glance (``.headline``, ``.lines()``): see engine/summary.py."""
        from .summary import summarize

        return summarize(self, kb)

    def __repr__(self) -> str:
        s = self.scenario
        counts: dict[str, int] = {}
        for o in self.obligations:
            counts[o.status.value] = counts.get(o.status.value, 0) + 1
        told = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no obligations"
        return (
            f"<CheckResult {'+'.join(s.attacker)} → {s.target} on {s.date} "
            f"in {self.place_name}: {told}>"
        )

    def to_json(self) -> dict[str, Any]:
        owner = {id(o): g for g in self.groups for o in g.expand()}
        return {
            "scenario": scenario_json(self.scenario, self.place_name),
            "obligations": [owner[id(o)].json_of(o) for o in self.obligations],
            "no_duty": [n.to_json() for n in self.no_duty],
        }


def scenario_json(s: Scenario, place_name: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = s.to_json()
    out["place"] = place_name
    return out


def _status(clause: Clause, reasons: tuple[Reason, ...]) -> Status:
    verdicts = {r.verdict for r in reasons}
    if Verdict.failed in verdicts:
        return Status.not_triggered
    if clause.type is ClauseType.consultation:
        return Status.consultation
    if Verdict.unknown in verdicts:
        return Status.uncertain
    return Status.triggered


def _coded_reason(t: Treaty, day: date, src: tuple[SourceRef, ...]) -> Reason:
    if t.coverage_end is not None and day > t.coverage_end:
        return Reason(
            "provenance",
            Verdict.unknown,
            f"{t.short_name} is coded by {t.coded_by} (not curated), whose data end on "
            f"{t.coverage_end}; whether it still binds on {day} is not recorded",
            src,
        )
    return Reason(
        "provenance",
        Verdict.met,
        f"{t.short_name} is coded by {t.coded_by} from its member-level data (not curated; "
        "the ATOP codebook defines the codes)",
        src,
    )


def _name(code: str) -> str:
    return states.get(code).name if states.is_known(code) else code


def _fmt(d: date | None) -> str:
    return d.isoformat() if d else "an unknown date"


class Engine:
    """The engine over one KB: an index from protected state to candidate clauses, the
    gazetteer, and caches. Build once, check many."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.places = Places(kb.areas)
        self._index: dict[str, list[tuple[Treaty, Clause]]] = {}
        for treaty in kb.treaties.values():
            ever = treaty.states()
            for clause in treaty.clauses:
                if clause.type not in PROTECTING_TYPES:
                    continue
                owed_to = clause.obligation.owed_to
                protected = ever if owed_to == "all" else set(owed_to)
                for code in protected:
                    self._index.setdefault(code, []).append((treaty, clause))
        self._members: dict[tuple[str, date], frozenset[str]] = {}
        self._no_duty: dict[tuple[Any, ...], list[NoDuty]] = {}
        self._verdicts: dict[tuple[Any, ...], _ClauseVerdict] = {}
        self._groups: dict[tuple[Any, ...], ClauseGroup | None] = {}
        self._attacker_cache: dict[tuple[Any, ...], tuple[Reason, ...]] = {}
        self._rows_cache: dict[
            tuple[Any, ...],
            tuple[tuple[tuple[str, tuple[Reason, ...]], ...], frozenset[str]],
        ] = {}

    # ---- public ---------------------------------------------------------------------
    CACHE_LIMIT = 40_000

    def check(self, scenario: Scenario) -> CheckResult:
        if len(self._groups) > self.CACHE_LIMIT:  # a long-running server: stay bounded
            self.clear_caches()
        place = self._place(scenario)
        fp = self.places.footprint(place)
        groups: list[ClauseGroup] = []
        for treaty, clause in self._index.get(scenario.target, ()):
            group = self._group(treaty, clause, scenario, fp)
            if group is not None:
                groups.append(group)
        return CheckResult(scenario, groups, self.places.name(place), _engine=self)

    def no_duty(self, s: Scenario) -> list[NoDuty]:
        key = (s.target, s.date, tuple(s.attacker))
        got = self._no_duty.get(key)
        if got is None:
            got = closest_instruments(self.kb, s.target, s.date, exclude=s.attacker)
            self._no_duty[key] = got
        return got

    def clear_caches(self) -> None:
        for c in (
            self._no_duty,
            self._groups,
            self._verdicts,
            self._attacker_cache,
            self._rows_cache,
            self._members,
        ):
            c.clear()

    def protectors(self, target: str) -> list[tuple[Treaty, Clause]]:
        return list(self._index.get(target, ()))

    # ---- scenario place ---------------------------------------------------------------
    def _place(self, s: Scenario) -> str:
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
        if (
            s.asset == "territory"
            and area.kind == "territory"
            and area.held_by not in (None, s.target)
        ):
            raise ScenarioError(
                "where",
                f"{area.name} is held by {_name(area.held_by or '')}, not by "
                f"{_name(s.target)}, so it is not {_name(s.target)}'s territory",
                f"for an attack on {_name(s.target)}'s forces there, use asset armed_forces",
            )
        return area.id

    # ---- membership ---------------------------------------------------------------------
    def members(self, treaty: Treaty, day: date) -> frozenset[str]:
        key = (treaty.id, day)
        got = self._members.get(key)
        if got is None:
            got = frozenset(treaty.members_on(day))
            self._members[key] = got
        return got

    # ---- one clause ----------------------------------------------------------------------
    def _group(
        self, treaty: Treaty, clause: Clause, s: Scenario, fp: Footprint
    ) -> ClauseGroup | None:
        gkey = (treaty.id, clause.id, fp.place, s)
        if gkey in self._groups:
            return self._groups[gkey]
        group = self._make_group(treaty, clause, s, fp)
        self._groups[gkey] = group
        return group

    def _make_group(
        self, treaty: Treaty, clause: Clause, s: Scenario, fp: Footprint
    ) -> ClauseGroup | None:
        verdict = self._clause_verdict(treaty, clause, s, fp)
        akey = (treaty.id, clause.id, tuple(s.attacker), s.date)
        attacker_reasons = self._attacker_cache.get(akey)
        if attacker_reasons is None:
            attacker_reasons = self._attacker_reasons(treaty, clause, s)
            self._attacker_cache[akey] = attacker_reasons
        if attacker_reasons:
            verdict = _ClauseVerdict(
                treaty, clause, verdict.reasons + attacker_reasons, verdict.sources
            )
        rkey = (treaty.id, clause.id, s.target, s.date)
        cached = self._rows_cache.get(rkey)
        if cached is None:
            built = self._rows(treaty, clause, s)
            cached = (built, frozenset(r[0] for r in built))
            self._rows_cache[rkey] = cached
        rows, obligated = cached
        if not obligated.isdisjoint(s.attacker):
            rows = tuple(r for r in rows if r[0] not in s.attacker)
        if not rows:
            return None
        return ClauseGroup(verdict, s.target, rows)

    def _rows(
        self, treaty: Treaty, clause: Clause, s: Scenario
    ) -> tuple[tuple[str, tuple[Reason, ...]], ...]:
        """(obligated state, its own reasons) for every state bound by ``clause`` toward the
        target on the day; independent of the attacker, so cached."""
        members = self.members(treaty, s.date)
        owed_by = clause.obligation.owed_by
        ever = treaty.states()
        candidates = (ever if owed_by == "all" else set(owed_by)) - {s.target}
        small = len(ever) <= 2 or not treaty.is_in_force(s.date)
        rows: list[tuple[str, tuple[Reason, ...]]] = []
        for state in sorted(candidates):
            if not states.exists(state, s.date):
                continue  # a state never appears on a day it did not exist
            active = state in members
            if not active and not small and state in ever:
                continue  # not a party that day: not listed for large treaties
            rows.append((state, self._state_reasons(treaty, state, s, active)))
        return tuple(rows)

    def _state_reasons(
        self, treaty: Treaty, state: str, s: Scenario, active: bool
    ) -> tuple[Reason, ...]:
        src = self._party_sources(treaty, state)
        out: list[Reason] = []
        if state not in treaty.states():
            out.append(
                Reason(
                    "membership",
                    Verdict.met,
                    f"{_name(state)} is the obligated state named in the text",
                    src,
                )
            )
        elif active:
            out.append(
                Reason("membership", Verdict.met, f"{_name(state)} is a party on {s.date}", src)
            )
        else:
            out.append(
                Reason(
                    "membership",
                    Verdict.failed,
                    f"{_name(state)} is not a party on {s.date}{_spell_text(treaty, state)}",
                    src,
                )
            )
        for sus in treaty.suspensions:
            if sus.active_on(s.date) and sus.applies(state, s.target):
                ssrc = tuple(self._src(treaty, sus.sources))
                if sus.kind == "suspended":
                    out.append(
                        Reason(
                            "suspension",
                            Verdict.failed,
                            f"{_name(state)}'s obligations toward {_name(s.target)} "
                            f"are suspended since {sus.since}",
                            ssrc,
                        )
                    )
                else:
                    out.append(
                        Reason(
                            "suspension",
                            Verdict.unknown,
                            f"participation is frozen since {sus.since}: "
                            f"{sus.summary or 'the party does not take part'}",
                            ssrc,
                        )
                    )
        return tuple(out)

    def _attacker_reasons(self, treaty: Treaty, clause: Clause, s: Scenario) -> tuple[Reason, ...]:
        out: list[Reason] = []
        attackers = s.attacker_states
        adv = clause.trigger.adversaries
        if adv is not None and attackers:
            hit = [a for a in attackers if a in adv]
            if hit:
                out.append(
                    Reason(
                        "adversary",
                        Verdict.met,
                        f"the clause names {', '.join(map(_name, hit))} as the adversary",
                        self._clause_sources(treaty, clause),
                    )
                )
            else:
                out.append(
                    Reason(
                        "adversary",
                        Verdict.failed,
                        f"the clause covers attacks by {', '.join(map(_name, adv))} only",
                        self._clause_sources(treaty, clause),
                    )
                )
        co = [a for a in attackers if a in self.members(treaty, s.date)]
        if co:
            out.append(
                Reason(
                    "co_party",
                    Verdict.unknown,
                    f"the attacker ({', '.join(map(_name, co))}) is itself a party; "
                    "the treaty does not say how it applies between its own members",
                )
            )
        return tuple(out)

    def _clause_verdict(
        self, treaty: Treaty, clause: Clause, s: Scenario, fp: Footprint
    ) -> _ClauseVerdict:
        key = (
            treaty.id,
            clause.id,
            s.target,
            s.date,
            fp.place,
            s.asset,
            s.severity,
            s.initiator,
            s.non_state is not None and not s.attacker_states,
        )
        got = self._verdicts.get(key)
        if got is None:
            got = self._evaluate(treaty, clause, s, fp)
            self._verdicts[key] = got
        return got

    def _evaluate(self, t: Treaty, c: Clause, s: Scenario, fp: Footprint) -> _ClauseVerdict:
        reasons: list[Reason] = []
        csrc = self._clause_sources(t, c)
        tsrc = tuple(self._src(t, [ordered(t.sources)[0].id])) if t.sources else ()
        day = s.date
        # 1. in force
        reasons.append(self._in_force(t, day, tsrc))
        # 2. the protected state is a party
        if s.target in t.states():
            if s.target in self.members(t, day):
                reasons.append(
                    Reason(
                        "protected",
                        Verdict.met,
                        f"{_name(s.target)} is a party on {day}",
                        self._party_sources(t, s.target),
                    )
                )
            elif t.is_in_force(day):
                reasons.append(
                    Reason(
                        "protected",
                        Verdict.failed,
                        f"{_name(s.target)} is not a party on {day}{_spell_text(t, s.target)}",
                        self._party_sources(t, s.target),
                    )
                )
        # 3. what kind of clause
        if c.type is ClauseType.policy:
            reasons.append(
                Reason(
                    "obligation",
                    Verdict.failed,
                    f"{c.label} states a policy, not a legal obligation to defend "
                    f"{_name(s.target)}",
                    csrc,
                )
            )
        # 4. severity
        reasons.append(self._severity(c, s, csrc))
        # 5. place and asset
        interps = [i for i in t.interpretations if i.clause == c.id and i.date <= day]
        reasons.append(self._scope(t, c, s, fp, interps, csrc))
        # 6. non-state attacker
        if s.non_state is not None and not s.attacker_states:
            ns = c.trigger.non_state
            if ns is True:
                reasons.append(
                    Reason(
                        "non_state",
                        Verdict.met,
                        f"an attack by {s.non_state} counts under {c.label}",
                        csrc,
                    )
                )
            elif ns is False:
                reasons.append(
                    Reason(
                        "non_state",
                        Verdict.failed,
                        f"{c.label} covers attacks by states only",
                        csrc,
                    )
                )
            else:
                reasons.append(
                    Reason(
                        "non_state",
                        Verdict.unknown,
                        f"whether an attack by a non-state actor ({s.non_state}) "
                        f"counts under {c.label} is untested",
                        csrc,
                    )
                )
        # 7. provocation
        reasons.append(self._provocation(t, c, s, interps, csrc))
        # 8. conditions the trigger model cannot evaluate (e.g. ATOP codes): unknown
        for u in c.trigger.unmodelled:
            reasons.append(Reason(f"unmodelled:{u.code}", Verdict.unknown, u.text, csrc))
        # 9. a coded treaty (the ATOP layer): say so, and nothing is known past its data
        if t.coded_by is not None:
            reasons.append(_coded_reason(t, day, tsrc))
        sources = sorted(
            _dedupe([*csrc, *tsrc, *(x for r in reasons for x in r.sources)]),
            key=lambda r: RANK[SourceKind(r.kind)],
        )
        return _ClauseVerdict(t, c, tuple(reasons), tuple(sources))

    @staticmethod
    def _in_force(t: Treaty, day: date, src: tuple[SourceRef, ...]) -> Reason:
        if t.ended is not None and day >= t.ended:
            why = f": {t.end_reason}" if t.end_reason else ""
            return Reason(
                "in_force", Verdict.failed, f"{t.short_name} ended on {t.ended}{why}", src
            )
        if t.in_force is not None:
            if day >= t.in_force:
                return Reason(
                    "in_force",
                    Verdict.met,
                    f"{t.short_name} is in force on {day} (since {t.in_force})",
                    src,
                )
            signed = f"signed {t.signed}, " if t.signed and t.signed <= day else ""
            return Reason(
                "in_force",
                Verdict.failed,
                f"{t.short_name} is not yet in force on {day} ({signed}in force from {t.in_force})",
                src,
            )
        if t.in_force_by is not None:
            if day >= t.in_force_by:
                return Reason(
                    "in_force",
                    Verdict.met,
                    f"{t.short_name} was in force by {t.in_force_by} (the exact day "
                    "it entered into force is unknown)",
                    src,
                )
            if t.signed is None or day >= t.signed:
                return Reason(
                    "in_force",
                    Verdict.unknown,
                    f"{t.short_name} was signed {_fmt(t.signed)} and in force by "
                    f"{t.in_force_by}; whether it was in force on {day} is unknown",
                    src,
                )
        return Reason(
            "in_force",
            Verdict.failed,
            f"{t.short_name} was signed {_fmt(t.signed)} but is not known to have "
            "entered into force",
            src,
        )

    def _severity(self, c: Clause, s: Scenario, src: tuple[SourceRef, ...]) -> Reason:
        need = c.trigger.event
        gap = SEVERITY_RANK[need] - SEVERITY_RANK[s.severity]
        what = SEVERITY_TEXT[s.severity]
        if gap <= 0:
            return Reason(
                "event",
                Verdict.met,
                f"{what} meets the threshold of {c.label} ({SEVERITY_TEXT[need]})",
                src,
            )
        if gap == 1:
            contested = {
                Severity.gray_zone: "whether gray-zone coercion amounts to an armed attack "
                "is contested",
                Severity.armed_attack: "whether an armed attack short of invasion meets it "
                "is not settled",
                Severity.imminent_threat: "whether a threat short of coercion meets it is "
                "not settled",
            }[s.severity]
            return Reason(
                "event",
                Verdict.unknown,
                f"{c.label} requires {SEVERITY_TEXT[need]}; {contested}",
                src,
            )
        return Reason(
            "event",
            Verdict.failed,
            f"{c.label} requires {SEVERITY_TEXT[need]}; {what} falls short",
            src,
        )

    def _scope(
        self,
        t: Treaty,
        c: Clause,
        s: Scenario,
        fp: Footprint,
        interps: list[Any],
        csrc: tuple[SourceRef, ...],
    ) -> Reason:
        alternatives: list[tuple[Scope, tuple[SourceRef, ...], str | None]] = [
            (sc, csrc, None) for sc in c.trigger.scope
        ]
        for i in interps:
            if i.effect != "narrow":
                src = tuple(self._src(t, i.sources))
                alternatives += [(sc, src, f"{i.by} statement of {i.date}") for sc in i.add_scope]
        place = self.places.name(fp.place)
        best: tuple[Verdict, str, tuple[SourceRef, ...]] | None = None
        asset_seen = False
        for scope, src, via in alternatives:
            if s.asset not in scope.assets:
                continue
            asset_seen = True
            for ref in scope.areas:
                v = self.places.match(fp, ref, s.target)
                if v is Verdict.failed:
                    continue
                area = _area_text(ref, self)
                extra = f", per the {via}" if via else ""
                text = (
                    f"an attack on {s.asset.value.replace('_', ' ')} in {place} is covered "
                    f"({area}{extra})"
                    if v is Verdict.met
                    else f"{place} lies only partly in {area}{extra}: coverage is not settled"
                )
                if best is None or (v is Verdict.met and best[0] is not Verdict.met):
                    best = (v, text, src)
        if best is not None:
            return Reason("scope", best[0], best[1], best[2])
        if not asset_seen:
            return Reason(
                "scope",
                Verdict.failed,
                f"{c.label} does not cover attacks on {s.asset.value.replace('_', ' ')}",
                csrc,
            )
        areas = sorted(
            {
                _area_text(r, self)
                for sc, _, _ in alternatives
                if s.asset in sc.assets
                for r in sc.areas
            }
        )
        return Reason(
            "scope",
            Verdict.failed,
            f"{place} is outside the area {c.label} covers ({'; '.join(areas)})",
            csrc,
        )

    def _provocation(
        self, t: Treaty, c: Clause, s: Scenario, interps: list[Any], csrc: tuple[SourceRef, ...]
    ) -> Reason:
        voids = c.trigger.provocation_voids
        src = csrc
        via = ""
        for i in sorted(interps, key=lambda i: i.date):
            if i.provocation_voids is not None:
                voids, src = i.provocation_voids, tuple(self._src(t, i.sources))
                via = f" ({i.status.value} {_name(i.by)} statement of {i.date})"
        target = _name(s.target)
        if s.initiator is Initiator.attacker:
            return Reason(
                "provocation", Verdict.met, f"the attacker started the fighting, not {target}", src
            )
        if voids is False:
            return Reason(
                "provocation",
                Verdict.met,
                f"{c.label} applies whoever started the fighting{via}",
                src,
            )
        if s.initiator is Initiator.target:
            if voids is True:
                return Reason(
                    "provocation",
                    Verdict.failed,
                    f"{target} started the fighting, and the obligation does not "
                    f"cover a war the protected party began{via}",
                    src,
                )
            return Reason(
                "provocation",
                Verdict.unknown,
                f"{target} started the fighting; the treaty is silent on whether that "
                "voids the obligation",
                src,
            )
        if voids is True:
            return Reason(
                "provocation",
                Verdict.unknown,
                f"who started the fighting is unknown, and the obligation does not "
                f"cover a war {target} began{via}",
                src,
            )
        return Reason(
            "provocation",
            Verdict.met,
            "who started the fighting is unknown; the treaty does not make the "
            "obligation depend on it",
            src,
        )

    # ---- sources ----------------------------------------------------------------------
    @staticmethod
    def _src(t: Treaty, ids: list[str]) -> Iterator[SourceRef]:
        by_id = t.sources_by_id
        for s in ordered(by_id[sid] for sid in ids if sid in by_id):
            yield SourceRef(f"{t.id}/{s.id}", s.url, s.label, s.kind.value, badge(s), s.publisher)

    def _clause_sources(self, t: Treaty, c: Clause) -> tuple[SourceRef, ...]:
        return tuple(self._src(t, c.sources))

    def _party_sources(self, t: Treaty, state: str) -> tuple[SourceRef, ...]:
        return tuple(self._src(t, [sid for p in t.spells(state) for sid in p.sources]))


def _area_text(ref: str, engine: Engine) -> str:
    if ref == "party_home":
        return "the party's home territory"
    if ref == "party_territory":
        return "any territory the party holds"
    if ref == "anywhere":
        return "anywhere"
    if ref in engine.kb.areas:
        return engine.kb.areas[ref].name
    return f"{_name(ref)}'s home territory"


def _spell_text(t: Treaty, state: str) -> str:
    spells = sorted(t.spells(state), key=lambda p: p.joined or date.min)
    if not spells:
        return ""
    parts = [
        f"joined {p.joined or 'at entry into force'}" + (f", left {p.left}" if p.left else "")
        for p in spells
    ]
    return f" ({'; '.join(parts)})"


def _dedupe(refs: list[SourceRef]) -> list[SourceRef]:
    seen: set[str] = set()
    out: list[SourceRef] = []
    for r in refs:
        if r.key not in seen:
            seen.add(r.key)
            out.append(r)
    return out


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
