"""Wars after the COW data ends, from a reviewed YAML file, coded by the engine.

Each war lists events (who attacked whom, where, on which day, who started it) and who
fought beside each side. For every event the engine's ``check`` says which treaty duties
the attack triggered; the file says what the bound states did. A duty the engine finds
``triggered`` is honored when every bound state fought beside the target and violated
otherwise; ``not_triggered`` is cfna, ``consultation`` is consul, and ``uncertain`` stays
``unclear`` (the expert categories have no such value: the engine could not decide). So
this part of the backtest tests the engine's own rules, not a second copy of them.

The file format is documented in docs/backtest.md and at the top of the shipped example
(src/foederis/data/wars/recent.yaml); users pass their own with ``--recent FILE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from foederis.backtest.inputs import BacktestInputError
from foederis.backtest.rules import Category, Coding
from foederis.model.enums import Asset, Initiator

if TYPE_CHECKING:
    from foederis.kb import KnowledgeBase
    from foederis.kb.yamlfile import YamlDoc

DEFAULT_RECENT = Path(__file__).resolve().parent.parent / "data" / "wars" / "recent.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    id: str
    url: str
    title: str | None = Field(description="the page's own title; None when it was not seen")
    about: str = Field(min_length=1, description="what the source supports, in your words")
    publisher: str
    published: date | None = None
    label: str | None = Field(
        default=None, description="e.g. 'state media': evidence of what a government says"
    )


class Event(_Model):
    id: str
    date: date
    attacker: list[str] = Field(min_length=1)
    target: str
    where: str | None = None
    asset: Asset = Asset.territory
    initiator: Initiator = Initiator.attacker
    fought_with_target: list[str] = Field(default_factory=list)
    fought_with_attacker: list[str] = Field(default_factory=list)
    requested: list[str] = Field(
        default_factory=list, description="treaty ids whose aid the target formally requested"
    )
    summary: str
    sources: list[str] = Field(min_length=1)


class RecentWar(_Model):
    id: str
    name: str
    start: date
    end: date | None = None
    events: list[Event] = Field(min_length=1)


class RecentFile(_Model):
    wars: list[RecentWar]
    sources: list[Source]


@dataclass(frozen=True, slots=True)
class Recent:
    path: str
    wars: tuple[RecentWar, ...]
    sources: dict[str, Source]


def read_recent(path: Path | str = DEFAULT_RECENT) -> Recent:
    """Read and check a recent-wars file; errors name the file, line and field."""
    from foederis.kb.yamlfile import read_yaml

    p = Path(path)
    if not p.is_file():
        raise BacktestInputError(p, None, "--recent", "not found", "pass a recent-wars YAML file")
    doc = read_yaml(p)
    if doc.problems:
        prob = doc.problems[0]
        raise BacktestInputError(prob.file, prob.line, prob.field, prob.message, prob.hint or "")
    try:
        parsed = RecentFile.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(x for x in err["loc"] if isinstance(x, (str, int)))
        from foederis.kb.yamlfile import dotted

        raise BacktestInputError(
            doc.file,
            doc.line_of(loc),
            dotted(loc),
            str(err["msg"]),
            "see docs/backtest.md for the keys a war and an event take",
        ) from None
    sources = {s.id: s for s in parsed.sources}
    _check_domains(doc, parsed.sources)
    seen: set[str] = set()
    for wi, war in enumerate(parsed.wars):
        if war.id in seen:
            raise BacktestInputError(
                doc.file,
                doc.line_of(("wars", wi, "id")),
                f"wars[{wi}].id",
                f"duplicate war id {war.id!r}",
                "give every war its own id",
            )
        seen.add(war.id)
        for ei, ev in enumerate(war.events):
            for si, sid in enumerate(ev.sources):
                if sid not in sources:
                    loc = ("wars", wi, "events", ei, "sources", si)
                    raise BacktestInputError(
                        doc.file,
                        doc.line_of(loc),
                        f"wars[{wi}].events[{ei}].sources[{si}]",
                        f"unknown source {sid!r}",
                        "add it to the sources list at the end",
                    )
    return Recent(doc.file, tuple(parsed.wars), sources)


def _check_domains(doc: YamlDoc, sources: list[Source]) -> None:
    """Sources on an uncitable domain (wiki mirrors, content farms ...) are refused, and
    state media must say so in ``label``: the project's domain registry decides both."""
    from foederis.sources.registry import Uncitable, registry

    reg = registry()
    for i, src in enumerate(sources):
        entry = reg.lookup(src.url)
        if isinstance(entry, Uncitable):
            raise BacktestInputError(
                doc.file,
                doc.line_of(("sources", i, "url")),
                f"sources[{i}].url",
                f"{entry.domain} is not citable ({entry.reason})",
                "cite the original it copies (official text, the publisher, a newspaper of record)",
            )
        if entry is not None and entry.state_media and not (src.label or "").strip():
            raise BacktestInputError(
                doc.file,
                doc.line_of(("sources", i, "label")),
                f"sources[{i}].label",
                f"{entry.domain} is state media ({entry.state_media})",
                "set label: state media, so readers weigh it as the government's word",
            )


