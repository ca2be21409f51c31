"""The source-quality report (`foederis sources`, docs/source-quality.md): per treaty,
which facts rest on an official or primary source, which on secondary sources only, and
the problems (validator errors still pending re-sourcing, and warnings).

A fact is one sourced entry of a treaty file: a party spell, a suspension, a clause (its
quoted text), an interpretation, an invocation, a disputed reading. The report depends
only on the KB, never on today's date, so the checked-in copy is reproducible."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from foederis.model.enums import TextStatus
from foederis.model.treaty import Source, Treaty
from foederis.sources.grade import BADGE, PRIMARY_KINDS, RANK
from foederis.sources.rules import Finding, split_pending, treaty_findings


@dataclass(frozen=True, slots=True)
class Fact:
    what: str
    kinds: tuple[str, ...]  # the kinds of its sources, best first
    primary: bool


@dataclass
class TreatyReport:
    id: str
    name: str
    facts: list[Fact] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def primary(self) -> list[Fact]:
        return [f for f in self.facts if f.primary]

    @property
    def secondary(self) -> list[Fact]:
        return [f for f in self.facts if not f.primary]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "facts": len(self.facts),
            "primary": [f.what for f in self.primary],
            "secondary_only": [{"fact": f.what, "kinds": list(f.kinds)} for f in self.secondary],
            "problems": self.problems,
        }


def _fact(what: str, ids: Iterable[str], by_id: dict[str, Source]) -> Fact:
    srcs = sorted((by_id[i] for i in ids if i in by_id), key=lambda s: RANK[s.kind])
    kinds = tuple(dict.fromkeys(s.kind.value for s in srcs))
    return Fact(what, kinds, any(s.kind in PRIMARY_KINDS for s in srcs))


def _where(t: Treaty, f: Finding) -> str:
    path = f.path
    if len(path) >= 2 and path[0] == "sources" and isinstance(path[1], int):
        return f"source {t.sources[path[1]].id}"
    if len(path) >= 2 and path[0] == "clauses" and isinstance(path[1], int):
        return f"Art. {t.clauses[path[1]].article}"
    if len(path) >= 2 and path[0] == "parties" and isinstance(path[1], int):
        return f"party {t.parties[path[1]].state}"
    return ".".join(str(p) for p in path)


def treaty_report(t: Treaty) -> TreatyReport:
    by_id = t.sources_by_id
    rep = TreatyReport(t.id, t.name)
    for p in t.parties:
        span = f"{p.joined or 'entry into force'} to {p.left or 'today'}"
        rep.facts.append(_fact(f"party {p.state} ({span})", p.sources, by_id))
    for s in t.suspensions:
        rep.facts.append(_fact(f"{s.kind} since {s.since}", s.sources, by_id))
    for c in t.clauses:
        what = f"Art. {c.article}"
        if c.text_status is TextStatus.unpublished:
            what += " (no official text published)"
        elif c.text:
            what += " text"
        rep.facts.append(_fact(what, c.sources, by_id))
    for i in t.interpretations:
        rep.facts.append(_fact(f"interpretation {i.id}", i.sources, by_id))
    for v in t.invocations:
        rep.facts.append(_fact(f"invocation {v.id}", v.sources, by_id))
    for d in t.disputed:
        rep.facts.append(_fact(f"disputed {d.field}", d.sources, by_id))
    errors, warnings = treaty_findings(t)
    errors, pending = split_pending(t, errors)
    rep.problems += [f"error: {_where(t, f)}: {f.message}" for f in errors]
    rep.problems += [f"{_where(t, f)}: {f.message}" for f in pending]
    rep.problems += [f"warning: {_where(t, f)}: {f.message}" for f in warnings]
    return rep


def kb_report(treaties: Iterable[Treaty]) -> list[TreatyReport]:
    return [treaty_report(t) for t in sorted(treaties, key=lambda t: t.id)]


def _kinds(f: Fact) -> str:
    return ", ".join(BADGE_BY_VALUE[k] for k in f.kinds) or "no source"


BADGE_BY_VALUE = {k.value: b for k, b in BADGE.items()}


def report_text(reports: list[TreatyReport]) -> str:
    out: list[str] = []
    for r in reports:
        out.append(
            f"{r.id}: {len(r.facts)} facts, {len(r.primary)} with an official/primary source, "
            f"{len(r.secondary)} secondary-only, {len(r.problems)} problems\n"
        )
        if r.primary:
            out.append("  official/primary: " + "; ".join(f.what for f in r.primary) + "\n")
        for f in r.secondary:
            out.append(f"  secondary only: {f.what} ({_kinds(f)})\n")
        for p in r.problems:
            out.append(f"  {p}\n")
    return "".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(reports: list[TreatyReport]) -> str:
    facts = sum(len(r.facts) for r in reports)
    primary = sum(len(r.primary) for r in reports)
    problems = sum(len(r.problems) for r in reports)
    out = [
        "# Source quality of the knowledge base\n\n",
        "Generated by `foederis sources --format markdown > docs/source-quality.md`; a test\n",
        "fails when this file is stale. A fact is one sourced entry of a treaty file (a party\n",
        "spell, a suspension, a clause, an interpretation, an invocation, a disputed reading).\n",
        "*Official/primary*: at least one source is a treaty text, depositary record,\n",
        "government, intergovernmental, parliamentary, court or official-gazette document.\n",
        "*Secondary only*: scholarly, data-set, press or reference sources only. Grades come\n",
        "from each source's `kind`, checked against the reviewed domain registry\n",
        '(`src/foederis/data/sources/domains.yaml`; see docs/kb-format.md, "Sources").\n\n',
        f"**{len(reports)} treaties, {facts} facts: {primary} with an official/primary source, "
        f"{facts - primary} secondary-only; {problems} problems.**\n\n",
        "| treaty | facts | official/primary | secondary only | problems |\n",
        "|---|---:|---:|---:|---:|\n",
    ]
    out += [
        f"| [{r.id}](#{r.id}) | {len(r.facts)} | {len(r.primary)} | {len(r.secondary)} | "
        f"{len(r.problems)} |\n"
        for r in reports
    ]
    for r in reports:
        out.append(f"\n## {r.id}\n\n{_md(r.name)}\n\n")
        if r.primary:
            out.append("Official/primary: " + _md("; ".join(f.what for f in r.primary)) + ".\n\n")
        if r.secondary:
            out.append("Secondary only:\n\n")
            out += [f"- {_md(f.what)} ({_kinds(f)})\n" for f in r.secondary]
            out.append("\n")
        if r.problems:
            out.append("Problems:\n\n")
            out += [f"- {_md(p)}\n" for p in r.problems]
            out.append("\n")
    return "".join(out).rstrip("\n") + "\n"
