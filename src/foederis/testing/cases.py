"""Scenario test cases as YAML that a domain expert can review (OpenFisca-style).

A case file holds ``sources`` (id, url) and ``cases``; each case is a sentence ``name``, a
``date``, an ``input`` scenario, the expected ``output`` keyed ``OBLIGATED->PROTECTED``,
optional ``absent`` states (no triggered or uncertain obligation), optional ``cascade``
expectations (``sides``, ``not_joined``, ``joined_in_round``, ``conflicts``: states reported
bound to both sides, ``uncertain``: states with an uncertain duty that drafts nobody), and
the ``sources`` behind the expectation. See tests/scenarios/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from foederis.engine.cascade import cascade
from foederis.engine.check import Obligation, check
from foederis.errors import KBValidationError, Problem
from foederis.kb import KnowledgeBase
from foederis.kb.yamlfile import read_yaml
from foederis.model.enums import Status
from foederis.model.scenario import Scenario


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status
    clause: str | None = None
    strength: str | None = None
    reason_contains: str | None = None
    # an invocation id the row must carry among its precedents ("2022-09-arm")
    precedent: str | None = None


class CascadeExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    mode: str = "legal"
    rounds: int | None = None
    sides: dict[str, list[str]] = Field(default_factory=dict)
    not_joined: list[str] = Field(default_factory=list)
    joined_in_round: dict[str, int] = Field(default_factory=dict)
    # states reported as bound to both sides (a conflict of obligations)
    conflicts: list[str] = Field(default_factory=list)
    # states whose duty is reported uncertain (drafts nobody)
    uncertain: list[str] = Field(default_factory=list)


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    date: date
    input: dict[str, Any]
    output: dict[str, Expect] = Field(default_factory=dict)
    absent: list[str] = Field(default_factory=list)
    cascade: CascadeExpect | None = None
    sources: list[str] = Field(min_length=1)
    note: str | None = None


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[dict[str, Any]] = Field(min_length=1)
    cases: list[CaseModel]


@dataclass
class Case:
    file: str
    line: int | None
    name: str
    model: CaseModel
    source_urls: dict[str, str] = field(default_factory=dict)


def load_case_file(path: Path) -> list[Case]:
    doc = read_yaml(path)
    if doc.problems:
        raise KBValidationError(doc.problems)
    try:
        parsed = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        problems = [
            Problem(
                doc.file, doc.line_of(tuple(e["loc"])), ".".join(map(str, e["loc"])), str(e["msg"])
            )
            for e in exc.errors()
        ]
        raise KBValidationError(problems) from None
    urls = {str(s.get("id")): str(s.get("url")) for s in parsed.sources}
    out = []
    for i, case in enumerate(parsed.cases):
        unknown = [s for s in case.sources if s not in urls]
        if unknown:
            raise KBValidationError(
                [
                    Problem(
                        doc.file,
                        doc.line_of(("cases", i, "sources")),
                        f"cases[{i}].sources",
                        f"unknown source id(s) {unknown}",
                    )
                ]
            )
        out.append(Case(doc.file, doc.line_of(("cases", i)), case.name, case, urls))
    return out


def _pick(rows: list[Obligation], key: str, want: Expect) -> Obligation | None:
    obligated, _, protected = key.partition("->")
    cands = [o for o in rows if o.state == obligated.strip() and o.protects == protected.strip()]
    if want.clause:
        cands = [o for o in cands if o.clause == want.clause]
    return cands[0] if cands else None


def run_case(case: Case, kb: KnowledgeBase, *, explain: bool = False) -> list[str]:
    """The failures of one case as one-line messages (empty list = pass)."""
    m = case.model
    scenario = Scenario(**{**m.input, "date": m.date})
    result = check(scenario, kb)
    rows = result.obligations
    problems: list[str] = []
    for key, want in m.output.items():
        got = _pick(rows, key, want)
        where = f"{key}{' ' + want.clause if want.clause else ''} @{m.date}"
        if got is None:
            problems.append(f"{where}: expected {want.status.value}, got no obligation")
            continue
        why = "; ".join(f"{r.condition}: {r.text}" for r in got.failing()) or "all conditions met"
        if got.status is not want.status:
            problems.append(
                f"{where}: expected {want.status.value}, got {got.status.value} ({why})"
            )
        if want.strength and got.strength.value != want.strength:
            problems.append(f"{where}: expected strength {want.strength}, got {got.strength.value}")
        if want.reason_contains and not any(
            want.reason_contains.lower() in r.text.lower() for r in got.reasons
        ):
            problems.append(f"{where}: no reason mentions {want.reason_contains!r}")
        if want.precedent and want.precedent not in {p.id for p in got.precedents}:
            problems.append(f"{where}: precedent {want.precedent!r} not shown")
        if explain and problems:
            problems += [f"    {r.verdict.value}: {r.text}" for r in got.reasons]
    for state in m.absent:
        bad = [
            o for o in rows if o.state == state and o.status in (Status.triggered, Status.uncertain)
        ]
        if bad:
            problems.append(
                f"{state} @{m.date}: expected no obligation, got "
                + ", ".join(f"{o.clause} {o.status.value}" for o in bad)
            )
    if m.cascade is not None:
        c = m.cascade
        res = cascade(scenario, kb, mode=c.mode, rounds=c.rounds)
        sides = res.sides
        for side, members in c.sides.items():
            missing = [s for s in members if s not in sides.get(side, [])]
            if missing:
                problems.append(
                    f"cascade ({c.mode}): expected {missing} on the {side} side, sides are {sides}"
                )
        joined = {s for v in sides.values() for s in v}
        for s in c.not_joined:
            if s in joined:
                problems.append(f"cascade ({c.mode}): expected {s} not to join, sides are {sides}")
        conflicted = {c["state"] for c in res.conflicts}
        for s in c.conflicts:
            if s not in conflicted:
                problems.append(
                    f"cascade ({c.mode}): expected {s} reported bound to both sides, "
                    f"conflicts are {sorted(conflicted)}"
                )
        doubtful = {d.state for d in res.uncertain}
        for s in c.uncertain:
            if s not in doubtful:
                problems.append(
                    f"cascade ({c.mode}): expected {s} among the uncertain duties, "
                    f"they are {sorted(doubtful)}"
                )
        rounds = {e.state: i for i, r in enumerate(res.rounds) for e in r}
        for s, r in c.joined_in_round.items():
            if rounds.get(s) != r:
                problems.append(
                    f"cascade ({c.mode}): expected {s} to join in round {r}, got {rounds.get(s)}"
                )
    return problems