def code_recent(recent: Recent, kb: KnowledgeBase | None = None) -> list[Coding]:
    """One row per (event, treaty) that the engine finds relevant to the event's target."""
    from foederis import Scenario, check
    from foederis.kb import load_kb

    base = kb if kb is not None else load_kb()
    rows: list[Coding] = []
    for war in recent.wars:
        for ev in war.events:
            scenario = Scenario(
                attacker=tuple(ev.attacker),
                target=ev.target,
                date=ev.date,
                where=ev.where,
                asset=ev.asset,
                initiator=ev.initiator,
            )
            result = check(scenario, base)
            fighting = [*ev.attacker, ev.target, *ev.fought_with_target, *ev.fought_with_attacker]
            in_effect = {t.id for s in fighting for t in base.select(state=s, day=ev.date)}
            by_treaty: dict[str, list[Duty]] = {}
            for o in result.obligations:
                if o.treaty not in in_effect:
                    continue  # not in force, or no participant is a party that day
                failing = "; ".join(r.text for r in o.failing()) or "all conditions met"
                by_treaty.setdefault(o.treaty, []).append(
                    Duty(o.state, o.status.value, o.article, o.type.value, failing)
                )
            for treaty, obs in sorted(by_treaty.items()):
                rows.append(_code_treaty(war, ev, treaty, obs))
            rows.extend(_unlisted(war, ev, base, set(by_treaty)))
    return rows


@dataclass(frozen=True, slots=True)
class Duty:
    state: str
    status: str
    article: str
    kind: str  # the clause type: defense, consultation, ...
    failing: str


def _unlisted(war: RecentWar, ev: Event, kb: KnowledgeBase, listed: set[str]) -> list[Coding]:
    """Treaties binding a participant that the engine does not list for this attack: no party
    to them was attacked, so their casus foederis did not arise (cfna)."""
    fighting = [*ev.attacker, ev.target, *ev.fought_with_target, *ev.fought_with_attacker]
    out: list[Coding] = []
    seen: set[str] = set()
    for state in fighting:
        for t in kb.select(state=state, day=ev.date):
            if t.id in listed or t.id in seen:
                continue
            seen.add(t.id)
            members = sorted(set(fighting) & t.members_on(ev.date))
            reasons = (
                _facts(war, ev, t.id),
                f"event: {ev.summary.strip()}",
                f"{', '.join(members)} {'is a party' if len(members) == 1 else 'are parties'} "
                f"to {t.id} on {ev.date.isoformat()}; {ev.target} is not, so the engine lists "
                "no duty under it for this attack",
                f"sources: {', '.join(ev.sources)}",
            )
            out.append(
                Coding(war.id, None, Category.cfna, "no-party-attacked", reasons, (), t.id, ev.id)
            )
    return out


def _facts(war: RecentWar, ev: Event, treaty: str) -> str:
    return (
        f"{war.name}: {', '.join(ev.attacker)} attacked {ev.target} on {ev.date.isoformat()}"
        + (f" at {ev.where}" if ev.where else "")
        + (f" ({ev.asset})" if ev.asset != "territory" else "")
        + f" (started by: {ev.initiator}); fought beside {ev.target}: "
        + (", ".join(ev.fought_with_target) or "none")
        + (
            f"; beside {', '.join(ev.attacker)}: {', '.join(ev.fought_with_attacker)}"
            if ev.fought_with_attacker
            else ""
        )
        + (f"; {ev.target} requested aid under {treaty}" if treaty in ev.requested else "")
    )


def _code_treaty(war: RecentWar, ev: Event, treaty: str, obs: Sequence[Duty]) -> Coding:
    statuses = {d.status for d in obs}
    reasons = [_facts(war, ev, treaty), f"event: {ev.summary.strip()}"]
    if "triggered" in statuses:
        bound = sorted({d.state for d in obs if d.status == "triggered"})
        helped = [s for s in bound if s in ev.fought_with_target]
        idle = [s for s in bound if s not in ev.fought_with_target]
        reasons.append(f"engine: triggered for {', '.join(bound)}")
        reasons.append(
            f"fought beside {ev.target}: {', '.join(helped) or 'none'}; "
            f"did not: {', '.join(idle) or 'none'}"
        )
        category, rule = (
            (Category.violate, "engine-triggered") if idle else (Category.honor, "engine-triggered")
        )
    elif "uncertain" in statuses:
        for d in obs:
            if d.status == "uncertain":
                reasons.append(f"engine: {d.state} {d.article} uncertain: {d.failing}")
        helped = sorted(
            {d.state for d in obs if d.status == "uncertain"} & set(ev.fought_with_target)
        )
        reasons.append(f"fought beside {ev.target} anyway: {', '.join(helped) or 'none'}")
        category, rule = Category.unclear, "engine-uncertain"
    elif all(d.kind == "consultation" for d in obs):
        reasons.append("engine: the treaty holds consultation duties only")
        category, rule = Category.consul, "engine-consultation"
    else:
        first = next(d for d in obs if d.status == "not_triggered")
        reasons.append(f"engine: not triggered ({first.state} {first.article}: {first.failing})")
        if "consultation" in statuses:
            reasons.append("engine: only the consultation clause applies")
        category, rule = Category.cfna, "engine-not-triggered"
    reasons.append(f"sources: {', '.join(ev.sources)}")
    return Coding(war.id, None, category, rule, tuple(reasons), (), treaty=treaty, event=ev.id)
