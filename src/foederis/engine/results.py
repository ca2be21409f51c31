"""results: what ``check`` returns, and its one JSON encoding.

A ``Finding`` is the outcome of one legal condition: its verdict, the structured facts it
rests on (dates, states, areas, ...) and its sources. Its English sentence is made in
``wording.py`` from the facts alone, so the JSON carries both ``text`` and ``facts`` and
interfaces can group and filter by facts, never by prose.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from foederis.model.enums import (
    STRENGTH_RANK,
    ClauseType,
    Outcome,
    Status,
    Strength,
    Verdict,
)
from foederis.model.record import record
from foederis.model.scenario import Scenario

if TYPE_CHECKING:
    from foederis.kb import KnowledgeBase

    from .check import Engine
    from .noduty import NoDuty
    from .summary import Summary

STATUS_RANK = {
    Status.triggered: 0,
    Status.uncertain: 1,
    Status.consultation: 2,
    Status.not_triggered: 3,
}

Facts = tuple[tuple[str, Any], ...]


@record(frozen=True, slots=True)
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


@record(frozen=True, slots=True)
class Finding:
    """One condition's outcome. ``key`` names the wording (``wording.py``); ``facts`` are
    (name, value) pairs: ISO3 codes, dates, area ids and names, clause labels."""

    condition: str
    verdict: Verdict
    key: str
    facts: Facts = ()
    sources: tuple[SourceRef, ...] = ()

    @property
    def text(self) -> str:
        from .wording import say

        return say(self)

    @property
    def shape(self) -> tuple[Any, ...]:
        """What the finding says, leaving out which obligated state it concerns: rows whose
        findings have the same shape can be shown as one group."""
        return (
            self.condition,
            self.verdict,
            self.key,
            tuple((k, v) for k, v in self.facts if k not in ("state", "toward")),
        )

    def fact(self, name: str, default: Any = None) -> Any:
        for k, v in self.facts:
            if k == name:
                return v
        return default

    def to_json(self) -> dict[str, Any]:
        return _finding_json(self)


Reason = Finding  # the name the interfaces used before the split


@lru_cache(maxsize=65_536)
def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "condition": f.condition,
        "verdict": f.verdict.value,
        "text": f.text,
        "facts": {k: _plain(v) for k, v in f.facts},
        "sources": [s.key for s in f.sources],
    }


def _plain(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


@record(frozen=True, slots=True)
class Precedent:
    """A recorded invocation of the clause (or of its treaty, clause unrecorded)."""

    id: str
    date: date | None
    by: str | None
    event: str
    outcome: Outcome
    summary: str | None
    sources: tuple[SourceRef, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "by": self.by,
            "event": self.event,
            "outcome": self.outcome.value,
            "summary": self.summary,
            "sources": [s.key for s in self.sources],
        }


@record(frozen=True, slots=True)
class Obligation:
    """One result row: ``state`` owes (or does not owe) ``protects`` a duty under one clause,
    with the status, the findings it rests on and the sources."""

    state: str
    protects: str
    treaty: str
    clause: str  # "nato#art-5"
    article: str  # "Art. 5"
    type: ClauseType
    status: Status
    strength: Strength
    reasons: tuple[Finding, ...]
    sources: tuple[SourceRef, ...]
    precedents: tuple[Precedent, ...] = ()
    belligerent: bool = True  # False: the duty is aid without co-belligerence
    rank: tuple[int, int, str, str] = field(default=(0, 0, "", ""), compare=False, repr=False)

    def failing(self) -> list[Finding]:
        return [r for r in self.reasons if r.verdict is not Verdict.met]

    @property
    def standing_policy(self) -> bool:
        """A policy (not a treaty) that stands on the day and covers the case: the only
        failed finding is the one saying a policy is no legal duty. A policy not yet adopted,
        or one whose terms do not cover the case, is an ordinary not-triggered row."""
        return self.type is ClauseType.policy and all(
            r.verdict is not Verdict.failed or r.condition == "obligation" for r in self.reasons
        )

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
            "belligerent": self.belligerent,
            "reasons": [r.to_json() for r in self.reasons],
            "sources": [s.to_json() for s in self.sources],
            "precedents": [p.to_json() for p in self.precedents],
        }


def status_of(clause_type: ClauseType, reasons: tuple[Finding, ...]) -> Status:
    verdicts = {r.verdict for r in reasons}
    if Verdict.failed in verdicts:
        return Status.not_triggered
    if clause_type is ClauseType.consultation:
        return Status.consultation
    if Verdict.unknown in verdicts:
        return Status.uncertain
    return Status.triggered


@record(frozen=True, slots=True, eq=False)
class ClauseGroup:
    """Obligations of all states bound by one clause toward the target in one scenario:
    the findings they share, and per obligated state its own findings. Compared and hashed
    by identity (the engine hands out one object per clause and scenario)."""

    treaty: str
    clause: str
    article: str
    type: ClauseType
    strength: Strength
    protects: str
    shared: tuple[Finding, ...]
    rows: tuple[tuple[str, tuple[Finding, ...], bool], ...]  # (state, own, belligerent)
    sources: tuple[SourceRef, ...]
    precedents: tuple[Precedent, ...]

    def expand(self) -> tuple[Obligation, ...]:
        return _expand(self)

    def json_rows(self) -> tuple[dict[str, Any], ...]:
        """``o.to_json()`` for each of ``expand()``, built once per group: the reasons and
        sources the rows share are converted once and shared (read-only)."""
        return _group_json(self)


@lru_cache(maxsize=65_536)
def _group_json(g: ClauseGroup) -> tuple[dict[str, Any], ...]:
    common = [r.to_json() for r in g.shared]
    sources = [s.to_json() for s in g.sources]
    precedents = [p.to_json() for p in g.precedents]
    out = []
    for o, (_, own, _b) in zip(g.expand(), g.rows, strict=True):
        out.append(
            {
                "state": o.state,
                "protects": o.protects,
                "treaty": o.treaty,
                "clause": o.clause,
                "article": o.article,
                "type": o.type.value,
                "status": o.status.value,
                "strength": o.strength.value,
                "belligerent": o.belligerent,
                "reasons": [*common[:1], *(r.to_json() for r in own), *common[1:]],
                "sources": sources,
                "precedents": precedents,
            }
        )
    return tuple(out)


@lru_cache(maxsize=65_536)
def _expand(g: ClauseGroup) -> tuple[Obligation, ...]:
    out = []
    for state, own, belligerent in g.rows:
        reasons = g.shared[:1] + own + g.shared[1:]
        status = status_of(g.type, reasons)
        out.append(
            Obligation(
                state=state,
                protects=g.protects,
                treaty=g.treaty,
                clause=g.clause,
                article=g.article,
                type=g.type,
                status=status,
                strength=g.strength,
                reasons=reasons,
                sources=g.sources,
                precedents=g.precedents,
                belligerent=belligerent,
                rank=(STATUS_RANK[status], STRENGTH_RANK[g.strength], g.treaty, state),
            )
        )
    return tuple(out)


@record
class CheckResult:
    """The answer of ``check`` for one scenario: the clause groups, expanded into
    ``obligations`` rows on first use."""

    scenario: Scenario
    groups: tuple[ClauseGroup, ...]
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
            rows.sort(key=lambda o: o.rank)
            self._rows = rows
        return self._rows

    def bound(self, *, include_uncertain: bool = False) -> list[Obligation]:
        """Defense obligations that bring the obligated state in."""
        ok = {Status.triggered} | ({Status.uncertain} if include_uncertain else set())
        return [o for o in self.obligations if o.status in ok and o.type is ClauseType.defense]

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

    def _json_rows(self) -> list[dict[str, Any]]:
        built = {
            id(o): j for g in self.groups for o, j in zip(g.expand(), g.json_rows(), strict=True)
        }
        return [built[id(o)] for o in self.obligations]

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": scenario_json(self.scenario, self.place_name),
            "obligations": self._json_rows(),
            "no_duty": [n.to_json() for n in self.no_duty],
        }


def scenario_json(s: Scenario, place_name: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = s.to_json()
    out["place"] = place_name
    return out
